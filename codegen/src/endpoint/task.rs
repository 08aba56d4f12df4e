//! `task:`: the answer is a task that another endpoint reads again until it
//! leaves `running` (check, prepare, send, prints, builders). The spec of
//! the call that starts the task names the spec that reads it, the field of
//! its answer that names the task, the reading endpoint's parameter that
//! takes it, and the reading answer's field and values that mean "still
//! running". A service's call (`api!`) then has `.wait()` and
//! `.wait_with(policy)`. Runtime half: `poll.rs` (`wait_task`).
//!
//! Checked in two steps: [`check_task`] with the starting spec alone, and
//! [`check_link`] once the reading spec is loaded too (`load_file` does
//! so, relative to the spec).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;

use crate::diagnostic::Collector;
use crate::endpoint::params::{ScopedParam, scoped_params};
use crate::ident::ident;
use crate::model::{Endpoint, Outcomes, ParamKind, Presence, Task, Type};
use crate::spec::TaskSpec;
use crate::types::model::{Field, FieldPresence, ItemKind, Ty, TypeSpace};
use crate::yaml::position_of;

/// The parts of the starting spec alone: `id` names a required field of
/// type `uuid`, `string` or `integer` in the body of every answer, and
/// `running` lists at least one value.
pub(crate) fn check_task(
    cx: &mut Collector,
    spec: &TaskSpec,
    answers: &Answers<'_>,
) -> Option<Task> {
    let mut sound = true;
    if spec.running.value.is_empty() {
        cx.error(
            position_of(&spec.running),
            "`task.running` lists no value: name the values of `state` that mean the task still \
             runs (`[running]`)",
        );
        sound = false;
    }
    if let Err(problem) = check_id(answers, "task", "each start a task", &spec.id.value) {
        cx.error(position_of(&spec.id), problem);
        sound = false;
    }
    sound.then(|| Task {
        read: spec.read.value.clone(),
        read_path: None,
        reader: None,
        id: spec.id.value.clone(),
        param: spec.param.value.clone(),
        state: spec.state.value.clone(),
        running: spec.running.value.iter().map(|v| v.value.clone()).collect(),
    })
}

/// The link between the starting endpoint and the reading one, reported
/// at the starting spec's `task` keys: `param` is a required parameter of
/// the reader of the id's type; every other required parameter of the
/// reader is one of the starting request's, of the same name and type; the
/// reader sends no body; every answer of the reader that is a success has
/// the required field `state`, a string or an enum that lists each of
/// `running`.
pub(crate) fn check_link(
    cx: &mut Collector,
    spec: &TaskSpec,
    starter: &Endpoint,
    reader: &Endpoint,
) {
    let read_at = position_of(&spec.read);
    let shown = &spec.read.value;
    if reader.version != 2 {
        cx.error(
            read_at,
            format!(
                "`task.read`: `{shown}` is a version 1 spec; a task is read by a version 2 one"
            ),
        );
        return;
    }
    if reader.request.json.is_some() || reader.request.body == crate::model::BodyEncoding::Binary {
        cx.error(
            read_at,
            format!("`task.read`: `{shown}` sends a body; a task is read by its id and the starting request's parameters alone"),
        );
    }
    if reader.outcomes.as_ref().is_some_and(|o| o.not_found) {
        cx.error(
            read_at,
            format!("`task.read`: `{shown}` documents \"not found\"; a task that is gone is an error, not a state to wait on"),
        );
    }
    check_carried(
        cx,
        &Carried {
            next_at: read_at,
            shown,
            param: &spec.param,
            id: &spec.id.value,
            key: "task",
            own: &[],
            how: "the reading request takes each of its required parameters, but `task.param`, \
                  from the starting request, by name",
        },
        starter,
        reader,
    );
    // The state, in every answer that is a success.
    let states = match state_fields(&Answers::of(reader), &spec.state.value) {
        Ok(states) => states,
        Err(problem) => {
            cx.error(
                position_of(&spec.state),
                format!("`task.state`: {problem} of `{shown}`"),
            );
            return;
        }
    };
    for field in states {
        match reader.types.resolved(&field.ty) {
            Ty::String { secret: false } => {}
            Ty::Item(id) => {
                if let ItemKind::Enum(values) = &reader.types.get(*id).kind {
                    for value in &spec.running.value {
                        if !values.values.iter().any(|known| known == &value.value) {
                            cx.error(
                                position_of(value),
                                format!(
                                    "`task.running` lists `{}`, which is not a value of `{}` \
                                     ({})",
                                    value.value,
                                    spec.state.value,
                                    values.values.join(", ")
                                ),
                            );
                        }
                    }
                } else {
                    cx.error(
                        position_of(&spec.state),
                        format!(
                            "`task.state` names `{}`, which is neither a `string` nor an `enum`",
                            spec.state.value
                        ),
                    );
                }
            }
            _ => cx.error(
                position_of(&spec.state),
                format!(
                    "`task.state` names `{}`, which is neither a `string` nor an `enum`",
                    spec.state.value
                ),
            ),
        }
    }
}

