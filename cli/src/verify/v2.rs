//! `verify` for version 2 specs and service files: each documented example
//! is sent as `call --example NAME` sends it (the same request encoder, the
//! same bearer token: `KONTUR_ACCESS_TOKEN`, or signing in with the
//! credentials `token` reads), and the answer is read as the generated
//! client reads it: the outcome its status selects, that outcome's headers,
//! and its JSON body against the spec's types, deeply
//! ([`answer_drift`](kontur_extern_codegen::types::fit::answer_drift)).
//! Each finding is named with the rule of `diff` for the spec edit that
//! would follow the server, and that rule's two verdicts.

use std::path::Path;

use kontur_extern::__private::Incoming;
use kontur_extern::reqwest::StatusCode;
use kontur_extern::{TokenSource, terminal_safe};
use kontur_extern_codegen::Endpoint;
use kontur_extern_codegen::model::{Example, Header, Outcome};
use kontur_extern_codegen::types::fit::{AnswerMisfit, MisfitKind, answer_drift};
use kontur_extern_codegen::types::model::Ty;

use super::{Answer, Finding, Level, Report, VerifyArgs, check_header, describe_body};
use crate::diff::rule_meaning;

/// The longest misfit message a finding shows whole.
const MESSAGE_SHOWN: usize = 500;

/// Sends every example of every endpoint in `endpoints` (each with the name
/// a user calls it by) and compares the answers.
pub(super) fn verify(
    args: &VerifyArgs,
    endpoints: &[(String, Endpoint)],
) -> Result<Report, Vec<String>> {
    let base_url = super::checked_base_url(&args.base_url, args.allow_insecure_http)?;
    let examples: usize = endpoints.iter().map(|(_, e)| e.examples.len()).sum();
    if examples == 0 {
        return Err(vec![format!(
            "{} documents no example, so there is no request to send",
            args.spec.display()
        )]);
    }
    if let Some((called, _)) = endpoints.iter().find(|(_, e)| e.version < 2) {
        return Err(vec![format!(
            "`{called}` is spec format version 1: verify its spec file on its own"
        )]);
    }
    check_params(endpoints, &args.params)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| vec![format!("cannot start the async runtime: {error}")])?;
    let mut tokens: Option<Box<dyn TokenSource>> = None;
    let mut findings = Vec::new();
    for (called, endpoint) in endpoints {
        if endpoint.examples.is_empty() {
            tell!("note: `{called}` documents no example, so it is not verified");
        }
        // `--param` values of the parameters this endpoint has.
        let params: Vec<String> = args
            .params
            .iter()
            .filter(|pair| {
                pair.split_once('=')
                    .is_some_and(|(name, _)| endpoint.request.params.iter().any(|p| p.name == name))
            })
            .cloned()
            .collect();
        for example in &endpoint.examples {
            let call = crate::call::for_example(
                args.spec.clone(),
                &example.name,
                params.clone(),
                base_url.clone(),
                args.identity_url.clone(),
                args.allow_insecure_http,
            );
            let (response, secrets) =
                // Read whole, to compare: never streamed to the output.
                crate::call::exchange(endpoint, &call, &runtime, &mut tokens, false, false).map_err(
                    |error| {
                        vec![format!(
                            "`{called}` example `{}`: {}",
                            example.name,
                            terminal_safe(&error, 1000)
                        )]
                    },
                )?;
            let shown = format!("{called}: {}", example.name);
            for mut finding in compare(endpoint, example, response) {
                finding.example = shown.clone();
                for text in [&mut finding.found, &mut finding.expected] {
                    kontur_extern::__private::scrub(text, &secrets);
                    *text = terminal_safe(text, MESSAGE_SHOWN).into_owned();
                }
                findings.push(finding);
            }
        }
    }
    Ok(Report { examples, findings })
}

