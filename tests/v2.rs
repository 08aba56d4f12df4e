//! Spec version 2 end to end: the Kontur.Extern docflow specs and a nested
//! test spec compile, their documented bodies decode into typed Rust, typed
//! values survive encode-then-decode, and decode errors name the JSON path.

use kontur_extern::{Date, DateTime, Endpoint, Error};

kontur_extern::types!("spec/extern/types.yaml");
kontur_extern::endpoint!("spec/extern/get-docflow.yaml");
kontur_extern::endpoint!("spec/extern/docflow-page.yaml");

kontur_extern::types!("tests/specs/v2/common.yaml");
kontur_extern::endpoint!("tests/specs/v2/nested.yaml");

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
