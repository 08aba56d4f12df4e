//! Version 2's `responses`: outcomes at a client-error status (a refused
//! draft send's 400), which are results, and the statuses that cannot be.

use crate::load_str;
use crate::tests::support::problems;

/// A version 2 spec with a success outcome and `extra` appended to its
/// `responses` (each line indented by four spaces), then `error` and
/// `examples` as given.
fn spec(extra: &str, examples: &str) -> String {
    format!(
        r#"spec: 2
endpoint:
  name: send
  summary: Send.
  method: POST
  base_url: https://example.com
  path: /send
request:
  body: form
  params: []
responses:
  - status: 200
    name: started
    content_type: application/json
    body:
      type: object
      type_name: Task
      fields:
        - name: id
          type: uuid
{extra}error:
  format: kontur_api
examples:{examples}
"#
    )
}

const REFUSED: &str = "  - status: 400
    name: refused
    content_type: application/json
    body:
      type: object
      type_name: Refusal
      fields:
        - name: reason
          type: string
";

#[test]
fn an_outcome_at_400_with_a_json_body_is_listed_as_a_result() {
    let loaded = load_str("t.yaml", &spec(REFUSED, " []"));
    assert!(loaded.problems.is_ok(), "{:?}", loaded.problems);
    let endpoint = loaded.endpoint.expect("an endpoint");
    let outcomes = endpoint.outcomes.expect("outcomes");
    let refused = outcomes.for_status(400).expect("400 is an outcome");
    assert_eq!(refused.name, "refused");
    assert!(refused.at_error_status());
    assert!(!outcomes.for_status(200).expect("200").at_error_status());
    // A status no outcome names stays an error.
    assert!(outcomes.for_status(409).is_none());
}

#[test]
fn statuses_the_runtime_owns_and_server_errors_cannot_be_outcomes() {
    let outcome = |status: &str| {
        format!(
            "  - status: {status}\n    name: s{status}\n    content_type: application/json\n    body:\n      type: json\n"
        )
    };
    let extra: String = ["401", "407", "429", "500", "503", "302"]
        .iter()
        .map(|status| outcome(status))
        .collect();
    assert_eq!(
        problems(&spec(&extra, " []")),
        [
            "t.yaml:21:13: status 401 cannot be an outcome: bearer auth owns it (the client signs in again and repeats the request once; a second 401 is `Error::TokenRefused`)",
            "t.yaml:26:13: status 407 cannot be an outcome: it is a proxy asking for credentials, not the API's answer",
            "t.yaml:31:13: status 429 cannot be an outcome: the retry policy owns it (the client waits as the server asks and sends the request again)",
            "t.yaml:36:13: outcome status 500 is a server error, a failure and not a result (the retry policy repeats 502, 503 and 504; the C# SDK reads no body of a 5xx); errors are decoded by the error format",
            "t.yaml:41:13: outcome status 503 is a server error, a failure and not a result (the retry policy repeats 502, 503 and 504; the C# SDK reads no body of a 5xx); errors are decoded by the error format",
            "t.yaml:46:13: outcome status 302 is neither a success status (200 to 299, or `2xx` for any other), nor 404 with `not_found: true`, nor a client error status (400 to 499) whose JSON body is a result; other statuses are errors, decoded by the error format",
        ]
    );
}

#[test]
fn an_outcome_at_an_error_status_needs_a_json_body_and_a_name() {
    let extra = "  - status: 400
    name: refused
  - status: 409
    name: locked
    binary: true
  - status: 422
    content_type: application/json
    body:
      type: json
";
    assert_eq!(
        problems(&spec(extra, " []")),
        [
            "t.yaml:21:13: an outcome at error status 400 needs a JSON `body` (`content_type: application/json`): the body is what makes the answer a result; without one, a 400 is an error, decoded by the error format",
            "t.yaml:23:13: an outcome at error status 409 needs a JSON `body` (`content_type: application/json`): the body is what makes the answer a result; without one, a 409 is an error, decoded by the error format",
            "t.yaml:26:13: with several outcomes (besides \"not found\") each needs a `name` (`snake_case`), which names its variant of `Response`",
        ]
    );
}

