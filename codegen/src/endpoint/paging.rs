//! `paging:`: a list endpoint read as one stream of every item, a page
//! fetched when the items before it have been read. Runtime half:
//! `paging.rs`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_saphyr::Spanned;
use syn::Ident;
use syn::ext::IdentExt;

use crate::diagnostic::Collector;
use crate::docs::doc_lines;
use crate::ident::field_ident;
use crate::ident::ident;
use crate::model::{Endpoint, Paging, Param, ParamKind, ParamLocation, Presence, Type};
use crate::spec::PagingSpec;
use crate::types::expand::TypeNaming;
use crate::types::model::{Ty, TypeSpace};
use crate::yaml::position_of;

/// `paging:`: `skip` and `take` are integer query parameters, and the
/// response body is an object with a required list `items` and a required
/// integer `total`.
pub(crate) fn check_paging(
    cx: &mut Collector,
    paging: &PagingSpec,
    params: &[Param],
    space: &TypeSpace,
    body: Option<&Ty>,
    outcomes: bool,
) -> Option<Paging> {
    let skip = paging_param(cx, params, &paging.skip, "skip");
    let take = paging_param(cx, params, &paging.take, "take");
    if outcomes {
        cx.error(
            position_of(&paging.items),
            "`paging` goes with a single `response:`; a page has one shape",
        );
        return None;
    }
    let no_fields = Vec::new();
    let fields = match body.map(|ty| space.resolved(ty)) {
        Some(Ty::Item(id)) => match &space.get(*id).kind {
            crate::types::model::ItemKind::Object(fields) => fields,
            _ => &no_fields,
        },
        _ => &no_fields,
    };
    let field = |key: &Spanned<String>| {
        fields
            .iter()
            .find(|field| field.wire == key.value)
            .filter(|field| field.presence == crate::types::model::FieldPresence::Required)
    };
    let items = field(&paging.items);
    let item = match items.map(|field| space.resolved(&field.ty)) {
        Some(Ty::List(item)) => Some((**item).clone()),
        _ => {
            cx.error(
                position_of(&paging.items),
                format!(
                    "`paging.items` names `{}`, which is not a required list field of the \
                     response body",
                    paging.items.value
                ),
            );
            None
        }
    };
    let total = field(&paging.total);
    let total_sound = matches!(
        total.map(|field| space.resolved(&field.ty)),
        Some(Ty::Integer)
    );
    if !total_sound {
        cx.error(
            position_of(&paging.total),
            format!(
                "`paging.total` names `{}`, which is not a required integer field of the \
                 response body",
                paging.total.value
            ),
        );
    }
    let (skip, _take, items, item, total) = (skip?, take?, items?, item?, total?);
    total_sound.then(|| Paging {
        skip: field_ident(&skip.name),
        skip_optional: matches!(
            skip.kind,
            ParamKind::Caller {
                presence: Presence::Optional,
                ..
            }
        ),
        items: items.rust.clone(),
        total: total.rust.clone(),
        item,
    })
}

/// The integer query parameter that `paging.skip` or `paging.take` names.
fn paging_param<'p>(
    cx: &mut Collector,
    params: &'p [Param],
    name: &Spanned<String>,
    what: &str,
) -> Option<&'p Param> {
    let param = params.iter().find(|param| {
        param.name == name.value
            && param.location == ParamLocation::Query
            && matches!(
                param.kind,
                ParamKind::Caller {
                    ty: Type::Integer,
                    ..
                }
            )
    });
    if param.is_none() {
        cx.error(
            position_of(name),
            format!(
                "`paging.{what}` names `{}`, which is not an integer query parameter of this \
                 endpoint",
                name.value
            ),
        );
    }
    param
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
    let pages = pages_type(paging, &item);
    let doc = doc_lines(&format!(
        "Every item of every page from the request's `{}` on, as one stream: a page is \
         fetched when the items before it have been read, and the stream ends at the total \
         the server reports or at an empty page. An error is the last item, after every item \
         already fetched: `Error::Paging` when the server makes no progress (a page that \
         repeats the one before it) or when `max_pages` pages (10,000 unless set with \
         `.max_pages(n)`) have been read.",
        paging.skip
    ));
    let stream = paged_items(paging, request, quote!(self.#method(&page).await?));
    quote! {
        #doc
        pub fn #items_method<'a>(
            &'a self,
            request: &'a #request,
        ) -> #pages {
            #stream
        }
    }
}

/// The type of the stream of every item: `Pages<'a, Item>`.
pub(crate) fn pages_type(_paging: &Paging, item: &TokenStream) -> TokenStream {
    quote!(::kontur_extern::Pages<'a, #item>)
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
