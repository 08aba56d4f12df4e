//! `chunks:`: the binary body is one chunk of a content sent in ranges (the
//! contents service: `Content-Range: bytes {from}-{to}/{total}`, "partial,
//! continue", then "complete"). The spec of the endpoint that takes the
//! first chunk names the header that carries a chunk's range, the largest
//! chunk, the outcome that says the content is whole, and the spec that
//! takes the later chunks with the first answer's id. A service's group
//! then has `<method>_from(…, source, total)`, which reads the content from
//! any `AsyncRead` one chunk at a time. Runtime half: `client/transfer.rs`
//! (`Chunks`).
//!
//! Checked in two steps, as `task:` is: [`check_chunks`] with the spec
//! alone, [`check_link`] once the next spec is loaded too.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;

use crate::diagnostic::Collector;
use crate::endpoint::task::{Answers, Carried, carried_inits, check_carried, check_id, over_field};
use crate::ident::ident;
use crate::model::{
    BodyEncoding, Chunks, Endpoint, Outcomes, Param, ParamKind, ParamLocation, Presence, Type,
};
use crate::spec::ChunksSpec;
use crate::yaml::position_of;

/// The parts of the first spec alone: a binary body; `range` a required
/// `string` header parameter; `complete` one of its successful outcomes;
/// `id` a required `uuid`, `string` or `integer` field of every answer.
pub(crate) fn check_chunks(
    cx: &mut Collector,
    spec: &ChunksSpec,
    body: BodyEncoding,
    params: &[Param],
    answers: &Answers<'_>,
) -> Option<Chunks> {
    let before = cx.count();
    if body != BodyEncoding::Binary {
        cx.error(
            position_of(&spec.range),
            "`chunks` goes with `body: binary`: each request carries one chunk of the content as \
             its body",
        );
    }
    if let Err(problem) = range_param(params, &spec.range.value) {
        cx.error(
            position_of(&spec.range),
            format!("`chunks.range`: {problem}"),
        );
    }
    if let Err(problem) = complete_outcome(answers.outcomes, &spec.complete.value) {
        cx.error(
            position_of(&spec.complete),
            format!("`chunks.complete`: {problem}"),
        );
    }
    let max = match &spec.max {
        Some(max) if max.value <= 0 => {
            cx.error(
                position_of(max),
                format!(
                    "`chunks.max` is {}; the largest chunk the server takes is at least one \
                     byte (64 MB is 67108864)",
                    max.value
                ),
            );
            None
        }
        Some(max) => Some(max.value as u64),
        None => None,
    };
    if let Err(problem) = check_id(answers, "chunks", "each name the content", &spec.id.value) {
        cx.error(position_of(&spec.id), problem);
    }
    (cx.count() == before).then(|| Chunks {
        range: spec.range.value.clone(),
        max,
        complete: spec.complete.value.clone(),
        next: spec.next.value.clone(),
        next_path: None,
        next_endpoint: None,
        id: spec.id.value.clone(),
        param: spec.param.value.clone(),
    })
}

/// `range` is a required `string` header parameter.
fn range_param(params: &[Param], name: &str) -> Result<(), String> {
    let param = params
        .iter()
        .find(|param| param.name.eq_ignore_ascii_case(name))
        .ok_or_else(|| {
            format!(
                "`{name}` is not a parameter of the request; declare it `in: header`, \
                 `type: string`, required: it says which bytes a request carries"
            )
        })?;
    match (&param.location, &param.kind) {
        (
            ParamLocation::Header,
            ParamKind::Caller {
                ty: Type::String,
                presence: Presence::Required,
                ..
            },
        ) => Ok(()),
        _ => Err(format!(
            "`{}` must be a required `string` header parameter (`in: header`, `type: string`): \
             each chunk sets it",
            param.name
        )),
    }
}

