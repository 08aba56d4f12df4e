//! `kontur-extern verify`: sends each documented example's request to a
//! live server and reports where the answer departs from the spec.
//!
//! Every finding is classified by what the generated client would do with
//! the answer: an `error` when its `decode` would fail (or the call would,
//! for a status), a `warning` when it copes (it ignores a key the spec
//! lacks, keeps an enum value the spec does not list, accepts any 2xx
//! status, takes a header's default). Values are read with the runtime's own
//! `WireValue` conversions, so a value the client refuses is the one
//! reported.
//!
//! Secret parameters come from the environment or a hidden prompt, never
//! from a flag, and never from the spec's (masked) examples unless
//! `--use-documented-secrets` says so. No secret is printed: secret fields
//! show only their JSON type, and every secret value sent is removed from
//! any server text shown.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use heck::ToShoutySnakeCase;
use kontur_extern::reqwest::header::{
    ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, LOCATION,
};
use kontur_extern::reqwest::{self, Method, StatusCode};
use kontur_extern::{
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, ExposeSecret, MAX_BODY_BYTES, OAuth2Error,
    SecretString, Url, WireValue, terminal_safe,
};
use kontur_extern_codegen::model::{
    Endpoint, Example, Field, Header, ParamKind, ParamLocation, Presence, Type, Value,
};
use serde_json::{Map, Value as Json};

mod v2;

/// The prefix of the environment variables that hold secret parameters.
const ENV_PREFIX: &str = "KONTUR_VERIFY_";

/// The longest server value a finding shows whole.
const VALUE_SHOWN: usize = 100;
/// The longest server description a finding shows whole.
const DESCRIPTION_SHOWN: usize = 300;

#[derive(clap::Args)]
pub struct VerifyArgs {
    /// The spec file, or a service file (every endpoint of it).
    spec: PathBuf,
    /// The server to check, such as https://identity.testkontur.ru; the
    /// spec's path is appended to it.
    #[arg(long)]
    base_url: Url,
    /// Send the examples' documented values of secret parameters (for a
    /// replay or test server). Without it, each secret parameter comes from
    /// KONTUR_VERIFY_<NAME> (the parameter's name in upper snake case;
    /// `client_secret` and `password` also from KONTUR_CLIENT_SECRET and
    /// KONTUR_PASSWORD) or a hidden prompt.
    #[arg(long)]
    use_documented_secrets: bool,
    /// Send this value for a parameter that is not secret, in every
    /// example, instead of the documented one. Repeatable.
    #[arg(long = "param", value_name = "NAME=VALUE")]
    params: Vec<String>,
    /// Allow plain http to a host other than loopback: secrets would cross
    /// the network unencrypted.
    #[arg(long)]
    allow_insecure_http: bool,
    /// Print the findings as a JSON array.
    #[arg(long)]
    json: bool,
    /// For `auth: bearer` endpoints, as for `call`: the identity server
    /// that signs in with the credentials `token` uses (KONTUR_CLIENT_ID,
    /// KONTUR_USERNAME, KONTUR_CLIENT_SECRET, KONTUR_PASSWORD).
    /// KONTUR_ACCESS_TOKEN, when set, is sent instead.
    #[arg(
        long,
        env = "KONTUR_IDENTITY_URL",
        default_value = "https://identity.testkontur.ru"
    )]
    identity_url: Url,
}

/// Exit code when the spec does not load or a request cannot be sent.
const CANNOT_VERIFY: u8 = 2;