/// How a request made from another one takes its parameters: `param` from
/// the first answer's `id`, the others but `own` from the first request,
/// by name and of the same type (`task` and `chunks`).
pub(crate) struct Carried<'s> {
    /// Where the spec names the other spec.
    pub(crate) next_at: Option<crate::diagnostic::Position>,
    /// The other spec, as named.
    pub(crate) shown: &'s str,
    pub(crate) param: &'s serde_saphyr::Spanned<String>,
    pub(crate) id: &'s str,
    /// The spec's key: `task` or `chunks`.
    pub(crate) key: &'static str,
    /// The other request's required parameters it sets itself.
    pub(crate) own: &'s [&'s str],
    /// The rule, said in the error about a parameter.
    pub(crate) how: &'static str,
}

/// The link between `starter` and the endpoint whose request is made from
/// its request and answer, reported at the spec's keys: `param` is a
/// required parameter of `reader` of the id's type; every other required
/// parameter but `own` is one of the starting request's, of the same name
/// and type.
pub(crate) fn check_carried(
    cx: &mut Collector,
    link: &Carried<'_>,
    starter: &Endpoint,
    reader: &Endpoint,
) {
    // The id against the reader's parameter.
    let Carried {
        next_at: read_at,
        shown,
        param: spec_param,
        id: id_key,
        key,
        own,
        how,
    } = link;
    let id_ty = answer_fields(&Answers::of(starter), key, "", id_key)
        .ok()
        .and_then(|fields| fields.first().and_then(|f| id_type(&starter.types, f)));
    let param_ty = required_param(reader, &spec_param.value);
    if let (Some(ty), Some(id)) = (param_ty, &id_ty)
        && id != ty
    {
        cx.error(
            position_of(spec_param),
            format!(
                "`{key}.param` names `{}`, whose type in `{shown}` is not the type of the \
                 answer's `{id_key}`: the id is sent as it came",
                spec_param.value
            ),
        );
    }
    // Every other required parameter of the reader, from the request.
    let mut lacking: Vec<String> = Vec::new();
    for param in &reader.request.params {
        let ParamKind::Caller {
            ty,
            presence: Presence::Required,
            ..
        } = &param.kind
        else {
            continue;
        };
        if param.name == spec_param.value || own.contains(&param.name.as_str()) {
            continue;
        }
        let problem = match required_param(starter, &param.name) {
            None => {
                lacking.push(format!("`{}`", param.name));
                Some("which this endpoint does not take as a required parameter")
            }
            Some(_) if matches!(ty, Type::Enum(_) | Type::List(_)) => {
                Some("an `enum` or a `list`, which is not carried from one endpoint to another")
            }
            Some(own) if own != ty => Some("whose type here is another"),
            Some(_) => None,
        };
        // With `param` wrong, the parameters the request lacks are named
        // in its error, once: one of them is likely the task's.
        if let (Some(problem), Some(_)) = (problem, param_ty) {
            cx.error(
                *read_at,
                format!(
                    "`{key}.{next}`: `{shown}` needs the parameter `{}`, {problem}; {how}",
                    param.name,
                    next = if *key == "task" { "read" } else { "next" },
                ),
            );
        }
    }
    if param_ty.is_none() {
        let hint = if lacking.is_empty() {
            String::new()
        } else {
            format!(
                " (its required parameters that the starting request lacks: {})",
                lacking.join(", ")
            )
        };
        cx.error(
            position_of(spec_param),
            format!(
                "`{key}.param` names `{}`, which is not a required parameter of `{shown}`{hint}",
                spec_param.value
            ),
        );
    }
}