/// `--param NAME=VALUE`: each names a parameter of some endpoint.
fn check_params(endpoints: &[(String, Endpoint)], params: &[String]) -> Result<(), Vec<String>> {
    let mut problems = Vec::new();
    for pair in params {
        match pair.split_once('=') {
            None => problems.push(format!("--param `{pair}` is not NAME=VALUE")),
            Some((name, _))
                if !endpoints
                    .iter()
                    .any(|(_, e)| e.request.params.iter().any(|p| p.name == name)) =>
            {
                problems.push(format!(
                    "--param `{}`: no endpoint verified has such a parameter",
                    terminal_safe(name, 100)
                ));
            }
            Some(_) => {}
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// A finding named with a rule of `diff` and its verdicts.
fn finding(
    level: Level,
    rule: &'static str,
    what: String,
    expected: String,
    found: String,
    effect: &'static str,
) -> Finding {
    let (source, wire, _) = rule_meaning(rule);
    Finding {
        level,
        example: String::new(),
        what,
        expected,
        found,
        effect,
        path: None,
        rule: Some(rule),
        source: Some(source),
        wire: Some(wire),
    }
}

/// How the generated client reads a status: the outcome it is, `None` for
/// "not found", or an error.
enum Read<'a> {
    Outcome(Read2xx<'a>),
    NotFound,
    Error,
}

/// An outcome: a listed one (`responses:`), or the one `response:` says.
struct Read2xx<'a> {
    name: &'a str,
    body: Option<&'a Ty>,
    /// Bytes or text, not JSON.
    raw: bool,
    headers: &'a [Header],
}

fn read_status(endpoint: &Endpoint, status: u16) -> Read<'_> {
    match &endpoint.outcomes {
        Some(outcomes) => match outcomes.for_status(status) {
            Some(outcome) => Read::Outcome(listed(outcome)),
            None if status == 404 && outcomes.not_found => Read::NotFound,
            None => Read::Error,
        },
        // `response:`: any 2xx, read as its body.
        None if (200..300).contains(&status) => Read::Outcome(Read2xx {
            name: "response",
            body: endpoint.response.body.as_ref(),
            raw: false,
            headers: &endpoint.response.headers,
        }),
        None => Read::Error,
    }
}

fn listed(outcome: &Outcome) -> Read2xx<'_> {
    Read2xx {
        name: &outcome.name,
        body: outcome.body.as_ref(),
        raw: outcome.binary || outcome.text,
        headers: &outcome.headers,
    }
}

fn status_named(endpoint: &Endpoint, status: u16) -> String {
    match read_status(endpoint, status) {
        Read::Outcome(outcome) => format!("{status} (outcome `{}`)", outcome.name),
        Read::NotFound => format!("{status} (not found: `None`)"),
        Read::Error => format!("{status} (an error)"),
    }
}

/// Everything about the answer that departs from the spec, for one example.
fn compare(
    endpoint: &Endpoint,
    example: &Example,
    response: http::Response<Vec<u8>>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let status = response.status().as_u16();
    let expected = example.response_status;
    let headers = response.headers().clone();
    let read = read_status(endpoint, status);
    if status != expected {
        let listed = !matches!(read, Read::Error);
        let expected_outcome = matches!(read_status(endpoint, expected), Read::Outcome(_));
        let (level, rule, effect) = match (&read, expected_outcome) {
            (Read::Outcome(_), _) => (
                Level::Warning,
                "outcome-status-changed",
                "the client reads it as that outcome",
            ),
            (Read::NotFound, _) => (
                Level::Warning,
                "outcome-status-changed",
                "the call returns None",
            ),
            (Read::Error, true) => (Level::Error, "outcome-status-changed", "the call fails"),
            (Read::Error, false) if (200..300).contains(&status) => {
                (Level::Error, "outcome-added", "the call fails")
            }
            (Read::Error, false) => (Level::Error, "status-changed", "the call fails"),
        };
        let body = response.body().clone();
        findings.push(finding(
            level,
            rule,
            if listed {
                "status".to_owned()
            } else {
                "undocumented status".to_owned()
            },
            status_named(endpoint, expected),
            format!(
                "{} with {}",
                status_named(endpoint, status),
                describe_body(&body)
            ),
            effect,
        ));
    }
    let Read::Outcome(outcome) = read else {
        // The documented error or "not found": its body is the API's.
        return findings;
    };
    let answer = Answer {
        status: StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
        headers,
        body: Some(Vec::new()),
    };
    let documented: &[(String, String)] = if status == expected {
        &example.response_headers
    } else {
        &[]
    };
    let no_scrub = super::Scrub::default();
    for header in outcome.headers {
        for (level, expected, found, effect) in check_header(header, &answer, documented, &no_scrub)
        {
            let rule = if found == "missing" {
                "header-presence-changed"
            } else {
                "header-type-changed"
            };
            findings.push(finding(
                level,
                rule,
                format!("header {}", header.names[0]),
                expected,
                found,
                effect,
            ));
        }
    }
    let Some(ty) = outcome.body else {
        return findings;
    };
    if outcome.raw {
        return findings;
    }
    let body = match Incoming::new(response) {
        Ok(incoming) => incoming.body().to_vec(),
        Err(error) => {
            findings.push(finding(
                Level::Error,
                "response-body-changed",
                "body".to_owned(),
                format!("JSON of outcome `{}`", outcome.name),
                error.to_string(),
                "decode fails",
            ));
            return findings;
        }
    };
    let text = String::from_utf8_lossy(&body);
    // What the example's own body has is documented: the spec knows the
    // server sends it (a type the union leaves to `Unknown`, say).
    let documented = if status == expected {
        answer_drift(&endpoint.types, ty, &example.response_body)
    } else {
        Vec::new()
    };
    for misfit in answer_drift(&endpoint.types, ty, &text) {
        if !documented.contains(&misfit) {
            findings.push(misfit_finding(outcome.name, misfit));
        }
    }
    findings
}