/// Runs the command: 0 without errors, 1 with errors, 2 when it could not
/// check at all. Problems that stop it are printed to stderr here.
pub fn run(args: VerifyArgs) -> ExitCode {
    match verify(&args) {
        Ok(report) => {
            let errors = report
                .findings
                .iter()
                .filter(|f| f.level == Level::Error)
                .count();
            print_findings(&report, &args);
            if errors > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(lines) => {
            for line in lines {
                tell!("error: {line}");
            }
            ExitCode::from(CANNOT_VERIFY)
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
enum Level {
    Error,
    Warning,
}

impl Level {
    fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
        }
    }
}

/// One way the server's answer departs from the spec; `--json` prints
/// these fields in this order.
#[derive(serde::Serialize)]
struct Finding {
    level: Level,
    example: String,
    /// `status`, `field access_token`, `header Dont-Retry`, …
    what: String,
    expected: String,
    found: String,
    /// What the generated client does about it.
    effect: &'static str,
    /// Version 2, a body's misfit: its JSON path (empty for the body).
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    /// Version 2: the rule of `diff` for the spec edit that would follow
    /// the server, and its verdicts.
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<crate::diff::Level>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wire: Option<crate::diff::Level>,
}

struct Report {
    examples: usize,
    findings: Vec<Finding>,
}

fn verify(args: &VerifyArgs) -> Result<Report, Vec<String>> {
    if let Some(endpoints) = v2::endpoints(&args.spec)? {
        return v2::verify(args, &endpoints);
    }
    let name = args.spec.display().to_string();
    let endpoint = kontur_extern_codegen::load(&args.spec, &name)
        .map_err(|problems| problems.iter().map(ToString::to_string).collect::<Vec<_>>())?;
    if endpoint.version != 1 {
        return Err(vec![format!(
            "{name} is spec format version {}; `verify` reads version 1 specs so far (JSON \
             bodies and path parameters are not sent yet)",
            endpoint.version
        )]);
    }
    if endpoint.examples.is_empty() {
        return Err(vec![format!(
            "{name} documents no example, so there is no request to send"
        )]);
    }
    let base_url = checked_base_url(&args.base_url, args.allow_insecure_http)?;
    let overrides = overrides(&endpoint, &args.params)?;
    let secrets = if args.use_documented_secrets {
        Secrets::Documented
    } else {
        Secrets::Given(secrets(&endpoint)?)
    };

    let mut builder = reqwest::Client::builder()
        .connect_timeout(DEFAULT_CONNECT_TIMEOUT)
        .timeout(DEFAULT_TIMEOUT)
        // A credential request must not be replayed to another address.
        .redirect(reqwest::redirect::Policy::none());
    if kontur_extern::is_loopback(&base_url) {
        // A proxy must never see a request meant for this machine.
        builder = builder.no_proxy();
    }
    let client = builder
        .build()
        .map_err(|error| vec![format!("cannot set up the HTTP client: {}", chain(error))])?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| vec![format!("cannot start the async runtime: {error}")])?;

    let mut findings = Vec::new();
    for example in &endpoint.examples {
        let sent = build_request(&endpoint, example, &base_url, &overrides, &secrets)?;
        let answer = runtime
            .block_on(exchange(&client, sent.request))
            .map_err(|error| {
                vec![format!(
                    "example `{}`: cannot send the request: {}",
                    example.name,
                    sent.scrub.shown(&error, DESCRIPTION_SHOWN)
                )]
            })?;
        findings.extend(compare(&endpoint, example, &answer, &sent.scrub));
    }
    Ok(Report {
        examples: endpoint.examples.len(),
        findings,
    })
}

fn print_findings(report: &Report, args: &VerifyArgs) {
    if args.json {
        let json = serde_json::to_string_pretty(&report.findings)
            .unwrap_or_else(|error| unreachable!("findings are plain strings: {error}"));
        say!("{}", crate::terminal::json(&json));
        return;
    }
    for finding in &report.findings {
        let classified = match (finding.rule, finding.source, finding.wire) {
            (Some(rule), Some(source), Some(wire)) => format!(
                " [{rule}: source {}, wire {}]",
                verdict(source),
                verdict(wire)
            ),
            _ => String::new(),
        };
        if finding.path.is_some() {
            // The misfit's text names its path and what was expected.
            say!(
                "{}: [{}] {}: {} ({}){classified}",
                finding.level.as_str(),
                finding.example,
                finding.what,
                finding.found,
                finding.effect
            );
        } else {
            say!(
                "{}: [{}] {}: expected {}, found {} ({}){classified}",
                finding.level.as_str(),
                finding.example,
                finding.what,
                finding.expected,
                finding.found,
                finding.effect
            );
        }
    }
    let count =
        |level: Level, one: &str| match report.findings.iter().filter(|f| f.level == level).count()
        {
            0 => format!("no {one}s"),
            1 => format!("1 {one}"),
            n => format!("{n} {one}s"),
        };
    say!(
        "verified {} example{}: {}, {}",
        report.examples,
        if report.examples == 1 { "" } else { "s" },
        count(Level::Error, "error"),
        count(Level::Warning, "warning")
    );
}

fn verdict(level: crate::diff::Level) -> &'static str {
    match level {
        crate::diff::Level::Breaking => "breaking",
        crate::diff::Level::Compatible => "compatible",
    }
}