#[test]
fn a_404_is_either_not_found_or_a_result_not_both() {
    let both = "  - status: 404
    name: gone
    content_type: application/json
    body:
      type: json
  - status: 404
    not_found: true
";
    assert_eq!(
        problems(&spec(both, " []")),
        [
            "t.yaml:21:13: status 404 is this spec's \"not found\" (`not_found: true`); a 404 outcome with a body cannot share it: keep one"
        ]
    );
    // Without "not found", a 404 with a body may be a result.
    let result = "  - status: 404
    name: gone
    content_type: application/json
    body:
      type: json
";
    assert_eq!(problems(&spec(result, " []")), Vec::<String>::new());
}

#[test]
fn only_results_at_error_statuses_are_not_enough() {
    let yaml = spec(REFUSED, " []").replace(
        "  - status: 200\n    name: started\n",
        "  - status: 401\n    name: started\n",
    );
    let found = problems(&yaml);
    assert!(
        found.contains(
            &"t.yaml:12:13: `responses` needs at least one success outcome (200 to 299, or `2xx`)"
                .to_owned()
        ),
        "{found:?}"
    );
}

#[test]
fn an_example_at_the_outcome_status_must_fit_the_outcome() {
    let examples = r#"
  - name: refused
    request:
      params: {}
    response:
      status: 400
      body: '{"reason": "checkProtocolHasErrors"}'
  - name: misfit
    request:
      params: {}
    response:
      status: 400
      body: '{"reason": 7}'
  - name: other_error
    request:
      params: {}
    response:
      status: 409
      body: '{"id": "urn:error:externapi:concurrentApiTaskActive"}'"#;
    assert_eq!(
        problems(&spec(REFUSED, examples)),
        [
            "t.yaml:44:13: example `misfit`: the response body does not fit: `reason` should be a string, but is the number 7"
        ]
    );
}

/// Bodies that are not JSON: text (`text: true`, a `text/*` type) and bytes
/// of any declared media type (`binary: true`), each alone; a JSON body's
/// content type is `application/json`, and the message says what else there
/// is.
#[test]
fn text_and_binary_outcomes_declare_what_they_are() {
    let text = "  - status: 203\n    name: note\n    text: true\n";
    let loaded = load_str("t.yaml", &spec(text, " []"));
    assert!(loaded.problems.is_ok(), "{:?}", loaded.problems);
    let outcomes = loaded
        .endpoint
        .expect("an endpoint")
        .outcomes
        .expect("outcomes");
    let note = outcomes.for_status(203).expect("203");
    assert!(note.text && !note.binary && note.body.is_none());

    let found = problems(&spec(
        "  - status: 203\n    name: note\n    text: true\n    binary: true\n",
        " []",
    ));
    assert_eq!(
        found,
        [
            "t.yaml:21:13: an outcome's body is one of a JSON `body`, raw bytes (`binary: true`) or text (`text: true`); this one has `binary: true` and `text: true`"
        ]
    );
    let found = problems(&spec(
        "  - status: 203\n    name: note\n    text: true\n    content_type: application/json\n",
        " []",
    ));
    assert_eq!(
        found,
        [
            "t.yaml:24:19: a text outcome's content type is a `text/*` type (`text/plain`), not `application/json`; for other bytes use `binary: true`"
        ]
    );
    let found = problems(&spec(
        "  - status: 203\n    name: print\n    binary: true\n    content_type: pdf\n",
        " []",
    ));
    assert_eq!(
        found,
        ["t.yaml:24:19: `pdf` is not a media type (`type/subtype`, such as `application/pdf`)"]
    );
    let json_as_text = spec("", " []").replacen(
        "content_type: application/json",
        "content_type: text/plain",
        1,
    );
    let found = problems(&json_as_text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("a JSON `body` is read as `application/json`, not `text/plain`; for text use `text: true`"),
        "{found:?}"
    );
}

/// Version 2's single `response:` reads JSON; its message for another
/// content type speaks of version 2, not version 1.
#[test]
fn a_v2_response_of_another_content_type_points_to_responses() {
    let yaml = "spec: 2\nendpoint:\n  name: get\n  summary: Get.\n  method: GET\n  base_url: https://example.com\n  path: /x\nrequest:\n  body: form\nresponse:\n  status: 200\n  content_type: text/plain\n  body:\n    type: string\nerror:\n  format: kontur_api\n";
    let found = problems(yaml);
    assert!(
        found.iter().any(|p| p.contains(
            "response content type `text/plain` is not supported: `response` reads JSON (`application/json`); for text or other bytes list the outcome under `responses` with `text: true` or `binary: true`"
        )),
        "{found:?}"
    );
    assert!(!found.iter().any(|p| p.contains("version 1")), "{found:?}");
}
