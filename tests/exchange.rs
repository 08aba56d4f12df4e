//! The documented exchange of `password-auth.rst`, pinned the way smithy-rs
//! pins protocol tests: the request our encoder builds from the documented
//! values is compared with the documented request, and the documented
//! response is decoded field by field.

use kontur_extern::{Endpoint, Error, ExposeSecret, OAuth2ErrorCode, Url};
use kontur_extern_tests::gzip;

kontur_extern::endpoint!("spec/password-token.yaml");

use password_token::{PasswordToken, Request, Required, TokenType};

fn documented() -> kontur_extern::Example<Request> {
    PasswordToken::examples()
        .into_iter()
        .find(|example| example.name == "documented")
        .expect("the spec has the documented example")
}

fn test_host() -> Url {
    Url::parse(PasswordToken::METADATA.default_base_url).expect("the spec's base URL parses")
}

/// The wire request as text: method, URL, headers, and the body decoded as
/// a form (one field a line) next to the raw percent-encoded body.
fn render(request: &http::Request<Vec<u8>>) -> String {
    let mut text = format!("{} {}\n", request.method(), request.uri());
    for (name, value) in request.headers() {
        text.push_str(&format!(
            "{name}: {}\n",
            value.to_str().unwrap_or("<binary>")
        ));
    }
    text.push_str(&format!(
        "\nbody ({} bytes): {}\n\nform:\n",
        request.body().len(),
        String::from_utf8_lossy(request.body())
    ));
    for (name, value) in form_urlencoded::parse(request.body()) {
        text.push_str(&format!("{name}: {value}\n"));
    }
    text
}

#[test]
fn documented_request_on_the_wire() {
    let example = documented();
    let request = PasswordToken::encode(&example.request, &test_host()).expect("encodes");
    insta::assert_snapshot!(render(&request));
}

#[test]
fn documented_request_matches_the_documentation_field_by_field() {
    let example = documented();
    let request = PasswordToken::encode(&example.request, &test_host()).expect("encodes");

    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(
        request.uri().to_string(),
        "https://identity.testkontur.ru/connect/token"
    );
    let documented_header = |name: &str| {
        example
            .documented_request
            .headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| *value)
    };
    assert_eq!(
        request.uri().host(),
        documented_header("Host"),
        "the documented Host is the URL's host"
    );
    assert_eq!(
        request
            .headers()
            .get("content-type")
            .map(|v| v.to_str().ok()),
        Some(documented_header("Content-Type"))
    );

    let form: Vec<(String, String)> = form_urlencoded::parse(request.body())
        .into_owned()
        .collect();
    let documented: Vec<(String, String)> = example
        .documented_request
        .params
        .iter()
        .map(|param| (param.name.to_string(), param.value.to_string()))
        .collect();
    assert_eq!(form, documented, "same fields, values and order");
    assert!(
        example
            .documented_request
            .params
            .iter()
            .all(|param| param.location == kontur_extern::ParamLocation::Form)
    );

    // `@` in the username must be percent-encoded on the wire.
    let body = String::from_utf8(request.body().clone()).expect("a form body is ASCII");
    assert!(body.contains("username=user%40login.ru"), "{body}");
    assert!(
        example
            .documented_request
            .differences::<PasswordToken>(&request, &test_host())
            .is_empty()
    );
}

#[test]
fn a_changed_request_shows_its_differences_without_secret_values() {
    let example = documented();
    let changed = Request::new(Required {
        client_id: "extern.api".into(),
        client_secret: "another-secret".into(),
        username: "user@login.ru".into(),
        password: "password".into(),
    });
    let request = PasswordToken::encode(&changed, &test_host()).expect("encodes");
    let differences = example
        .documented_request
        .differences::<PasswordToken>(&request, &test_host());
    assert_eq!(differences.len(), 1, "{differences:?}");
    assert_eq!(differences[0].what, "form field client_secret");
    assert_eq!(differences[0].documented, "[secret]");
    assert_eq!(differences[0].found, "[secret]");
}