/// The type of a required caller-set parameter.
pub(crate) fn required_param<'e>(endpoint: &'e Endpoint, name: &str) -> Option<&'e Type> {
    endpoint
        .request
        .params
        .iter()
        .find_map(|param| match &param.kind {
            ParamKind::Caller {
                ty,
                presence: Presence::Required,
                ..
            } if param.name == name => Some(ty),
            _ => None,
        })
}

/// The parameter type an id field's value is sent as.
pub(crate) fn id_type(space: &TypeSpace, field: &Field) -> Option<Type> {
    match space.resolved(&field.ty) {
        Ty::Uuid => Some(Type::Uuid),
        Ty::String { secret: false } => Some(Type::String),
        Ty::Integer => Some(Type::Integer),
        _ => None,
    }
}

/// What an endpoint answers: its type space, and its `response` body or
/// its `responses`.
pub(crate) struct Answers<'e> {
    pub(crate) space: &'e TypeSpace,
    pub(crate) body: Option<&'e Ty>,
    pub(crate) outcomes: Option<&'e Outcomes>,
}

impl<'e> Answers<'e> {
    pub(crate) fn of(endpoint: &'e Endpoint) -> Self {
        Answers {
            space: &endpoint.types,
            body: endpoint.response.body.as_ref(),
            outcomes: endpoint.outcomes.as_ref(),
        }
    }
}

/// The JSON bodies of an endpoint's answers that carry a result: the
/// `response` body, or each outcome's with `responses` (`at_error` says
/// whether outcomes at an error status count).
pub(crate) fn bodies<'e>(answers: &Answers<'e>, at_error: bool) -> Vec<Option<&'e Ty>> {
    match answers.outcomes {
        Some(outcomes) => outcomes
            .listed
            .iter()
            .filter(|outcome| at_error || !outcome.at_error_status())
            .map(|outcome| outcome.body.as_ref().filter(|_| !outcome.binary))
            .collect(),
        None => vec![answers.body],
    }
}

/// The required field `wire` of a body.
pub(crate) fn field_of<'s>(
    space: &'s TypeSpace,
    body: Option<&Ty>,
    wire: &str,
) -> Option<&'s Field> {
    match body.map(|ty| space.resolved(ty)) {
        Some(Ty::Item(id)) => match &space.get(*id).kind {
            ItemKind::Object(fields) => fields
                .iter()
                .find(|field| field.wire == wire && field.presence == FieldPresence::Required),
            _ => None,
        },
        _ => None,
    }
}

/// The field `wire` in the body of every answer of the starting endpoint
/// (an answer without it would start no task).
pub(crate) fn answer_fields<'e>(
    answers: &Answers<'e>,
    key: &str,
    goes_with: &str,
    wire: &str,
) -> Result<Vec<&'e Field>, String> {
    if answers.outcomes.is_some_and(|o| o.not_found) {
        return Err(format!(
            "`{key}` goes with answers that {goes_with}; this endpoint documents \"not found\""
        ));
    }
    bodies(answers, true)
        .into_iter()
        .map(|body| field_of(answers.space, body, wire))
        .collect::<Option<Vec<_>>>()
        .filter(|fields| !fields.is_empty())
        .ok_or_else(|| {
            format!(
                "`{key}.id` names `{wire}`, which is not a required field of the body of every \
                 answer"
            )
        })
}

