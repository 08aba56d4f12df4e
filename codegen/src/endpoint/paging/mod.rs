//! `paging:`: a list endpoint read as one stream of every item, a page
//! fetched when the items before it have been read. Three kinds: by offset
//! in query parameters (`skip` and `total`, here), by offset in the JSON
//! request body (`in: body`, `body.rs`) and by cursor (`cursor`, `next`
//! and `ends`, `cursor.rs`). Runtime half: `paging.rs`, whose `Pages` every
//! kind returns.

mod body;
mod cursor;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_saphyr::Spanned;
use syn::Ident;
use syn::ext::IdentExt;

use crate::diagnostic::Collector;
use crate::docs::doc_lines;
use crate::ident::field_ident;
use crate::ident::ident;
use crate::model::{Endpoint, Paging, PagingKind, Param, ParamKind, ParamLocation, Presence, Type};
use crate::spec::PagingSpec;
use crate::types::expand::TypeNaming;
use crate::types::model::{Field, FieldPresence, ItemKind, Ty, TypeSpace};
use crate::yaml::position_of;

/// `paging:`: `take` is an integer query parameter, and the response body
/// is an object with a required list `items`; then either `skip`, an
/// integer query parameter, and `total`, a required integer field of the
/// body, or a cursor (`cursor.rs`); or, with `in: body`, `skip` and
/// `take` are fields of the JSON request body (`body.rs`). The pair is
/// the request's JSON body and the response's.
pub(crate) fn check_paging(
    cx: &mut Collector,
    paging: &PagingSpec,
    params: &[Param],
    space: &TypeSpace,
    (request, body): (Option<&Ty>, Option<&Ty>),
    outcomes: bool,
) -> Option<Paging> {
    let in_body = match &paging.location {
        None => None,
        Some(key) if key.value == "query" => None,
        Some(key) if key.value == "body" => Some(key),
        Some(key) => {
            cx.error(
                position_of(key),
                format!(
                    "`paging.in` is `{}`; it is `query` (`skip` and `take` are query \
                     parameters, the default) or `body` (fields of the JSON request body)",
                    key.value
                ),
            );
            return None;
        }
    };
    let by_cursor = [&paging.cursor, &paging.next, &paging.ends]
        .into_iter()
        .find_map(Option::as_ref);
    let by_skip = [&paging.skip, &paging.total]
        .into_iter()
        .find_map(Option::as_ref);
    if let (Some(cursor_key), Some(_)) = (by_cursor, by_skip) {
        cx.error(
            position_of(cursor_key),
            "`paging` is by offset (`skip` and `total`) or by cursor (`cursor`, `next` and \
             `ends`), not both: keep the keys of the one this endpoint pages by",
        );
        return None;
    }
    if let (Some(in_key), Some(_)) = (in_body, by_cursor) {
        cx.error(
            position_of(in_key),
            "`paging.in: body` pages by offset (`skip`, and maybe `total`); a cursor is a query \
             parameter: leave out `in` for cursor paging",
        );
        return None;
    }
    // In the body, `take` is a field that `body.rs` checks.
    let take = match in_body {
        Some(_) => Some(()),
        None => {
            paging_param(cx, params, &paging.take, "take", |ty| *ty == Type::Integer).map(|_| ())
        }
    };
    if outcomes {
        cx.error(
            position_of(&paging.items),
            "`paging` goes with a single `response:`; a page has one shape",
        );
        return None;
    }
    let fields = body_fields(space, body);
    let items = body_field(fields, &paging.items);
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
    let kind = if let Some(in_key) = in_body {
        body::check_body(cx, paging, space, request, fields, in_key)
    } else if by_cursor.is_some() {
        cursor::check_cursor(cx, paging, params, space, fields)
    } else {
        check_skip(cx, paging, params, space, fields)
    };
    let (_take, items, item, kind) = (take?, items?, item?, kind?);
    Some(Paging {
        items: items.rust.clone(),
        item,
        kind,
    })
}

/// `skip` and `total`, both required without a cursor.
fn check_skip(
    cx: &mut Collector,
    paging: &PagingSpec,
    params: &[Param],
    space: &TypeSpace,
    fields: &[Field],
) -> Option<PagingKind> {
    let (Some(skip_key), Some(total_key)) = (&paging.skip, &paging.total) else {
        let missing = match (&paging.skip, &paging.total) {
            (None, None) => "`skip` and `total`",
            (None, Some(_)) => "`skip`",
            _ => "`total`",
        };
        cx.error(
            position_of(&paging.items),
            format!(
                "`paging` lacks {missing}: offset paging names the `skip` parameter and the \
                 body's `total`; cursor paging names `cursor`, `next` and `ends` instead"
            ),
        );
        return None;
    };
    let skip = paging_param(cx, params, skip_key, "skip", |ty| *ty == Type::Integer);
    let total = body_field(fields, total_key);
    let total_sound = matches!(
        total.map(|field| space.resolved(&field.ty)),
        Some(Ty::Integer)
    );
    if !total_sound {
        cx.error(
            position_of(total_key),
            format!(
                "`paging.total` names `{}`, which is not a required integer field of the \
                 response body",
                total_key.value
            ),
        );
    }
    let (skip, total) = (skip?, total?);
    total_sound.then(|| PagingKind::Skip {
        skip: field_ident(&skip.name),
        skip_optional: optional(skip),
        total: total.rust.clone(),
    })
}