/// The base URL, refused as the runtime's client refuses it: not http or
/// https, with a user name or password, with a query or fragment, or plain
/// http to a host that is not loopback unless allowed.
fn checked_base_url(url: &Url, allow_insecure_http: bool) -> Result<Url, Vec<String>> {
    let mut shown = url.clone();
    shown.set_query(None);
    shown.set_fragment(None);
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    let problem = if url.cannot_be_a_base() || !matches!(url.scheme(), "http" | "https") {
        "is not an http or https URL"
    } else if !url.username().is_empty() || url.password().is_some() {
        "has a user name or password; remove it"
    } else if url.query().is_some() || url.fragment().is_some() {
        "must not have a query or a fragment"
    } else if url.scheme() == "http" && !allow_insecure_http && !kontur_extern::is_loopback(url) {
        "is plain http to a host that is not loopback; secrets would cross the network unencrypted. Use https, or --allow-insecure-http for a test network"
    } else {
        return Ok(url.clone());
    };
    Err(vec![format!("--base-url `{shown}` {problem}")])
}

/// `--param NAME=VALUE`: a caller-set parameter that is not secret, with a
/// value of its type.
fn overrides(endpoint: &Endpoint, given: &[String]) -> Result<Vec<(String, String)>, Vec<String>> {
    let mut problems = Vec::new();
    let mut values = Vec::new();
    for pair in given {
        let Some((name, value)) = pair.split_once('=') else {
            problems.push(format!("--param `{pair}` is not NAME=VALUE"));
            continue;
        };
        let Some(param) = endpoint.request.params.iter().find(|p| p.name == name) else {
            let names: Vec<&str> = endpoint
                .request
                .params
                .iter()
                .map(|p| p.name.as_str())
                .collect();
            problems.push(format!(
                "--param `{name}`: the spec has no such parameter; parameters: {}",
                names.join(", ")
            ));
            continue;
        };
        match &param.kind {
            ParamKind::Constant(_) => {
                problems.push(format!(
                    "--param `{name}`: a constant; it is always sent as the spec says"
                ));
            }
            ParamKind::Caller { secret: true, .. } => problems.push(format!(
                "--param `{name}`: a secret parameter is never taken from the command line; set {}",
                env_names(ENV_PREFIX, name).join(" or ")
            )),
            ParamKind::Caller { ty, .. } => match fits(value, ty) {
                Ok(()) => values.push((name.to_owned(), value.to_owned())),
                Err(expected) => problems.push(format!(
                    "--param `{name}`: expected {expected}, found {}",
                    quoted(&terminal_safe(value, VALUE_SHOWN))
                )),
            },
        }
    }
    if problems.is_empty() {
        Ok(values)
    } else {
        Err(problems)
    }
}

/// Whether `text` is a value of `ty` as the generated client reads it;
/// otherwise what a value looks like.
pub(crate) fn fits(text: &str, ty: &Type) -> Result<(), &'static str> {
    fn read<T: WireValue>(text: &str) -> Result<(), &'static str> {
        T::from_wire(text).map(drop).ok_or(T::EXPECTED)
    }
    match ty {
        Type::String | Type::Enum(_) => Ok(()),
        Type::Integer => read::<i64>(text),
        Type::Boolean => read::<bool>(text),
        Type::DurationSeconds => read::<std::time::Duration>(text),
        Type::Url => read::<Url>(text),
        Type::Uuid => read::<kontur_extern::Uuid>(text),
        Type::DateTime => read::<kontur_extern::DateTime>(text),
        // A list parameter's values are checked one by one, as its items.
        Type::List(_) => Ok(()),
    }
}

