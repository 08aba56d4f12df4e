//! Offset paging in the JSON request body (`paging: {in: body, skip, take,
//! items, total}`): `skip` and `take` are fields of the body, as in the
//! API's searches (`POST …/reports-tables/search`, control-unit
//! subscriptions), and the answer's total is optional. Runtime half:
//! `paging.rs` (`paged`, as offset paging by query).

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use serde_saphyr::Spanned;

use crate::diagnostic::Collector;
use crate::ident::ident;
use crate::model::{BodyPaging, PagingKind};
use crate::spec::PagingSpec;
use crate::types::model::{Field, FieldPresence, Ty, TypeSpace};
use crate::yaml::position_of;

use super::{body_field, body_fields};

/// `skip` and `take`, integer fields of the JSON request body (required,
/// optional or nullable, not through an alias); `total`, if named, a
/// required integer field of the response body.
pub(super) fn check_body(
    cx: &mut Collector,
    paging: &PagingSpec,
    space: &TypeSpace,
    request: Option<&Ty>,
    response: &[Field],
    in_key: &Spanned<String>,
) -> Option<PagingKind> {
    if request.is_none() {
        cx.error(
            position_of(in_key),
            "`paging.in: body` pages by fields of the JSON request body, and this request has \
             none: it needs `body: json` and `request.json`",
        );
        return None;
    }
    let Some(skip_key) = &paging.skip else {
        cx.error(
            position_of(in_key),
            "`paging.in: body` lacks `skip`: it names the request body's field that says how \
             many items to skip (and `take`, the one that says how many a page holds)",
        );
        return None;
    };
    let fields = body_fields(space, request);
    let skip = request_field(cx, fields, skip_key, "skip");
    let take = request_field(cx, fields, &paging.take, "take");
    let total = match &paging.total {
        None => Some(None),
        Some(total_key) => {
            let total = body_field(response, total_key)
                .filter(|field| matches!(space.resolved(&field.ty), Ty::Integer));
            if total.is_none() {
                cx.error(
                    position_of(total_key),
                    format!(
                        "`paging.total` names `{}`, which is not a required integer field of \
                         the response body",
                        total_key.value
                    ),
                );
            }
            total.map(|field| Some(field.rust.clone()))
        }
    };
    let ((skip, skip_optional), (take, _), total) = (skip?, take?, total?);
    Some(PagingKind::Body(BodyPaging {
        skip,
        skip_optional,
        take,
        total,
    }))
}

/// The request body's integer field that `paging.{what}` names: its Rust
/// name, and whether it is an `Option<i64>`.
fn request_field(
    cx: &mut Collector,
    fields: &[Field],
    key: &Spanned<String>,
    what: &str,
) -> Option<(String, bool)> {
    let found = fields
        .iter()
        .find(|field| field.wire == key.value)
        .and_then(|field| {
            let nullable = match &field.ty {
                Ty::Integer => false,
                Ty::Nullable(inner) if **inner == Ty::Integer => true,
                _ => return None,
            };
            let optional = nullable || field.presence == FieldPresence::Optional;
            Some((field.rust.clone(), optional))
        });
    if found.is_none() {
        cx.error(
            position_of(key),
            format!(
                "`paging.{what}` names `{}`, which is not an integer field (`integer`, maybe \
                 `optional` or `nullable`) of the JSON request body's object",
                key.value
            ),
        );
    }
    found
}

pub(super) fn items_doc(body: &BodyPaging) -> String {
    let end = match &body.total {
        Some(_) => "the total the server reports or at an empty page",
        None => "an empty page (the answer reports no total)",
    };
    format!(
        "Every item of every page from the request body's `{skip}` on, as one stream: a page is \
         fetched when the items before it have been read, with the body's `{skip}` moved past \
         them, and the stream ends at {end}. An error is the last item, after every item \
         already fetched: `Error::Paging` when the server makes no progress (a page that \
         repeats the one before it) or when `max_pages` pages (10,000 unless set with \
         `.max_pages(n)`) have been read.",
        skip = body.skip,
    )
}

/// The stream of a body-paging endpoint: each page's request is a clone
/// whose body's skip is moved past the items read.
pub(super) fn body_items(
    body: &BodyPaging,
    items: &Ident,
    request: &TokenStream,
    send: TokenStream,
) -> TokenStream {
    let skip = ident(&body.skip);
    let (start, set) = if body.skip_optional {
        (
            quote!(request.body.#skip.unwrap_or(0)),
            quote!(::core::option::Option::Some(skip)),
        )
    } else {
        (quote!(request.body.#skip), quote!(skip))
    };
    // No total: the stream goes on until an empty page (or a page that
    // repeats the one before, or the cap).
    let total = match &body.total {
        Some(total) => {
            let total = ident(total);
            quote!(body.#total)
        }
        None => quote!(::core::primitive::i64::MAX),
    };
    quote! {
        ::kontur_extern::__private::paged(#start, move |skip| {
            let mut page = <#request as ::core::clone::Clone>::clone(&request);
            page.body.#skip = #set;
            async move {
                let reply = #send;
                let body = reply.into_inner().body;
                ::core::result::Result::Ok((body.#items, #total))
            }
        })
    }
}