/// `<key>.id` names a required `uuid`, `string` or `integer` field of the
/// body of every answer, which `goes_with` says what it is for (`task`,
/// `chunks`).
pub(crate) fn check_id(
    answers: &Answers<'_>,
    key: &str,
    goes_with: &str,
    wire: &str,
) -> Result<(), String> {
    let fields = answer_fields(answers, key, goes_with, wire)?;
    if fields
        .iter()
        .all(|field| id_type(answers.space, field).is_some())
    {
        Ok(())
    } else {
        Err(format!(
            "`{key}.id` names `{wire}`, which is not a required `uuid`, `string` or `integer` \
             field of the answer's body"
        ))
    }
}

/// The field `wire` in the body of every success of the reading endpoint;
/// its outcomes at an error status are final whatever they hold.
fn state_fields<'e>(answers: &Answers<'e>, wire: &str) -> Result<Vec<&'e Field>, String> {
    bodies(answers, false)
        .into_iter()
        .map(|body| field_of(answers.space, body, wire))
        .collect::<Option<Vec<_>>>()
        .filter(|fields| !fields.is_empty())
        .ok_or_else(|| {
            format!("`{wire}` is not a required field of the body of every successful answer")
        })
}

/// The doc of `.wait()`.
fn wait_doc(task: &Task, reader: &Endpoint) -> String {
    let running: Vec<String> = task.running.iter().map(|v| format!("`{v}`")).collect();
    format!(
        "Sends the call, which starts a task, and reads the task with `{reader}` (`{method} \
         {path}`, its `{param}` the answer's `{id}`, its other parameters this request's) until \
         its `{state}` is no longer {running}: right away, then every 5 s (or as long as \
         `Retry-After` asks), for at most 10 minutes (`kontur_extern::TaskPolicy::default()`). \
         Gives the last answer, whatever state the task ended in (a failed task is a final \
         state, not an error); `Error::StillRunning` when the deadline passes first (the task \
         goes on at the server), and the first error of a call as it is.",
        reader = reader.name,
        method = reader.method.as_str(),
        path = reader.path,
        param = task.param,
        id = task.id,
        state = task.state,
        running = running.join(" or "),
    )
}