/// The environment variables a secret parameter is read from, in order.
pub(crate) fn env_names(prefix: &str, param: &str) -> Vec<String> {
    let mut names = vec![format!("{prefix}{}", param.to_shouty_snake_case())];
    // The names the `token` command reads, for the password-token spec.
    match param {
        "client_secret" => names.push("KONTUR_CLIENT_SECRET".to_owned()),
        "password" => names.push("KONTUR_PASSWORD".to_owned()),
        _ => {}
    }
    names
}

/// A secret parameter's value from the first of `names` that is set, else
/// a hidden prompt when stdin is a terminal; `None` when neither.
pub(crate) fn secret_value(param: &str, names: &[String]) -> Result<Option<SecretString>, String> {
    if let Some(value) = names.iter().find_map(|name| std::env::var(name).ok()) {
        return Ok(Some(SecretString::from(value)));
    }
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    let first = names.first().map_or("", String::as_str);
    rpassword::prompt_password(format!("{param} ({first}): "))
        .map(|value| Some(SecretString::from(value)))
        .map_err(|error| {
            format!("cannot prompt for the secret parameter `{param}` ({error}); set {first}")
        })
}

enum Secrets {
    /// Each example's documented values.
    Documented,
    /// One value per secret parameter, from the environment or a prompt.
    Given(Vec<(String, SecretString)>),
}

/// A value for every secret parameter that some example sends: from the
/// environment, else a hidden prompt when stdin is a terminal.
fn secrets(endpoint: &Endpoint) -> Result<Vec<(String, SecretString)>, Vec<String>> {
    let mut values = Vec::new();
    let mut missing = Vec::new();
    for param in &endpoint.request.params {
        let ParamKind::Caller { secret: true, .. } = param.kind else {
            continue;
        };
        let sent = endpoint
            .examples
            .iter()
            .any(|example| example.params.iter().any(|(name, _)| *name == param.name));
        if !sent || values.iter().any(|(name, _)| *name == param.name) {
            continue;
        }
        let names = env_names(ENV_PREFIX, &param.name);
        let value = match secret_value(&param.name, &names).map_err(|error| vec![error])? {
            Some(value) => value,
            None => {
                missing.push(format!(
                    "no value for the secret parameter `{}`: set {}, run at a terminal to be asked, or pass --use-documented-secrets to send the example's documented value",
                    param.name,
                    names.join(" or ")
                ));
                continue;
            }
        };
        values.push((param.name.clone(), value));
    }
    if missing.is_empty() {
        Ok(values)
    } else {
        Err(missing)
    }
}

/// A request ready to send, and how to keep its secrets out of what is shown.
struct Sent {
    request: RequestParts,
    scrub: Scrub,
}

struct RequestParts {
    method: Method,
    url: Url,
    headers: HeaderMap,
    body: Option<Vec<u8>>,
}

