//! A service whose names could clash with the generated code compiles: a
//! bound parameter named `api` (the group handle's own field) or `request`,
//! a group named `type` and a method `async`, a version 1 spec in a group.

use kontur_extern::{Client, SecretString, Url};

kontur_extern::api!("${KONTUR_EXTERN_REPO}/tests/ui/specs/service-names.yaml");

fn main() {
    let base_url = Url::parse("https://api.example.com").unwrap();
    let api = NamesApi::new(Client::new(base_url).unwrap(), SecretString::from("token"));
    let copy: NamesApi = api.clone();
    let things = copy.things("the-api", 7);
    let call = things.get().with_type("kind");
    assert_eq!(call.request().api, "the-api");
    assert_eq!(call.request().request, 7);
    assert_eq!(call.request().r#type.as_deref(), Some("kind"));
    let call = api
        .r#type()
        .r#async("keyword", 7)
        .with_box(r#gen::Box::Large)
        .with_request("r");
    assert_eq!(call.request().r#type, "keyword");
    assert_eq!(call.request().r#async, 7);
    assert_eq!(call.request().request.as_deref(), Some("r"));
}
