//! The names an endpoint generates: its own, its types', its enums'; one
//! walk for the checker (no two alike, none reserved) and the generator.

use std::collections::HashSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_saphyr::Spanned;
use syn::Ident;
use syn::ext::IdentExt;

use crate::diagnostic::Collector;
use crate::ident;
use crate::ident::field_ident;
use crate::model::{Endpoint, Param, ParamKind, Response, Type};
use crate::scalar::enum_type;
use crate::spec::SpecFile;
use crate::types::expand::TypeNaming;
use crate::yaml::position_of;

/// The names of the types an endpoint's module generates besides its body
/// types: its own, and the enums of parameters (named after them).
/// Where the generated items go and what they are called.
#[derive(Clone)]
pub enum Naming {
    /// `endpoint!`: everything in a module named after the endpoint
    /// (`password_token::{PasswordToken, Request, Response, TokenType}`).
    Module,
    /// `#[derive(Endpoint)]` on a user's type: the user's type is the
    /// endpoint and the other items sit beside it, named after it
    /// (`Token` → `TokenRequest`, `TokenResponse`, `TokenTokenType`).
    Beside {
        endpoint: Ident,
        vis: syn::Visibility,
    },
}

pub(crate) fn generated_type_names(spec: &SpecFile, params: &[Param]) -> Vec<String> {
    let mut names = vec![
        "Request".to_owned(),
        "Required".to_owned(),
        "Response".to_owned(),
        "Client".to_owned(),
        crate::ident::upper_camel_case(&spec.endpoint.name.value),
    ];
    names.extend(params.iter().filter_map(|param| match &param.kind {
        ParamKind::Caller { ty, .. } if matches!(ty.element(), Type::Enum(_)) => {
            Some(crate::ident::upper_camel_case(&param.name))
        }
        _ => None,
    }));
    names
}

/// A `snake_case` name that is also a Rust identifier; a keyword is one, as
/// a raw identifier (`r#type`).
pub(crate) fn check_snake_ident(
    cx: &mut Collector,
    name: &Spanned<String>,
    what: &str,
) -> Option<String> {
    let text = &name.value;
    let snake = !text.is_empty() && *text == crate::ident::snake_case(text);
    if (snake || ident::UNUSABLE.contains(&text.as_str()))
        && let Some(problem) = ident::check(text)
    {
        cx.error(
            position_of(name),
            format!("{what} `{text}` {problem}; choose another name"),
        );
        return None;
    }
    if !snake {
        cx.error(
            position_of(name),
            format!(
                "{what} `{text}` must be snake_case, for example `{}`",
                crate::ident::snake_case(text)
            ),
        );
        return None;
    }
    Some(text.clone())
}

/// Endpoint names that would clash with the generated code: the client's
/// own methods, and (in PascalCase, as the endpoint type of `endpoint!`) the
/// other generated types. Renaming those items instead would surprise
/// whoever reads the generated API, so the spec must choose another name.
pub(crate) fn check_endpoint_name(cx: &mut Collector, name: &Spanned<String>) -> Option<String> {
    let text = check_snake_ident(cx, name, "endpoint name")?;
    let clash = match text.as_str() {
        "new" => "the generated client's method `Client::new`, its constructor",
        "inner" => {
            "the generated client's method `Client::inner`, which returns the underlying client"
        }
        "clone" => {
            "the generated client a method `clone` that hides `Clone::clone`, so `client.clone()` would no longer compile"
        }
        "request" => "the endpoint type `Request`, which is the generated request type",
        "required" => {
            "the endpoint type `Required`, which is the generated type of a request's required parameters"
        }
        "response" => "the endpoint type `Response`, which is the generated response type",
        "client" => "the endpoint type `Client`, which is the generated client type",
        _ => return Some(text),
    };
    cx.error(
        position_of(name),
        format!("endpoint name `{text}` would give {clash}; choose another name"),
    );
    None
}

pub(crate) fn check_field_name(cx: &mut Collector, name: &Spanned<String>, what: &str) -> bool {
    let field = field_ident(&name.value);
    let problem = match field.as_str() {
        "" => Some("is not a Rust identifier"),
        field => ident::check(field),
    };
    if let Some(problem) = problem {
        cx.error(
            position_of(name),
            format!(
                "{what} `{}` gives the Rust field name `{field}`, which {problem}; rename it",
                name.value
            ),
        );
        return false;
    }
    true
}