/// The example's request as the generated client would send it: the
/// parameters in spec order, each where the spec says, with the example's
/// values, `--param` overrides and the secrets given.
fn build_request(
    endpoint: &Endpoint,
    example: &Example,
    base_url: &Url,
    overrides: &[(String, String)],
    secrets: &Secrets,
) -> Result<Sent, Vec<String>> {
    let method = Method::from_bytes(endpoint.method.as_str().as_bytes())
        .map_err(|error| vec![format!("the spec's method cannot be sent: {error}")])?;
    let mut url = base_url.clone();
    url.set_path(&format!(
        "{}{}",
        base_url.path().trim_end_matches('/'),
        endpoint.path
    ));
    let mut headers = HeaderMap::new();
    let mut form: Option<form_urlencoded::Serializer<'static, String>> = None;
    let mut scrub = Scrub::default();
    for param in &endpoint.request.params {
        let secret = matches!(param.kind, ParamKind::Caller { secret: true, .. });
        let documented = example
            .params
            .iter()
            .find(|(name, _)| *name == param.name)
            .map(|(_, value)| value);
        let overridden = overrides
            .iter()
            .rev()
            .find(|(name, _)| *name == param.name)
            .map(|(_, value)| value.clone());
        let value: String = match (secret, secrets) {
            (true, Secrets::Given(given)) if documented.is_some() => given
                .iter()
                .find(|(name, _)| *name == param.name)
                .map(|(_, value)| value.expose_secret().to_owned())
                .unwrap_or_default(),
            _ => match overridden.or_else(|| documented.map(Value::to_wire)) {
                Some(value) => value,
                None => continue,
            },
        };
        if secret {
            scrub.add(&value);
        }
        match param.location {
            // Version 2 only, refused above.
            ParamLocation::Path => {
                return Err(vec![format!(
                    "path parameter `{}` needs spec format version 2, which `verify` does not send yet",
                    param.name
                )]);
            }
            ParamLocation::Body => {
                form.get_or_insert_with(|| form_urlencoded::Serializer::new(String::new()))
                    .append_pair(&param.name, &value);
            }
            ParamLocation::Query => {
                url.query_pairs_mut().append_pair(&param.name, &value);
            }
            ParamLocation::Header => {
                let name = HeaderName::from_bytes(param.name.as_bytes()).map_err(|_| {
                    vec![format!(
                        "header parameter `{}` is not a header name",
                        param.name
                    )]
                })?;
                let mut header = HeaderValue::from_str(&value).map_err(|_| {
                    vec![format!(
                        "example `{}`: the value of header parameter `{}` has characters a header cannot carry",
                        example.name, param.name
                    )]
                })?;
                header.set_sensitive(secret);
                headers.append(name, header);
            }
        }
    }
    // The runtime's decoder inflates these itself, as this command does.
    headers.insert(ACCEPT_ENCODING, HeaderValue::from_static("gzip, deflate"));
    let body = form.map(|mut form| {
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        );
        form.finish().into_bytes()
    });
    Ok(Sent {
        request: RequestParts {
            method,
            url,
            headers,
            body,
        },
        scrub,
    })
}

/// What came back.
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    /// `None` when the body was larger than the client reads.
    body: Option<Vec<u8>>,
}