#[test]
fn base_url_can_be_overridden_and_keeps_its_path() {
    let request = PasswordToken::encode(
        &documented().request,
        &Url::parse("http://127.0.0.1:8080/identity/").expect("valid"),
    )
    .expect("encodes");
    assert_eq!(
        request.uri(),
        "http://127.0.0.1:8080/identity/connect/token"
    );

    let refused = PasswordToken::encode(
        &documented().request,
        &Url::parse("ftp://identity.kontur.ru").expect("valid"),
    );
    assert!(matches!(refused, Err(Error::InvalidRequest { .. })));
}

#[test]
fn documented_gzip_response_decodes() {
    let example = documented();
    let response = example.documented_response.to_http();
    assert_eq!(
        response
            .headers()
            .get("content-encoding")
            .map(|v| v.as_bytes()),
        Some(&b"gzip"[..]),
        "the body travels gzip-compressed, as documented"
    );
    assert_ne!(
        response.body().as_slice(),
        example.documented_response.body.as_bytes()
    );
    for (name, value) in example.documented_response.headers {
        if !name.eq_ignore_ascii_case("transfer-encoding") {
            assert_eq!(
                response.headers().get(*name).map(|v| v.as_bytes()),
                Some(value.as_bytes()),
                "documented header {name}"
            );
        }
    }

    let token = PasswordToken::decode(response).expect("the documented response decodes");
    assert_eq!(
        token.access_token.expose_secret(),
        "fb957fedb8cf0a88b5cb25cf9b0570f82d332f202ca58653dfba7c035983b9e1"
    );
    assert_eq!(token.expires_in, std::time::Duration::from_secs(86400));
    assert_eq!(token.token_type, TokenType::Bearer);
    assert_eq!(
        token.trace_id.as_deref(),
        Some("9da07e01570f4460bee6777e514d7af0")
    );
    assert!(token.dont_retry);
    assert!(token.refresh_token.is_none());
    assert!(token.scope.is_none());
    assert!(
        !format!("{token:?}").contains("fb957fed"),
        "Debug redacts the access token"
    );
}

fn response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.to_vec()).expect("valid test response")
}

#[test]
fn unknown_token_type_is_kept_and_case_is_ignored() {
    let body = br#"{"access_token":"t","expires_in":60,"token_type":"bearer","extra":1}"#;
    let token = PasswordToken::decode(response(200, &[], body)).expect("decodes");
    assert_eq!(token.token_type, TokenType::Bearer);
    assert!(!token.dont_retry, "absent Dont-Retry defaults to false");

    let body = br#"{"access_token":"t","expires_in":60,"token_type":"MAC"}"#;
    let token = PasswordToken::decode(response(200, &[], body)).expect("decodes");
    assert_eq!(token.token_type, TokenType::Unknown("MAC".into()));
    assert_eq!(token.token_type.as_str(), "MAC");
}

#[test]
fn oauth2_error_keeps_status_and_trace_id() {
    let body = br#"{"error":"invalid_grant","error_description":"invalid_username_or_password"}"#;
    let error = PasswordToken::decode(response(
        400,
        &[
            ("X-Kontur-Trace-Id", "abc123"),
            ("Content-Type", "text/plain"),
        ],
        &gzip(body),
    ));
    // Not gzip-declared, so the compressed bytes are not JSON: unexpected body.
    assert!(
        matches!(error, Err(Error::UnexpectedBody { .. })),
        "{error:?}"
    );

    let error = PasswordToken::decode(response(
        400,
        &[
            ("X-Kontur-Trace-Id", "abc123"),
            ("Content-Type", "text/plain"),
        ],
        body,
    ))
    .expect_err("400 is an error");
    let Error::OAuth2 {
        response,
        error: oauth,
    } = &error
    else {
        panic!("expected an OAuth2 error, got {error:?}");
    };
    assert_eq!(response.status, 400);
    assert_eq!(response.trace_id.as_deref(), Some("abc123"));
    assert_eq!(oauth.code, OAuth2ErrorCode::InvalidGrant);
    assert_eq!(
        error.to_string(),
        "wrong username or password, or an expired grant (invalid_grant, HTTP 400): invalid_username_or_password, trace id abc123"
    );
    assert!(!error.is_retryable());
}

