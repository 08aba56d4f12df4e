//! The request's parameters (query, header, form body, path): checked, and
//! generated as `Request` and `Required` with their setters and the
//! encoder's calls. Runtime half: `encode.rs`, `wire.rs`.

use std::collections::HashSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_saphyr::Spanned;
use syn::Ident;

use crate::diagnostic::Collector;
use crate::docs::{doc_attr, doc_lines};
use crate::endpoint::body::body_type;
use crate::endpoint::names::{Names, check_field_name};
use crate::ident::{field_ident, field_name};
use crate::model::{BodyEncoding, Endpoint, Param, ParamKind, ParamLocation, Presence, Type};
use crate::scalar::{
    TYPE_NAMES, check_secret_type, check_type, fit, inferred_type, rust_type, value_expr,
};
use crate::spec::ParamSpec;
use crate::types::expand::TypeNaming;
use crate::wire::{header_value_problem, http_header_name_is_valid};
use crate::yaml::{Scalar, position_of};

pub(crate) fn check_params(cx: &mut Collector, specs: &[ParamSpec], version: u8) -> Vec<Param> {
    let mut seen = HashSet::new();
    let mut fields = HashSet::new();
    let mut params = Vec::new();
    for spec in specs {
        let Some(location) = check_location(cx, spec, version) else {
            continue;
        };
        if location == ParamLocation::Header && !http_header_name_is_valid(&spec.name.value) {
            cx.error(
                position_of(&spec.name),
                format!("`{}` is not a valid HTTP header name", spec.name.value),
            );
            continue;
        }
        // The form body sets its own `Content-Type`; a parameter of that
        // name would send the header twice.
        let sends_form = specs
            .iter()
            .any(|other| other.location.as_ref().is_none_or(|l| l.value == "body"));
        if location == ParamLocation::Header
            && sends_form
            && spec.name.value.eq_ignore_ascii_case("content-type")
        {
            cx.error(
                position_of(&spec.name),
                "header parameter `Content-Type` would be sent twice: the form body sets it to \
                 `application/x-www-form-urlencoded`; remove the parameter"
                    .to_owned(),
            );
            continue;
        }
        let wire_key = match location {
            ParamLocation::Header => spec.name.value.to_ascii_lowercase(),
            _ => spec.name.value.clone(),
        };
        if !seen.insert((location, wire_key)) {
            cx.error(
                position_of(&spec.name),
                format!("duplicate parameter `{}`", spec.name.value),
            );
            continue;
        }
        if let Some(kind) = check_param_kind(cx, spec, version) {
            let caller_set = matches!(kind, ParamKind::Caller { .. });
            if caller_set && !check_field_name(cx, &spec.name, "parameter") {
                continue;
            }
            if location == ParamLocation::Header && !check_header_param_value(cx, spec, &kind) {
                continue;
            }
            if location == ParamLocation::Path && !check_path_kind(cx, spec, &kind) {
                continue;
            }
            if caller_set && !fields.insert(field_ident(&spec.name.value)) {
                cx.error(
                    position_of(&spec.name),
                    format!(
                        "parameter `{}` gives the same Rust field name as an earlier parameter",
                        spec.name.value
                    ),
                );
                continue;
            }
            params.push(Param {
                name: spec.name.value.clone(),
                location,
                doc: spec.doc.clone(),
                kind,
            });
        }
    }
    params
}

/// Where a parameter goes (`in:`), as far as the version allows.
fn check_location(cx: &mut Collector, spec: &ParamSpec, version: u8) -> Option<ParamLocation> {
    Some(match spec.location.as_ref().map(|l| l.value.as_str()) {
        None | Some("body") => ParamLocation::Body,
        Some("query") => ParamLocation::Query,
        Some("header") => ParamLocation::Header,
        Some("path") if version == 2 => ParamLocation::Path,
        Some(other) => {
            let position = spec.location.as_ref().and_then(position_of);
            let message = if other == "path" {
                "path parameters need spec format version 2 (`spec: 2`)".to_owned()
            } else if version == 2 {
                format!(
                    "unknown parameter location `{other}`; expected body, query, header or path"
                )
            } else {
                format!("unknown parameter location `{other}`; expected body, query or header")
            };
            cx.error(position, message);
            return None;
        }
    })
}

/// A path parameter names the resource of every request: required and not
/// secret.
fn check_path_kind(cx: &mut Collector, spec: &ParamSpec, kind: &ParamKind) -> bool {
    let fits = matches!(
        kind,
        ParamKind::Caller {
            presence: Presence::Required,
            secret: false,
            ..
        }
    );
    if !fits {
        cx.error(
            position_of(&spec.name),
            format!(
                "path parameter `{}` must be required and not secret: every request \
                 names the resource in its path (remove `const`, `default`, `optional` \
                 or `secret`)",
                spec.name.value
            ),
        );
    }
    fits
}

