//! The code generator: a checked [`Endpoint`] in, Rust tokens out.
//!
//! Generated code is thin on purpose: types, constants and calls into the
//! runtime crate, which it reaches only through `::kontur_extern::__private`.
//! Behaviour (encoding, decoding, errors) lives in the runtime, written and
//! tested once.

use heck::ToUpperCamelCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;
use syn::ext::IdentExt;

use crate::check::field_ident;
use crate::ident::ident;
use crate::markdown::inert_code_blocks;
use crate::model::{
    Auth, BodyEncoding, Endpoint, ErrorFormat, Example, Field, Header, Outcome, Outcomes, Paging,
    Param, ParamKind, ParamLocation, Presence, Type, Value,
};
use crate::types::expand::TypeNaming;

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

/// The Rust field for a parameter or body field named `wire` on the wire.
fn field_name(wire: &str) -> Ident {
    ident(&field_ident(wire))
}

/// Options for one expansion.
#[derive(Clone)]
pub struct Options {
    pub naming: Naming,
    /// Absolute path of the spec, for `include_str!` so that the consuming
    /// crate rebuilds when the YAML changes; `None` in snapshots.
    pub rebuild_path: Option<String>,
}

struct Names {
    endpoint: Ident,
    request: Ident,
    /// The struct of a request's required parameters.
    required: Ident,
    response: Ident,
    client: Ident,
    enum_prefix: String,
}

impl Names {
    fn enum_ident(&self, field: &str) -> Ident {
        format_ident!("{}{}", self.enum_prefix, field.to_upper_camel_case())
    }

