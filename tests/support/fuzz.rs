//! The bodies of the fuzz targets in `fuzz/`: the cargo-fuzz crate calls
//! them under libFuzzer (nightly), and `tests/fuzz.rs` calls them on stable
//! with the corpus and generated cases. A panic here is a bug in what the
//! body exercises: the spec loader, the code generator or the decoder.

use std::fmt::Write as _;

use kontur_extern::Endpoint as _;
use kontur_extern_codegen::{Loaded, Naming, Options};
use proc_macro2::{Ident, Span, TokenStream};

kontur_extern::endpoint!("spec/password-token.yaml");

/// The name the spec target gives its input in diagnostics.
pub const SPEC_FILE: &str = "fuzz.yaml";

/// How far a spec got through the pipeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpecOutcome {
    /// Refused before the checker: a YAML, structural or resource-limit error.
    Refused,
    /// Checked and generated, with problems reported beside the code.
    GeneratedWithProblems,
    /// Checked without a problem and generated.
    Generated,
}

/// The spec target: `data` (as text; invalid UTF-8 replaced) through what
/// the macros do with a spec file: load and check it, then generate code
/// for both `endpoint!` and `#[derive(Endpoint)]`, with every problem as a
/// `compile_error!` in front, as the proc-macro emits them. The output must
/// parse as a Rust file.
pub fn spec(data: &[u8]) -> SpecOutcome {
    spec_text(&String::from_utf8_lossy(data))
}

/// [`spec`] on text.
pub fn spec_text(text: &str) -> SpecOutcome {
    let Loaded {
        endpoint, problems, ..
    } = kontur_extern_codegen::load_str(SPEC_FILE, text);
    if let Err(problems) = &problems {
        assert!(!problems.is_empty(), "a failed load reported no problem");
        for problem in problems.iter() {
            assert_eq!(problem.file, SPEC_FILE, "{problem}");
            assert!(!problem.message.trim().is_empty(), "an empty message");
        }
    }
    let Some(endpoint) = endpoint else {
        assert!(problems.is_err(), "no endpoint and no problem");
        return SpecOutcome::Refused;
    };

    // As the proc-macro emits them: `compile_error!`s, then the sound parts.
    let errors: TokenStream = problems
        .as_ref()
        .err()
        .into_iter()
        .flat_map(|problems| problems.iter())
        .map(|problem| {
            syn::Error::new(Span::call_site(), format!("spec error: {problem}"))
                .into_compile_error()
        })
        .collect();
    let namings = [
        Naming::Module,
        Naming::Beside {
            endpoint: Ident::new("Fuzzed", Span::call_site()),
            vis: syn::parse_quote!(pub(crate)),
        },
    ];
    for naming in namings {
        let options = Options {
            naming,
            rebuild_path: Some("/fuzz/spec.yaml".to_owned()),
        };
        let mut code = errors.clone();
        code.extend(kontur_extern_codegen::expand(&endpoint, &options));
        if let Err(error) = syn::parse2::<syn::File>(code.clone()) {
            panic!(
                "the generated code does not parse: {error}\n--- spec ---\n{text}\n--- code ---\n{code}"
            );
        }
    }
    match problems {
        Ok(()) => SpecOutcome::Generated,
        Err(_) => SpecOutcome::GeneratedWithProblems,
    }
}

/// The decode target: `data` read as a response (see [`response`]) and
/// given to the generated `PasswordToken::decode`, which must return a token
/// only for a 2xx status, and otherwise an error that keeps the status.
/// Returns whether a token came back.
pub fn decode(data: &[u8]) -> bool {
    let response = response(data);
    let status = response.status();
    let outcome = password_token::PasswordToken::decode(response);
    let mut shown = String::new();
    match &outcome {
        Ok(token) => {
            let _ = write!(shown, "{token:?}");
            assert!(status.is_success(), "a token from HTTP {status}: {shown}");
            assert!(!token.expires_in.is_zero(), "{shown}");
        }
        Err(error) => {
            let _ = write!(shown, "{error:?}\n{error}");
            assert_eq!(error.status(), Some(status), "{shown}");
        }
    }
    outcome.is_ok()
}

/// A response from bytes that read like one on the wire, so that a corpus
/// file is legible and a mutation of it stays close to a response:
///
/// ```text
/// 200
/// Content-Type: application/json
///
/// {"access_token": …}
/// ```
///
/// The first line is the status (200 when it is not one); each following
/// line up to an empty one is a header (`Name: value`; a line that is no
/// valid header is left out); everything after the empty line is the body,
/// byte for byte. A `\r` before a line's `\n` is ignored.
pub fn response(data: &[u8]) -> http::Response<Vec<u8>> {
    let mut rest = data;
    let mut next_line = || -> Option<&[u8]> {
        if rest.is_empty() {
            return None;
        }
        let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let line = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or_default();
        Some(line.strip_suffix(b"\r").unwrap_or(line))
    };
    let status = next_line()
        .and_then(|line| std::str::from_utf8(line).ok())
        .and_then(|line| line.trim().parse::<u16>().ok())
        .and_then(|code| http::StatusCode::from_u16(code).ok())
        .unwrap_or(http::StatusCode::OK);
    let mut headers = http::HeaderMap::new();
    while let Some(line) = next_line() {
        if line.is_empty() {
            break;
        }
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            continue;
        };
        let value = line[colon + 1..].trim_ascii_start();
        if let (Ok(name), Ok(value)) = (
            http::HeaderName::from_bytes(&line[..colon]),
            http::HeaderValue::from_bytes(value),
        ) {
            headers.append(name, value);
        }
    }
    let body = rest.to_vec();
    let mut response = http::Response::new(body);
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    response
}

/// The bytes [`response`] reads as this status, these headers and this body.
pub fn response_bytes(status: u16, headers: &[(&str, &[u8])], body: &[u8]) -> Vec<u8> {
    let mut bytes = format!("{status}\n").into_bytes();
    for (name, value) in headers {
        bytes.extend_from_slice(name.as_bytes());
        bytes.extend_from_slice(b": ");
        bytes.extend_from_slice(value);
        bytes.push(b'\n');
    }
    bytes.push(b'\n');
    bytes.extend_from_slice(body);
    bytes
}
