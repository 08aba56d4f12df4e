//! Spec version 2 end to end: the Kontur.Extern docflow specs and a nested
//! test spec compile, their documented bodies decode into typed Rust, typed
//! values survive encode-then-decode, and decode errors name the JSON path.

use kontur_extern::{Date, DateTime, Endpoint, Error};

kontur_extern::types!("spec/extern/types.yaml");
kontur_extern::endpoint!("spec/extern/get-docflow.yaml");
kontur_extern::endpoint!("spec/extern/docflow-page.yaml");

kontur_extern::types!("tests/specs/v2/common.yaml");
kontur_extern::endpoint!("tests/specs/v2/nested.yaml");
// Bodies that are not JSON: text, and bytes with their content type.
kontur_extern::endpoint!("tests/specs/v2/signature-content.yaml");
kontur_extern::endpoint!("tests/specs/v2/print-pdf.yaml");
// Uses both type files above, each of which defines `Link`.
kontur_extern::endpoint!("tests/specs/v2/two-files.yaml");
kontur_extern::endpoint!("tests/specs/v2/refused-send.yaml");
kontur_extern::endpoint!("tests/specs/v2/keyed.yaml");
kontur_extern::endpoint!("tests/specs/v2/requisites.yaml");
kontur_extern::endpoint!("tests/specs/v2/handbook.yaml");

use extern_types::{Docflow, DocflowDescription, DocflowType};

fn documented_docflow() -> Docflow {
    let example = &get_docflow::GetDocflow::examples()[0];
    get_docflow::GetDocflow::decode(example.documented_response.to_http())
        .expect("the documented docflow decodes")
        .body
}

