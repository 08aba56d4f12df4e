//! A spec with a name from every class the checker accepts compiles, in both
//! forms: keywords become raw identifiers (`r#gen`, `r#type`), and names the
//! generated code uses itself (`new`, `request`, `Option`, …) do not clash.

use kontur_extern::{Endpoint, Url};

kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/names.yaml");

mod beside {
    #[derive(kontur_extern::Endpoint)]
    #[endpoint(spec = "${KONTUR_EXTERN_REPO}/tests/ui/specs/names.yaml")]
    pub struct Gen;
}

use r#gen::{Box, Gen, Option, Request, Required, Response};

fn main() {
    let request = Request::new(Required { r#type: "keyword".into(), r#async: 7 })
        .with_box(Box::Large)
        .with_fn("function")
        .with_new("n")
        .with_request("r")
        .with_true(false)
        .with_yield(std::time::Duration::from_secs(5));
    let base_url = Url::parse(Gen::METADATA.default_base_url).unwrap();
    let http = Gen::encode(&request, &base_url).unwrap();
    assert_eq!(http.uri(), "https://api.example.com/v1/gen?async=7");
    assert_eq!(http.headers()["try"], "header-value");

    let example = &Gen::examples()[0];
    assert_eq!(example.name, "try");
    let documented = Gen::encode(&example.request, &base_url).unwrap();
    let differences = example
        .documented_request
        .differences::<Gen>(&documented, &base_url);
    assert!(differences.is_empty(), "{differences:?}");
    let response: Response = Gen::decode(example.documented_response.to_http()).unwrap();
    assert_eq!(response.r#type, "keyword");
    assert_eq!(response.r#fn.as_deref(), Some("function"));
    assert_eq!(response.option, Some(Option::Some));
    assert_eq!(response.r#as, Some(1));
    assert_eq!(response.r#match.as_deref(), Some("matched"));
    assert_eq!(response.r#loop, 0);

    let client = r#gen::Client::new(kontur_extern::Client::new(base_url.clone()).unwrap());
    let _call = client.r#gen(&request);

    let request = beside::GenRequest::new(beside::GenRequired { r#type: "keyword".into(), r#async: 7 }).with_box(beside::GenBox::Small);
    let _http = <beside::Gen as Endpoint>::encode(&request, &base_url).unwrap();
    let client = beside::GenClient::new(client.inner().clone());
    let _call = client.r#gen(&request);
}