/// `complete` names a successful outcome.
fn complete_outcome(outcomes: Option<&Outcomes>, name: &str) -> Result<(), String> {
    let Some(outcomes) = outcomes else {
        return Err(format!(
            "names `{name}`, but the spec lists no `responses`: name the outcome that says the \
             whole content has arrived"
        ));
    };
    if outcomes.not_found {
        return Err(
            "the spec documents \"not found\", which a chunk's answer cannot be".to_owned(),
        );
    }
    let successes: Vec<&str> = outcomes
        .listed
        .iter()
        .filter(|outcome| !outcome.at_error_status())
        .map(|outcome| outcome.name.as_str())
        .collect();
    if successes.contains(&name) {
        Ok(())
    } else {
        Err(format!(
            "names `{name}`, which is not a successful outcome (the outcomes: {})",
            successes
                .iter()
                .map(|name| format!("`{name}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    }
}

/// The link between the first endpoint and the next, reported at the
/// first spec's `chunks` keys: the next is a version 2 spec with a binary
/// body, the same `range` header and `complete` outcome; its `param` takes
/// the id, and each of its other required parameters comes from the first
/// request by name.
pub(crate) fn check_link(cx: &mut Collector, spec: &ChunksSpec, first: &Endpoint, next: &Endpoint) {
    let next_at = position_of(&spec.next);
    let shown = &spec.next.value;
    if next.version != 2 || next.request.body != BodyEncoding::Binary {
        cx.error(
            next_at,
            format!(
                "`chunks.next`: `{shown}` does not send a binary body (`body: binary`, version \
                 2); it takes the chunks after the first"
            ),
        );
        return;
    }
    if let Err(problem) = range_param(&next.request.params, &spec.range.value) {
        cx.error(next_at, format!("`chunks.next`: in `{shown}`, {problem}"));
    }
    if let Err(problem) = complete_outcome(next.outcomes.as_ref(), &spec.complete.value) {
        cx.error(
            position_of(&spec.complete),
            format!("`chunks.complete`, in `{shown}`: {problem}"),
        );
    }
    let own = [spec.range.value.as_str()];
    check_carried(
        cx,
        &Carried {
            next_at,
            shown,
            param: &spec.param,
            id: &spec.id.value,
            key: "chunks",
            own: &own,
            how: "the request of each later chunk takes each of its required parameters, but \
                  `chunks.param` and `chunks.range`, from the first chunk's, by name",
        },
        first,
        next,
    );
}

/// `true` when `value` (an answer of `endpoint`, by reference) is the
/// outcome `name`.
fn is_outcome(endpoint: &Endpoint, module: &Ident, name: &str, value: TokenStream) -> TokenStream {
    match &endpoint.outcomes {
        Some(outcomes) if outcomes.listed.len() > 1 => {
            let variant = format_ident!("{}", heck::ToUpperCamelCase::to_upper_camel_case(name));
            quote!(::core::matches!(#value, #module::Response::#variant(..)))
        }
        _ => quote!(true),
    }
}

/// A group's `<method>_from`, beside `<method>`: `args` and `inits` are
/// `<method>`'s without the body and the range header (bound parameters
/// among the inits). In scope: `self.api`.
pub(crate) fn upload_from_method(
    chunks: &Chunks,
    first: &Endpoint,
    next: &Endpoint,
    method: &Ident,
    args: &[TokenStream],
    inits: &[TokenStream],
    range_field: &Ident,
) -> TokenStream {
    let name = format_ident!("{method}_from");
    let first_module = ident(&first.name);
    let first_marker = format_ident!(
        "{}",
        heck::ToUpperCamelCase::to_upper_camel_case(first.name.as_str())
    );
    let next_module = ident(&next.name);
    let next_marker = format_ident!(
        "{}",
        heck::ToUpperCamelCase::to_upper_camel_case(next.name.as_str())
    );
    let first_params = crate::endpoint::params::scoped_params(first, &first_module);
    let next_params = crate::endpoint::params::scoped_params(next, &next_module);
    let id = over_field(
        first,
        &first_module,
        &chunks.id,
        quote!(&*first),
        |field| quote!(::core::clone::Clone::clone(#field)),
        quote!(::core::unreachable!()),
    );
    let next_inits = carried_inits(
        &next_params,
        &first_params,
        &chunks.param,
        Some(&chunks.range),
    );
    let first_complete = is_outcome(first, &first_module, &chunks.complete, quote!(&*first));
    let next_complete = is_outcome(next, &next_module, &chunks.complete, quote!(&*reply));
    let size = match chunks.max {
        Some(max) => {
            quote!(::core::cmp::Ord::min(self.api.inner().upload_chunk_size() as u64, #max) as usize)
        }
        None => quote!(self.api.inner().upload_chunk_size()),
    };
    let complete_name = &chunks.complete;
    let max_doc = chunks
        .max
        .map(|max| format!("; at most {max} bytes, the server's largest"))
        .unwrap_or_default();
    let doc = crate::docs::doc_lines(&format!(
        "[`{method}`](Self::{method}) for a content of any size: reads `total` bytes from \
         `source` one chunk at a time (the client's `upload_chunk_size`, 8 MiB unless set{max_doc}), \
         and sends the first with `{first_method} {first_path}`, the others with `{next}` (`{next_method} \
         {next_path}`, its `{param}` the first answer's `{id_key}`), each with its `{range}`. At \
         most one chunk is held in memory; each is a call of its own, retried as the client's \
         retry policy allows. Gives the first chunk's answer once the server has answered \
         `{complete}` to the last; `Error::Transfer` when it has not, or when `source` fails or \
         ends early, and the first error of a call as it is.",
        first_method = first.method.as_str(),
        first_path = first.path,
        next = next.name,
        next_method = next.method.as_str(),
        next_path = next.path,
        param = chunks.param,
        id_key = chunks.id,
        range = chunks.range,
        complete = chunks.complete,
    ));
    quote! {
        #doc
        pub async fn #name<R>(
            &self,
            #( #args, )*
            source: R,
            total: u64,
        ) -> ::core::result::Result<
            ::kontur_extern::Reply<<#first_module::#first_marker as ::kontur_extern::Endpoint>::Response>,
            ::kontur_extern::Error,
        >
        where
            R: ::kontur_extern::__private::AsyncRead + ::core::marker::Unpin,
        {
            let mut chunks = ::kontur_extern::Chunks::new(source, total, #size);
            let chunk = chunks.first_chunk().await?;
            let last = chunk.last;
            // The requests' own bodies stay empty: each chunk goes as it
            // was read, shared by the attempts of its call, never copied.
            let request = #first_module::Request::new(#first_module::Required {
                body: ::core::default::Default::default(),
                #range_field: chunk.range,
                #( #inits, )*
            });
            let first = ::kontur_extern::__private::send_body_as::<#first_module::#first_marker>(
                self.api.inner(),
                &*self.api.tokens,
                &request,
                chunk.body,
            )
            .await?;
            let mut complete = #first_complete;
            if !last {
                let id = #id;
                while let ::core::option::Option::Some(chunk) = chunks.next_chunk().await? {
                    let next = #next_module::Request::new(#next_module::Required {
                        body: ::core::default::Default::default(),
                        #( #next_inits, )*
                    });
                    let reply = ::kontur_extern::__private::send_body_as::<#next_module::#next_marker>(
                        self.api.inner(),
                        &*self.api.tokens,
                        &next,
                        chunk.body,
                    )
                    .await?;
                    complete = #next_complete;
                }
            }
            if !complete {
                return ::core::result::Result::Err(::kontur_extern::__private::incomplete_upload(total, #complete_name));
            }
            ::core::result::Result::Ok(first)
        }
    }
}
