//! `kontur-extern call SPEC_OR_ENDPOINT --param name=value ...`: send any spec's
//! request, read at run time with the macros' checks, and print the answer
//! as JSON, checked against the spec's types.

use std::path::PathBuf;
use std::process::ExitCode;

use kontur_extern::__private::{Incoming, RequestEncoder};
use kontur_extern::{
    Client, ExposeSecret, SecretString, TokenProvider, TokenSource, Url, terminal_safe,
};
use kontur_extern_codegen::Endpoint;
use kontur_extern_codegen::model::{self, BodyEncoding, ParamKind, ParamLocation, Presence};

/// Secret parameters are read from `KONTUR_CALL_<NAME>` (and the `token`
/// command's variables for the password-token spec), never from flags.
const ENV_PREFIX: &str = "KONTUR_CALL_";

#[derive(clap::Args)]
pub struct CallArgs {
    /// The endpoint spec, a service file (`spec/extern/api.yaml`), or a
    /// built-in endpoint of the shipped Kontur.Extern specs by its
    /// `group.method` (`accounts.get`) or its name (`get_account`).
    spec: PathBuf,
    /// For a service file: the endpoint, as `group.method`
    /// (`accounts.get`) or by its name (`get_account`).
    endpoint: Option<String>,
    /// Send the request of the spec's documented example NAME (its
    /// parameters and its body; its secret ones only to a loopback server,
    /// and only when the environment sets none); `--param` and `--body`
    /// replace parts of it. The request carries `Prefer: example=NAME`, so
    /// that `serve` answers with that example even when others document
    /// the same request (a server that does not know the preference
    /// ignores it); a token request made to sign in does not.
    #[arg(long, value_name = "NAME")]
    example: Option<String>,
    /// A parameter, by its name in the spec (`accountId=…`); a list
    /// parameter takes one `--param` per element.
    #[arg(long = "param", value_name = "NAME=VALUE")]
    params: Vec<String>,
    /// The request body: JSON text (`body: json`), or `@FILE` for a file's
    /// bytes (`body: binary`, or JSON from a file), or `@-` for standard
    /// input. A JSON body with a secret field only from a file or standard
    /// input: the command line is in the process list.
    #[arg(long)]
    body: Option<String>,
    /// The server [default: the spec's `base_url`].
    #[arg(long)]
    base_url: Option<Url>,
    /// For `auth: bearer` endpoints: the identity server that signs in
    /// with the credentials `token` uses (KONTUR_CLIENT_ID, KONTUR_USERNAME,
    /// KONTUR_CLIENT_SECRET, KONTUR_PASSWORD). KONTUR_ACCESS_TOKEN, when
    /// set, is sent instead.
    #[arg(
        long,
        env = "KONTUR_IDENTITY_URL",
        default_value = "https://identity.testkontur.ru"
    )]
    identity_url: Url,
    /// Allow plain http to hosts other than loopback (test networks only).
    #[arg(long)]
    allow_insecure_http: bool,
    /// Print the values of secret fields (the spec's `secret` fields, and
    /// keys that look like tokens or passwords) instead of `[secret]`.
    #[arg(long)]
    show_secrets: bool,
    /// How long the call may take in all, in seconds, the answer's body
    /// included (a server that sends it a little at a time is cut off).
    #[arg(long, value_name = "SECONDS", default_value_t = kontur_extern::DEFAULT_TIMEOUT.as_secs_f64(), value_parser = timeout_seconds)]
    timeout: f64,
}

/// `--timeout`: a positive number of seconds, at most a day.
fn timeout_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(seconds) if seconds > 0.0 && seconds <= 86_400.0 => Ok(seconds),
        _ => Err(format!(
            "`{text}` is not a number of seconds from 0 (excluded) to 86400"
        )),
    }
}

pub fn run(args: CallArgs, verbose: bool) -> Result<ExitCode, String> {
    let endpoint = select(&args)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| format!("cannot start the async runtime: {error}"))?;
    let mut tokens = None;
    // As the generated `send_to`: a content goes out as it arrives.
    let streamed = endpoint.streams();
    let (response, secrets) = exchange(&endpoint, &args, &runtime, &mut tokens, verbose, streamed)?;
    if response.extensions().get::<Streamed>().is_some() {
        return Ok(ExitCode::SUCCESS);
    }
    print(&endpoint, response, args.show_secrets).map_err(|mut error| {
        kontur_extern::__private::scrub(&mut error, &secrets);
        error
    })
}

