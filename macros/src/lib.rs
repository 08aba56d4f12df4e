//! Procedural macros of `kontur-extern`. Use them through the `kontur-extern`
//! crate, which re-exports them; the work is done by `kontur-extern-codegen`.

use std::path::{Path, PathBuf};

use kontur_extern_codegen::{Diagnostic, Diagnostics, Loaded, Naming, Options};
use proc_macro::TokenStream;
use proc_macro2::Span;
use quote::quote;
use syn::{DeriveInput, LitStr, parse_macro_input};

/// Generates a module with the typed request, response and endpoint of a
/// spec. The path is relative to the consuming crate's `Cargo.toml`, or
/// absolute; `${NAME}` in it is the compile-time environment variable
/// `NAME`, as in `"${OUT_DIR}/generated.yaml"` for a spec a build script
/// writes.
///
/// ```text
/// kontur_extern::endpoint!("spec/password-token.yaml");
/// // password_token::{PasswordToken, Request, Required, Response, TokenType}
/// ```
#[proc_macro]
pub fn endpoint(input: TokenStream) -> TokenStream {
    let path = parse_macro_input!(input as LitStr);
    generate(&path, Naming::Module).into()
}

/// Generates a module with the types of a type file (spec format version 2),
/// which specs share through `use:`. Invoke it in the same module as the
/// `endpoint!` calls of those specs: their generated code names the shared
/// types `super::<module>::Name`. The path is read as by [`endpoint!`].
///
/// ```text
/// kontur_extern::types!("spec/extern/types.yaml");
/// kontur_extern::endpoint!("spec/extern/get-docflow.yaml");
/// // extern_types::{Docflow, Link, …}, get_docflow::{GetDocflow, Request, Response}
/// ```
#[proc_macro]
pub fn types(input: TokenStream) -> TokenStream {
    let path = parse_macro_input!(input as LitStr);
    load_and_expand(
        &path,
        kontur_extern_codegen::load_types_file,
        |checked, absolute| kontur_extern_codegen::expand_types(checked, absolute.to_str()),
    )
    .into()
}

/// The spec's path, relative to the consuming crate's `Cargo.toml`.
fn absolute_path(path: &LitStr) -> Result<PathBuf, proc_macro2::TokenStream> {
    let Some(manifest_dir) = std::env::var_os("CARGO_MANIFEST_DIR") else {
        return Err(syn::Error::new(
            path.span(),
            "CARGO_MANIFEST_DIR is not set; build with cargo",
        )
        .into_compile_error());
    };
    let expanded = expand_variables(&path.value())
        .map_err(|message| syn::Error::new(path.span(), message).into_compile_error())?;
    Ok(PathBuf::from(manifest_dir).join(expanded))
}

/// Generates one client over several specs from a service file (spec format
/// version 2): the modules of its type files and endpoints, as `types!` and
/// `endpoint!` generate them, and a client type with a method per group and
/// a method per endpoint (`api.drafts(account_id).get(draft_id).await`).
/// The path is read as by [`endpoint!`]; the files it names are relative to
/// it. The format: "Service files" in the repository's `spec/README.md`.
///
/// ```text
/// kontur_extern::api!("spec/extern/api.yaml");
/// // extern_types, get_account, …, and ExternApi:
/// let api = ExternApi::new(kontur_extern::Client::new(base_url)?, tokens);
/// // tokens: a `TokenProvider`, or a fixed `SecretString`
/// let account = api.accounts().get(account_id).await?;
/// ```
#[proc_macro]
pub fn api(input: TokenStream) -> TokenStream {
    let path = parse_macro_input!(input as LitStr);
    load_and_expand(&path, kontur_extern_codegen::load_service, |service, _| {
        kontur_extern_codegen::expand_service(service)
    })
    .into()
}

/// A file that loads whole or not at all (a type file, a service file):
/// its code, or its problems as `compile_error!`s at the path literal.
fn load_and_expand<T>(
    path: &LitStr,
    load: impl FnOnce(&Path, &str) -> Result<T, Diagnostics>,
    expand: impl FnOnce(&T, &Path) -> proc_macro2::TokenStream,
) -> proc_macro2::TokenStream {
    let absolute = match absolute_path(path) {
        Ok(absolute) => absolute,
        Err(error) => return error,
    };
    match load(&absolute, &path.value()) {
        Ok(loaded) => expand(&loaded, &absolute),
        Err(problems) => compile_errors(path, problems.iter()),
    }
}

