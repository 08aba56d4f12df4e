//! The code of a checked service: the modules of its type files and
//! endpoints, its client, a handle per group and a call builder per method.
//!
//! `api.drafts(account_id).create(body)` is a call builder
//! (`ExternApiDraftsCreate`): the group's bound parameters and the method's
//! arguments are the request's required values, its `with_*` methods set
//! the optional ones, and it is sent when awaited (boxed once, as
//! `IntoFuture` must name its future) or by `send().await` (not boxed). A
//! paging endpoint's builder also streams every item (`items()`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;

use super::{Group, Service};
use crate::docs::doc_lines;
use crate::endpoint::auth::bearer_client;
use crate::endpoint::body::body_type;
use crate::endpoint::paging::{items_doc, paged_items, pages_type};
use crate::endpoint::params::{ScopedParam, scoped_params};
use crate::endpoint::{Naming, Options, expand};
use crate::ident::ident;
use crate::model::{Endpoint, Paging, ParamLocation, Presence};
use crate::types::expand::TypeNaming;
use crate::types::expand::expand_types;

/// The name of a group's handle type: `ExternApiDrafts`.
pub(super) fn group_type_name(service: &str, group: &str) -> String {
    format!("{service}{}", crate::ident::upper_camel_case(group))
}

/// The name of a method's call builder: `ExternApiDraftsCreate`.
pub(super) fn call_type_name(service: &str, group: &str, method: &str) -> String {
    format!(
        "{service}{}{}",
        crate::ident::upper_camel_case(group),
        crate::ident::upper_camel_case(method)
    )
}

fn group_type(service: &str, group: &str) -> Ident {
    format_ident!("{}", group_type_name(service, group))
}

fn call_type(service: &str, group: &str, method: &str) -> Ident {
    format_ident!("{}", call_type_name(service, group, method))
}