#[test]
fn the_documented_docflow_decodes_into_typed_rust() {
    let docflow = documented_docflow();
    assert_eq!(
        docflow.id.to_string(),
        "a9bc74bd-311b-43f0-aff7-faba24ce35d9"
    );
    assert_eq!(docflow.r#type, DocflowType::Fns534Report);
    let DocflowDescription::Report(report) = &docflow.description else {
        panic!("a report's description: {:?}", docflow.description);
    };
    assert_eq!(report.recipient, "0087");
    assert_eq!(
        report.period_begin,
        "2012-01-01".parse::<Date>().expect("a date")
    );
    // Kontur's offset-less timestamp stays visibly offset-less; one with
    // `Z` keeps its offset.
    assert!(
        matches!(docflow.send_date, Some(DateTime::Local(_))),
        "{:?}",
        docflow.send_date
    );
    assert!(
        matches!(docflow.last_change_date, Some(DateTime::Offset(_))),
        "{:?}",
        docflow.last_change_date
    );
    let signature = &docflow.documents[0].signatures[0];
    assert!(
        signature
            .content_link
            .href
            .as_str()
            .starts_with("https://extern-api.testkontur.ru/"),
        "{}",
        signature.content_link.href
    );
}

/// The documented docflow's JSON, changed by `edit`, as a response.
fn docflow_response(edit: impl FnOnce(&mut serde_json::Value)) -> http::Response<Vec<u8>> {
    let example = &get_docflow::GetDocflow::examples()[0];
    let mut json: serde_json::Value =
        serde_json::from_str(example.documented_response.body).expect("JSON");
    edit(&mut json);
    http::Response::builder()
        .status(200)
        .header("Content-Type", "application/json")
        .body(serde_json::to_vec(&json).expect("serializes"))
        .expect("a response")
}

#[test]
fn a_decode_error_names_the_json_path_and_what_was_expected() {
    let response = docflow_response(|json| {
        json["documents"][0]["signatures"][0]["content-link"]["href"] = 5.into();
    });
    match get_docflow::GetDocflow::decode(response) {
        Err(Error::DecodeBody { path, problem, .. }) => {
            assert_eq!(path, "documents[0].signatures[0].content-link.href");
            assert!(problem.contains("expected"), "{problem}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    // Inside a union chosen by the docflow's `type`: the message names the
    // union's field and what is missing in the chosen variant.
    let response = docflow_response(|json| {
        json["description"]
            .as_object_mut()
            .expect("an object")
            .remove("recipient");
    });
    match get_docflow::GetDocflow::decode(response) {
        Err(error @ Error::DecodeBody { .. }) => {
            let shown = error.to_string();
            assert!(shown.contains("description"), "{shown}");
            assert!(shown.contains("missing field `recipient`"), "{shown}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[test]
fn unknown_json_keys_are_ignored_and_unknown_docflow_types_keep_their_json() {
    let response = docflow_response(|json| {
        json["a-field-from-next-year"] = serde_json::json!({"x": 1});
        json["type"] = "urn:docflow:from-the-future".into();
        json["description"] = serde_json::json!({"anything": [1, 2, 3]});
    });
    let docflow = get_docflow::GetDocflow::decode(response)
        .expect("decodes")
        .body;
    assert_eq!(
        docflow.r#type,
        DocflowType::Unknown("urn:docflow:from-the-future".into())
    );
    assert_eq!(
        docflow.description,
        DocflowDescription::Unknown(serde_json::json!({"anything": [1, 2, 3]}))
    );
}

#[test]
fn the_search_example_decodes_with_its_fallback_variant() {
    use search_docflows::SearchDocflows;
    let example = &SearchDocflows::examples()[0];
    let page = SearchDocflows::decode(example.documented_response.to_http())
        .expect("decodes")
        .body;
    assert_eq!(page.docflows_page_item.len(), 2);
    assert!(matches!(
        page.docflows_page_item[0].description,
        DocflowDescription::Report(_)
    ));
    assert!(matches!(
        page.docflows_page_item[1].description,
        DocflowDescription::Unknown(_)
    ));
}

#[test]
fn every_kind_of_union_and_container_decodes() {
    use put_parts::{PartDetail, PartKind, PutParts, Shape};
    let example = &PutParts::examples()[0];
    let list = PutParts::decode(example.documented_response.to_http())
        .expect("decodes")
        .body;
    assert_eq!(list.total_count, 2);
    let [first, second] = &list.parts[..] else {
        panic!("two parts");
    };
    let PartDetail::Report(report) = &first.detail else {
        panic!("a report: {:?}", first.detail);
    };
    assert_eq!(report.pages, 1, "the default");
    assert!(matches!(report.period_begin, DateTime::Local(_)));
    let labels = first.labels.as_ref().expect("labels");
    assert_eq!(labels["a"].as_deref(), Some("b"));
    assert_eq!(labels["c"], None);
    assert_eq!(first.links[0].rel, "self");
    assert_eq!(
        second.kind,
        PartKind::Unknown("urn:part:something-new".into())
    );
    assert_eq!(
        second.detail,
        PartDetail::Unknown(serde_json::json!({"anything": [1, 2]}))
    );
    // `box` is the second tag of `Square`.
    assert!(matches!(&list.shape, Some(Shape::Square(square)) if square.side == 3));
    assert_eq!(list.amount, put_parts::Amount::Text("12.50".into()));
    assert_eq!(list.checked, "2020-03-31".parse::<Date>().expect("a date"));
    assert_eq!(&list.content[..], b"hello");
}

#[test]
fn a_json_request_is_sent_as_documented() {
    use kontur_extern::ExposeSecret;
    use put_parts::PutParts;
    let example = &PutParts::examples()[0];
    assert_eq!(example.request.body.owner, "ООО Ромашка");
    assert_eq!(example.request.body.key.expose_secret(), "k-1");
    assert_eq!(example.request.body.note, None);
    let base_url = kontur_extern::Url::parse("https://example.com").expect("a URL");
    let http = PutParts::encode(&example.request, &base_url).expect("encodes");
    assert_eq!(http.headers()["content-type"], "application/json");
    assert_eq!(http.uri(), "https://example.com/v1/parts?dry-run=true");
    // Optional fields left unset are left out, not sent as null.
    let sent: serde_json::Value = serde_json::from_slice(http.body()).expect("JSON");
    assert_eq!(
        sent,
        serde_json::json!({"owner-name": "ООО Ромашка", "key": "k-1"})
    );
    let differences = example
        .documented_request
        .differences::<PutParts>(&http, &base_url);
    assert!(differences.is_empty(), "{differences:?}");

    // A changed body is a difference, at its JSON path.
    let mut changed = example.request.clone();
    changed.body.owner = "someone else".into();
    let http = PutParts::encode(&changed, &base_url).expect("encodes");
    let differences = example
        .documented_request
        .differences::<PutParts>(&http, &base_url);
    assert_eq!(differences.len(), 1, "{differences:?}");
    assert!(
        differences[0].what.contains("owner-name"),
        "{differences:?}"
    );
}

mod roundtrip {
    //! Encode-then-decode is the identity on generated types: any docflow
    //! the decoder accepts is written back as JSON that decodes to the
    //! same typed value.

    use super::*;
    use proptest::prelude::*;

    fn uuid() -> impl Strategy<Value = String> {
        any::<u128>().prop_map(|bits| kontur_extern::Uuid::from_u128(bits).to_string())
    }

    /// Every form Kontur sends: with `Z`, with an offset, without one; 0
    /// to 9 fractional digits.
    fn datetime() -> impl Strategy<Value = String> {
        (
            1970u32..2100,
            1u32..13,
            1u32..29,
            0u32..24,
            0u32..60,
            0u32..60,
            0usize..10,
            0u32..1_000_000_000,
            prop_oneof![
                Just(String::new()),
                Just("Z".to_owned()),
                Just("+03:00".to_owned()),
                Just("-11:30".to_owned())
            ],
        )
            .prop_map(|(y, mo, d, h, mi, s, digits, nanos, offset)| {
                let fraction = if digits == 0 {
                    String::new()
                } else {
                    format!(".{:09}", nanos)[..=digits].to_owned()
                };
                format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{fraction}{offset}")
            })
    }

    fn link() -> impl Strategy<Value = serde_json::Value> {
        (
            "[a-z-]{1,12}",
            proptest::option::of(".{0,20}"),
            proptest::option::of(any::<bool>()),
        )
            .prop_map(|(rel, title, templated)| {
                let mut link = serde_json::json!({
                    "href": format!("https://extern-api.testkontur.ru/v1/{rel}"),
                    "rel": rel,
                });
                if let Some(title) = title {
                    link["title"] = title.into();
                }
                if let Some(templated) = templated {
                    link["templated"] = templated.into();
                }
                link
            })
    }

    prop_compose! {
        fn docflow()(
            id in uuid(),
            known in any::<bool>(),
            status in prop_oneof![Just("urn:docflow-common-status:finished"), Just("urn:docflow-common-status:sent"), Just("urn:docflow-common-status:made-up")],
            recipient in "\\PC{0,12}",
            correction in any::<i64>(),
            links in proptest::collection::vec(link(), 0..4),
            send_date in proptest::option::of(datetime()),
            last_change in proptest::option::of(proptest::option::of(datetime())),
            extra in proptest::option::of(any::<u32>()),
        ) -> serde_json::Value {
            let example = &get_docflow::GetDocflow::examples()[0];
            let mut json: serde_json::Value =
                serde_json::from_str(example.documented_response.body).expect("JSON");
            json["id"] = id.into();
            json["status"] = status.into();
            json["links"] = links.into();
            if known {
                json["description"]["recipient"] = recipient.into();
                json["description"]["correction-number"] = correction.into();
            } else {
                json["type"] = "urn:docflow:made-up".into();
                json["description"] = serde_json::json!({"recipient": recipient, "n": extra});
            }
            let object = json.as_object_mut().expect("an object");
            match send_date {
                Some(date) => { object.insert("send-date".into(), date.into()); }
                None => { object.remove("send-date"); }
            }
            match last_change {
                Some(Some(date)) => { object.insert("last-change-date".into(), date.into()); }
                Some(None) => { object.insert("last-change-date".into(), serde_json::Value::Null); }
                None => { object.remove("last-change-date"); }
            }
            json
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn encode_then_decode_is_the_identity(json in docflow()) {
            let text = serde_json::to_vec(&json).expect("serializes");
            let decoded: Docflow = serde_json::from_slice(&text).expect("the generated JSON fits");
            let written = serde_json::to_vec(&decoded).expect("encodes");
            let again: Docflow = serde_json::from_slice(&written).expect("decodes what it wrote");
            prop_assert_eq!(&again, &decoded);
            // And the offset-less timestamps stay offset-less on the way.
            if let Some(send_date) = json.get("send-date").and_then(|d| d.as_str()) {
                let local = !(send_date.ends_with('Z') || send_date.contains('+') || send_date[10..].contains('-'));
                prop_assert_eq!(matches!(again.send_date, Some(DateTime::Local(_))), local);
            }
        }
    }
}

/// The spec checker judges documented values at compile time and the
/// runtime decodes them: both must accept and refuse the same text.
#[test]
fn checker_and_runtime_agree_on_scalar_text() {
    let cases: [(&str, &[&str]); 4] = [
        (
            "datetime",
            &[
                "2020-03-31T15:07:27.2873280Z",
                "2020-02-26T09:51:08.4636938",
                "2012-01-01T00:00:00",
                "2012-01-01T00:00:00+03:00",
                "2012-01-01T00:00:00.123456789-11:30",
                "2012-01-01T00:00:00.1234567891Z",
                "2012-01-01 00:00:00Z",
                "2012-01-01t00:00:00z",
                "2012-01-01T23:59:60Z",
                "2012-01-01T00:00:00+0300",
                "2012-01-01",
                "2012-13-01T00:00:00Z",
                "2012-01-01T00:00:00.Z",
                "",
            ],
        ),
        (
            "date",
            &[
                "2012-01-01",
                "2012-01-01T00:00:00.0000000",
                "2012-01-01T00:00:00",
                "2012-01-01T10:00:00",
                "2012-01-01T00:00:00Z",
                "2012-01-01t00:00:00",
                "2012-02-30",
                "20120101",
            ],
        ),
        (
            "bytes",
            &["aGVsbG8=", "aGVsbG8", "", "a", "a===", "не base64"],
        ),
        (
            "uuid",
            &[
                "a9bc74bd-311b-43f0-aff7-faba24ce35d9",
                "A9BC74BD-311B-43F0-AFF7-FABA24CE35D9",
                "a9bc74bd311b43f0aff7faba24ce35d9",
                "{a9bc74bd-311b-43f0-aff7-faba24ce35d9}",
                "urn:uuid:a9bc74bd-311b-43f0-aff7-faba24ce35d9",
                "a9bc74bd-311b-43f0-aff7-faba24ce35d",
                "a9bc74bd-311b-43f0-aff7_faba24ce35d9",
            ],
        ),
    ];
    for (ty, texts) in cases {
        for text in texts {
            let body = serde_json::json!({ "v": text }).to_string();
            let spec = format!(
                "spec: 2\nendpoint:\n  name: e\n  summary: s\n  method: GET\n  base_url: https://example.com\n  path: /e\nrequest:\n  body: form\nresponse:\n  status: 200\n  content_type: application/json\n  body:\n    type: object\n    fields:\n      - name: v\n        type: {ty}\nerror:\n  format: oauth2\nexamples:\n  - name: one\n    request: {{}}\n    response:\n      status: 200\n      body: '{}'\n",
                body.replace('\'', "''")
            );
            let checker = kontur_extern_codegen::load_str("agree.yaml", &spec)
                .problems
                .is_ok();
            let value = serde_json::Value::String((*text).to_owned());
            let runtime = match ty {
                "datetime" => serde_json::from_value::<DateTime>(value).is_ok(),
                "date" => serde_json::from_value::<Date>(value).is_ok(),
                "bytes" => serde_json::from_value::<kontur_extern::Bytes>(value).is_ok(),
                _ => serde_json::from_value::<kontur_extern::Uuid>(value).is_ok(),
            };
            assert_eq!(
                checker, runtime,
                "{ty} {text:?}: checker {checker}, runtime {runtime}"
            );
        }
    }
}

mod hostile {
    //! Whatever the server sends, decoding a version 2 body returns a value
    //! or an error, never a panic, and an error's text stays printable.

    use super::*;
    use proptest::prelude::*;

    fn documented() -> Vec<u8> {
        get_docflow::GetDocflow::examples()[0]
            .documented_response
            .body
            .as_bytes()
            .to_vec()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn cut_or_damaged_bodies_decode_or_fail_cleanly(
            cut in any::<prop::sample::Index>(),
            flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
        ) {
            let mut body = documented();
            for (at, byte) in flips {
                let at = at.index(body.len());
                body[at] = byte;
            }
            let keep = cut.index(body.len() + 1);
            body.truncate(keep);
            let response = http::Response::builder()
                .status(200)
                .body(body)
                .expect("a response");
            if let Err(error) = get_docflow::GetDocflow::decode(response) {
                let shown = error.to_string();
                prop_assert!(!shown.chars().any(|c| c.is_control() && c != '\n'), "{shown:?}");
                prop_assert!(shown.len() < 4096, "{} bytes", shown.len());
            }
        }
    }
}

#[test]
fn path_parameters_fill_the_path_percent_encoded() {
    use get_docflow::{GetDocflow, Request, Required};
    let example = &GetDocflow::examples()[0];
    let base_url = kontur_extern::Url::parse(GetDocflow::METADATA.default_base_url).expect("a URL");
    let http = GetDocflow::encode(&example.request, &base_url).expect("encodes");
    assert_eq!(
        http.uri(),
        "https://extern-api.testkontur.ru/v1/bd0cd3f6-315d-4f03-a9cc-3507f63265ed/docflows/a9bc74bd-311b-43f0-aff7-faba24ce35d9"
    );
    assert_eq!(http.headers()["accept"], "application/json");
    assert!(
        http.headers()["user-agent"]
            .to_str()
            .expect("text")
            .starts_with("kontur-extern/"),
        "{:?}",
        http.headers()
    );
    let differences = example
        .documented_request
        .differences::<GetDocflow>(&http, &base_url);
    assert!(differences.is_empty(), "{differences:?}");

    // Another docflow is another path, and the replay server would say so.
    let other = Request::new(Required {
        account_id: kontur_extern::Uuid::nil(),
        docflow_id: kontur_extern::Uuid::max(),
    });
    let http = GetDocflow::encode(&other, &base_url).expect("encodes");
    assert_eq!(
        http.uri().path(),
        "/v1/00000000-0000-0000-0000-000000000000/docflows/ffffffff-ffff-ffff-ffff-ffffffffffff"
    );
    let differences = example
        .documented_request
        .differences::<GetDocflow>(&http, &base_url);
    assert_eq!(differences.len(), 1, "{differences:?}");
    assert_eq!(differences[0].what, "path");
}

#[tokio::test]
async fn the_docflow_round_trips_through_the_replay_server() {
    use get_docflow::GetDocflow;
    let server = kontur_extern::ReplayServer::start::<GetDocflow>()
        .await
        .expect("starts");
    // A bearer endpoint: any token will do for the replay server.
    let client = get_docflow::Client::new(
        kontur_extern::Client::new(server.base_url()).expect("a client"),
        kontur_extern::SecretString::from("a-token"),
    );
    let example = GetDocflow::examples().remove(0);
    let reply = client.get_docflow(&example.request).await.expect("answers");
    assert_eq!(reply.body, documented_docflow());
    server.stop().await;
}

#[tokio::test]
async fn list_and_datetime_query_parameters_travel_as_documented() {
    use search_docflows::SearchDocflows;
    let example = &SearchDocflows::examples()[0];
    assert_eq!(
        example.request.r#type.as_deref(),
        Some(&["fns534-report".to_owned(), "pfr-report".to_owned()][..])
    );
    let base_url = kontur_extern::Url::parse("https://extern-api.testkontur.ru").expect("a URL");
    let http = SearchDocflows::encode(&example.request, &base_url).expect("encodes");
    // Repeated keys, in order; the datetime as `DateTime` writes it (the
    // spec's `.0000000` is no digit of information).
    assert_eq!(
        http.uri().query(),
        Some(
            "skip=0&take=2&updatedFrom=2020-01-01T00%3A00%3A00%2B05%3A00&type=fns534-report&type=pfr-report"
        )
    );
    let differences = example
        .documented_request
        .differences::<SearchDocflows>(&http, &base_url);
    assert!(differences.is_empty(), "{differences:?}");

    // One type fewer is a difference, shown with both lists.
    let mut fewer = example.request.clone();
    fewer.r#type = Some(vec!["fns534-report".to_owned()]);
    let http = SearchDocflows::encode(&fewer, &base_url).expect("encodes");
    let differences = example
        .documented_request
        .differences::<SearchDocflows>(&http, &base_url);
    assert_eq!(differences.len(), 1, "{differences:?}");
    assert_eq!(differences[0].what, "query parameter type");
    assert_eq!(differences[0].documented, "fns534-report, pfr-report");
    assert_eq!(differences[0].found, "fns534-report");

    let server = kontur_extern::ReplayServer::start::<SearchDocflows>()
        .await
        .expect("starts");
    let client = search_docflows::Client::new(
        kontur_extern::Client::new(server.base_url()).expect("a client"),
        kontur_extern::SecretString::from("a-token"),
    );
    let page = client
        .search_docflows(&example.request)
        .await
        .expect("answers");
    assert_eq!(page.total_count, 2);
    server.stop().await;
}

/// The checker writes a documented datetime parameter as the runtime will
/// send it, so that the replay server matches the request.
#[test]
fn checker_and_runtime_write_datetime_parameters_alike() {
    for text in [
        "2020-01-01T00:00:00.0000000+05:00",
        "2020-03-31T15:07:27.2873280Z",
        "2020-02-26T09:51:08.4636938",
        "2020-02-26t09:51:08.100z",
        "1999-12-31T23:59:60.5-11:30",
        "2020-02-26T09:51:08.000000001+00:00",
        "2020-02-26T09:51:08",
    ] {
        let spec = format!(
            "spec: 2\nendpoint:\n  name: e\n  summary: s\n  method: GET\n  base_url: https://example.com\n  path: /e\nrequest:\n  body: form\n  params:\n    - name: at\n      in: query\n      type: datetime\nresponse:\n  status: 200\n  content_type: application/json\n  body:\n    type: object\n    fields: []\nerror:\n  format: oauth2\nexamples:\n  - name: one\n    request:\n      params:\n        at: \"{text}\"\n    response:\n      status: 200\n      body: '{{}}'\n"
        );
        let loaded = kontur_extern_codegen::load_str("at.yaml", &spec);
        assert_eq!(loaded.problems, Ok(()), "{text}");
        let endpoint = loaded.endpoint.expect("an endpoint");
        let checker = endpoint.examples[0].params[0].1.to_wire();
        let runtime = text.parse::<DateTime>().expect("reads").to_string();
        assert_eq!(checker, runtime, "{text}");
    }
}

#[tokio::test]
async fn a_paging_endpoint_streams_its_items() {
    use kontur_extern::StreamExt;
    use search_docflows::SearchDocflows;
    let server = kontur_extern::ReplayServer::start::<SearchDocflows>()
        .await
        .expect("starts");
    let client = search_docflows::Client::new(
        kontur_extern::Client::new(server.base_url()).expect("a client"),
        kontur_extern::SecretString::from("a-token"),
    );
    let example = &SearchDocflows::examples()[0];
    let items: Vec<_> = client
        .search_docflows_items(&example.request)
        .collect()
        .await;
    // One page holds the total (2): no second request, which the replay
    // server would refuse.
    assert_eq!(items.len(), 2, "{items:?}");
    assert!(items.iter().all(Result::is_ok), "{items:?}");
    server.stop().await;
}

/// A spec that uses two type files that both define `Link` names each as
/// `module.Name`: the generated fields have the two types, and the
/// documented body decodes into them.
#[test]
fn a_spec_reaches_the_same_name_in_two_type_files_by_module() {
    let example = &get_linked::GetLinked::examples()[0];
    let body = get_linked::GetLinked::decode(example.documented_response.to_http())
        .expect("the documented body decodes")
        .body;
    let ours: &common::Link = &body.ours;
    let theirs: &extern_types::Link = &body.theirs;
    assert_eq!(ours.href.as_str(), "https://example.com/ours");
    assert_eq!(ours.templated, Some(false));
    assert_eq!(theirs.href.as_str(), "https://example.com/theirs");
    assert_eq!(theirs.rel, "docflow");
    let product: Option<&extern_types::Product> = body.account.as_ref();
    assert!(product.is_none());
}

/// An example with keys its types do not declare (`undeclared_keys: true`)
/// decodes: the generated client ignores them, as it does a server's.
#[test]
fn an_example_with_more_than_the_model_decodes_ignoring_the_rest() {
    let examples = get_linked::GetLinked::examples();
    let example = examples
        .iter()
        .find(|e| e.name == "with_more")
        .expect("the example");
    assert!(example.documented_response.body.contains("\"etag\""));
    let body = get_linked::GetLinked::decode(example.documented_response.to_http())
        .expect("undeclared keys are ignored")
        .body;
    assert_eq!(body.ours.href.as_str(), "https://example.com/ours");
    assert_eq!(body.theirs.rel, "docflow");
}

/// A bearer client of `send_draft` at `base_url`; no retries are needed
/// for a test to count requests, but the default policy is kept so that one
/// would show.
fn send_draft_client(base_url: kontur_extern::Url) -> send_draft::Client {
    send_draft::Client::new(
        kontur_extern::Client::new(base_url).expect("a client"),
        kontur_extern::SecretString::from("a-token"),
    )
}

/// A refused send (400 with the task that says why) is a result, the
/// `refused` outcome, not an error; a started one is `started`; a 409 that
/// no outcome names stays `Error::Api`. Through the replay server.
#[tokio::test]
async fn a_refused_send_round_trips_as_its_outcome_through_the_replay_server() {
    use send_draft::{Response, SendDraft, TaskState};
    let server = kontur_extern::ReplayServer::start::<SendDraft>()
        .await
        .expect("starts");
    let client = send_draft_client(server.base_url());
    let example = |name: &str| {
        SendDraft::examples()
            .into_iter()
            .find(|example| example.name == name)
            .unwrap_or_else(|| panic!("example `{name}`"))
            .request
    };

    let started = client
        .send_draft(&example("started"))
        .await
        .expect("answers");
    let Response::Started(started) = started.into_inner() else {
        panic!("not `started`");
    };
    assert_eq!(started.task_state, TaskState::Running);

    let refused = client
        .send_draft(&example("refused"))
        .await
        .expect("a result");
    assert_eq!(refused.status().as_u16(), 400);
    let Response::Refused(refused) = refused.into_inner() else {
        panic!("not `refused`");
    };
    assert_eq!(refused.task_state, TaskState::Succeed);
    let failure = refused.task_result.as_ref().expect("why");
    assert_eq!(failure.id, "urn:error:externapi:checkProtocolHasErrors");
    assert_eq!(failure.status.as_deref(), Some("check-protocol-has-errors"));
    let check = failure.check_result.as_ref().expect("the check's findings");
    assert_eq!(
        check.common_errors[0].r#type.as_deref(),
        Some("CrossCheckReport")
    );
    assert_eq!(
        check.documents_errors["e30306d9-8508-4021-9520-ebba937a2194"][0]
            .source
            .as_deref(),
        Some("ИдФайл")
    );

    let locked = client
        .send_draft(&example("locked"))
        .await
        .expect_err("an error");
    match &locked {
        Error::Api { response, error } => {
            assert_eq!(response.status.as_u16(), 409);
            assert_eq!(error.id, "urn:error:externapi:concurrentApiTaskActive");
        }
        other => panic!("{other:?}"),
    }
    server.stop().await;
}

/// The declared 400 is read as the `refused` outcome when its body fits;
/// a 400 with the API's error body (a malformed request) is `Error::Api`
/// as before; a 400 that is neither is the outcome's decode error, with the
/// JSON path; a 400 that is not JSON is `UnexpectedBody`. None is retried:
/// each call is one request. Against a server on 127.0.0.1.
#[tokio::test]
async fn a_declared_400_is_the_outcome_when_it_fits_and_the_error_otherwise() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use axum::extract::{Path, State};
    use axum::http::StatusCode;
    use send_draft::{Response, SendDraft};

    let refused_body = SendDraft::examples()
        .into_iter()
        .find(|example| example.name == "refused")
        .expect("the example")
        .documented_response
        .body;
    let requests = Arc::new(AtomicUsize::new(0));
    async fn answer(
        State((requests, refused)): State<(Arc<AtomicUsize>, &'static str)>,
        Path((_, draft)): Path<(String, String)>,
    ) -> (StatusCode, [(&'static str, &'static str); 1], String) {
        requests.fetch_add(1, Ordering::SeqCst);
        const JSON: (&str, &str) = ("Content-Type", "application/json");
        let (content_type, body) = match draft.as_str() {
            "00000000-0000-0000-0000-000000000001" => (JSON, refused.to_owned()),
            "00000000-0000-0000-0000-000000000002" => (
                JSON,
                r#"{"id":"urn:error:externapi:validation","status-code":400,"message":"draftId is malformed"}"#
                    .to_owned(),
            ),
            "00000000-0000-0000-0000-000000000003" => (
                JSON,
                r#"{"task-state":"succeed","task-result":{"id":7}}"#.to_owned(),
            ),
            _ => (("Content-Type", "text/html"), "<h1>Bad Request</h1>".to_owned()),
        };
        (StatusCode::BAD_REQUEST, [content_type], body)
    }
    let router = axum::Router::new()
        .route(
            "/v1/{account}/drafts/{draft}/send",
            axum::routing::post(answer),
        )
        .with_state((Arc::clone(&requests), refused_body));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds");
    let base_url =
        kontur_extern::Url::parse(&format!("http://{}", listener.local_addr().expect("bound")))
            .expect("a URL");
    let server = tokio::spawn(async move { axum::serve(listener, router).await });
    let client = send_draft_client(base_url);
    let send = |draft: u8| {
        let request = send_draft::Request::new(send_draft::Required {
            account_id: "c5217c6d-a8fd-4acf-997c-6da64a9b5f74"
                .parse()
                .expect("a UUID"),
            draft_id: format!("00000000-0000-0000-0000-00000000000{draft}")
                .parse()
                .expect("a UUID"),
        });
        let client = client.clone();
        async move { client.send_draft(&request).await }
    };

    let refused = send(1).await.expect("a result");
    assert!(
        matches!(refused.into_inner(), Response::Refused(_)),
        "not `refused`"
    );
    assert_eq!(requests.load(Ordering::SeqCst), 1);

    let malformed = send(2).await.expect_err("an error");
    match &malformed {
        Error::Api { response, error } => {
            assert_eq!(response.status.as_u16(), 400);
            assert_eq!(error.id, "urn:error:externapi:validation");
            assert_eq!(error.message, "draftId is malformed");
        }
        other => panic!("{other:?}"),
    }
    assert!(!malformed.is_retryable());
    assert_eq!(requests.load(Ordering::SeqCst), 2);

    let neither = send(3).await.expect_err("an error");
    match &neither {
        Error::DecodeBody { response, path, .. } => {
            assert_eq!(response.status.as_u16(), 400);
            // The first misfit serde meets (before the task's missing `id`).
            assert_eq!(path, "task-result.id");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(requests.load(Ordering::SeqCst), 3);

    let html = send(4).await.expect_err("an error");
    assert!(
        matches!(&html, Error::UnexpectedBody { response, .. } if response.status.as_u16() == 400),
        "{html:?}"
    );
    assert_eq!(requests.load(Ordering::SeqCst), 4);
    server.abort();
}

/// The documented answer of `check_drafts` with `edit` applied.
fn check_drafts_response(edit: impl FnOnce(&mut serde_json::Value)) -> http::Response<Vec<u8>> {
    let example = &check_drafts::CheckDrafts::examples()[0];
    let mut json: serde_json::Value =
        serde_json::from_slice(example.documented_response.to_http().body()).expect("JSON");
    edit(&mut json);
    http::Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .body(serde_json::to_vec(&json).expect("JSON"))
        .expect("a response")
}

/// Maps keyed by UUIDs, numbers and INNs decode into typed keys; a field
/// comes under its alias; statuses in the docs' camelCase are the API's
/// kebab-case values, and are written back as declared.
#[test]
fn typed_keys_aliases_and_any_case_values_decode() {
    use check_drafts::{CheckDrafts, DraftStatus, Inn};
    let body = CheckDrafts::decode(check_drafts_response(|_| {}))
        .expect("the documented answer decodes")
        .body;
    let draft: kontur_extern::Uuid = "a9bc74bd-311b-43f0-aff7-faba24ce35d9"
        .parse()
        .expect("a UUID");
    assert_eq!(body.statuses[&draft], DraftStatus::ReadyToSend);
    assert_eq!(
        serde_json::to_value(&body.statuses[&draft]).expect("JSON"),
        "ready-to-send"
    );
    assert_eq!(body.errors[&draft], ["the period is not closed"]);
    assert_eq!(body.pages.get(&2), Some(&3));
    let inn = Inn::new("6676130154").expect("ten digits");
    let payer = &body.payers[&inn];
    assert_eq!(
        payer.abonent_id.map(|id| id.to_string()).as_deref(),
        Some("b3a0f7a4-8ac5-4c50-a2a1-1a7e0c1f5e21")
    );
    // Written under its own key, not the alias.
    let written = serde_json::to_value(payer).expect("JSON");
    assert!(written.get("abonent-id").is_some(), "{written}");
    // Every case style of a value is that value.
    for text in [
        "ready-to-send",
        "READY_TO_SEND",
        "ReadyToSend",
        "readyToSend",
    ] {
        assert_eq!(
            DraftStatus::from_wire(text),
            DraftStatus::ReadyToSend,
            "{text}"
        );
    }
    assert_eq!(
        DraftStatus::from_wire("ready"),
        DraftStatus::Unknown("ready".into())
    );
}

/// A key that is not of the map's key type fails decoding at its path.
#[test]
fn a_map_key_of_the_wrong_type_is_a_decode_error_at_its_path() {
    let response = check_drafts_response(|json| {
        json["statuses"]
            .as_object_mut()
            .expect("an object")
            .insert("not-a-uuid".into(), "sent".into());
    });
    match check_drafts::CheckDrafts::decode(response) {
        Err(error @ Error::DecodeBody { .. }) => {
            let Error::DecodeBody { path, .. } = &error else {
                unreachable!()
            };
            assert_eq!(path, "statuses.not-a-uuid", "{error}");
            assert!(error.to_string().contains("UUID parsing failed"), "{error}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    let response = check_drafts_response(|json| {
        json["pages"]
            .as_object_mut()
            .expect("an object")
            .insert("first".into(), 1.into());
    });
    // serde_json calls this key a syntax error; the body is JSON all the
    // same, so it is a decode error at the map, not "not JSON".
    match check_drafts::CheckDrafts::decode(response) {
        Err(error @ Error::DecodeBody { .. }) => {
            let Error::DecodeBody { path, problem, .. } = &error else {
                unreachable!()
            };
            // serde_json does not tell which key it could not read.
            assert_eq!(path, "pages.?", "{error}");
            assert!(problem.contains("number"), "{error}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

/// A value the caller builds must match its pattern, whole; one the server
/// sends is kept as it came, and says that it does not match.
#[test]
fn a_pattern_is_checked_where_the_caller_builds_a_value_and_kept_when_read() {
    use check_drafts::{CheckDrafts, Inn, Kpp, Oktmo};
    assert!(Inn::new("6676130154").is_ok());
    assert!(Inn::new("667613015412").is_ok());
    let error = Inn::new("66761301541").expect_err("eleven digits");
    assert_eq!(
        error.to_string(),
        r#"`Inn` must match the pattern `\d{10}|\d{12}` whole, but "66761301541" does not"#
    );
    assert_eq!(error.type_name(), "Inn");
    assert!("66761301".parse::<Kpp>().is_err());
    assert!(Kpp::try_from("667601001").is_ok());
    assert!(Oktmo::try_from(String::from("6570100")).is_err());
    assert_eq!(Inn::PATTERN, r"\d{10}|\d{12}");

    let response = check_drafts_response(|json| {
        json["payers"]["6676130154"]["inn"] = "12".into();
    });
    let body = CheckDrafts::decode(response)
        .expect("an answer that breaks a pattern still decodes")
        .body;
    let payer = body.payers.values().next().expect("a payer");
    assert_eq!(payer.inn.as_str(), "12");
    assert!(!payer.inn.is_valid());
    assert!(body.payers.keys().all(Inn::is_valid));
}

/// The documented exchange, built from typed values, through the replay
/// server.
#[tokio::test]
async fn the_keyed_exchange_round_trips_through_the_replay_server() {
    use check_drafts::{CheckDrafts, CheckRequest, Inn, Kpp, Oktmo, Payer, Request, Required};
    let server = kontur_extern::ReplayServer::start::<CheckDrafts>()
        .await
        .expect("starts");
    let client =
        check_drafts::Client::new(kontur_extern::Client::new(server.base_url()).expect("a client"));
    let request = Request::new(Required {
        body: CheckRequest {
            payer: Payer {
                inn: Inn::new("6676130154").expect("an INN"),
                kpp: Some(Kpp::new("667601001").expect("a KPP")),
                abonent_id: None,
            },
            oktmo: Oktmo::new("65701000").expect("an OKTMO"),
        },
    });
    assert_eq!(request.body, CheckDrafts::examples()[0].request.body);
    let reply = client.check_drafts(&request).await.expect("answers");
    assert_eq!(reply.body.statuses.len(), 2);
    server.stop().await;
}

/// A text outcome (`text: true`) decodes into a `String`; a body that is not
/// UTF-8 is an unexpected body, not a panic or a lossy string.
#[test]
fn a_text_outcome_is_a_string_and_must_be_utf8() {
    let example = &get_signature_content::GetSignatureContent::examples()[0];
    let reply =
        get_signature_content::GetSignatureContent::decode(example.documented_response.to_http())
            .expect("the documented text decodes");
    let body: &String = &reply.body;
    assert_eq!(body, "TUlJQmRvY3VtZW50LXNpZ25hdHVyZS1wbGFjZWhvbGRlcg==");
    let mut broken = example.documented_response.to_http();
    *broken.body_mut() = vec![0x54, 0xff, 0xfe];
    let error = get_signature_content::GetSignatureContent::decode(broken).expect_err("not UTF-8");
    assert!(matches!(error, Error::UnexpectedBody { .. }), "{error:?}");
    assert!(error.to_string().contains("not UTF-8"), "{error}");
}

/// A binary outcome with a declared media type (`application/pdf`) keeps
/// the bytes as they came and, through a header field, the content type.
#[test]
fn a_pdf_outcome_keeps_its_bytes_and_content_type() {
    let example = &download_print::DownloadPrint::examples()[0];
    let reply = download_print::DownloadPrint::decode(example.documented_response.to_http())
        .expect("the documented PDF decodes");
    assert_eq!(&reply.body[..], b"%PDF-1.4\n%stub\n");
    assert_eq!(reply.content_type.as_deref(), Some("application/pdf"));
    // What the call asks for.
    assert_eq!(
        download_print::DownloadPrint::METADATA.content_type,
        "application/pdf"
    );
    assert_eq!(
        get_signature_content::GetSignatureContent::METADATA.content_type,
        "text/plain"
    );
}

/// The documented description `name` of `get_document_description`.
fn document_description(name: &str) -> get_document_description::DocumentDescription {
    use get_document_description::GetDocumentDescription;
    let example = GetDocumentDescription::examples()
        .into_iter()
        .find(|example| example.name == name)
        .unwrap_or_else(|| panic!("example `{name}`"));
    GetDocumentDescription::decode(example.documented_response.to_http())
        .expect("the documented answer decodes")
        .body
}

/// Requisites are chosen by the document's type: an exact URN, a URN of
/// the business registration family by its prefix, and any other type kept
/// as `Unknown` with its JSON; each is written back as it came.
#[test]
fn requisites_are_chosen_by_exact_type_or_by_its_prefix() {
    use get_document_description::Requisites;
    let demand = document_description("demand_attachment");
    let Some(Requisites::DemandAttachment(requisites)) = &demand.requisites else {
        panic!("not a demand attachment: {:?}", demand.requisites);
    };
    assert_eq!(requisites.demand_number, "12345");
    assert_eq!(requisites.demand_inn_list, ["6676130154"]);

    let registration = document_description("business_registration_inventory");
    let Some(Requisites::BusinessRegistration(requisites)) = &registration.requisites else {
        panic!("not chosen by its prefix: {:?}", registration.requisites);
    };
    assert_eq!(requisites.svdreg_code, "11001");

    let other = document_description("report_attachment");
    assert_eq!(
        other.requisites,
        Some(Requisites::Unknown(serde_json::json!({})))
    );

    // Each is written back as it came: the tag is the sibling `type`.
    for description in [&demand, &registration, &other] {
        let json = serde_json::to_string(description).expect("JSON");
        let again: get_document_description::DocumentDescription =
            serde_json::from_str(&json).expect("decodes again");
        assert_eq!(&again, description);
    }
}

/// A prefix matches the start of the tag only, the prefix itself
/// included; a type that does not start with it is `Unknown`.
#[test]
fn a_tag_prefix_matches_the_start_of_the_tag_only() {
    use get_document_description::Requisites;
    let raw = serde_json::value::RawValue::from_string(r#"{"svdreg-code": "1"}"#.to_owned())
        .expect("JSON");
    for (tag, chosen) in [
        ("urn:document:business-registration", true),
        ("urn:document:business-registration-attachment", true),
        ("urn:document:business", false),
        ("x-urn:document:business-registration", false),
    ] {
        let requisites = Requisites::__from_tag(Some(tag), &raw).expect("decodes");
        assert_eq!(
            matches!(requisites, Requisites::BusinessRegistration(_)),
            chosen,
            "{tag}: {requisites:?}"
        );
    }
}

/// Each documented description through the replay server.
#[tokio::test]
async fn document_descriptions_round_trip_through_the_replay_server() {
    use get_document_description::{GetDocumentDescription, Requisites};
    let server = kontur_extern::ReplayServer::start::<GetDocumentDescription>()
        .await
        .expect("starts");
    let client = get_document_description::Client::new(
        kontur_extern::Client::new(server.base_url()).expect("a client"),
        kontur_extern::SecretString::from("a-token"),
    );
    for example in GetDocumentDescription::examples() {
        let reply = client
            .get_document_description(&example.request)
            .await
            .expect("answers");
        assert_eq!(
            reply.body,
            document_description(example.name),
            "{}",
            example.name
        );
    }
    let example = &GetDocumentDescription::examples()[1];
    let reply = client
        .get_document_description(&example.request)
        .await
        .expect("answers");
    assert!(matches!(
        reply.body.requisites,
        Some(Requisites::BusinessRegistration(_))
    ));
    server.stop().await;
}

/// The documented handbook page `name`, with `edit` applied.
fn handbook_response(
    name: &str,
    edit: impl FnOnce(&mut serde_json::Value),
) -> http::Response<Vec<u8>> {
    let example = get_handbook::GetHandbook::examples()
        .into_iter()
        .find(|example| example.name == name)
        .unwrap_or_else(|| panic!("example `{name}`"));
    let mut json: serde_json::Value =
        serde_json::from_slice(example.documented_response.to_http().body()).expect("JSON");
    edit(&mut json);
    http::Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .body(serde_json::to_vec(&json).expect("JSON"))
        .expect("a response")
}

/// The page's `handbook-type` chooses the variant of every item of its
/// list, exactly or by prefix; the shared `code` and `name` are in each.
#[test]
fn a_handbook_page_types_every_item_by_its_handbook_type() {
    use get_handbook::{GetHandbook, HandbookItem, HandbookItemRegion};
    let regions = GetHandbook::decode(handbook_response("regions", |_| {}))
        .expect("the documented page decodes")
        .body;
    assert_eq!(
        regions.handbook,
        [
            HandbookItem::Region(HandbookItemRegion {
                code: "01".into(),
                name: "Республика Адыгея".into(),
            }),
            HandbookItem::Region(HandbookItemRegion {
                code: "02".into(),
                name: "Республика Башкортостан".into(),
            }),
        ]
    );
    let permits = GetHandbook::decode(handbook_response("work_permits", |_| {}))
        .expect("the documented page decodes")
        .body;
    let [HandbookItem::Mvd(permit)] = permits.handbook.as_slice() else {
        panic!("not chosen by its prefix: {:?}", permits.handbook);
    };
    assert_eq!(permit.code, "1");
    // Another handbook type: every item is `Unknown`, with its JSON.
    let other = GetHandbook::decode(handbook_response("regions", |json| {
        json["handbook-type"] = "fns-forms".into();
    }))
    .expect("decodes")
    .body;
    assert!(
        other
            .handbook
            .iter()
            .all(|item| matches!(item, HandbookItem::Unknown(_))),
        "{other:?}"
    );
    // Written back as it came: the items' own JSON, the tag beside them.
    let json = serde_json::to_value(&regions).expect("JSON");
    assert_eq!(json["handbook"][1]["code"], "02");
    let again: get_handbook::HandbookPage = serde_json::from_value(json).expect("decodes again");
    assert_eq!(again, regions);
}

/// An item that does not fit the variant its page names fails decoding at
/// its index in the list.
#[test]
fn a_handbook_item_that_does_not_fit_fails_at_its_index() {
    let response = handbook_response("regions", |json| {
        json["handbook"][1]["code"] = 2.into();
    });
    match get_handbook::GetHandbook::decode(response) {
        Err(error @ Error::DecodeBody { .. }) => {
            assert!(
                error
                    .to_string()
                    .contains("handbook[1]: invalid type: integer `2`, expected a string"),
                "{error}"
            );
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

/// Both documented pages through the replay server.
#[tokio::test]
async fn handbook_pages_round_trip_through_the_replay_server() {
    use get_handbook::GetHandbook;
    let server = kontur_extern::ReplayServer::start::<GetHandbook>()
        .await
        .expect("starts");
    let client = get_handbook::Client::new(
        kontur_extern::Client::new(server.base_url()).expect("a client"),
        kontur_extern::SecretString::from("a-token"),
    );
    for example in GetHandbook::examples() {
        let reply = client
            .get_handbook(&example.request)
            .await
            .expect("answers");
        let documented = GetHandbook::decode(example.documented_response.to_http())
            .expect("decodes")
            .body;
        assert_eq!(reply.body, documented, "{}", example.name);
        assert!(!reply.body.handbook.is_empty());
    }
    server.stop().await;
}

/// A JSON response with `body` as it is written, its keys in its order.
fn json_response(body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .body(body.as_bytes().to_vec())
        .expect("a response")
}

/// A union tagged in its parent reads the same whether its tag comes
/// before it (as the API sends them: read in place) or after it (kept as
/// raw JSON until the tag is read): an exact tag, a prefix, an unknown
/// tag, `null` and an absent union.
#[test]
fn a_union_decodes_alike_before_and_after_its_tag() {
    use get_document_description::{DocumentDescription, Requisites};
    let demand = r#"{"demand-number": "12345", "demand-date": "2020-03-31T00:00:00", "demand-inn-list": ["6676130154"]}"#;
    let cases = [
        (
            "urn:document:fns534-demand-attachment",
            Some(demand),
            "DemandAttachment",
        ),
        (
            "urn:document:business-registration-x",
            Some(r#"{"svdreg-code": "11001", "form-version": {"a": [1]}}"#),
            "BusinessRegistration",
        ),
        (
            "urn:document:pfr-report-report-v2",
            Some(r#"{"correction-type": "from-next-year"}"#),
            "PfrReport",
        ),
        (
            "urn:document:from-next-year",
            Some(r#"{"anything": [1, {"b": null}]}"#),
            "Unknown",
        ),
        (
            "urn:document:fns534-demand-attachment",
            Some("null"),
            "None",
        ),
        ("urn:document:fns534-demand-attachment", None, "None"),
    ];
    for (tag, requisites, expected) in cases {
        let tag_entry = format!(r#""type": "{tag}""#);
        let requisites_entry = requisites.map(|json| format!(r#""requisites": {json}"#));
        let body = |tag_first: bool| {
            let mut entries = vec![r#""content-type": "application/xml""#.to_owned()];
            if tag_first {
                entries.push(tag_entry.clone());
                entries.extend(requisites_entry.clone());
            } else {
                entries.extend(requisites_entry.clone());
                entries.push(tag_entry.clone());
            }
            format!("{{{}}}", entries.join(", "))
        };
        let read = |body: String| -> DocumentDescription {
            GetDocumentDescription::decode(json_response(&body))
                .unwrap_or_else(|error| panic!("{body}: {error}"))
                .body
        };
        use get_document_description::GetDocumentDescription;
        let in_place = read(body(true));
        let buffered = read(body(false));
        assert_eq!(in_place, buffered, "{tag}");
        let chosen = match &in_place.requisites {
            None => "None",
            Some(Requisites::DemandAttachment(requisites)) => {
                assert_eq!(requisites.demand_inn_list, ["6676130154"]);
                "DemandAttachment"
            }
            Some(Requisites::BusinessRegistration(_)) => "BusinessRegistration",
            Some(Requisites::PfrReport(_)) => "PfrReport",
            Some(Requisites::SedoReplyResult(_)) => "SedoReplyResult",
            Some(Requisites::Unknown(json)) => {
                assert_eq!(json, &serde_json::json!({"anything": [1, {"b": null}]}));
                "Unknown"
            }
        };
        assert_eq!(chosen, expected, "{tag}");
    }
    // A list of unions, typed by a tag before or after it.
    let items = r#""handbook": [{"code": "01", "name": "a"}, {"code": "02", "name": "b"}]"#;
    let rest = r#""skip": 0, "take": 2, "total-count": 2"#;
    let page = |body: String| {
        get_handbook::GetHandbook::decode(json_response(&body))
            .unwrap_or_else(|error| panic!("{body}: {error}"))
            .body
    };
    for tag in ["mvd-regions-rf", "mvd-something", "fns-forms"] {
        let in_place = page(format!(r#"{{"handbook-type": "{tag}", {rest}, {items}}}"#));
        let buffered = page(format!(r#"{{{items}, {rest}, "handbook-type": "{tag}"}}"#));
        assert_eq!(in_place, buffered, "{tag}");
        assert_eq!(in_place.handbook.len(), 2);
    }
}

/// Without its tag, a parent fails alike in either order; a repeated tag
/// or union is refused, as serde's derive refuses a repeated field.
#[test]
fn a_missing_or_repeated_tag_fails_in_either_order() {
    use get_document_description::GetDocumentDescription;
    for body in [
        r#"{"requisites": {"svdreg-code": "1"}}"#,
        r#"{"content-type": "x", "requisites": {"svdreg-code": "1"}}"#,
    ] {
        match GetDocumentDescription::decode(json_response(body)) {
            Err(Error::DecodeBody { problem, .. }) => {
                assert!(problem.contains("missing field `type`"), "{problem}");
            }
            other => panic!("{body}: expected a decode error, got {other:?}"),
        }
    }
    for body in [
        r#"{"type": "a", "requisites": {}, "type": "b"}"#,
        r#"{"type": "a", "requisites": {}, "requisites": {}}"#,
        r#"{"requisites": {}, "requisites": {}, "type": "a"}"#,
    ] {
        match GetDocumentDescription::decode(json_response(body)) {
            Err(Error::DecodeBody { problem, .. }) => {
                assert!(problem.contains("duplicate field"), "{problem}");
            }
            other => panic!("{body}: expected a decode error, got {other:?}"),
        }
    }
}

/// A variant read in place (its tag came first) that does not fit fails at
/// the JSON path inside it; kept raw until its tag (which came after it),
/// the message names the union's field.
#[test]
fn a_variant_that_does_not_fit_fails_at_its_path() {
    use get_document_description::GetDocumentDescription;
    let requisites = r#""requisites": {"demand-number": 5, "demand-inn-list": []}"#;
    let tag = r#""type": "urn:document:fns534-demand-attachment""#;
    match GetDocumentDescription::decode(json_response(&format!("{{{tag}, {requisites}}}"))) {
        Err(Error::DecodeBody { path, problem, .. }) => {
            assert_eq!(path, "requisites.demand-number");
            assert!(problem.contains("expected a string"), "{problem}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    match GetDocumentDescription::decode(json_response(&format!("{{{requisites}, {tag}}}"))) {
        Err(Error::DecodeBody { problem, .. }) => {
            assert!(
                problem.contains("requisites: invalid type: integer `5`"),
                "{problem}"
            );
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    // In a list of unions read in place: at the item's index.
    let body = r#"{"handbook-type": "mvd-regions-rf", "skip": 0, "take": 2, "total-count": 2,
        "handbook": [{"code": "01", "name": "a"}, {"code": 2, "name": "b"}]}"#;
    match get_handbook::GetHandbook::decode(json_response(body)) {
        Err(Error::DecodeBody { path, problem, .. }) => {
            assert_eq!(path, "handbook[1].code");
            assert!(problem.contains("expected a string"), "{problem}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}
