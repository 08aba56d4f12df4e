//! Cursor paging (`paging: {cursor, next, ends}`): each page names where
//! the next begins, as the events feed does (`fromId` in, `next-event-id`
//! out, no total). Runtime half: `paging.rs` (`cursor_paged`).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::diagnostic::Collector;
use crate::ident::{field_ident, ident};
use crate::model::{CursorEnd, CursorPaging, PagingKind, Param, Type};
use crate::scalar::rust_type;
use crate::spec::PagingSpec;
use crate::types::model::{Field, FieldPresence, Ty, TypeSpace};
use crate::yaml::position_of;

use super::{optional, paging_param};

/// `cursor`, a `string`, `integer` or `uuid` query parameter; `next`, a
/// field of the body of the same type; `ends`, one of `absent` (then `next`
/// may be absent or null), `same` or `empty`.
pub(super) fn check_cursor(
    cx: &mut Collector,
    paging: &PagingSpec,
    params: &[Param],
    space: &TypeSpace,
    fields: &[Field],
) -> Option<PagingKind> {
    let (Some(cursor_key), Some(next_key), Some(ends_key)) =
        (&paging.cursor, &paging.next, &paging.ends)
    else {
        let named = [&paging.cursor, &paging.next, &paging.ends]
            .into_iter()
            .find_map(Option::as_ref)?;
        let missing: Vec<&str> = [
            ("`cursor`", &paging.cursor),
            ("`next`", &paging.next),
            ("`ends`", &paging.ends),
        ]
        .into_iter()
        .filter(|(_, key)| key.is_none())
        .map(|(name, _)| name)
        .collect();
        cx.error(
            position_of(named),
            format!(
                "cursor `paging` lacks {}: it names the `cursor` parameter, the body's `next` \
                 field that feeds it, and which answer `ends` the pages (`absent`, `same` or \
                 `empty`)",
                missing.join(" and ")
            ),
        );
        return None;
    };
    let param = paging_param(cx, params, cursor_key, "cursor", |ty| {
        matches!(ty, Type::String | Type::Integer | Type::Uuid)
    });
    let ends = match ends_key.value.as_str() {
        "absent" => Some(CursorEnd::Absent),
        "same" => Some(CursorEnd::Same),
        "empty" => Some(CursorEnd::Empty),
        other => {
            cx.error(
                position_of(ends_key),
                format!(
                    "`paging.ends` is `{other}`; it is `absent` (the `next` field absent or \
                     null), `same` (equal to the cursor sent) or `empty` (a page without items)"
                ),
            );
            None
        }
    };
    let param_ty = param.and_then(|param| match &param.kind {
        crate::model::ParamKind::Caller { ty, secret, .. } if !secret => Some(ty.clone()),
        _ => None,
    });
    let next = fields.iter().find(|field| field.wire == next_key.value);
    let may_lack = next.is_some_and(|field| {
        field.presence == FieldPresence::Optional || matches!(field.ty, Ty::Nullable(_))
    });
    let next_fits = match (next, &param_ty) {
        (Some(field), Some(ty)) => {
            let same_type = matches!(
                (space.resolved(&field.ty), ty),
                (Ty::String { secret: false }, Type::String)
                    | (Ty::Integer, Type::Integer)
                    | (Ty::Uuid, Type::Uuid)
            );
            if !same_type {
                cx.error(
                    position_of(next_key),
                    format!(
                        "`paging.next` names `{}`, whose type is not the cursor parameter \
                         `{}`'s ({}): the value is sent back as it is",
                        next_key.value,
                        cursor_key.value,
                        type_name(ty)
                    ),
                );
            }
            same_type
        }
        (Some(_), None) => {
            if param.is_some() {
                cx.error(
                    position_of(cursor_key),
                    format!(
                        "`paging.cursor` names `{}`, a secret parameter: a cursor comes back in \
                         the response, so it is no secret",
                        cursor_key.value
                    ),
                );
            }
            false
        }
        (None, _) => {
            cx.error(
                position_of(next_key),
                format!(
                    "`paging.next` names `{}`, which is not a field of the response body",
                    next_key.value
                ),
            );
            false
        }
    };
    if ends == Some(CursorEnd::Absent) && next.is_some() && !may_lack {
        cx.error(
            position_of(ends_key),
            format!(
                "`paging.ends: absent` ends the pages when `{}` is absent or null, but the field \
                 is neither `optional` nor `nullable`",
                next_key.value
            ),
        );
        return None;
    }
    let (param, ty, next, ends) = (param?, param_ty?, next?, ends?);
    next_fits.then(|| {
        PagingKind::Cursor(CursorPaging {
            param: field_ident(&param.name),
            param_optional: optional(param),
            ty,
            next: next.rust.clone(),
            ends,
        })
    })
}

fn type_name(ty: &Type) -> &'static str {
    match ty {
        Type::String => "string",
        Type::Integer => "integer",
        Type::Uuid => "uuid",
        _ => "another type",
    }
}

/// The Rust type of the cursor.
pub(super) fn cursor_type(cursor: &CursorPaging) -> TokenStream {
    rust_type(&cursor.ty, false, || quote!(::std::string::String))
}

pub(super) fn items_doc(cursor: &CursorPaging) -> String {
    let end = match cursor.ends {
        CursorEnd::Absent => "the server names no next page",
        CursorEnd::Same => "the server names the page it was asked for",
        CursorEnd::Empty => "an empty page",
    };
    format!(
        "Every item of every page from the request's `{param}` on, as one stream: a page is \
         fetched when the items before it have been read, with `{param}` set to the `{next}` \
         of the page before, and the stream ends at {end}. An error is the last item, after \
         every item already fetched: `Error::Paging` when the server makes no progress (a \
         page that repeats the one before it, a cursor that does not move) or when \
         `max_pages` pages (10,000 unless set with `.max_pages(n)`) have been read.",
        param = cursor.param,
        next = cursor.next,
    )
}

/// The stream of a cursor endpoint: the first page as the request has it,
/// each next one with the cursor the page before named.
pub(super) fn cursor_items(
    cursor: &CursorPaging,
    items: &Ident,
    request: &TokenStream,
    send: TokenStream,
) -> TokenStream {
    let param = ident(&cursor.param);
    let next = ident(&cursor.next);
    let ty = cursor_type(cursor);
    let (start, set) = if cursor.param_optional {
        (
            quote!(<::core::option::Option<#ty> as ::core::clone::Clone>::clone(&request.#param)),
            quote!(page.#param = cursor;),
        )
    } else {
        (
            quote!(::core::option::Option::Some(<#ty as ::core::clone::Clone>::clone(&request.#param))),
            quote! {
                if let ::core::option::Option::Some(cursor) = cursor {
                    page.#param = cursor;
                }
            },
        )
    };
    let ends = match cursor.ends {
        CursorEnd::Absent => quote!(Absent),
        CursorEnd::Same => quote!(Same),
        CursorEnd::Empty => quote!(Empty),
    };
    quote! {
        ::kontur_extern::__private::cursor_paged(
            #start,
            ::kontur_extern::__private::CursorEnd::#ends,
            move |cursor: ::core::option::Option<#ty>| {
                let mut page = <#request as ::core::clone::Clone>::clone(&request);
                #set
                async move {
                    let reply = #send;
                    let body = reply.into_inner().body;
                    let next: ::core::option::Option<#ty> =
                        ::core::convert::Into::into(body.#next);
                    ::core::result::Result::Ok((body.#items, next))
                }
            },
        )
    }
}