/// A misfit of the body, named with the rule of the spec edit that would
/// follow the server.
fn misfit_finding(outcome: &str, misfit: AnswerMisfit) -> Finding {
    let (rule, expected) = match misfit.kind {
        MisfitKind::WrongType if misfit.path.is_empty() => {
            ("response-body-changed", "the outcome's body type")
        }
        MisfitKind::WrongType => ("json-field-type-changed", "the spec's type"),
        MisfitKind::Null => ("response-field-became-optional", "a value (not nullable)"),
        MisfitKind::MissingField => ("response-field-became-optional", "a required field"),
        MisfitKind::UndeclaredKey => (
            "response-field-added-optional",
            "only the keys the spec declares",
        ),
        MisfitKind::Pattern => ("pattern-changed", "a value that matches the pattern"),
        MisfitKind::UnknownEnumValue => ("enum-value-added", "a value the enum lists"),
        MisfitKind::UnknownUnionTag => ("union-variant-added", "a tag a variant lists"),
    };
    let effect = match misfit.kind {
        _ if misfit.fails_decoding => "decode fails",
        MisfitKind::UndeclaredKey => "decode ignores it: the server is ahead of the spec",
        MisfitKind::UnknownEnumValue | MisfitKind::UnknownUnionTag => {
            "the client keeps it as `Unknown`"
        }
        _ => "the client keeps it as sent",
    };
    let mut finding = finding(
        if misfit.fails_decoding {
            Level::Error
        } else {
            Level::Warning
        },
        rule,
        format!("body of `{outcome}`"),
        expected.to_owned(),
        misfit.message,
        effect,
    );
    finding.path = Some(misfit.path);
    finding
}

/// Whether `path` should be verified as version 2: a service file, or a spec
/// of version 2.
pub(super) fn endpoints(path: &Path) -> Result<Option<Vec<(String, Endpoint)>>, Vec<String>> {
    let name = path.display().to_string();
    let loaded = crate::specs::read(path, &name)
        .map_err(|problems| problems.lines().map(str::to_owned).collect::<Vec<_>>())?;
    match loaded {
        crate::specs::Loaded::TypeFile => Err(vec![format!(
            "{name} is a type file; verify the specs that use it, or a service file"
        )]),
        crate::specs::Loaded::Endpoints(endpoints) => {
            let service = matches!(crate::kind(path), crate::Kind::Service);
            if service || endpoints.iter().any(|(_, e)| e.version >= 2) {
                Ok(Some(endpoints))
            } else {
                Ok(None)
            }
        }
    }
}