/// A header parameter's constant or default is sent as the header's value
/// on every request that does not set another; one a header cannot carry
/// would make every such `encode` fail.
pub(crate) fn check_header_param_value(
    cx: &mut Collector,
    spec: &ParamSpec,
    kind: &ParamKind,
) -> bool {
    let (value, at, what) = match kind {
        ParamKind::Constant(value) => (value, spec.constant.as_ref(), "constant"),
        ParamKind::Caller {
            presence: Presence::Default(value),
            ..
        } => (value, spec.default.as_ref(), "default"),
        ParamKind::Caller { .. } => return true,
    };
    let Some(problem) = header_value_problem(&value.to_wire()) else {
        return true;
    };
    cx.error(
        at.and_then(position_of),
        format!(
            "the {what} of header parameter `{}` {problem}",
            spec.name.value
        ),
    );
    false
}

pub(crate) fn check_param_kind(
    cx: &mut Collector,
    spec: &ParamSpec,
    version: u8,
) -> Option<ParamKind> {
    let name = &spec.name.value;
    if let Some(constant) = &spec.constant {
        return check_constant(cx, spec, constant, version);
    }

    let Some(ty_name) = &spec.ty else {
        cx.error(
            position_of(&spec.name),
            format!("parameter `{name}` needs a `type` ({TYPE_NAMES}) or a `const` value"),
        );
        return None;
    };
    let ty = if ty_name.value == "list" && version == 2 {
        check_list_type(cx, spec, ty_name, version)?
    } else {
        if let Some(items) = &spec.items {
            cx.error(position_of(items), "`items` goes with `type: list`");
            return None;
        }
        check_type(cx, ty_name, spec.values.as_ref(), version)?
    };
    check_secret_type(cx, spec.secret, &ty, ty_name)?;
    let optional = spec.optional.as_ref().is_some_and(|o| o.value);
    let presence = match (&spec.default, optional) {
        (Some(default), true) => {
            cx.error(
                position_of(default),
                format!(
                    "parameter `{name}` is optional and has a default; keep one: a default is sent when the caller sets nothing"
                ),
            );
            return None;
        }
        (Some(default), false) => match fit(&default.value, &ty) {
            Ok(value) => Presence::Default(value),
            Err(problem) => {
                cx.error(
                    position_of(default),
                    format!("default of `{name}`: {problem}"),
                );
                return None;
            }
        },
        (None, true) => Presence::Optional,
        (None, false) => Presence::Required,
    };
    Some(ParamKind::Caller {
        ty,
        secret: spec.secret,
        presence,
    })
}

/// A constant parameter (`const:`): its value fitted to its type (written
/// or inferred), and none of what a caller's parameter has.
fn check_constant(
    cx: &mut Collector,
    spec: &ParamSpec,
    constant: &Spanned<Scalar>,
    version: u8,
) -> Option<ParamKind> {
    let name = &spec.name.value;
    let mut sound = true;
    if let Some(default) = &spec.default {
        cx.error(
            position_of(default),
            format!(
                "parameter `{name}` is a constant and cannot also have a default; remove `default` or `const`"
            ),
        );
        sound = false;
    }
    if let Some(optional) = &spec.optional {
        cx.error(
            position_of(optional),
            format!(
                "parameter `{name}` is a constant, so the caller cannot set or omit it; remove `optional` or `const`"
            ),
        );
        sound = false;
    }
    if spec.secret {
        cx.error(
            position_of(&spec.name),
            format!(
                "parameter `{name}` is a constant written in the spec, so it cannot be secret; remove `secret` or `const`"
            ),
        );
        sound = false;
    }
    let ty = match &spec.ty {
        Some(ty) => check_type(cx, ty, spec.values.as_ref(), version)?,
        None => inferred_type(&constant.value),
    };
    match fit(&constant.value, &ty) {
        Ok(value) => sound.then_some(ParamKind::Constant(value)),
        Err(problem) => {
            cx.error(
                position_of(constant),
                format!("constant of `{name}`: {problem}"),
            );
            None
        }
    }
}