/// How an endpoint's types are named from the service's level: its own
/// through its module, the type files' modules as they are.
fn scoped_naming(module: &Ident) -> TypeNaming {
    TypeNaming {
        prefix: String::new(),
        shared: quote!(),
        vis: quote!(pub),
        local: quote!(#module::),
    }
}

/// The modules of the type files and of every endpoint, and the service's
/// client: one struct, a method per group, a call builder per endpoint.
pub fn expand_service(service: &Service) -> TokenStream {
    expand_service_parts(service).into_iter().collect()
}

/// [`expand_service`]'s code in its parts, in order, each a whole list of
/// items: the consts that make the compiler rebuild on a spec's change,
/// each type file's module, each endpoint's module, the service's client,
/// and each group's items. Code written ahead of time
/// ([`expand_service_gated`](super::expand_service_gated)) has no first
/// part.
pub(super) fn expand_service_parts(service: &Service) -> Vec<TokenStream> {
    let code = service_code(service, true);
    let mut parts = vec![code.rebuild];
    parts.extend(code.types);
    parts.extend(code.modules.into_iter().map(|(_, module)| module));
    parts.push(code.client);
    parts.extend(code.groups);
    parts
}

/// A service's code by what it is made of, in [`expand_service_parts`]'
/// order.
pub(super) struct ServiceCode {
    /// The consts that make the compiler rebuild on a spec's change.
    pub rebuild: TokenStream,
    /// Each type file's module.
    pub types: Vec<TokenStream>,
    /// Each endpoint's module, with the top-level group it is reached
    /// through; none when not asked for.
    pub modules: Vec<(String, TokenStream)>,
    pub client: TokenStream,
    /// Each group's items.
    pub groups: Vec<TokenStream>,
}

/// The service's code; the endpoints' modules only when `modules` (an
/// endpoint's module is its spec's alone, whatever else the service has).
pub(super) fn service_code(service: &Service, modules: bool) -> ServiceCode {
    let rebuild = service
        .files
        .iter()
        .filter_map(|file| file.to_str())
        .map(|file| {
            quote! { const _: &str = ::core::include_str!(#file); }
        });
    let types = service
        .types
        .iter()
        .map(|(checked, _)| expand_types(checked, None));
    let options = Options {
        naming: Naming::Module,
        rebuild_path: None,
    };
    let modules = service
        .groups
        .iter()
        .filter(|_| modules)
        .flat_map(|group| {
            let (root, options) = (group.root(service), &options);
            group
                .endpoints
                .iter()
                .map(move |(_, endpoint)| (root.to_owned(), expand(endpoint, options)))
        })
        .collect();

    let api = format_ident!("{}", service.name);
    let api_doc = doc_lines(service.doc.as_deref().unwrap_or(&format!(
        "The `{}` API: its endpoints, grouped, over one client and one token source.",
        service.name
    )));
    let accessors = service
        .groups
        .iter()
        .filter(|group| group.under.is_none())
        .map(|group| group_accessor(service, group));
    let groups = service
        .groups
        .iter()
        .map(|group| group_items(service, group));
    let new_doc = quote! {
        /// A client for every endpoint, through `inner` (its base URL
        /// is the API's), with bearer tokens from `tokens` (a
        /// `TokenProvider`, or a fixed `SecretString`) for the
        /// endpoints that need one.
    };
    let download = crate::endpoint::stream::service_download();
    let send = quote! {
        /// Sends a whole `request` (an example's, say) to endpoint `E`,
        /// with a bearer token from the token source when `E` needs one.
        /// The groups' methods build the request from their arguments.
        pub fn send<'a, E: ::kontur_extern::Endpoint>(
            &'a self,
            request: &'a E::Request,
        ) -> impl ::core::future::Future<
            Output = ::core::result::Result<::kontur_extern::Reply<E::Response>, ::kontur_extern::Error>,
        > + use<'a, E> {
            ::kontur_extern::__private::send_as::<E>(&self.inner, &*self.tokens, request)
        }

        #download
    };
    let client = bearer_client(
        &api_doc,
        &quote!(pub),
        &api,
        &new_doc,
        quote!( #send #( #accessors )* ),
    );
    ServiceCode {
        rebuild: rebuild.collect(),
        types: types.collect(),
        modules,
        client,
        groups: groups.collect(),
    }
}

/// `api.drafts(account_id)`: the client's method for a group, taking the
/// values the group binds; for a group `under` another, the method of that
/// group's handle (`api.docflows(account_id).documents(docflow_id)`),
/// taking the values it binds besides that group's.
fn group_accessor(service: &Service, group: &Group) -> TokenStream {
    let on_use = crate::on_use::on_use();
    let ty = group_type(&service.name, &group.name);
    let method = ident(&group.accessor);
    let bound = bound_fields(group);
    let held = bound.len() - group.own_bind(service).len().min(bound.len());
    let doc = doc_lines(&format!(
        "{}{}",
        group
            .doc
            .as_deref()
            .unwrap_or(&format!("The `{}` endpoints.", group.name)),
        if group.bind.is_empty() {
            String::new()
        } else {
            format!(
                "\n\nEvery call through it has {}.",
                group
                    .bind
                    .iter()
                    .map(|(wire, _)| format!("`{wire}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    ));
    let args = bound[held..]
        .iter()
        .map(|(field, ty)| quote!(#field: impl ::core::convert::Into<#ty>));
    let kept = (0..held).map(|at| {
        let at = syn::Index::from(at);
        quote!(::core::clone::Clone::clone(&self.bound.#at))
    });
    let values = bound[held..]
        .iter()
        .map(|(field, _)| quote!(::core::convert::Into::into(#field)));
    let bound_init = (!bound.is_empty()).then(|| quote!(bound: ( #( #kept, )* #( #values, )* ),));
    if group.under.is_some() {
        quote! {
            #doc
            #on_use
            pub fn #method(&self, #( #args ),*) -> #ty<'a> {
                #ty { api: self.api, #bound_init }
            }
        }
    } else {
        quote! {
            #doc
            #on_use
            pub fn #method(&self, #( #args ),*) -> #ty<'_> {
                #ty { api: self, #bound_init }
            }
        }
    }
}

/// The `Request` fields of a group's bound parameters and their types
/// (plain types, the same in every endpoint's module).
fn bound_fields(group: &Group) -> Vec<(Ident, TokenStream)> {
    let Some((_, first)) = group.endpoints.first() else {
        return Vec::new();
    };
    let params = scoped_params(first, &ident(&first.name));
    group
        .bind
        .iter()
        .filter_map(|(wire, _)| {
            params
                .iter()
                .find(|param| param.wire == *wire && param.location == ParamLocation::Path)
                .map(|param| (param.ident.clone(), param.ty.clone()))
        })
        .collect()
}

/// A group's handle type, with a method per endpoint, and each method's
/// call builder.
fn group_items(service: &Service, group: &Group) -> TokenStream {
    let api = format_ident!("{}", service.name);
    let ty = group_type(&service.name, &group.name);
    let bound = bound_fields(group);
    let types = bound.iter().map(|(_, ty)| ty);
    let bound_field = (!bound.is_empty()).then(|| {
        quote! {
            /// The bound parameters' values, in `bind` order.
            bound: ( #( #types, )* ),
        }
    });
    let (methods, calls): (Vec<_>, Vec<_>) = group
        .endpoints
        .iter()
        .map(|(method, endpoint)| {
            let call = call_type(&service.name, &group.name, method);
            let group_method_tokens = group_method(group, &bound, method, endpoint, &call);
            let from = upload_from(service, group, &bound, method, endpoint);
            (
                quote! {
                    #group_method_tokens
                    #from
                },
                call_builder(&api, endpoint, &call, wait_methods(service, endpoint)),
            )
        })
        .unzip();
    let nested = service
        .groups
        .iter()
        .filter(|child| child.under.as_deref() == Some(group.name.as_str()))
        .map(|child| group_accessor(service, child));
    let reached = match &group.under {
        None => format!("[`{}`], from its method `{}`", service.name, group.accessor),
        Some(parent) => format!(
            "[`{}`], from the method `{}` of [`{}`]",
            service.name,
            group.accessor,
            group_type_name(&service.name, parent)
        ),
    };
    let doc = doc_lines(&format!(
        "The `{}` endpoints of {reached}: a method per endpoint, each returning a call to \
         set optional parameters on and to await.",
        group.name
    ));
    quote! {
        #doc
        #[derive(Clone)]
        pub struct #ty<'a> {
            api: &'a #api,
            #bound_field
        }

        impl<'a> #ty<'a> {
            #( #methods )*
            #( #nested )*
        }

        #( #calls )*
    }
}

/// The method of a group for one endpoint: its arguments are the request's
/// required values that the group does not bind (path parameters in the
/// order of the path, then the body, then the others in spec order).
fn group_method(
    group: &Group,
    bound: &[(Ident, TokenStream)],
    method: &str,
    endpoint: &Endpoint,
    call: &Ident,
) -> TokenStream {
    let on_use = crate::on_use::on_use();
    let module = ident(&endpoint.name);
    let method = ident(method);
    let Arguments {
        args,
        inits,
        docs: arg_docs,
    } = arguments(group, bound, endpoint, None);
    let new = if inits.is_empty() {
        quote!(#module::Request::new())
    } else {
        quote!(#module::Request::new(#module::Required { #( #inits ),* }))
    };
    let doc = doc_lines(&format!(
        "{}\n\n`{} {}`{}. The call is sent when awaited; its types are in the module `{}`.",
        endpoint.summary,
        endpoint.method.as_str(),
        endpoint.path,
        if arg_docs.is_empty() {
            String::new()
        } else {
            format!("; {}", arg_docs.join(", "))
        },
        endpoint.name
    ));
    quote! {
        #doc
        #on_use
        pub fn #method(&self, #( #args ),*) -> #call<'a> {
            #call {
                api: self.api,
                request: #new,
            }
        }
    }
}

/// A group method's arguments, the `Required` fields they and the group's
/// bound values set, and the arguments' docs.
struct Arguments {
    args: Vec<TokenStream>,
    inits: Vec<TokenStream>,
    docs: Vec<String>,
}

/// The request's required values that the group does not bind, as
/// arguments: path parameters in the order of the path, then the body,
/// then the others in spec order. With `chunk`, a chunk's (the body and
/// the header parameter named `chunk`) are left out: the chunks set them.
fn arguments(
    group: &Group,
    bound: &[(Ident, TokenStream)],
    endpoint: &Endpoint,
    chunk: Option<&str>,
) -> Arguments {
    let module = ident(&endpoint.name);
    let params = scoped_params(endpoint, &module);
    let is_bound = |param: &ScopedParam| {
        param.location == ParamLocation::Path
            && group.bind.iter().any(|(wire, _)| *wire == param.wire)
    };
    let is_chunks =
        |param: &ScopedParam| chunk.is_some_and(|range| param.wire.eq_ignore_ascii_case(range));
    let required: Vec<&ScopedParam> = params
        .iter()
        .filter(|param| {
            param.presence == Presence::Required && !is_bound(param) && !is_chunks(param)
        })
        .collect();
    let at_in_path = |param: &ScopedParam| {
        endpoint
            .path
            .find(&format!("{{{}}}", param.wire))
            .unwrap_or(usize::MAX)
    };
    let mut in_path: Vec<&ScopedParam> = required
        .iter()
        .copied()
        .filter(|param| param.location == ParamLocation::Path)
        .collect();
    in_path.sort_by_key(|param| at_in_path(param));
    let others = required
        .iter()
        .copied()
        .filter(|param| param.location != ParamLocation::Path);
    let naming = scoped_naming(&module);
    let body = body_type(endpoint, &naming).filter(|_| chunk.is_none());
    let mut args: Vec<TokenStream> = Vec::new();
    let mut inits: Vec<TokenStream> = Vec::new();
    let mut docs: Vec<String> = Vec::new();
    for param in &in_path {
        let (field, ty) = (&param.ident, &param.ty);
        args.push(quote!(#field: impl ::core::convert::Into<#ty>));
        inits.push(quote!(#field: ::core::convert::Into::into(#field)));
        docs.push(format!("`{field}`: `{}`", param.wire));
    }
    if let Some(ty) = &body {
        args.push(quote!(body: impl ::core::convert::Into<#ty>));
        inits.push(quote!(body: ::core::convert::Into::into(body)));
        docs.push("`body`: the request body".to_owned());
    }
    for param in others {
        let (field, ty) = (&param.ident, &param.ty);
        args.push(quote!(#field: impl ::core::convert::Into<#ty>));
        inits.push(quote!(#field: ::core::convert::Into::into(#field)));
        docs.push(format!("`{field}`: `{}`", param.wire));
    }
    for (at, (field, _)) in bound.iter().enumerate() {
        let at = syn::Index::from(at);
        inits.push(quote!(#field: ::core::clone::Clone::clone(&self.bound.#at)));
    }
    Arguments { args, inits, docs }
}

/// `<method>_from(…, source, total)` beside the method of an endpoint
/// whose spec declares `chunks`, sent to another endpoint of the service
/// (`load_service` checked that it is one).
fn upload_from(
    service: &Service,
    group: &Group,
    bound: &[(Ident, TokenStream)],
    method: &str,
    endpoint: &Endpoint,
) -> Option<TokenStream> {
    let chunks = endpoint.chunks.as_ref()?;
    let next_name = chunks.next_endpoint.as_ref()?;
    let next = service
        .groups
        .iter()
        .flat_map(|group| &group.endpoints)
        .map(|(_, endpoint)| endpoint)
        .find(|endpoint| endpoint.name == *next_name)?;
    let Arguments { args, inits, .. } = arguments(group, bound, endpoint, Some(&chunks.range));
    let module = ident(&endpoint.name);
    let range_field = scoped_params(endpoint, &module)
        .into_iter()
        .find(|param| param.wire.eq_ignore_ascii_case(&chunks.range))?
        .ident;
    Some(crate::endpoint::chunks::upload_from_method(
        chunks,
        endpoint,
        next,
        &ident(method),
        &args,
        &inits,
        &range_field,
    ))
}

/// `.wait()` and `.wait_with(policy)` of a call whose spec declares a
/// task, read by another endpoint of the service (`load_service` checked
/// that it is one).
fn wait_methods(service: &Service, endpoint: &Endpoint) -> Option<TokenStream> {
    let task = endpoint.task.as_ref()?;
    let reader_name = task.reader.as_ref()?;
    let reader = service
        .groups
        .iter()
        .flat_map(|group| &group.endpoints)
        .map(|(_, endpoint)| endpoint)
        .find(|endpoint| endpoint.name == *reader_name)?;
    Some(crate::endpoint::task::wait_methods(task, endpoint, reader))
}

/// A call builder: the request so far, its optional parameters' setters,
/// `send`, `IntoFuture`, `items` for a paging endpoint and `wait` for one
/// that starts a task.
fn call_builder(
    api: &Ident,
    endpoint: &Endpoint,
    call: &Ident,
    wait: Option<TokenStream>,
) -> TokenStream {
    let module = ident(&endpoint.name);
    let marker = format_ident!("{}", crate::ident::upper_camel_case(&endpoint.name));
    let params = scoped_params(endpoint, &module);
    let setters = params
        .iter()
        .filter(|param| param.presence != Presence::Required)
        .map(|param| {
            let ty = &param.ty;
            let setter = format_ident!("with_{}", param.ident);
            let doc = doc_lines(&format!("Sets `{}`.", param.wire));
            quote! {
                #doc
                pub fn #setter(mut self, value: impl ::core::convert::Into<#ty>) -> Self {
                    self.request = self.request.#setter(value);
                    self
                }
            }
        });
    let reply = quote! {
        ::core::result::Result<
            ::kontur_extern::Reply<<#module::#marker as ::kontur_extern::Endpoint>::Response>,
            ::kontur_extern::Error,
        >
    };
    let items = endpoint
        .paging
        .as_ref()
        .map(|paging| items_method(endpoint, paging, &module, &marker));
    let send_to = crate::endpoint::stream::send_to_method(endpoint, &module, &marker);
    let on_use = crate::on_use::on_use();
    let doc = doc_lines(&format!(
        "A call of `{} {}`, sent when awaited (or by [`send`]({call}::send)); the `with_*` \
         methods set its optional parameters.",
        endpoint.method.as_str(),
        endpoint.path,
    ));
    quote! {
        #doc
        #[must_use = "a call is sent only when it is awaited"]
        pub struct #call<'a> {
            api: &'a #api,
            request: #module::Request,
        }

        impl ::core::fmt::Debug for #call<'_> {
            #on_use
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(::core::stringify!(#call))
                    .field("request", &self.request)
                    .finish_non_exhaustive()
            }
        }

        impl<'a> #call<'a> {
            #( #setters )*

            /// The request as it would be sent now.
            #on_use
            pub fn request(&self) -> &#module::Request {
                &self.request
            }

            /// The request, to change it in place.
            #on_use
            pub fn request_mut(&mut self) -> &mut #module::Request {
                &mut self.request
            }

            /// Sends the request and decodes the response; what awaiting
            /// the call does, without boxing its future.
            #on_use
            pub async fn send(self) -> #reply {
                self.api.send::<#module::#marker>(&self.request).await
            }

            #send_to

            #items

            #wait
        }

        impl<'a> ::core::future::IntoFuture for #call<'a> {
            type Output = #reply;
            type IntoFuture = ::core::pin::Pin<
                ::std::boxed::Box<dyn ::core::future::Future<Output = Self::Output> + ::core::marker::Send + 'a>,
            >;

            #on_use
            fn into_future(self) -> Self::IntoFuture {
                ::std::boxed::Box::pin(self.send())
            }
        }
    }
}

/// A paging call's `items()`: every item of every page, as one stream.
fn items_method(
    endpoint: &Endpoint,
    paging: &Paging,
    module: &Ident,
    marker: &Ident,
) -> TokenStream {
    let naming = scoped_naming(module);
    let item = naming.rust(&endpoint.types, &paging.item);
    let pages = pages_type(paging, &item);
    let stream = paged_items(
        paging,
        &quote!(#module::Request),
        quote!(api.send::<#module::#marker>(&page).await?),
    );
    let doc = doc_lines(&items_doc(paging));
    let on_use = crate::on_use::on_use();
    quote! {
        #doc
        #on_use
        pub fn items(
            self,
        ) -> #pages {
            let Self { api, request } = self;
            #stream
        }
    }
}