/// The fields of the response body, when it is an object.
fn body_fields<'s>(space: &'s TypeSpace, body: Option<&Ty>) -> &'s [Field] {
    match body.map(|ty| space.resolved(ty)) {
        Some(Ty::Item(id)) => match &space.get(*id).kind {
            ItemKind::Object(fields) => fields,
            _ => &[],
        },
        _ => &[],
    }
}

/// The required field of the body that `key` names.
fn body_field<'f>(fields: &'f [Field], key: &Spanned<String>) -> Option<&'f Field> {
    fields
        .iter()
        .find(|field| field.wire == key.value)
        .filter(|field| field.presence == FieldPresence::Required)
}

/// The parameter is an `Option` in `Request`.
fn optional(param: &Param) -> bool {
    matches!(
        param.kind,
        ParamKind::Caller {
            presence: Presence::Optional,
            ..
        }
    )
}

/// The query parameter that `paging.{what}` names, the caller's to set, of
/// a type `fits` accepts.
fn paging_param<'p>(
    cx: &mut Collector,
    params: &'p [Param],
    name: &Spanned<String>,
    what: &str,
    fits: impl Fn(&Type) -> bool,
) -> Option<&'p Param> {
    let param = params.iter().find(|param| {
        param.name == name.value
            && param.location == ParamLocation::Query
            && matches!(&param.kind, ParamKind::Caller { ty, .. } if fits(ty))
    });
    if param.is_none() {
        let kind = if what == "cursor" {
            "a `string`, `integer` or `uuid`"
        } else {
            "an integer"
        };
        cx.error(
            position_of(name),
            format!(
                "`paging.{what}` names `{}`, which is not {kind} query parameter of this \
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
    let doc = doc_lines(&items_doc(paging));
    let stream = paged_items(paging, request, quote!(self.#method(&page).await?));
    let on_use = crate::on_use::on_use();
    quote! {
        #doc
        #on_use
        pub fn #items_method<'a>(
            &'a self,
            request: &'a #request,
        ) -> #pages {
            #stream
        }
    }
}

/// The doc of the stream of every item.
pub(crate) fn items_doc(paging: &Paging) -> String {
    match &paging.kind {
        PagingKind::Skip { skip, .. } => format!(
            "Every item of every page from the request's `{skip}` on, as one stream: a page is \
             fetched when the items before it have been read, and the stream ends at the total \
             the server reports or at an empty page. An error is the last item, after every \
             item already fetched: `Error::Paging` when the server makes no progress (a page \
             that repeats the one before it) or when `max_pages` pages (10,000 unless set with \
             `.max_pages(n)`) have been read."
        ),
        PagingKind::Cursor(cursor) => cursor::items_doc(cursor),
        PagingKind::Body(body) => body::items_doc(body),
    }
}

/// The type of the stream of every item: `Pages<'a, Item>`, with the
/// cursor's type for a cursor.
pub(crate) fn pages_type(paging: &Paging, item: &TokenStream) -> TokenStream {
    match &paging.kind {
        PagingKind::Skip { .. } | PagingKind::Body(_) => {
            quote!(::kontur_extern::Pages<'a, #item>)
        }
        PagingKind::Cursor(cursor) => {
            let cursor = cursor::cursor_type(cursor);
            quote!(::kontur_extern::Pages<'a, #item, #cursor>)
        }
    }
}

/// The stream of every page's items of a paging endpoint, from `request`
/// (a `Request` or a reference to one, in scope): each page's request is a
/// clone with its skip or cursor set, and `send`, an expression over
/// `page`, sends it and gives the `Reply`.
pub(crate) fn paged_items(
    paging: &Paging,
    request: &TokenStream,
    send: TokenStream,
) -> TokenStream {
    let items = ident(&paging.items);
    let (skip, skip_optional, total) = match &paging.kind {
        PagingKind::Skip {
            skip,
            skip_optional,
            total,
        } => (ident(skip), *skip_optional, ident(total)),
        PagingKind::Cursor(cursor) => {
            return cursor::cursor_items(cursor, &items, request, send);
        }
        PagingKind::Body(body) => return body::body_items(body, &items, request, send),
    };
    let (start, set) = if skip_optional {
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