/// A version 2 list parameter (`type: list`): its elements' type, sent as
/// repeated query keys, with no default.
fn check_list_type(
    cx: &mut Collector,
    spec: &ParamSpec,
    ty_name: &Spanned<String>,
    version: u8,
) -> Option<Type> {
    let name = &spec.name.value;
    let Some(items) = &spec.items else {
        cx.error(
            position_of(ty_name),
            format!("`type: list` needs `items`, the type of `{name}`'s elements"),
        );
        return None;
    };
    if items.value == "list" {
        cx.error(
            position_of(items),
            "a list parameter's elements cannot be lists",
        );
        return None;
    }
    let location = spec.location.as_ref().map(|l| l.value.as_str());
    if location != Some("query") {
        cx.error(
            position_of(ty_name),
            format!(
                "list parameter `{name}` must be `in: query`: its elements travel as repeated \
                 keys (`type=a&type=b`)"
            ),
        );
        return None;
    }
    if spec.default.is_some() {
        cx.error(
            position_of(ty_name),
            format!("list parameter `{name}` cannot have a default; make it `optional`"),
        );
        return None;
    }
    Some(Type::List(Box::new(check_type(
        cx,
        items,
        spec.values.as_ref(),
        version,
    )?)))
}

pub(crate) struct CallerParam<'a> {
    pub(crate) param: &'a Param,
    pub(crate) ident: Ident,
    pub(crate) spec_ty: &'a Type,
    pub(crate) secret: bool,
    pub(crate) ty: TokenStream,
    pub(crate) presence: &'a Presence,
}

pub(crate) fn caller_params<'a>(endpoint: &'a Endpoint, names: &Names) -> Vec<CallerParam<'a>> {
    endpoint
        .request
        .params
        .iter()
        .filter_map(|param| match &param.kind {
            ParamKind::Caller {
                ty,
                secret,
                presence,
            } => Some(CallerParam {
                param,
                ident: field_name(&param.name),
                spec_ty: ty,
                secret: *secret,
                ty: rust_type(ty, *secret, || names.enum_path(&param.name)),
                presence,
            }),
            ParamKind::Constant(_) => None,
        })
        .collect()
}

/// A caller-set parameter of an endpoint, seen from outside its module (a
/// service's client): its enum type named through `module::`.
pub(crate) struct ScopedParam {
    /// The name on the wire.
    pub wire: String,
    /// The `Request` field.
    pub ident: Ident,
    pub location: ParamLocation,
    pub ty: TokenStream,
    pub presence: Presence,
}

