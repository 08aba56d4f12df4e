//! Spec version 2 in both macro forms: a type file's module beside the
//! endpoint, shared types named once, JSON bodies built by field name.
#![deny(missing_docs)]

kontur_extern::types!("${KONTUR_EXTERN_REPO}/tests/specs/v2/common.yaml");
kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/specs/v2/nested.yaml");

/// The derive form: generated types sit beside `Parts`, named after it.
pub mod beside {
    kontur_extern::types!("${KONTUR_EXTERN_REPO}/tests/specs/v2/common.yaml");

    /// The endpoint.
    #[derive(kontur_extern::Endpoint)]
    #[endpoint(spec = "${KONTUR_EXTERN_REPO}/tests/specs/v2/nested.yaml")]
    pub struct Parts;
}

fn main() {
    use kontur_extern::Endpoint;

    let request = put_parts::Request::new(put_parts::Required {
        body: put_parts::NewParts {
            owner: "ООО Ромашка".into(),
            key: "k-1".into(),
            note: None,
        },
    })
    .with_dry_run(true);
    let base_url = kontur_extern::Url::parse("https://example.com").unwrap();
    let _http = put_parts::PutParts::encode(&request, &base_url).unwrap();
    // `Link` comes from the type file's module, not from the endpoint's.
    let link: common::Link = common::Link {
        href: base_url.clone(),
        rel: "self".into(),
        templated: None,
    };
    let part = put_parts::Part {
        id: kontur_extern::Uuid::nil(),
        kind: put_parts::PartKind::Report,
        detail: put_parts::PartDetail::Unknown(kontur_extern::serde_json::Value::Null),
        links: vec![link.clone()],
        labels: None,
    };
    let _beside: beside::PartsPart = beside::PartsPart {
        id: part.id,
        kind: beside::PartsPartKind::Letter,
        detail: beside::PartsPartDetail::Unknown(kontur_extern::serde_json::Value::Null),
        links: vec![beside::common::Link {
            href: link.href,
            rel: link.rel,
            templated: Some(true),
        }],
        labels: None,
    };
    let request = beside::PartsRequest::new(beside::PartsRequired {
        body: beside::PartsNewParts {
            owner: "x".into(),
            key: "k".into(),
            note: Some("n".into()),
        },
    });
    let _http = <beside::Parts as Endpoint>::encode(&request, &base_url).unwrap();
}