async fn exchange(client: &reqwest::Client, sent: RequestParts) -> Result<Answer, String> {
    let mut request = client.request(sent.method, sent.url).headers(sent.headers);
    if let Some(body) = sent.body {
        request = request.body(body);
    }
    let mut response = request.send().await.map_err(chain)?;
    let status = response.status();
    let headers = response.headers().clone();
    let too_large = |length: usize| length > MAX_BODY_BYTES;
    if response
        .content_length()
        .is_some_and(|length| too_large(usize::try_from(length).unwrap_or(usize::MAX)))
    {
        return Ok(Answer {
            status,
            headers,
            body: None,
        });
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(chain)? {
        if too_large(body.len() + chunk.len()) {
            return Ok(Answer {
                status,
                headers,
                body: None,
            });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Answer {
        status,
        headers,
        body: Some(body),
    })
}

/// A reqwest error with its causes, without the URL (its query may carry a
/// secret parameter).
fn chain(error: reqwest::Error) -> String {
    let error = error.without_url();
    let mut message = String::new();
    let mut current: Option<&dyn std::error::Error> = Some(&error);
    while let Some(error) = current {
        let text = error.to_string();
        if !message.contains(&text) {
            if !message.is_empty() {
                message.push_str(": ");
            }
            message.push_str(&text);
        }
        current = error.source();
    }
    message
}

/// Secret values sent, to be removed from server text before it is shown.
#[derive(Default)]
struct Scrub(Vec<SecretString>);

impl Scrub {
    fn add(&mut self, value: &str) {
        if !value.is_empty() {
            self.0.push(SecretString::from(value));
        }
    }

    /// `text` without the secrets (as sent, form- or percent-encoded, and
    /// JSON-escaped), with control characters escaped and cut at `max`.
    fn shown(&self, text: &str, max: usize) -> String {
        let mut text = text.to_owned();
        for secret in &self.0 {
            let secret = secret.expose_secret();
            let form: String = form_urlencoded::byte_serialize(secret.as_bytes()).collect();
            let percent = form.replace('+', "%20");
            let json = serde_json::to_string(secret).unwrap_or_default();
            let json = json.trim_matches('"').to_owned();
            for spelling in [secret, form.as_str(), percent.as_str(), json.as_str()] {
                if !spelling.is_empty() && text.contains(spelling) {
                    text = text.replace(spelling, "[redacted]");
                }
            }
        }
        terminal_safe(&text, max).into_owned()
    }
}

/// Everything about `answer` that departs from the spec, for one example.
fn compare(endpoint: &Endpoint, example: &Example, answer: &Answer, scrub: &Scrub) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut found = |level: Level, what: String, expected: String, found: String, effect| {
        findings.push(Finding {
            level,
            example: example.name.clone(),
            what,
            expected,
            found,
            effect,
            path: None,
            rule: None,
            source: None,
            wire: None,
        });
    };
    let status = answer.status.as_u16();
    let expected_status = example.response_status;
    let documented = status == endpoint.response.status
        || endpoint
            .examples
            .iter()
            .any(|example| example.response_status == status);
    let status_what = || {
        if documented {
            "status".to_owned()
        } else {
            "undocumented status".to_owned()
        }
    };

    let body = match &answer.body {
        Some(body) => decompress(&answer.headers, body),
        None => Err(format!("a body larger than {MAX_BODY_BYTES} bytes")),
    };

    if !answer.status.is_success() {
        if status != expected_status {
            found(
                Level::Error,
                status_what(),
                expected_status.to_string(),
                describe_failure(answer, body.as_deref().ok(), scrub),
                "the call fails",
            );
        } else if body
            .as_deref()
            .ok()
            .and_then(|body| serde_json::from_slice::<OAuth2Error>(body).ok())
            .is_none()
        {
            // The documented error status, but not the documented format.
            found(
                Level::Warning,
                "error body".to_owned(),
                "an OAuth 2.0 error (RFC 6749 section 5.2)".to_owned(),
                match &body {
                    Ok(body) => describe_body(body),
                    Err(problem) => problem.clone(),
                },
                "the client reports Error::UnexpectedBody, not Error::OAuth2",
            );
        }
        return findings;
    }

    if status != expected_status {
        found(
            Level::Warning,
            status_what(),
            expected_status.to_string(),
            status.to_string(),
            "decode accepts any 2xx status",
        );
    }
    let documented_body = (expected_status == endpoint.response.status)
        .then(|| serde_json::from_str::<Map<String, Json>>(&example.response_body).ok())
        .flatten();
    let documented_headers: &[(String, String)] = if expected_status == endpoint.response.status {
        &example.response_headers
    } else {
        &[]
    };

    let expected_type = media_type(&endpoint.response.content_type);
    let content_type = answer
        .headers
        .get(CONTENT_TYPE)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
    let no_content =
        answer.status == StatusCode::NO_CONTENT && answer.body.as_ref().is_some_and(Vec::is_empty);
    if !no_content && content_type.as_deref().map(media_type) != Some(expected_type.clone()) {
        found(
            Level::Warning,
            "header Content-Type".to_owned(),
            expected_type,
            match &content_type {
                Some(value) => quoted(&scrub.shown(value, VALUE_SHOWN)),
                None => "missing".to_owned(),
            },
            "decode does not check it",
        );
    }

    for header in &endpoint.response.headers {
        for (level, expected, shown, effect) in
            check_header(header, answer, documented_headers, scrub)
        {
            found(
                level,
                format!("header {}", header.names[0]),
                expected,
                shown,
                effect,
            );
        }
    }

    let object = match body.and_then(|body| json_object(answer.status, &body)) {
        Ok(object) => object,
        Err(problem) => {
            found(
                Level::Error,
                "body".to_owned(),
                "a JSON object".to_owned(),
                problem,
                "decode fails",
            );
            return findings;
        }
    };
    for field in &endpoint.response.fields {
        let in_example = documented_body
            .as_ref()
            .is_some_and(|body| body.contains_key(&field.name));
        if let Some((level, expected, shown, effect)) =
            check_field(field, object.get(&field.name), in_example, scrub)
        {
            found(
                level,
                format!("field {}", field.name),
                expected,
                shown,
                effect,
            );
        }
    }
    for (key, value) in &object {
        if !endpoint
            .response
            .fields
            .iter()
            .any(|field| field.name == *key)
        {
            // Its value may be a secret the spec does not know about: only
            // its JSON type is shown.
            found(
                Level::Warning,
                format!("field {}", scrub.shown(key, VALUE_SHOWN)),
                "nothing (the spec lacks this field)".to_owned(),
                kind(value).to_owned(),
                "decode ignores it",
            );
        }
    }
    findings
}

type Check = (Level, String, String, &'static str);

/// A response header as the generated `decode` reads it: the first of its
/// names present with a visible-ASCII value counts.
fn check_header(
    header: &Header,
    answer: &Answer,
    documented: &[(String, String)],
    scrub: &Scrub,
) -> Vec<Check> {
    let present = header.names.iter().find_map(|name| {
        answer
            .headers
            .get(name.as_str())
            .and_then(|value| value.to_str().ok())
    });
    let expected = expected_type(&header.ty);
    let Some(text) = present else {
        return match &header.presence {
            Presence::Required => {
                vec![(Level::Error, expected, "missing".to_owned(), "decode fails")]
            }
            _ if documented
                .iter()
                .any(|(name, _)| header.names.iter().any(|n| n.eq_ignore_ascii_case(name))) =>
            {
                vec![(
                    Level::Warning,
                    format!("{expected} (the example documents it)"),
                    "missing".to_owned(),
                    match header.presence {
                        Presence::Default(_) => "decode takes the header's default",
                        _ => "decode reads it as absent",
                    },
                )]
            }
            _ => Vec::new(),
        };
    };
    if fits(text, &header.ty).is_ok() {
        return Vec::new();
    }
    let shown = quoted(&scrub.shown(text, VALUE_SHOWN));
    match header.presence {
        // A malformed header with a default must not cost a sound response.
        Presence::Default(_) => vec![(
            Level::Warning,
            expected,
            shown,
            "decode takes the header's default",
        )],
        _ => vec![(Level::Error, expected, shown, "decode fails")],
    }
}

/// A body field as the generated `decode` reads it.
fn check_field(
    field: &Field,
    value: Option<&Json>,
    in_example: bool,
    scrub: &Scrub,
) -> Option<Check> {
    let expected = expected_type(&field.ty);
    let value = match value {
        None if field.optional && in_example => {
            return Some((
                Level::Warning,
                format!("{expected} (the example documents it)"),
                "missing".to_owned(),
                "the field is None",
            ));
        }
        None if field.optional => return None,
        None => return Some((Level::Error, expected, "missing".to_owned(), "decode fails")),
        Some(Json::Null) if field.nullable => return None,
        Some(Json::Null) => {
            return Some((
                Level::Error,
                format!("{expected} (the field is not nullable)"),
                "null".to_owned(),
                "decode fails",
            ));
        }
        Some(value) => value,
    };
    fn read<T: WireValue>(value: &Json) -> bool {
        T::from_json(value).is_some()
    }
    let fits = match &field.ty {
        Type::String | Type::Enum(_) => read::<String>(value),
        Type::Integer => read::<i64>(value),
        Type::Boolean => read::<bool>(value),
        Type::DurationSeconds => read::<std::time::Duration>(value),
        Type::Url => read::<Url>(value),
        Type::Uuid => read::<kontur_extern::Uuid>(value),
        Type::DateTime => read::<kontur_extern::DateTime>(value),
        // Version 2 only, which `verify` refuses.
        Type::List(_) => true,
    };
    let shown = || describe(value, field.secret, scrub);
    if !fits {
        return Some((Level::Error, expected, shown(), "decode fails"));
    }
    if let (Type::Enum(values), Some(text)) = (&field.ty, value.as_str())
        && !values.iter().any(|known| known.eq_ignore_ascii_case(text))
    {
        return Some((
            Level::Warning,
            expected,
            shown(),
            "the client keeps it as the enum's Unknown variant",
        ));
    }
    None
}

/// What a value of `ty` looks like, as the runtime's messages say it.
fn expected_type(ty: &Type) -> String {
    match ty {
        Type::String => String::EXPECTED.to_owned(),
        Type::Integer => i64::EXPECTED.to_owned(),
        Type::Boolean => bool::EXPECTED.to_owned(),
        Type::DurationSeconds => std::time::Duration::EXPECTED.to_owned(),
        Type::Url => Url::EXPECTED.to_owned(),
        Type::Uuid => kontur_extern::Uuid::EXPECTED.to_owned(),
        Type::DateTime => kontur_extern::DateTime::EXPECTED.to_owned(),
        Type::List(inner) => format!("a list of {}", expected_type(inner)),
        Type::Enum(values) => format!("one of {}", values.join(", ")),
    }
}

/// A JSON value for a finding: its type, and its value unless secret.
fn describe(value: &Json, secret: bool, scrub: &Scrub) -> String {
    match value {
        Json::Bool(_) | Json::Number(_) | Json::String(_) if !secret => {
            format!(
                "{} ({})",
                kind(value),
                scrub.shown(&value.to_string(), VALUE_SHOWN)
            )
        }
        _ => kind(value).to_owned(),
    }
}

fn kind(value: &Json) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

/// Text that is already terminal-safe, in quotes.
fn quoted(text: &str) -> String {
    format!("\"{text}\"")
}

/// What a body is, without any of it: it may hold anything.
fn describe_body(body: &[u8]) -> String {
    match serde_json::from_slice::<Json>(body) {
        Ok(value) => format!("JSON, {}", kind(&value)),
        Err(_) if body.is_empty() => "an empty body".to_owned(),
        Err(_) => format!("{} bytes that are not JSON", body.len()),
    }
}

/// A failed status for a finding: the status, and what the server said.
fn describe_failure(answer: &Answer, body: Option<&[u8]>, scrub: &Scrub) -> String {
    let status = answer.status.as_u16();
    if answer.status.is_redirection() {
        return match answer.headers.get(LOCATION) {
            Some(location) => format!(
                "{status}, a redirect to {}, not followed",
                quoted(&scrub.shown(&String::from_utf8_lossy(location.as_bytes()), VALUE_SHOWN))
            ),
            None => format!("{status}, a redirect, not followed"),
        };
    }
    match body.and_then(|body| serde_json::from_slice::<OAuth2Error>(body).ok()) {
        Some(error) => {
            let mut shown = format!(
                "{status} with OAuth 2.0 error {}",
                quoted(&scrub.shown(error.code.as_str(), VALUE_SHOWN))
            );
            if let Some(description) = &error.description {
                shown.push_str(&format!(
                    ": {}",
                    quoted(&scrub.shown(description, DESCRIPTION_SHOWN))
                ));
            }
            shown
        }
        None => match body {
            Some(body) => format!("{status} with {}", describe_body(body)),
            None => status.to_string(),
        },
    }
}

/// The media type of a `Content-Type` value, lower case, without parameters.
fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// The body after `Content-Encoding`, capped as the runtime's decoder caps it.
fn decompress(headers: &HeaderMap, body: &[u8]) -> Result<Vec<u8>, String> {
    let encoding = headers
        .get(CONTENT_ENCODING)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("identity")
        .trim()
        .to_ascii_lowercase();
    let limit = MAX_BODY_BYTES as u64 + 1;
    let mut decoded = Vec::new();
    let read = match encoding.as_str() {
        "" | "identity" => return Ok(body.to_vec()),
        "gzip" | "x-gzip" => flate2::read::GzDecoder::new(body)
            .take(limit)
            .read_to_end(&mut decoded),
        "deflate" => flate2::read::ZlibDecoder::new(body)
            .take(limit)
            .read_to_end(&mut decoded),
        other => {
            return Err(format!(
                "a body with the unsupported content encoding {}",
                quoted(&terminal_safe(other, VALUE_SHOWN))
            ));
        }
    };
    match read {
        Ok(_) if decoded.len() > MAX_BODY_BYTES => {
            Err(format!("a body larger than {MAX_BODY_BYTES} bytes"))
        }
        Ok(_) => Ok(decoded),
        Err(_) => Err(format!("a {encoding} body that cannot be decompressed")),
    }
}

/// The body as the generated `decode` takes it: a JSON object, or nothing
/// for a 204.
fn json_object(status: StatusCode, body: &[u8]) -> Result<Map<String, Json>, String> {
    match serde_json::from_slice::<Json>(body) {
        Ok(Json::Object(object)) => Ok(object),
        Err(_) if status == StatusCode::NO_CONTENT => Ok(Map::new()),
        Ok(other) => Err(format!("JSON, {}", kind(&other))),
        Err(_) => Err(describe_body(body)),
    }
}