/// The caller-set parameters of an endpoint in spec order, for code
/// outside the endpoint's module `module`.
pub(crate) fn scoped_params(endpoint: &Endpoint, module: &Ident) -> Vec<ScopedParam> {
    let names = Names::module(endpoint);
    caller_params(endpoint, &names)
        .into_iter()
        .map(|p| ScopedParam {
            wire: p.param.name.clone(),
            ty: rust_type(p.spec_ty, p.secret, || {
                let ident = names.enum_ident(&p.param.name);
                quote!(#module::#ident)
            }),
            ident: p.ident,
            location: p.param.location,
            presence: p.presence.clone(),
        })
        .collect()
}

pub(crate) fn request_struct(
    endpoint: &Endpoint,
    names: &Names,
    vis: &TokenStream,
    types: &TypeNaming,
) -> TokenStream {
    let on_use = crate::on_use::on_use();
    let request = &names.request;
    let params = caller_params(endpoint, names);
    let json = body_type(endpoint, types);
    let body_doc = doc_lines(match endpoint.request.body {
        BodyEncoding::Binary => "The binary body, sent as it is.",
        _ => "The JSON body.",
    });
    let body_field = json.as_ref().map(|ty| {
        quote! {
            #body_doc
            pub body: #ty,
        }
    });

    let struct_doc = format!(
        "Request of `{} {}`: {}\n\nOnly the parameters a caller sets are fields; constants ({}) are sent by the encoder.",
        endpoint.method.as_str(),
        endpoint.path,
        endpoint.summary,
        constants_list(endpoint),
    );

    let fields = params.iter().map(|p| {
        let doc = doc_attr(p.param.doc.as_deref(), || {
            format!("The `{}` parameter.", p.param.name)
        });
        let (ident, ty) = (&p.ident, &p.ty);
        match p.presence {
            Presence::Optional => quote! { #doc pub #ident: ::core::option::Option<#ty>, },
            Presence::Required | Presence::Default(_) => quote! { #doc pub #ident: #ty, },
        }
    });

    let required: Vec<&CallerParam> = params
        .iter()
        .filter(|p| *p.presence == Presence::Required)
        .collect();
    let required_ident = &names.required;
    let inits = params.iter().map(|p| {
        let ident = &p.ident;
        match p.presence {
            Presence::Required => quote!(#ident: required.#ident),
            Presence::Optional => quote!(#ident: ::core::option::Option::None),
            Presence::Default(value) => {
                let value = value_expr(value, p.spec_ty, p.secret, &|| {
                    names.enum_ident(&p.param.name)
                });
                quote!(#ident: #value)
            }
        }
    });
    let has_required = !required.is_empty() || json.is_some();
    let required_struct = has_required
        .then(|| required_struct(names, vis, &required, json.is_some(), body_field.as_ref()));
    let body_init = json.as_ref().map(|_| quote!(body: required.body,));
    let (new_args, new_doc) = if has_required {
        (
            quote!(required: #required_ident),
            format!(
                "A request with the required parameters of [`{required_ident}`]; the optional \
                 ones unset."
            ),
        )
    } else {
        (
            quote!(),
            "A request with every optional parameter unset.".to_owned(),
        )
    };

    let setters = setters(&params);

    let struct_doc = doc_lines(&struct_doc);
    let new_doc = doc_lines(&new_doc);
    quote! {
        #struct_doc
        #[derive(Clone, Debug)]
        #vis struct #request {
            #body_field
            #( #fields )*
        }

        #required_struct

        impl #request {
            #new_doc
            #on_use
            pub fn new(#new_args) -> Self {
                Self { #body_init #( #inits, )* }
            }

            #setters
        }
    }
}

/// `with_*` of each optional or defaulted parameter.
fn setters(params: &[CallerParam]) -> TokenStream {
    let setters = params
        .iter()
        .filter(|p| *p.presence != Presence::Required)
        .map(|p| {
            let (ident, ty) = (&p.ident, &p.ty);
            let setter = format_ident!("with_{}", ident);
            let doc = doc_lines(&format!("Sets `{}`.", p.param.name));
            let value = match p.presence {
                Presence::Optional => quote!(::core::option::Option::Some(value.into())),
                _ => quote!(value.into()),
            };
            quote! {
                #doc
                #[must_use]
                pub fn #setter(mut self, value: impl ::core::convert::Into<#ty>) -> Self {
                    self.#ident = #value;
                    self
                }
            }
        });
    quote!(#( #setters )*)
}

/// `Required`: the body, if any, and the required parameters, by name.
fn required_struct(
    names: &Names,
    vis: &TokenStream,
    required: &[&CallerParam],
    has_body: bool,
    body_field: Option<&TokenStream>,
) -> TokenStream {
    let request = &names.request;
    let required_ident = &names.required;
    let required_fields = required.iter().map(|p| {
        let (ident, ty) = (&p.ident, &p.ty);
        let doc = doc_attr(p.param.doc.as_deref(), || {
            format!("The `{}` parameter.", p.param.name)
        });
        quote! { #doc pub #ident: #ty, }
    });
    let doc = doc_lines(&format!(
        "What a [`{request}`] cannot go without: {}. Named fields, so that no two can be \
         swapped by their order.",
        has_body
            .then(|| "the body".to_owned())
            .into_iter()
            .chain(required.iter().map(|p| format!("`{}`", p.param.name)))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    quote! {
        #doc
        #[derive(Clone, Debug)]
        #vis struct #required_ident {
            #body_field
            #( #required_fields )*
        }
    }
}

pub(crate) fn constants_list(endpoint: &Endpoint) -> String {
    let constants: Vec<String> = endpoint
        .request
        .params
        .iter()
        .filter_map(|param| match &param.kind {
            ParamKind::Constant(value) => Some(format!("`{}={}`", param.name, value.to_wire())),
            ParamKind::Caller { .. } => None,
        })
        .collect();
    if constants.is_empty() {
        "none here".to_owned()
    } else {
        constants.join(", ")
    }
}

/// The encoder's call for each parameter: constants as they are, optional
/// ones when set, a list's elements as repeated keys.
pub(crate) fn encode_params(endpoint: &Endpoint) -> TokenStream {
    let lines = endpoint.request.params.iter().map(|param| {
        let wire = &param.name;
        let put = match param.location {
            ParamLocation::Path => quote!(path),
            ParamLocation::Body => quote!(form),
            ParamLocation::Query => quote!(query),
            ParamLocation::Header => quote!(header),
        };
        match &param.kind {
            ParamKind::Constant(value) => {
                let text = value.to_wire();
                quote!(http.#put(#wire, #text);)
            }
            ParamKind::Caller {
                presence,
                ty: Type::List(_),
                ..
            } => {
                // Each element as a repeated key: `type=a&type=b`.
                let ident = field_name(&param.name);
                match presence {
                    Presence::Optional => quote! {
                        if let ::core::option::Option::Some(values) = &request.#ident {
                            for value in values {
                                http.#put(#wire, value);
                            }
                        }
                    },
                    _ => quote! {
                        for value in &request.#ident {
                            http.#put(#wire, value);
                        }
                    },
                }
            }
            ParamKind::Caller { presence, .. } => {
                let ident = field_name(&param.name);
                match presence {
                    Presence::Optional => quote! {
                        if let ::core::option::Option::Some(value) = &request.#ident {
                            http.#put(#wire, value);
                        }
                    },
                    _ => quote!(http.#put(#wire, &request.#ident);),
                }
            }
        }
    });
    quote!(#( #lines )*)
}