/// Each enum becomes a Rust type named after its parameter, field or
/// header, so two enums of the same name would clash.
pub(crate) fn check_enum_names(
    cx: &mut Collector,
    spec: &SpecFile,
    params: &[Param],
    response: &Response,
) {
    let params = params.iter().filter_map(|param| match &param.kind {
        ParamKind::Caller { ty, .. } if matches!(ty.element(), Type::Enum(_)) => {
            Some(param.name.as_str())
        }
        _ => None,
    });
    let fields = response
        .fields
        .iter()
        .filter(|field| matches!(field.ty, Type::Enum(_)))
        .map(|field| field.name.as_str());
    let headers = response
        .headers
        .iter()
        .filter(|header| matches!(header.ty, Type::Enum(_)))
        .map(|header| header.field.as_str());
    // The other generated types: `Request`, `Response`, `Client` and the
    // endpoint in a module; `{Type}Request` and so on beside a derive, where
    // enums are prefixed the same way.
    let endpoint_type = crate::ident::upper_camel_case(&spec.endpoint.name.value);
    let reserved = [
        "Request",
        "Required",
        "Response",
        "Client",
        endpoint_type.as_str(),
    ];
    let mut seen = HashSet::new();
    for name in params.chain(fields).chain(headers) {
        let type_name = crate::ident::upper_camel_case(name);
        let position = spec
            .request
            .params
            .iter()
            .map(|param| &param.name)
            .chain(
                spec.response
                    .iter()
                    .flat_map(|response| &response.fields)
                    .map(|field| &field.name),
            )
            .chain(
                spec.response
                    .iter()
                    .flat_map(|response| &response.headers)
                    .map(|header| &header.name),
            )
            .rfind(|spanned| spanned.value == name)
            .and_then(position_of);
        if reserved.contains(&type_name.as_str()) {
            cx.error(
                position,
                format!(
                    "the enum of `{name}` would be the Rust type `{type_name}`, which the generated code already uses; rename `{name}`"
                ),
            );
        } else if !seen.insert(type_name.clone()) {
            cx.error(
                position,
                format!(
                    "two enums would both be the Rust type `{type_name}`; rename the parameter, field or header `{name}`"
                ),
            );
        }
    }
}

pub(crate) struct Names {
    pub(crate) endpoint: Ident,
    pub(crate) request: Ident,
    /// The struct of a request's required parameters.
    pub(crate) required: Ident,
    pub(crate) response: Ident,
    pub(crate) client: Ident,
    pub(crate) enum_prefix: String,
}

impl Names {
    pub(crate) fn enum_ident(&self, field: &str) -> Ident {
        format_ident!(
            "{}{}",
            self.enum_prefix,
            crate::ident::upper_camel_case(field)
        )
    }

    /// The enum's type where the endpoint's items are: its name.
    pub(crate) fn enum_path(&self, field: &str) -> TokenStream {
        let ident = self.enum_ident(field);
        quote!(#ident)
    }

    /// The names of `endpoint!`'s module.
    pub(crate) fn module(endpoint: &Endpoint) -> Self {
        Names {
            endpoint: format_ident!("{}", crate::ident::upper_camel_case(&endpoint.name)),
            request: format_ident!("Request"),
            required: format_ident!("Required"),
            response: format_ident!("Response"),
            client: format_ident!("Client"),
            enum_prefix: String::new(),
        }
    }
}

/// How the body types of a version 2 spec are named: beside a derive they
/// carry the endpoint's name, as enums do; the modules of type files are
/// the caller's siblings (`super::` from inside `endpoint!`'s module).
pub(crate) fn type_naming(naming: &Naming, vis: &TokenStream) -> TypeNaming {
    match naming {
        Naming::Module => TypeNaming {
            prefix: String::new(),
            shared: quote!(super::),
            vis: vis.clone(),
            local: quote!(),
        },
        Naming::Beside { endpoint, .. } => TypeNaming {
            prefix: endpoint.unraw().to_string(),
            shared: quote!(),
            vis: vis.clone(),
            local: quote!(),
        },
    }
}

pub(crate) fn enums(endpoint: &Endpoint, names: &Names, vis: &TokenStream) -> TokenStream {
    let params = endpoint
        .request
        .params
        .iter()
        .filter_map(|param| match &param.kind {
            ParamKind::Caller { ty, .. } => match ty.element() {
                Type::Enum(values) => Some((param.name.as_str(), param.doc.as_deref(), values)),
                _ => None,
            },
            _ => None,
        });
    let fields = endpoint
        .response
        .fields
        .iter()
        .filter_map(|field| match &field.ty {
            Type::Enum(values) => Some((field.name.as_str(), field.doc.as_deref(), values)),
            _ => None,
        });
    let headers = endpoint
        .response
        .headers
        .iter()
        .filter_map(|header| match &header.ty {
            Type::Enum(values) => Some((header.field.as_str(), header.doc.as_deref(), values)),
            _ => None,
        });
    params
        .chain(fields)
        .chain(headers)
        .map(|(name, doc, values)| {
            let fallback = format!("The values of `{name}`.");
            enum_type(
                &names.enum_ident(name),
                doc.unwrap_or(&fallback),
                values,
                vis,
            )
        })
        .collect()
}

/// The names the JSON types may not take: the generated types', and with
/// several outcomes (besides "not found") each outcome's struct.
pub(crate) fn reserved_type_names(spec: &SpecFile, params: &[Param]) -> Vec<String> {
    let mut reserved = generated_type_names(spec, params);
    // With several outcomes each is a struct named after it.
    let successes = spec
        .responses
        .iter()
        .filter(|outcome| outcome.not_found.is_none())
        .count();
    if successes > 1 {
        reserved.extend(
            spec.responses
                .iter()
                .filter_map(|outcome| outcome.name.as_ref())
                .map(|name| crate::ident::upper_camel_case(&name.value)),
        );
    }
    reserved
}