/// Marks an answer whose binary body went to standard output as it came
/// (its body here is empty).
#[derive(Clone, Copy, Debug)]
struct Streamed;

/// The arguments `verify` sends one documented example with, as
/// `call SPEC --example NAME --base-url URL` would.
pub(crate) fn for_example(
    spec: PathBuf,
    example: &str,
    params: Vec<String>,
    base_url: Url,
    identity_url: Url,
    allow_insecure_http: bool,
) -> CallArgs {
    CallArgs {
        spec,
        endpoint: None,
        example: Some(example.to_owned()),
        params,
        body: None,
        base_url: Some(base_url),
        identity_url,
        allow_insecure_http,
        show_secrets: false,
        timeout: kontur_extern::DEFAULT_TIMEOUT.as_secs_f64(),
    }
}

/// Builds the request of `endpoint` from `args` as generated code builds
/// it, sends it (with a bearer token for `auth: bearer`, from `tokens`, or
/// a new source put there), and returns the answer read whole (with
/// `stream`, a binary success goes to standard output as it comes, and
/// the answer returned is marked [`Streamed`]), with every secret sent (parameters, body fields, tokens) for the caller to keep
/// out of what it shows. Errors are already without them.
pub(crate) fn exchange(
    endpoint: &Endpoint,
    args: &CallArgs,
    runtime: &tokio::runtime::Runtime,
    tokens: &mut Option<Box<dyn TokenSource>>,
    verbose: bool,
    stream: bool,
) -> Result<(http::Response<Vec<u8>>, Vec<SecretString>), String> {
    let metadata = crate::specs::metadata(endpoint);
    let base_url = match &args.base_url {
        Some(url) => url.clone(),
        None => Url::parse(&endpoint.base_url).map_err(|e| format!("the spec's base URL: {e}"))?,
    };
    let mut secrets = Vec::new();
    if let Some(token) = access_token() {
        secrets.push(SecretString::from(token));
    }
    let request = encode(endpoint, &metadata, &base_url, args, &mut secrets)?;
    // Every error text, whatever its source, loses the secrets sent.
    let scrubbed = |mut error: String| {
        kontur_extern::__private::scrub(&mut error, &secrets);
        error
    };
    let (response, sent_tokens) = runtime
        .block_on(send(endpoint, request, args, tokens, verbose, stream))
        .map_err(scrubbed)?;
    secrets.extend(sent_tokens);
    Ok((response, secrets))
}