/// An expression over `value` (an answer of `endpoint`, a `Response` by
/// reference) that applies `each` to `&body.field` in every answer with a
/// body of `wire`, `otherwise` in the others (outcomes at an error status).
pub(crate) fn over_field(
    endpoint: &Endpoint,
    module: &Ident,
    wire: &str,
    value: TokenStream,
    each: impl Fn(TokenStream) -> TokenStream,
    otherwise: TokenStream,
) -> TokenStream {
    let field_ident =
        |body: Option<&Ty>| field_of(&endpoint.types, body, wire).map(|field| ident(&field.rust));
    match &endpoint.outcomes {
        Some(outcomes) if outcomes.listed.len() > 1 => {
            let arms = outcomes.listed.iter().map(|outcome| {
                let variant = format_ident!(
                    "{}",
                    heck::ToUpperCamelCase::to_upper_camel_case(outcome.name.as_str())
                );
                match field_ident(outcome.body.as_ref()).filter(|_| !outcome.binary) {
                    Some(field) => {
                        let each = each(quote!(&outcome.body.#field));
                        quote!(#module::Response::#variant(outcome) => #each,)
                    }
                    None => quote!(#module::Response::#variant(_) => #otherwise,),
                }
            });
            quote!(match #value { #( #arms )* })
        }
        Some(outcomes) => {
            let body = outcomes.listed.first().and_then(|o| o.body.as_ref());
            match field_ident(body) {
                Some(field) => each(quote!(&(#value).body.#field)),
                None => otherwise,
            }
        }
        None => match field_ident(endpoint.response.body.as_ref()) {
            Some(field) => each(quote!(&(#value).body.#field)),
            None => otherwise,
        },
    }
}

/// The `Required` fields of a request made from another (a task's read, a
/// later chunk), as `check_carried` linked them: `param` from `id`, the
/// header `chunk` (a chunk's range) from `chunk.range`, each other required
/// parameter from `request`'s of the same name. In scope: `id`, `request`
/// and, with `chunk`, `chunk`.
pub(crate) fn carried_inits(
    params: &[ScopedParam],
    from: &[ScopedParam],
    param: &str,
    chunk: Option<&str>,
) -> Vec<TokenStream> {
    params
        .iter()
        .filter(|own| own.presence == Presence::Required)
        .map(|own| {
            let field = &own.ident;
            if own.wire == param {
                quote!(#field: ::core::clone::Clone::clone(&id))
            } else if chunk.is_some_and(|range| own.wire.eq_ignore_ascii_case(range)) {
                quote!(#field: chunk.range)
            } else {
                let source = from
                    .iter()
                    .find(|other| other.wire == own.wire)
                    .map_or_else(|| field.clone(), |other| other.ident.clone());
                quote!(#field: ::core::clone::Clone::clone(&request.#source))
            }
        })
        .collect()
}

/// `.wait()` and `.wait_with(policy)` of a service's call of `starter`,
/// whose task `reader` reads. In scope: `self.api` (the service's client)
/// and `self.request` (the starting request).
pub(crate) fn wait_methods(task: &Task, starter: &Endpoint, reader: &Endpoint) -> TokenStream {
    let start_module = ident(&starter.name);
    let start_marker = format_ident!(
        "{}",
        heck::ToUpperCamelCase::to_upper_camel_case(starter.name.as_str())
    );
    let read_module = ident(&reader.name);
    let read_marker = format_ident!(
        "{}",
        heck::ToUpperCamelCase::to_upper_camel_case(reader.name.as_str())
    );
    let start_params = scoped_params(starter, &start_module);
    let read_params = scoped_params(reader, &read_module);
    let id = over_field(
        starter,
        &start_module,
        &task.id,
        quote!(&*started),
        |field| quote!(::core::clone::Clone::clone(#field)),
        quote!(::core::unreachable!()),
    );
    let inits = carried_inits(&read_params, &start_params, &task.param, None);
    let has_required = read_params
        .iter()
        .any(|param| param.presence == Presence::Required);
    let new = if has_required {
        quote!(#read_module::Request::new(#read_module::Required { #( #inits ),* }))
    } else {
        quote!(#read_module::Request::new())
    };
    let running = &task.running;
    let still_running = over_field(
        reader,
        &read_module,
        &task.state,
        quote!(response),
        |field| quote!(::kontur_extern::__private::state_is(#field, &[#( #running ),*])),
        quote!(false),
    );
    let reply = quote! {
        ::core::result::Result<
            ::kontur_extern::Reply<<#read_module::#read_marker as ::kontur_extern::Endpoint>::Response>,
            ::kontur_extern::Error,
        >
    };
    let doc = crate::docs::doc_lines(&wait_doc(task, reader));
    let with_doc = crate::docs::doc_lines(
        "[`wait`](Self::wait), reading as `policy` says: \
         `TaskPolicy::default().with_interval(Duration::from_secs(1)).with_deadline(...)`; no \
         interval is shorter than `kontur_extern::MIN_POLL_INTERVAL` (200 ms).",
    );
    let on_use = crate::on_use::on_use();
    quote! {
        #doc
        #on_use
        pub async fn wait(self) -> #reply {
            self.wait_with(::core::default::Default::default()).await
        }

        #with_doc
        #on_use
        pub async fn wait_with(self, policy: ::kontur_extern::TaskPolicy) -> #reply {
            let Self { api, request } = self;
            let started_at = ::kontur_extern::__private::Instant::now();
            let started = api.send::<#start_module::#start_marker>(&request).await?;
            let id = #id;
            let read = #new;
            ::kontur_extern::__private::wait_task(
                policy,
                started_at,
                || api.send::<#read_module::#read_marker>(&read),
                |response: &<#read_module::#read_marker as ::kontur_extern::Endpoint>::Response| #still_running,
            )
            .await
        }
    }
}