#[test]
fn a_wrong_field_type_names_the_field_and_hides_secrets() {
    let body = br#"{"access_token":12345,"expires_in":60,"token_type":"Bearer"}"#;
    let error = PasswordToken::decode(response(200, &[], body)).expect_err("wrong type");
    assert_eq!(
        error.to_string(),
        "cannot read the response (HTTP 200): field `access_token` should be a string, but is a number"
    );

    let body = br#"{"access_token":"t","expires_in":"86400","token_type":"Bearer"}"#;
    let error = PasswordToken::decode(response(200, &[], body)).expect_err("wrong type");
    assert_eq!(
        error.to_string(),
        "cannot read the response (HTTP 200): field `expires_in` should be a whole number of seconds from 1 to 315360000 (ten years), but is a string (\"86400\")"
    );
}

#[test]
fn a_malformed_dont_retry_header_falls_back_to_its_default() {
    let body = br#"{"access_token":"t","expires_in":60,"token_type":"Bearer"}"#;
    let token = PasswordToken::decode(response(200, &[("Dont-Retry", "maybe")], body))
        .expect("a header is metadata; the token is still good");
    assert!(!token.dont_retry);
    let token = PasswordToken::decode(response(200, &[("X-Kontur-Dont-Retry", "TRUE")], body))
        .expect("decodes");
    assert!(token.dont_retry, "the alias counts, in any case");
}

mod query_and_header_parameters {
    //! A spec with parameters in the query and in headers, a default and a
    //! constant that its example leaves out.

    use kontur_extern::{Endpoint, Url};

    kontur_extern::endpoint!("tests/specs/search.yaml");

    use search::{Request, Search};

    fn base() -> Url {
        Url::parse("http://127.0.0.1:9").expect("a URL")
    }

    fn example() -> kontur_extern::Example<Request> {
        Search::examples().remove(0)
    }

    #[test]
    fn the_example_request_matches_its_documentation() {
        let example = example();
        let request = Search::encode(&example.request, &base()).expect("encodes");
        assert_eq!(
            request.uri(),
            "http://127.0.0.1:9/v1/search?q=tax+return&page=1"
        );
        assert_eq!(
            request.headers().get("x-api-key").map(|v| v.as_bytes()),
            Some(&b"key-123"[..])
        );
        assert!(request.headers()["x-api-key"].is_sensitive());
        let differences = example
            .documented_request
            .differences::<Search>(&request, &base());
        assert!(differences.is_empty(), "{differences:?}");
    }

    #[test]
    fn differences_name_the_place_and_hide_secret_and_undocumented_values() {
        let example = example();
        let mut request =
            Search::encode(&example.request.clone().with_page(2), &base()).expect("encodes");
        request
            .headers_mut()
            .insert("x-api-key", http::HeaderValue::from_static("stolen-key"));
        request.headers_mut().insert(
            "authorization",
            http::HeaderValue::from_static("Bearer abc"),
        );
        *request.uri_mut() = "http://127.0.0.1:9/v1/search?q=tax+return&page=2&debug=on"
            .parse()
            .expect("a URI");
        let mut body = request.body().clone();
        body.extend_from_slice(b"&mode=fast");
        *request.body_mut() = body;

        let differences = example
            .documented_request
            .differences::<Search>(&request, &base());
        let shown: Vec<String> = differences
            .iter()
            .map(|d| format!("{}: {} / {}", d.what, d.documented, d.found))
            .collect();
        assert_eq!(
            shown,
            [
                "header X-Api-Key: [secret] / [secret]",
                "query parameter page: 1 / 2",
                "form field mode: fast / fast, fast",
                "query parameter debug: (absent) / [not shown]",
            ]
        );
    }
}