/// The endpoint the arguments name.
fn select(args: &CallArgs) -> Result<Endpoint, String> {
    let name = args.spec.display().to_string();
    // `call accounts.get`: a shipped endpoint, from the built-in specs.
    if args.endpoint.is_none() && crate::shipped::is_endpoint_name(&args.spec) {
        let mut chosen = crate::shipped::select(&name)?;
        if chosen.len() > 1 {
            return Err(format!(
                "`{name}` is a group of {} endpoints; name one: {}",
                chosen.len(),
                chosen
                    .iter()
                    .map(|(called, _)| called.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        return chosen.pop().map(|(_, endpoint)| endpoint).ok_or(name);
    }
    let endpoints = match crate::specs::read(&args.spec, &name)? {
        crate::specs::Loaded::Endpoints(endpoints) => endpoints,
        crate::specs::Loaded::TypeFile => {
            return Err(format!(
                "{name} is a type file; call an endpoint spec or a service file"
            ));
        }
    };
    let names = || {
        endpoints
            .iter()
            .map(|(called, _)| called.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (&args.endpoint, endpoints.len()) {
        (None, 1) => Ok(endpoints
            .into_iter()
            .next()
            .map(|(_, e)| e)
            .ok_or("no endpoint")?),
        (None, _) => Err(format!(
            "{name} has {} endpoints: name one after the file ({})",
            endpoints.len(),
            names()
        )),
        (Some(wanted), _) => {
            let found = endpoints
                .iter()
                .position(|(called, endpoint)| called == wanted || endpoint.name == *wanted);
            match found {
                Some(at) => Ok(endpoints
                    .into_iter()
                    .nth(at)
                    .map(|(_, e)| e)
                    .ok_or("no endpoint")?),
                None => Err(format!(
                    "{name} has no endpoint `{}`; it has: {}",
                    terminal_safe(wanted, 100),
                    names()
                )),
            }
        }
    }
}

/// The request from the spec and `--param`/`--body`, through the runtime's
/// encoder, as generated code builds it.
fn encode(
    endpoint: &Endpoint,
    metadata: &kontur_extern::Metadata,
    base_url: &Url,
    args: &CallArgs,
    secrets: &mut Vec<SecretString>,
) -> Result<http::Request<Vec<u8>>, String> {
    let mut given: Vec<(String, String)> = Vec::new();
    for param in &args.params {
        let (name, value) = param
            .split_once('=')
            .ok_or_else(|| format!("--param `{param}` is not NAME=VALUE"))?;
        match endpoint.request.params.iter().find(|p| p.name == name) {
            None => {
                let known: Vec<&str> = endpoint
                    .request
                    .params
                    .iter()
                    .filter(|p| matches!(p.kind, ParamKind::Caller { .. }))
                    .map(|p| p.name.as_str())
                    .collect();
                let name = terminal_safe(name, 100);
                return Err(match known.is_empty() {
                    true => format!(
                        "`{name}` is not a parameter of `{}`, which takes none",
                        endpoint.name
                    ),
                    false => format!(
                        "`{name}` is not a parameter of `{}`; its parameters: {}",
                        endpoint.name,
                        known.join(", ")
                    ),
                });
            }
            Some(model::Param {
                kind: ParamKind::Constant(value),
                ..
            }) => {
                return Err(format!(
                    "`{name}` is a constant of the spec (`{}`); it cannot be set",
                    terminal_safe(&value.wire_values().join(","), 100)
                ));
            }
            Some(_) => {}
        }
        given.push((name.to_owned(), value.to_owned()));
    }
    let example = match &args.example {
        Some(wanted) => Some(
            endpoint
                .examples
                .iter()
                .find(|example| example.name == *wanted)
                .ok_or_else(|| {
                    let names: Vec<&str> =
                        endpoint.examples.iter().map(|e| e.name.as_str()).collect();
                    format!(
                        "`{}` has no example `{}`; its examples: {}",
                        endpoint.name,
                        terminal_safe(wanted, 100),
                        names.join(", ")
                    )
                })?,
        ),
        None => None,
    };
    // The example's parameters, where `--param` gives none.
    let mut documented: Vec<(String, String)> = Vec::new();
    for (name, value) in example.map_or(&[][..], |example| &example.params[..]) {
        if !given.iter().any(|(given, _)| given == name) {
            documented.extend(value.wire_values().into_iter().map(|v| (name.clone(), v)));
        }
    }
    let example_body = example.and_then(|example| example.request_body.as_deref());
    let body = match (&args.body, example_body) {
        (Some(body), _) => Some(read_body(body)?),
        (None, Some(body)) => Some(body.as_bytes().to_vec()),
        (None, None) => None,
    };
    let mut http = RequestEncoder::new(metadata, base_url).map_err(|e| e.to_string())?;
    match (&endpoint.request.body, body) {
        (BodyEncoding::Json, Some(text)) => {
            let text = without_bom(&text);
            // Sent as written (numbers of any size, keys in their order),
            // once it is known to be JSON that fits.
            let json: Box<serde_json::value::RawValue> = std::str::from_utf8(text)
                .map_err(|error| format!("--body is not UTF-8 text: {error}"))
                .and_then(|text| {
                    serde_json::from_str(text.trim())
                        .map_err(|error| format!("--body is not JSON: {error}"))
                })?;
            // The body's secret fields: never on the command line, where
            // the process list shows them, and scrubbed from every error.
            let body_secrets = secret_values(endpoint, json.get());
            if let Some((key, _)) = body_secrets.first()
                && args
                    .body
                    .as_deref()
                    .is_some_and(|body| !body.starts_with('@'))
            {
                return Err(format!(
                    "--body holds the secret field `{key}`, which the command line would show \
                     to every user of this machine: give the body in a file (--body @FILE) or \
                     on standard input (--body @-)"
                ));
            }
            secrets.extend(
                body_secrets
                    .into_iter()
                    .map(|(_, value)| SecretString::from(value)),
            );
            if let Some(ty) = &endpoint.request.json {
                let misfits = kontur_extern_codegen::types::fit::misfits(
                    &endpoint.types,
                    ty,
                    json.get(),
                    "--body",
                );
                if !misfits.is_empty() {
                    let shown: Vec<String> = misfits
                        .iter()
                        .take(10)
                        .map(|m| terminal_safe(m, 500).into_owned())
                        .collect();
                    return Err(format!(
                        "--body does not fit the spec's request body type:\n  {}",
                        shown.join("\n  ")
                    ));
                }
            }
            http.json(&json);
        }
        (BodyEncoding::Binary, Some(body)) => http.binary(&body),
        (BodyEncoding::Json | BodyEncoding::Binary, None) => {
            return Err(format!(
                "`{}` sends a body: give it with --body (JSON text, or @FILE)",
                endpoint.name
            ));
        }
        (BodyEncoding::Form, Some(_)) => {
            let form = endpoint
                .request
                .params
                .iter()
                .any(|p| p.location == ParamLocation::Body);
            return Err(match form {
                true => format!(
                    "`{}` has no JSON or binary body; its form fields are --param",
                    endpoint.name
                ),
                false => format!("`{}` takes no request body", endpoint.name),
            });
        }
        (BodyEncoding::Form, None) => {}
    }
    for param in &endpoint.request.params {
        let name: &'static str = Box::leak(param.name.clone().into_boxed_str());
        let mut secret = false;
        let values: Vec<String> = match &param.kind {
            ParamKind::Constant(value) => value.wire_values(),
            ParamKind::Caller {
                secret: true,
                presence,
                ..
            } => {
                let names = crate::verify::env_names(ENV_PREFIX, name);
                if given.iter().any(|(given, _)| given == name) {
                    return Err(format!(
                        "--param {name}: a secret parameter is never taken from the command line; set {}",
                        names.join(" or ")
                    ));
                }
                secret = true;
                let from_example: Vec<String> = documented
                    .iter()
                    .filter(|(documented, _)| documented == name)
                    .map(|(_, value)| value.clone())
                    .collect();
                let in_env = names.iter().any(|name| std::env::var(name).is_ok());
                // A documented secret goes only to this machine (a replay
                // server): elsewhere it is a real server's business.
                if !in_env && !from_example.is_empty() && kontur_extern::is_loopback(base_url) {
                    from_example
                } else {
                    match crate::verify::secret_value(name, &names)? {
                        Some(value) => vec![value.expose_secret().to_owned()],
                        None if *presence == Presence::Required => {
                            return Err(format!(
                                "no value for the secret parameter `{name}`: set {}, or run at a terminal to be asked",
                                names.join(" or ")
                            ));
                        }
                        None => Vec::new(),
                    }
                }
            }
            ParamKind::Caller { ty, presence, .. } => {
                let values: Vec<String> = given
                    .iter()
                    .chain(&documented)
                    .filter(|(given, _)| given == name)
                    .map(|(_, value)| value.clone())
                    .collect();
                if values.len() > 1 && !matches!(ty, model::Type::List(_)) {
                    return Err(format!(
                        "--param {name} is given {} times; it takes one value",
                        values.len()
                    ));
                }
                for value in &values {
                    crate::verify::fits(value, ty.element())
                        .map_err(|expected| format!("--param {name}: expected {expected}"))?;
                }
                let values: Vec<String> = values
                    .iter()
                    .map(|value| as_sent(value, ty.element()))
                    .collect();
                match (values.is_empty(), presence) {
                    (false, _) => values,
                    (true, Presence::Default(value)) => value.wire_values(),
                    (true, Presence::Optional) => Vec::new(),
                    (true, Presence::Required) => {
                        return Err(format!("missing --param {name}=…, which is required"));
                    }
                }
            }
        };
        for value in values {
            if secret {
                let value = SecretString::from(value);
                match param.location {
                    ParamLocation::Path => http.path(name, &value),
                    ParamLocation::Query => http.query(name, &value),
                    ParamLocation::Header => http.header(name, &value),
                    ParamLocation::Body => http.form(name, &value),
                }
                secrets.push(value);
            } else {
                match param.location {
                    ParamLocation::Path => http.path(name, value.as_str()),
                    ParamLocation::Query => http.query(name, value.as_str()),
                    ParamLocation::Header => http.header(name, value.as_str()),
                    ParamLocation::Body => http.form(name, value.as_str()),
                }
            }
        }
    }
    let mut request = http.finish().map_err(|error| error.to_string())?;
    if let Some(example) = example {
        // The example asked for by name, as Prism's mock server reads it
        // (RFC 7240); `serve` answers it even when examples share the request.
        request.headers_mut().append(
            http::header::HeaderName::from_static("prefer"),
            prefer(&example.name)?,
        );
    }
    Ok(request)
}

/// `Prefer: example=NAME`, the name quoted when it is not a token.
fn prefer(name: &str) -> Result<http::HeaderValue, String> {
    let token = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c));
    let value = match token {
        true => format!("example={name}"),
        false => format!(
            "example=\"{}\"",
            name.replace('\\', "\\\\").replace('"', "\\\"")
        ),
    };
    http::HeaderValue::from_str(&value).map_err(|_| {
        format!(
            "the example's name `{}` cannot go in a `Prefer` header",
            terminal_safe(name, 100)
        )
    })
}

fn read_body(body: &str) -> Result<Vec<u8>, String> {
    match body.strip_prefix('@') {
        Some("-") => {
            let mut text = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut text)
                .map_err(|error| format!("cannot read the body from standard input: {error}"))?;
            Ok(text)
        }
        Some(path) => std::fs::read(path).map_err(|error| format!("cannot read {path}: {error}")),
        None => Ok(body.as_bytes().to_vec()),
    }
}

/// The string values of the JSON body's secret fields (by the keys the
/// spec's types mark `secret`), each with its key.
fn secret_values(endpoint: &Endpoint, json: &str) -> Vec<(String, String)> {
    fn walk(value: &serde_json::Value, keys: &[String], found: &mut Vec<(String, String)>) {
        match value {
            serde_json::Value::Object(members) => {
                for (key, value) in members {
                    match value {
                        serde_json::Value::String(text) if keys.contains(key) => {
                            if !text.is_empty() {
                                found.push((key.clone(), text.clone()));
                            }
                        }
                        other => walk(other, keys, found),
                    }
                }
            }
            serde_json::Value::Array(items) => {
                for item in items {
                    walk(item, keys, found);
                }
            }
            _ => {}
        }
    }
    let keys = endpoint.types.secret_keys();
    let mut found = Vec::new();
    if let (false, Ok(value)) = (keys.is_empty(), serde_json::from_str(json)) {
        walk(&value, &keys, &mut found);
    }
    found
}

/// A JSON body's text without the UTF-8 byte order mark some editors write.
fn without_bom(text: &[u8]) -> &[u8] {
    text.strip_prefix(b"\xef\xbb\xbf".as_slice())
        .unwrap_or(text)
}

/// Sends the request, with a bearer token when the endpoint needs one.
async fn send(
    endpoint: &Endpoint,
    request: http::Request<Vec<u8>>,
    args: &CallArgs,
    tokens: &mut Option<Box<dyn TokenSource>>,
    verbose: bool,
    stream: bool,
) -> Result<(http::Response<Vec<u8>>, Vec<SecretString>), String> {
    let started = std::time::Instant::now();
    let (method, path) = (request.method().clone(), request.uri().path().to_owned());
    let url = request.uri().to_string();
    let url = Url::parse(&url).map_err(|error| format!("the request's URL: {error}"))?;
    if url.scheme() == "http" && !kontur_extern::is_loopback(&url) && !args.allow_insecure_http {
        return Err(format!(
            "`{}` is plain http to a host that is not loopback; use https, or --allow-insecure-http for a test network",
            url.origin().ascii_serialization()
        ));
    }
    kontur_extern::__private::resolved_loopback(&url, args.allow_insecure_http)
        .await
        .map_err(|error| error.to_string())?;
    // The runtime's own: proxies from the environment, loopback direct.
    let http = kontur_extern::__private::own_http_client().map_err(|error| error.to_string())?;
    let mut request =
        kontur_extern::reqwest::Request::try_from(request).map_err(|error| error.to_string())?;
    *request.timeout_mut() = Some(std::time::Duration::from_secs_f64(args.timeout));
    // A content goes to the output as it comes, as stored: not compressed,
    // and past the download limit.
    if stream {
        request.headers_mut().insert(
            http::header::ACCEPT_ENCODING,
            http::HeaderValue::from_static("identity"),
        );
    }
    // The tokens sent, which no error text may show.
    let mut sent_tokens = Vec::new();
    let response = match endpoint.auth {
        model::Auth::Bearer => {
            // Signed in once for all the requests of a run.
            let tokens = match tokens {
                Some(tokens) => tokens,
                None => tokens.insert(token_source(args).await?),
            };
            let response = tokens.send_authorized(&http, request).await;
            sent_tokens = tokens.secrets();
            response.map_err(|error| {
                let mut text = error.to_string();
                kontur_extern::__private::scrub(&mut text, &sent_tokens);
                if matches!(error, kontur_extern::Error::TokenRefused { .. })
                    && access_token().is_none()
                {
                    // The provider holds back signing in again, but only
                    // for as long as this process lives.
                    text.push_str(
                        "; each run of `call` signs in anew (its hold on signing in again lasts \
                         one process), so a script that loops over `call` signs in twice per run \
                         while the API refuses the tokens: stop it, and find out why the API \
                         refuses them; to sign in once for many calls, put the token that \
                         `kontur-extern token --show-token` prints in KONTUR_ACCESS_TOKEN",
                    );
                }
                text
            })?
        }
        model::Auth::None => http
            .execute(request)
            .await
            .map_err(|error| format!("the request failed: {error}"))?,
    };
    let status = response.status();
    let headers = response.headers().clone();
    if verbose {
        // The path without its query, which may carry secret parameters.
        let trace = headers
            .get("x-kontur-trace-id")
            .and_then(|value| value.to_str().ok())
            .unwrap_or("none");
        tell!(
            "{method} {} -> {} in {} ms, trace id {}",
            terminal_safe(&path, 300),
            status.as_u16(),
            started.elapsed().as_millis(),
            terminal_safe(trace, 100)
        );
    }
    if stream
        && status.is_success()
        && response
            .headers()
            .get(http::header::CONTENT_ENCODING)
            .is_none_or(|coding| coding.as_bytes() == b"identity")
    {
        use std::io::IsTerminal as _;
        if std::io::stdout().is_terminal() {
            return Err(
                "the answer is binary content; redirect the output to a file (> FILE)".to_owned(),
            );
        }
        let mut response = response;
        let mut written = 0u64;
        while let Some(chunk) = response.chunk().await.map_err(|error| {
            format!(
                "the answer broke off after {written} bytes of its body, which are written: \
                 {error}{}",
                if error.is_timeout() {
                    format!(
                        "; `--timeout SECONDS` (now {} s) gives it longer",
                        args.timeout
                    )
                } else {
                    String::new()
                }
            )
        })? {
            out(&chunk)?;
            written += chunk.len() as u64;
        }
        let mut answer = http::Response::new(Vec::new());
        *answer.status_mut() = status;
        *answer.headers_mut() = headers;
        answer.extensions_mut().insert(Streamed);
        return Ok((answer, sent_tokens));
    }
    // As the generated client reads it: a JSON answer within the JSON limit,
    // refused at its promised length before a byte of it is read.
    let (limit, kind) = if crate::specs::metadata(endpoint).binary_response {
        (kontur_extern::MAX_BINARY_BYTES, "binary")
    } else {
        (kontur_extern::MAX_BODY_BYTES, "JSON")
    };
    if let Some(length) = response
        .content_length()
        .filter(|length| *length > limit as u64)
    {
        return Err(format!(
            "the answer is {length} bytes, more than the {limit} a {kind} answer may have"
        ));
    }
    let mut body = Vec::new();
    let mut response = response;
    while let Some(chunk) = response.chunk().await.map_err(|error| {
        if error.is_timeout() {
            format!(
                "the server sent its answer too slowly: it did not arrive in full within \
                     {} s (status {} and headers came, then {} bytes of the body); \
                     `--timeout SECONDS` gives it longer",
                args.timeout,
                status.as_u16(),
                body.len()
            )
        } else {
            format!("the answer broke off: {error}")
        }
    })? {
        if body.len() + chunk.len() > limit {
            return Err(format!(
                "the answer is larger than the {limit} bytes a {kind} answer may have"
            ));
        }
        body.extend_from_slice(&chunk);
    }
    let mut answer = http::Response::new(body);
    *answer.status_mut() = status;
    *answer.headers_mut() = headers;
    Ok((answer, sent_tokens))
}

/// `KONTUR_ACCESS_TOKEN` as it is, or a token provider that signs in with
/// the credentials `token` reads.
async fn token_source(args: &CallArgs) -> Result<Box<dyn TokenSource>, String> {
    if let Some(token) = access_token() {
        let length = token.chars().count();
        if length < MIN_TOKEN_CHARS {
            // Every error would hide each occurrence of the token as
            // `[redacted]`, and a few letters occur everywhere.
            return Err(format!(
                "KONTUR_ACCESS_TOKEN is too short to be an access token ({length} of at least \
                 {MIN_TOKEN_CHARS} characters; real ones have hundreds): set the whole token, \
                 or unset it to sign in"
            ));
        }
        return Ok(Box::new(SecretString::from(token)));
    }
    let variable = |name: &str| {
        std::env::var(name).map_err(|_| {
            format!(
                "`{}` needs a bearer token: set KONTUR_ACCESS_TOKEN, or KONTUR_CLIENT_ID, \
                 KONTUR_CLIENT_SECRET, KONTUR_USERNAME and KONTUR_PASSWORD to sign in \
                 ({name} is not set)",
                args.spec.display()
            )
        })
    };
    let sign_in = crate::password_token::Request::new(crate::password_token::Required {
        client_id: variable("KONTUR_CLIENT_ID")?,
        client_secret: variable("KONTUR_CLIENT_SECRET")?.into(),
        username: variable("KONTUR_USERNAME")?,
        password: variable("KONTUR_PASSWORD")?.into(),
    });
    let identity = Client::new(args.identity_url.clone()).map_err(|error| error.to_string())?;
    let identity = if args.allow_insecure_http {
        identity.allow_insecure_http()
    } else {
        identity
    };
    let mut provider =
        TokenProvider::new::<crate::password_token::PasswordToken>(identity, sign_in);
    if args.allow_insecure_http {
        provider = provider.allow_insecure_http();
    }
    // Signed in first, so that a failure says where it happened.
    provider.get().await.map_err(|error| {
        format!(
            "signing in at {}: {error}",
            args.identity_url.origin().ascii_serialization()
        )
    })?;
    Ok(Box::new(provider))
}

/// The answer: the body of the outcome it is, as JSON (checked against the
/// spec's types; a misfit is a warning), `null` for "not found", the size
/// of a binary body; an error status in the endpoint's error format. An
/// outcome at an error status (a refused send's 400) is a result, printed
/// as any outcome, unless its body does not fit and is an error.
fn print(
    endpoint: &Endpoint,
    response: http::Response<Vec<u8>>,
    show_secrets: bool,
) -> Result<ExitCode, String> {
    let format = crate::specs::metadata(endpoint).error_format;
    let binary = endpoint
        .outcomes
        .as_ref()
        .is_some_and(|outcomes| outcomes.listed.iter().any(|o| o.binary));
    let incoming = if binary {
        Incoming::binary(response)
    } else {
        Incoming::new(response)
    }
    .map_err(|error| error.to_string())?;
    let status = incoming.status();
    // The outcome for the status, and its body's type.
    let (ty, is_binary, is_text) = match &endpoint.outcomes {
        Some(outcomes) => match outcomes.for_status(status) {
            Some(outcome) if outcome.at_error_status() => {
                // As the generated `decode` reads it: the outcome when the
                // body fits, else the error it is, if it is one.
                // Keys the type does not declare do not count, as the
                // generated client ignores them.
                let fits = outcome.body.as_ref().is_none_or(|ty| {
                    kontur_extern_codegen::types::fit::answer_misfits(
                        &endpoint.types,
                        ty,
                        &String::from_utf8_lossy(incoming.body()),
                    )
                    .iter()
                    .all(|misfit| !misfit.fails_decoding)
                });
                if !fits && incoming.is_error(format) {
                    return Err(incoming.error(format).to_string());
                }
                tell!(
                    "note: HTTP {status} is the documented outcome `{}`, a result, not an error",
                    outcome.name
                );
                (outcome.body.clone(), outcome.binary, outcome.text)
            }
            Some(outcome) => (outcome.body.clone(), outcome.binary, outcome.text),
            None if status == 404 && outcomes.not_found => {
                incoming
                    .not_found(format)
                    .map_err(|error| error.to_string())?;
                out(b"null\n")?;
                return Ok(ExitCode::SUCCESS);
            }
            None if (200..300).contains(&status) => {
                return Err(incoming.undocumented().to_string());
            }
            None => return Err(incoming.error(format).to_string()),
        },
        None if (200..300).contains(&status) => (endpoint.response.body.clone(), false, false),
        None => return Err(incoming.error(format).to_string()),
    };
    let (_, bytes) = incoming.bytes();
    if is_binary {
        use std::io::IsTerminal as _;
        if std::io::stdout().is_terminal() {
            return Err(format!(
                "the answer is {} bytes of binary content; redirect the output to a file (> FILE)",
                bytes.len()
            ));
        }
        out(&bytes)?;
        return Ok(ExitCode::SUCCESS);
    }
    if is_text {
        // As the generated client reads it: UTF-8 text, shown escaped.
        let text = String::from_utf8(bytes.to_vec())
            .map_err(|error| format!("the answer (HTTP {status}) is not UTF-8 text: {error}"))?;
        crate::write_out(&format!("{}\n", text.trim_end_matches('\n')));
        return Ok(ExitCode::SUCCESS);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        out(b"null\n")?;
        return Ok(ExitCode::SUCCESS);
    }
    let text = std::str::from_utf8(&bytes)
        .map_err(|error| format!("the answer (HTTP {status}) is not UTF-8 text: {error}"))?;
    let mut json = crate::printed::Node::parse(text)
        .map_err(|error| format!("the answer (HTTP {status}) is not JSON: {error}"))?;
    // As the generated client decodes it: a misfit that fails its decoding
    // fails the call (the answer is still printed, to see what came); a
    // key the spec does not declare is ignored there, so it is a note.
    let misfits = match &ty {
        Some(ty) => kontur_extern_codegen::types::fit::answer_misfits(&endpoint.types, ty, text),
        None => Vec::new(),
    };
    if !show_secrets {
        let keys = Keys::of(endpoint);
        json.hide(&|key| keys.hides(key));
    }
    let pretty = json.pretty();
    out(format!("{}\n", crate::terminal::json(&pretty)).as_bytes())?;
    let failing = misfits.iter().filter(|m| m.fails_decoding).count();
    for misfit in misfits.iter().take(10) {
        let message = terminal_safe(&misfit.message, 500);
        if misfit.fails_decoding {
            tell!("error: the answer does not fit the spec: {message}");
        } else {
            tell!(
                "note: the answer has more than the spec says (the generated client ignores \
                 it): {message}"
            );
        }
    }
    if misfits.len() > 10 {
        tell!("… and {} more", misfits.len() - 10);
    }
    if failing > 0 {
        tell!(
            "error: the generated client's decoding fails on this answer ({failing} misfit(s) \
             above): the server departs from the spec, or the spec from the server"
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes to stdout; a reader that has gone (`| head`) is not an error.
pub(crate) fn out(bytes: &[u8]) -> Result<(), String> {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write to stdout: {error}"))
        }
        _ => Ok(()),
    }
}

/// The shortest `KONTUR_ACCESS_TOKEN` taken as a token.
const MIN_TOKEN_CHARS: usize = 8;

/// `KONTUR_ACCESS_TOKEN`, when it is set and not empty.
fn access_token() -> Option<String> {
    std::env::var("KONTUR_ACCESS_TOKEN")
        .ok()
        .filter(|token| !token.trim().is_empty())
}

/// The JSON keys the spec declares, and which of them are secret.
struct Keys {
    secret: Vec<String>,
    known: Vec<String>,
}

impl Keys {
    fn of(endpoint: &Endpoint) -> Keys {
        let mut secret = endpoint.types.secret_keys();
        let mut known: Vec<String> = endpoint
            .types
            .object_fields()
            .map(|field| field.wire.clone())
            .collect();
        for field in &endpoint.response.fields {
            known.push(field.name.clone());
            if field.secret {
                secret.push(field.name.clone());
            }
        }
        Keys { secret, known }
    }

    /// A key the spec declares secret, or one it does not declare whose
    /// name looks like a token or a password.
    fn hides(&self, key: &str) -> bool {
        self.secret.iter().any(|k| k == key)
            || (!self.known.iter().any(|k| k == key) && kontur_extern::__private::looks_secret(key))
    }
}

/// A parameter's value as the generated client would send it: a UUID in
/// any form `Uuid` reads (`urn:uuid:…`, braced, upper case) goes out lower
/// case with hyphens; other values as given.
fn as_sent(value: &str, ty: &model::Type) -> String {
    match (ty, value.parse::<kontur_extern::Uuid>()) {
        (model::Type::Uuid, Ok(uuid)) => uuid.to_string(),
        _ => value.to_owned(),
    }
}