    /// The enum's type where the endpoint's items are: its name.
    fn enum_path(&self, field: &str) -> TokenStream {
        let ident = self.enum_ident(field);
        quote!(#ident)
    }

    /// The names of `endpoint!`'s module.
    fn module(endpoint: &Endpoint) -> Self {
        Names {
            endpoint: format_ident!("{}", endpoint.name.to_upper_camel_case()),
            request: format_ident!("Request"),
            required: format_ident!("Required"),
            response: format_ident!("Response"),
            client: format_ident!("Client"),
            enum_prefix: String::new(),
        }
    }
}

/// The module `types!` generates for a type file: its types, each once,
/// for the specs that `use:` it.
pub fn expand_types(
    checked: &crate::types::CheckedTypes,
    rebuild_path: Option<&str>,
) -> TokenStream {
    let naming = TypeNaming {
        prefix: String::new(),
        shared: quote!(super::),
        vis: quote!(pub),
        local: quote!(),
    };
    let items = crate::types::expand::items(&checked.space, &naming);
    let module = ident(&checked.module);
    let rebuild = rebuild_path.map(|path| quote! { const _: &str = ::core::include_str!(#path); });
    let doc = doc_lines(&format!(
        "Types shared by the specs that `use:` the type file of module `{}`.",
        checked.module
    ));
    quote! {
        #doc
        pub mod #module {
            #rebuild
            #items
        }
    }
}

/// How the body types of a version 2 spec are named: beside a derive they
/// carry the endpoint's name, as enums do; the modules of type files are
/// the caller's siblings (`super::` from inside `endpoint!`'s module).
fn type_naming(naming: &Naming, vis: &TokenStream) -> TypeNaming {
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

/// Generates the items for one endpoint.
pub fn expand(endpoint: &Endpoint, options: &Options) -> TokenStream {
    let names = match &options.naming {
        Naming::Module => Names::module(endpoint),
        Naming::Beside { endpoint, .. } => Names {
            endpoint: endpoint.clone(),
            // `format_ident!` and `unraw` drop the `r#` of a raw identifier.
            request: format_ident!("{}Request", endpoint),
            required: format_ident!("{}Required", endpoint),
            response: format_ident!("{}Response", endpoint),
            client: format_ident!("{}Client", endpoint),
            enum_prefix: endpoint.unraw().to_string(),
        },
    };

    let rebuild = options.rebuild_path.as_ref().map(|path| {
        quote! { const _: &str = ::core::include_str!(#path); }
    });
    let marker = match options.naming {
        Naming::Module => {
            let doc = format!(
                "The `{} {}` endpoint; implements [`Endpoint`](::kontur_extern::Endpoint).",
                endpoint.method.as_str(),
                endpoint.path
            );
            let ident = &names.endpoint;
            let doc = doc_lines(&doc);
            Some(quote! {
                #doc
                #[derive(Clone, Copy, Debug, Default)]
                pub struct #ident;
            })
        }
        Naming::Beside { .. } => None,
    };
    let vis = match &options.naming {
        Naming::Module => quote!(pub),
        Naming::Beside { vis, .. } => quote!(#vis),
    };

    let enums = enums(endpoint, &names, &vis);
    let type_naming = type_naming(&options.naming, &vis);
    let types = crate::types::expand::items(&endpoint.types, &type_naming);
    let request = request_struct(endpoint, &names, &vis, &type_naming);
    let response = match &endpoint.outcomes {
        Some(outcomes) => outcome_types(endpoint, outcomes, &names, &vis, &type_naming),
        None => response_struct(endpoint, &names, &vis, &type_naming),
    };
    let endpoint_impl = endpoint_impl(endpoint, &names, &type_naming);
    let client = client(endpoint, &names, &vis, &type_naming);
    let token_response = token_response(endpoint, &names);

    let items = quote! {
        #rebuild
        #marker
        #request
        #response
        #enums
        #types
        #endpoint_impl
        #token_response
        #client
    };
    match options.naming {
        Naming::Module => {
            let module = ident(&endpoint.name);
            let doc = doc_lines(&module_doc(endpoint));
            quote! {
                #doc
                pub mod #module {
                    #items
                }
            }
        }
        Naming::Beside { .. } => items,
    }
}

fn module_doc(endpoint: &Endpoint) -> String {
    let mut doc = format!(
        "`{} {}`: {}",
        endpoint.method.as_str(),
        endpoint.path,
        endpoint.summary
    );
    if let Some(text) = &endpoint.doc {
        doc.push_str("\n\n");
        doc.push_str(text.trim_end());
    }
    if let Some(url) = &endpoint.docs_url {
        doc.push_str(&format!("\n\nDocumentation: <{url}>"));
    }
    doc
}

/// Rustdoc from a spec `doc`, or `fallback` when the spec has none, so that
/// generated items pass `#![deny(missing_docs)]` in the user's crate.
fn doc_attr(doc: Option<&str>, fallback: impl FnOnce() -> String) -> TokenStream {
    match doc {
        Some(text) => doc_lines(text),
        None => doc_lines(&fallback()),
    }
}

/// `#[doc]` lines, each led by a space as `///` comments are. Every doc
/// the generator emits passes here, so spec text in it is documentation
/// whose code blocks rustdoc never compiles or runs as doctests.
pub(crate) fn doc_lines(text: &str) -> TokenStream {
    let text = inert_code_blocks(text);
    let lines = text.trim_end().lines().map(|line| format!(" {line}"));
    quote!(#( #[doc = #lines] )*)
}

fn rust_type(ty: &Type, secret: bool, enum_path: impl FnOnce() -> TokenStream) -> TokenStream {
    match ty {
        Type::String if secret => quote!(::kontur_extern::SecretString),
        Type::String => quote!(::std::string::String),
        Type::Integer => quote!(i64),
        Type::Boolean => quote!(bool),
        Type::DurationSeconds => quote!(::core::time::Duration),
        Type::Url => quote!(::kontur_extern::Url),
        Type::Uuid => quote!(::kontur_extern::Uuid),
        Type::DateTime => quote!(::kontur_extern::DateTime),
        Type::Enum(_) => enum_path(),
        Type::List(inner) => {
            let inner = rust_type(inner, secret, enum_path);
            quote!(::std::vec::Vec<#inner>)
        }
    }
}

/// A Rust expression for a spec value that [`crate::check`] has fitted to `ty`.
fn value_expr(
    value: &Value,
    ty: &Type,
    secret: bool,
    enum_ident: &dyn Fn() -> Ident,
) -> TokenStream {
    match (value, ty) {
        (Value::Integer(number), _) => quote!(#number),
        (Value::Boolean(flag), _) => quote!(#flag),
        (Value::DurationSeconds(seconds), _) => {
            quote!(::core::time::Duration::from_secs(#seconds))
        }
        (Value::String(text), _) if secret => quote!(::kontur_extern::SecretString::from(#text)),
        (Value::String(text), _) => quote!(::std::string::String::from(#text)),
        (Value::Url(text), _) => quote!(::kontur_extern::__private::checked_url(#text)),
        (Value::Enum(text), Type::Enum(values)) => {
            let ident = enum_ident();
            match values.iter().find(|known| known.eq_ignore_ascii_case(text)) {
                Some(known) => {
                    let variant = format_ident!("{}", known.to_upper_camel_case());
                    quote!(#ident::#variant)
                }
                None => quote!(#ident::Unknown(::std::string::String::from(#text))),
            }
        }
        (Value::Enum(text), _) => quote!(::std::string::String::from(#text)),
        (Value::Uuid(text), _) => quote!(::kontur_extern::__private::checked_uuid(#text)),
        (Value::DateTime(text), _) => quote!(::kontur_extern::__private::checked_datetime(#text)),
        (Value::List(values), ty) => {
            let element = ty.element();
            let ident = enum_ident();
            let items = values
                .iter()
                .map(|value| value_expr(value, element, secret, &|| ident.clone()));
            quote!(::std::vec::Vec::from([#( #items ),*]))
        }
    }
}

fn enums(endpoint: &Endpoint, names: &Names, vis: &TokenStream) -> TokenStream {
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

fn enum_type(ident: &Ident, doc: &str, values: &[String], vis: &TokenStream) -> TokenStream {
    let doc = doc_lines(doc);
    let variants: Vec<Ident> = values
        .iter()
        .map(|value| format_ident!("{}", value.to_upper_camel_case()))
        .collect();
    let variant_docs = values.iter().map(|value| doc_lines(&format!("`{value}`")));
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #vis enum #ident {
            #( #variant_docs #variants, )*
            /// A value the spec does not list, kept as it came.
            Unknown(::std::string::String),
        }

        impl #ident {
            /// The value as it is written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #values, )*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl ::kontur_extern::__private::WireValue for #ident {
            const EXPECTED: &'static str = "a string";

            fn to_wire(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Borrowed(self.as_str())
            }

            /// Known values match without regard to ASCII case (RFC 6749
            /// section 5.1 makes `token_type` case-insensitive).
            fn from_wire(text: &str) -> ::core::option::Option<Self> {
                #( if text.eq_ignore_ascii_case(#values) {
                    return ::core::option::Option::Some(Self::#variants);
                } )*
                ::core::option::Option::Some(Self::Unknown(text.into()))
            }
        }
    }
}

struct CallerParam<'a> {
    param: &'a Param,
    ident: Ident,
    spec_ty: &'a Type,
    secret: bool,
    ty: TokenStream,
    presence: &'a Presence,
}

fn caller_params<'a>(endpoint: &'a Endpoint, names: &Names) -> Vec<CallerParam<'a>> {
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

/// The Rust type of the request body (`body` of `Request` and `Required`),
/// if the request has one of its own: JSON or bytes.
pub(crate) fn body_type(endpoint: &Endpoint, types: &TypeNaming) -> Option<TokenStream> {
    match endpoint.request.body {
        BodyEncoding::Binary => Some(quote!(::kontur_extern::Bytes)),
        _ => endpoint
            .request
            .json
            .as_ref()
            .map(|ty| types.rust(&endpoint.types, ty)),
    }
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

fn request_struct(
    endpoint: &Endpoint,
    names: &Names,
    vis: &TokenStream,
    types: &TypeNaming,
) -> TokenStream {
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
    let required_fields = required.iter().map(|p| {
        let (ident, ty) = (&p.ident, &p.ty);
        let doc = doc_attr(p.param.doc.as_deref(), || {
            format!("The `{}` parameter.", p.param.name)
        });
        quote! { #doc pub #ident: #ty, }
    });
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
    let required_struct = has_required.then(|| {
        let doc = doc_lines(&format!(
            "What a [`{request}`] cannot go without: {}. Named fields, so that no two can be \
             swapped by their order.",
            json.iter()
                .map(|_| "the body".to_owned())
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
    });
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
            pub fn new(#new_args) -> Self {
                Self { #body_init #( #inits, )* }
            }

            #( #setters )*
        }
    }
}

fn constants_list(endpoint: &Endpoint) -> String {
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

fn field_type(field: &Field, names: &Names) -> TokenStream {
    let ty = rust_type(&field.ty, field.secret, || names.enum_path(&field.name));
    if field.optional || field.nullable {
        quote!(::core::option::Option<#ty>)
    } else {
        ty
    }
}

fn header_type(header: &Header, names: &Names) -> TokenStream {
    let ty = rust_type(&header.ty, false, || names.enum_path(&header.field));
    match header.presence {
        Presence::Optional => quote!(::core::option::Option<#ty>),
        _ => ty,
    }
}

fn response_struct(
    endpoint: &Endpoint,
    names: &Names,
    vis: &TokenStream,
    types: &TypeNaming,
) -> TokenStream {
    let response = &names.response;
    let body = endpoint.response.body.as_ref().map(|ty| {
        let ty = types.rust(&endpoint.types, ty);
        quote! {
            /// The JSON body.
            pub body: #ty,
        }
    });
    let doc = format!(
        "Successful response of `{} {}` (HTTP {}).",
        endpoint.method.as_str(),
        endpoint.path,
        endpoint.response.status
    );
    let fields = endpoint.response.fields.iter().map(|field| {
        let doc = doc_attr(field.doc.as_deref(), || {
            format!("The `{}` field of the response body.", field.name)
        });
        let ident = field_name(&field.name);
        let ty = field_type(field, names);
        quote! { #doc pub #ident: #ty, }
    });
    let headers = header_fields(&endpoint.response.headers, names);
    let doc = doc_lines(&doc);
    let access = endpoint
        .response
        .body
        .as_ref()
        .map(|ty| body_access(response, &types.rust(&endpoint.types, ty), vis))
        .unwrap_or_default();
    quote! {
        #doc
        #[derive(Clone, Debug)]
        #vis struct #response {
            #body
            #( #fields )*
            #( #headers )*
        }
        #access
    }
}

/// `{endpoint}_items`: every page's items as one stream (`paging:`).
pub(crate) fn pages_method(
    endpoint: &Endpoint,
    paging: &Paging,
    method: &Ident,
    request: &TokenStream,
    types: &TypeNaming,
) -> TokenStream {
    let items_method = format_ident!("{}_items", method.unraw());
    let item = types.rust(&endpoint.types, &paging.item);
    let doc = doc_lines(&format!(
        "Every item of every page from the request's `{}` on, as one stream: a page is \
         fetched when the items before it have been read, and the stream ends at the total \
         the server reports. An error is the last item, after every item already fetched.",
        paging.skip
    ));
    let stream = paged_items(paging, request, quote!(self.#method(&page).await?));
    quote! {
        #doc
        pub fn #items_method<'a>(
            &'a self,
            request: &'a #request,
        ) -> impl ::kontur_extern::Stream<
            Item = ::core::result::Result<#item, ::kontur_extern::Error>,
        > + ::core::marker::Unpin + 'a {
            #stream
        }
    }
}

/// The stream of every page's items of a paging endpoint, from `request`
/// (a `Request` or a reference to one, in scope): each page's request is a
/// clone with its skip set, and `send`, an expression over `page`, sends it
/// and gives the `Reply`.
pub(crate) fn paged_items(
    paging: &Paging,
    request: &TokenStream,
    send: TokenStream,
) -> TokenStream {
    let skip = ident(&paging.skip);
    let items = ident(&paging.items);
    let total = ident(&paging.total);
    let (start, set) = if paging.skip_optional {
        (
            quote!(request.#skip.unwrap_or(0)),
            quote!(::core::option::Option::Some(skip)),
        )
    } else {
        (quote!(request.#skip), quote!(skip))
    };
    quote! {
        ::kontur_extern::__private::paged(#start, move |skip| {
            let mut page = <#request as ::core::clone::Clone>::clone(&request);
            page.#skip = #set;
            async move {
                let reply = #send;
                let body = reply.into_inner().body;
                ::core::result::Result::Ok((body.#items, body.#total))
            }
        })
    }
}

/// `::kontur_extern::ErrorFormat::…` of the endpoint.
fn error_format(endpoint: &Endpoint) -> TokenStream {
    match endpoint.error {
        ErrorFormat::OAuth2 => quote!(::kontur_extern::ErrorFormat::OAuth2),
        ErrorFormat::KonturApi => quote!(::kontur_extern::ErrorFormat::KonturApi),
    }
}

/// What a call returns: the response, or `Option` of it when the spec
/// documents "not found".
fn reply_type(endpoint: &Endpoint, response: &Ident) -> TokenStream {
    match &endpoint.outcomes {
        Some(outcomes) if outcomes.not_found => quote!(::core::option::Option<#response>),
        _ => quote!(#response),
    }
}

/// The Rust name of one outcome's struct: `Response` when it is the only
/// success, otherwise its name in PascalCase (beside a derive, after the
/// endpoint's).
fn outcome_ident(outcomes: &Outcomes, outcome: &Outcome, names: &Names) -> Ident {
    if outcomes.success.len() == 1 {
        names.response.clone()
    } else {
        format_ident!(
            "{}{}",
            names.enum_prefix,
            outcome.name.to_upper_camel_case()
        )
    }
}

/// The fields of a struct for captured response headers.
fn header_fields<'a>(
    headers: &'a [Header],
    names: &'a Names,
) -> impl Iterator<Item = TokenStream> + 'a {
    headers.iter().map(move |header| {
        let mut doc = header.doc.clone().unwrap_or_default();
        let list: Vec<String> = header.names.iter().map(|n| format!("`{n}`")).collect();
        doc.push_str(&format!(
            "\n\nFrom the response header {}.",
            list.join(" or ")
        ));
        let ident = ident(&header.field);
        let ty = header_type(header, names);
        let doc = doc_lines(&doc);
        quote! { #doc pub #ident: #ty, }
    })
}

/// Reading captured headers with the decoder named `body`.
fn header_decoders<'a>(
    headers: &'a [Header],
    names: &'a Names,
) -> impl Iterator<Item = TokenStream> + 'a {
    headers.iter().map(move |header| {
        let ident = ident(&header.field);
        let header_names = &header.names;
        let list = quote!(&[#( #header_names ),*]);
        match &header.presence {
            Presence::Required => quote!(#ident: body.header(#list)?,),
            Presence::Optional => quote!(#ident: body.optional_header(#list)?,),
            Presence::Default(value) => {
                let default = value_expr(value, &header.ty, false, &|| {
                    names.enum_ident(&header.field)
                });
                quote!(#ident: body.header_or_else(#list, || #default),)
            }
        }
    })
}

/// An outcome with a body reads like its body: `Deref` to it, as
/// progenitor's `ResponseValue` does, and `into_body` to own it, so that a
/// caller writes `reply.id`, not `reply.body.id`. The response headers stay
/// fields beside it (a body field of the same name is reached as
/// `reply.body.name`). `WithBody` lets `Reply::into_body` reach it too.
fn body_access(ident: &Ident, ty: &TokenStream, vis: &TokenStream) -> TokenStream {
    quote! {
        impl ::core::ops::Deref for #ident {
            type Target = #ty;
            fn deref(&self) -> &#ty {
                &self.body
            }
        }
        impl ::core::ops::DerefMut for #ident {
            fn deref_mut(&mut self) -> &mut #ty {
                &mut self.body
            }
        }
        impl #ident {
            /// The body, without the response headers.
            #vis fn into_body(self) -> #ty {
                self.body
            }
        }
        impl ::kontur_extern::WithBody for #ident {
            type Body = #ty;
            fn into_body(self) -> #ty {
                self.body
            }
        }
    }
}

/// Version 2's `responses`: a struct per success outcome, and `Response`,
/// an enum of them when there are several.
fn outcome_types(
    endpoint: &Endpoint,
    outcomes: &Outcomes,
    names: &Names,
    vis: &TokenStream,
    types: &TypeNaming,
) -> TokenStream {
    let status_text = |outcome: &Outcome| match outcome.status {
        Some(status) => format!("HTTP {status}"),
        None => "any other success status".to_owned(),
    };
    let structs = outcomes.success.iter().map(|outcome| {
        let ident = outcome_ident(outcomes, outcome, names);
        let body_ty = match &outcome.body {
            _ if outcome.binary => Some(quote!(::kontur_extern::Bytes)),
            Some(ty) => Some(types.rust(&endpoint.types, ty)),
            None => None,
        };
        let body = body_ty.as_ref().map(|ty| {
            let doc = if outcome.binary {
                "The body, as it came."
            } else {
                "The JSON body."
            };
            quote! {
                #[doc = #doc]
                pub body: #ty,
            }
        });
        let access = body_ty
            .as_ref()
            .map(|ty| body_access(&ident, ty, vis))
            .unwrap_or_default();
        let headers = header_fields(&outcome.headers, names);
        let mut doc = format!(
            "Outcome `{}` of `{} {}` ({}).",
            outcome.name,
            endpoint.method.as_str(),
            endpoint.path,
            status_text(outcome)
        );
        if let Some(text) = &outcome.doc {
            doc.push_str("\n\n");
            doc.push_str(text);
        }
        let doc = doc_lines(&doc);
        quote! {
            #doc
            #[derive(Clone, Debug)]
            #vis struct #ident {
                #body
                #( #headers )*
            }
            #access
        }
    });
    let structs: TokenStream = structs.collect();
    if outcomes.success.len() == 1 {
        return structs;
    }
    let response = &names.response;
    let variants = outcomes.success.iter().map(|outcome| {
        let variant = format_ident!("{}", outcome.name.to_upper_camel_case());
        let ident = outcome_ident(outcomes, outcome, names);
        let doc = doc_lines(&format!("`{}`: {}.", outcome.name, status_text(outcome)));
        quote! { #doc #variant(#ident), }
    });
    let doc = doc_lines(&format!(
        "The documented outcomes of `{} {}`: which one came.",
        endpoint.method.as_str(),
        endpoint.path
    ));
    quote! {
        #structs

        #doc
        #[derive(Clone, Debug)]
        #vis enum #response {
            #( #variants )*
        }
    }
}

/// `decode` for `responses`: each documented status read as its outcome
/// says, "not found" as `None`, any other status as an error.
fn decode_outcomes(
    endpoint: &Endpoint,
    outcomes: &Outcomes,
    names: &Names,
    types: &TypeNaming,
) -> TokenStream {
    let error_format = error_format(endpoint);
    let keys = endpoint.types.secret_keys();
    let response = &names.response;
    let arm = |outcome: &Outcome| {
        let ident = outcome_ident(outcomes, outcome, names);
        let decoder = if outcome.headers.is_empty() {
            quote!(_)
        } else {
            quote!(body)
        };
        let (open, body_field) = match &outcome.body {
            _ if outcome.binary => (
                quote!(let (#decoder, bytes) = incoming.bytes();),
                Some(quote!(body: bytes,)),
            ),
            Some(ty) => {
                let ty = types.rust(&endpoint.types, ty);
                (
                    quote!(let (#decoder, json) = incoming.json::<#ty>(&[#( #keys ),*])?;),
                    Some(quote!(body: json,)),
                )
            }
            None => (quote!(let #decoder = incoming.empty();), None),
        };
        let headers = header_decoders(&outcome.headers, names);
        let value = quote!(#ident { #body_field #( #headers )* });
        let value = if outcomes.success.len() == 1 {
            value
        } else {
            let variant = format_ident!("{}", outcome.name.to_upper_camel_case());
            quote!(#response::#variant(#value))
        };
        let value = if outcomes.not_found {
            quote!(::core::option::Option::Some(#value))
        } else {
            value
        };
        quote! {{
            #open
            ::core::result::Result::Ok(#value)
        }}
    };
    let exact = outcomes.success.iter().filter_map(|outcome| {
        let status = outcome.status?;
        let arm = arm(outcome);
        Some(quote!(#status => #arm,))
    });
    let not_found = outcomes.not_found.then(|| {
        quote! {
            404 => {
                incoming.not_found(#error_format)?;
                ::core::result::Result::Ok(::core::option::Option::None)
            }
        }
    });
    let other_success = match outcomes.success.iter().find(|o| o.status.is_none()) {
        Some(outcome) => {
            let arm = arm(outcome);
            quote!(200..=299 => #arm,)
        }
        None => quote!(200..=299 => ::core::result::Result::Err(incoming.undocumented()),),
    };
    let open = if outcomes.success.iter().any(|o| o.binary) {
        quote!(let incoming = ::kontur_extern::__private::Incoming::binary(response)?;)
    } else {
        quote!(let incoming = ::kontur_extern::__private::Incoming::new(response)?;)
    };
    quote! {
        #open
        match incoming.status() {
            #( #exact )*
            #not_found
            #other_success
            _ => ::core::result::Result::Err(incoming.error(#error_format)),
        }
    }
}

/// `TokenResponse` for responses shaped like an OAuth 2.0 token response
/// (a secret `access_token` and an `expires_in`), so that a
/// `TokenProvider` can cache them.
fn token_response(endpoint: &Endpoint, names: &Names) -> Option<TokenStream> {
    let field = |name: &str| endpoint.response.fields.iter().find(|f| f.name == name);
    let required = |f: &&Field| !f.optional && !f.nullable;
    field("access_token").filter(|f| f.secret && f.ty == Type::String && required(f))?;
    field("expires_in").filter(|f| f.ty == Type::DurationSeconds && required(f))?;
    let refresh = match field("refresh_token") {
        Some(f) if f.secret && f.ty == Type::String && (f.optional || f.nullable) => {
            quote!(self.refresh_token.as_ref())
        }
        Some(f) if f.secret && f.ty == Type::String => {
            quote!(::core::option::Option::Some(&self.refresh_token))
        }
        _ => quote!(::core::option::Option::None),
    };
    let response = &names.response;
    Some(quote! {
        impl ::kontur_extern::TokenResponse for #response {
            fn access_token(&self) -> &::kontur_extern::SecretString {
                &self.access_token
            }

            fn expires_in(&self) -> ::core::time::Duration {
                self.expires_in
            }

            fn refresh_token(&self) -> ::core::option::Option<&::kontur_extern::SecretString> {
                #refresh
            }
        }
    })
}

/// A client with one async method for the endpoint, named after it.
fn client(
    endpoint: &Endpoint,
    names: &Names,
    vis: &TokenStream,
    types: &TypeNaming,
) -> TokenStream {
    let Names {
        endpoint: marker,
        request,
        response,
        client,
        ..
    } = names;
    let method = ident(&endpoint.name);
    let reply = reply_type(endpoint, response);
    let pages = endpoint
        .paging
        .as_ref()
        .map(|paging| pages_method(endpoint, paging, &method, &quote!(#request), types));
    let client_doc = doc_lines(&format!(
        "Client for `{} {}`, over a [`kontur_extern::Client`].",
        endpoint.method.as_str(),
        endpoint.path
    ));
    let method_doc = doc_lines(&format!(
        "{}\n\nSends `{} {}` and decodes the answer.",
        endpoint.summary,
        endpoint.method.as_str(),
        endpoint.path
    ));
    if endpoint.auth == Auth::Bearer {
        let doc = quote! {
            #client_doc
            ///
            /// The endpoint needs a bearer token: every call takes one from the
            /// token source given to [`new`](Self::new).
        };
        let new_doc = quote! {
            /// A client that sends through `inner`, to its base URL, with
            /// bearer tokens from `tokens` (a `TokenProvider`, or a fixed
            /// `SecretString`).
        };
        return bearer_client(
            &doc,
            vis,
            client,
            &new_doc,
            quote! {
                #method_doc
                pub async fn #method(
                    &self,
                    request: &#request,
                ) -> ::core::result::Result<::kontur_extern::Reply<#reply>, ::kontur_extern::Error> {
                    self.inner.send_with::<#marker>(&*self.tokens, request).await
                }

                #pages
            },
        );
    }
    quote! {
        #client_doc
        #[derive(Clone, Debug)]
        #vis struct #client {
            inner: ::kontur_extern::Client,
        }

        impl #client {
            /// A client that sends through `inner`, to its base URL.
            pub fn new(inner: ::kontur_extern::Client) -> Self {
                Self { inner }
            }

            /// The underlying client.
            pub fn inner(&self) -> &::kontur_extern::Client {
                &self.inner
            }

            #method_doc
            pub async fn #method(
                &self,
                request: &#request,
            ) -> ::core::result::Result<::kontur_extern::Reply<#reply>, ::kontur_extern::Error> {
                self.inner.send::<#marker>(request).await
            }

            #pages
        }
    }
}

/// A client over a `kontur_extern::Client` and a token source, for an
/// endpoint's client and a service's alike: the struct, a `Debug` that
/// shows no token, `new` and `inner`, then `methods`.
pub(crate) fn bearer_client(
    doc: &TokenStream,
    vis: &TokenStream,
    client: &Ident,
    new_doc: &TokenStream,
    methods: TokenStream,
) -> TokenStream {
    quote! {
        #doc
        #[derive(Clone)]
        #vis struct #client {
            inner: ::kontur_extern::Client,
            tokens: ::std::sync::Arc<dyn ::kontur_extern::TokenSource>,
        }

        impl ::core::fmt::Debug for #client {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(::core::stringify!(#client))
                    .field("inner", &self.inner)
                    .finish_non_exhaustive()
            }
        }

        impl #client {
            #new_doc
            pub fn new(
                inner: ::kontur_extern::Client,
                tokens: impl ::kontur_extern::TokenSource + 'static,
            ) -> Self {
                Self {
                    inner,
                    tokens: ::std::sync::Arc::new(tokens),
                }
            }

            /// The underlying client.
            pub fn inner(&self) -> &::kontur_extern::Client {
                &self.inner
            }

            #methods
        }
    }
}

fn endpoint_impl(endpoint: &Endpoint, names: &Names, types: &TypeNaming) -> TokenStream {
    let Names {
        endpoint: marker,
        request,
        response,
        ..
    } = names;
    let name = &endpoint.name;
    let method = format_ident!("{}", endpoint.method.as_str());
    let path = &endpoint.path;
    let base_url = &endpoint.base_url;
    let docs_url = match &endpoint.docs_url {
        Some(url) => quote!(::core::option::Option::Some(#url)),
        None => quote!(::core::option::Option::None),
    };
    let status = endpoint.response.status;
    let content_type = &endpoint.response.content_type;

    let encode_params = endpoint.request.params.iter().map(|param| {
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

    let decode_fields = endpoint.response.fields.iter().map(|field| {
        let ident = field_name(&field.name);
        let wire = &field.name;
        if field.optional || field.nullable {
            let (optional, nullable) = (field.optional, field.nullable);
            quote!(#ident: body.optional_field(#wire, #optional, #nullable)?,)
        } else {
            quote!(#ident: body.field(#wire)?,)
        }
    });
    let decode_headers = header_decoders(&endpoint.response.headers, names);

    let examples = endpoint
        .examples
        .iter()
        .map(|example| example_expr(endpoint, example, names, types));
    let encode_json = match endpoint.request.body {
        BodyEncoding::Binary => Some(quote!(http.binary(&request.body);)),
        _ => endpoint
            .request
            .json
            .as_ref()
            .map(|_| quote!(http.json(&request.body);)),
    };
    let error_format = error_format(endpoint);
    let open_body = match &endpoint.response.body {
        Some(ty) => {
            let ty = types.rust(&endpoint.types, ty);
            let keys = endpoint.types.secret_keys();
            quote! {
                let (body, json) = ::kontur_extern::__private::ResponseDecoder::with_json_body::<#ty>(
                    response,
                    &[#( #keys ),*],
                    #error_format,
                )?;
            }
        }
        None => quote! {
            let body = ::kontur_extern::__private::ResponseDecoder::new(response)?;
        },
    };
    let body_field = endpoint.response.body.as_ref().map(|_| quote!(body: json,));
    let auth = match endpoint.auth {
        Auth::None => quote!(::kontur_extern::Auth::None),
        Auth::Bearer => quote!(::kontur_extern::Auth::Bearer),
    };
    let binary_response = endpoint
        .outcomes
        .as_ref()
        .is_some_and(|outcomes| outcomes.success.iter().any(|o| o.binary));
    let decode_body = match &endpoint.outcomes {
        Some(outcomes) => decode_outcomes(endpoint, outcomes, names, types),
        None => quote! {
            #open_body
            ::core::result::Result::Ok(#response {
                #body_field
                #( #decode_fields )*
                #( #decode_headers )*
            })
        },
    };
    let reply = reply_type(endpoint, response);

    quote! {
        impl ::kontur_extern::Endpoint for #marker {
            type Request = #request;
            type Response = #reply;

            const METADATA: ::kontur_extern::Metadata = ::kontur_extern::Metadata {
                name: #name,
                method: ::kontur_extern::__private::http::Method::#method,
                path: #path,
                default_base_url: #base_url,
                docs_url: #docs_url,
                success_status: #status,
                content_type: #content_type,
                error_format: #error_format,
                auth: #auth,
                binary_response: #binary_response,
            };

            fn encode(
                request: &Self::Request,
                base_url: &::kontur_extern::Url,
            ) -> ::core::result::Result<
                ::kontur_extern::__private::http::Request<::std::vec::Vec<u8>>,
                ::kontur_extern::Error,
            > {
                let mut http = ::kontur_extern::__private::RequestEncoder::new(&Self::METADATA, base_url)?;
                #encode_json
                #( #encode_params )*
                http.finish()
            }

            fn decode(
                response: ::kontur_extern::__private::http::Response<::std::vec::Vec<u8>>,
            ) -> ::core::result::Result<Self::Response, ::kontur_extern::Error> {
                #decode_body
            }

            fn examples() -> ::std::vec::Vec<::kontur_extern::Example<Self::Request>> {
                ::std::vec::Vec::from([ #( #examples ),* ])
            }
        }
    }
}

/// `Example { .. }` for a documented exchange: the typed request built from
/// the documented values, and the documented request and response as text.
fn example_expr(
    endpoint: &Endpoint,
    example: &Example,
    names: &Names,
    types: &TypeNaming,
) -> TokenStream {
    let request = &names.request;
    let params = caller_params(endpoint, names);
    let binary = endpoint.request.body == BodyEncoding::Binary;
    let body_arg = match (&endpoint.request.json, &example.request_body) {
        (_, Some(text)) if binary => Some(quote!(
            body: ::kontur_extern::Bytes(::std::vec::Vec::from(#text.as_bytes())),
        )),
        (Some(ty), Some(text)) => {
            let ty = types.rust(&endpoint.types, ty);
            Some(quote!(body: ::kontur_extern::__private::documented_json::<#ty>(#text),))
        }
        _ => None,
    };
    let (documented_body, documented_raw) = match &example.request_body {
        Some(text) if binary => (
            quote!(::core::option::Option::None),
            quote!(::core::option::Option::Some(#text)),
        ),
        Some(text) => (
            quote!(::core::option::Option::Some(#text)),
            quote!(::core::option::Option::None),
        ),
        None => (
            quote!(::core::option::Option::None),
            quote!(::core::option::Option::None),
        ),
    };
    let value_of = |p: &CallerParam| {
        example
            .params
            .iter()
            .find(|(name, _)| *name == p.param.name)
            .map(|(_, value)| {
                value_expr(value, p.spec_ty, p.secret, &|| {
                    names.enum_ident(&p.param.name)
                })
            })
    };
    let required_ident = &names.required;
    let required: Vec<TokenStream> = params
        .iter()
        .filter(|p| *p.presence == Presence::Required)
        .filter_map(|p| {
            let ident = &p.ident;
            value_of(p).map(|value| quote!(#ident: #value))
        })
        .collect();
    let setters = params
        .iter()
        .filter(|p| *p.presence != Presence::Required)
        .filter_map(|p| {
            let setter = format_ident!("with_{}", p.ident);
            value_of(p).map(|value| quote!(.#setter(#value)))
        });

    let new_arg = if body_arg.is_some() || !required.is_empty() {
        quote!(#required_ident { #body_arg #( #required, )* })
    } else {
        quote!()
    };
    let name = &example.name;
    let doc = example.doc.as_deref().unwrap_or("").trim_end();
    let pairs = |list: &[(String, String)]| {
        let (keys, values): (Vec<&String>, Vec<&String>) = list.iter().map(|(k, v)| (k, v)).unzip();
        quote!(&[#( (#keys, #values) ),*])
    };
    let request_headers = pairs(&example.request_headers);
    // A list parameter is one documented parameter per element, in order.
    let request_params = example.params.iter().flat_map(|(name, value)| {
        let Some(param) = endpoint.request.params.iter().find(|p| p.name == *name) else {
            return Vec::new();
        };
        let location = match param.location {
            ParamLocation::Path => quote!(Path),
            ParamLocation::Body => quote!(Form),
            ParamLocation::Query => quote!(Query),
            ParamLocation::Header => quote!(Header),
        };
        let secret = matches!(param.kind, ParamKind::Caller { secret: true, .. });
        value
            .wire_values()
            .into_iter()
            .map(|value| {
                quote! {
                    ::kontur_extern::DocumentedParam {
                        name: #name,
                        value: #value,
                        location: ::kontur_extern::ParamLocation::#location,
                        secret: #secret,
                    }
                }
            })
            .collect()
    });
    let status = example.response_status;
    let response_headers = pairs(&example.response_headers);
    let body = &example.response_body;
    quote! {
        ::kontur_extern::Example {
            name: #name,
            doc: #doc,
            request: #request::new(#new_arg) #( #setters )*,
            documented_request: ::kontur_extern::DocumentedRequest {
                headers: #request_headers,
                params: &[#( #request_params ),*],
                body: #documented_body,
                raw_body: #documented_raw,
            },
            documented_response: ::kontur_extern::DocumentedResponse {
                status: #status,
                headers: #response_headers,
                body: #body,
            },
        }
    }
}