/// Each problem as a `compile_error!` at the path literal.
fn compile_errors<'a>(
    path: &LitStr,
    problems: impl Iterator<Item = &'a Diagnostic>,
) -> proc_macro2::TokenStream {
    problems
        .map(|problem| {
            syn::Error::new(path.span(), format!("spec error: {problem}")).into_compile_error()
        })
        .collect()
}

/// Implements `kontur_extern::Endpoint` for your type from a spec, and puts
/// the request and response types beside it, named after it.
///
/// ```text
/// #[derive(kontur_extern::Endpoint)]
/// #[endpoint(spec = "spec/password-token.yaml")]
/// pub struct PasswordToken;
/// // PasswordTokenRequest, PasswordTokenRequired, PasswordTokenResponse, PasswordTokenTokenType
/// ```
#[proc_macro_derive(Endpoint, attributes(endpoint))]
pub fn derive_endpoint(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match spec_attribute(&input) {
        Ok(path) => generate(
            &path,
            Naming::Beside {
                endpoint: input.ident,
                vis: input.vis,
            },
        )
        .into(),
        Err(error) => error.into_compile_error().into(),
    }
}

/// The `spec = "…"` of `#[endpoint(spec = "…")]`.
fn spec_attribute(input: &DeriveInput) -> syn::Result<LitStr> {
    let mut spec = None;
    for attribute in input.attrs.iter().filter(|a| a.path().is_ident("endpoint")) {
        attribute.parse_nested_meta(|meta| {
            if meta.path.is_ident("spec") {
                spec = Some(meta.value()?.parse::<LitStr>()?);
                Ok(())
            } else {
                Err(meta
                    .error("unknown endpoint attribute; expected `spec = \"path/to/spec.yaml\"`"))
            }
        })?;
    }
    spec.ok_or_else(|| {
        syn::Error::new(
            Span::call_site(),
            "#[derive(Endpoint)] needs #[endpoint(spec = \"path/to/spec.yaml\")], a path relative to Cargo.toml",
        )
    })
}

/// Loads the spec and generates code. Problems become `compile_error!`s at
/// the path literal, one per problem; whatever part of the spec is sound is
/// still generated, so user code that uses it does not fail as well.
fn generate(path: &LitStr, naming: Naming) -> proc_macro2::TokenStream {
    let relative = path.value();
    let absolute = match absolute_path(path) {
        Ok(absolute) => absolute,
        Err(error) => return error,
    };
    let Loaded {
        endpoint,
        problems,
        used_files,
    } = kontur_extern_codegen::load_file(&absolute, &relative);
    // The crate is rebuilt when a type file the spec uses changes, too.
    let rebuild_used = used_files
        .iter()
        .filter_map(|file| file.to_str())
        .map(|file| {
            quote! { const _: &str = ::core::include_str!(#file); }
        });

    let errors = match &problems {
        Ok(()) => proc_macro2::TokenStream::new(),
        Err(problems) => compile_errors(path, problems.iter()),
    };
    let items = endpoint.map(|endpoint| {
        let options = Options {
            naming,
            rebuild_path: absolute.to_str().map(str::to_owned),
        };
        kontur_extern_codegen::expand(&endpoint, &options)
    });
    quote! { #errors #( #rebuild_used )* #items }
}

/// `path` with each `${NAME}` replaced by the environment variable `NAME`
/// as the compiler sees it (cargo sets `OUT_DIR` for crates with a build
/// script). An unset variable or an unclosed `${` is an error.
fn expand_variables(path: &str) -> Result<String, String> {
    let mut expanded = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(start) = rest.find("${") {
        expanded.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            return Err(format!(
                "the spec path `{path}` has `${{` without a closing `}}`"
            ));
        };
        let name = &after[..end];
        match std::env::var(name) {
            Ok(value) => expanded.push_str(&value),
            Err(_) => {
                return Err(format!(
                    "the spec path `{path}` names the environment variable `{name}`, which is not set (or not UTF-8) at compile time"
                ));
            }
        }
        rest = &after[end + 1..];
    }
    expanded.push_str(rest);
    Ok(expanded)
}
