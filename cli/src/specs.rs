//! Specs read at run time, for `serve`, `call` and the built-in specs: the
//! endpoints of an endpoint spec or a service file (each with the name a
//! user calls it by), and the runtime's `Metadata` of each.

use kontur_extern::{Auth, ErrorFormat, Metadata};
use kontur_extern_codegen::Endpoint;
use kontur_extern_codegen::model::{self};

pub(crate) enum Loaded {
    /// Each with the name a user calls it by: `group.method` in a service
    /// file, the endpoint's name in a spec.
    Endpoints(Vec<(String, Endpoint)>),
    TypeFile,
}

/// An endpoint spec, the endpoints of a service file, or a type file.
pub(crate) fn read(path: &std::path::Path, name: &str) -> Result<Loaded, String> {
    match crate::kind(path) {
        crate::Kind::Service => {
            let service =
                kontur_extern_codegen::load_service(path, name).map_err(|p| p.to_string())?;
            Ok(Loaded::Endpoints(
                service
                    .groups
                    .into_iter()
                    .flat_map(|group| {
                        let prefix = group.name;
                        group
                            .endpoints
                            .into_iter()
                            .map(move |(method, endpoint)| (format!("{prefix}.{method}"), endpoint))
                    })
                    .collect(),
            ))
        }
        crate::Kind::Types => {
            kontur_extern_codegen::load_types_file(path, name).map_err(|p| p.to_string())?;
            Ok(Loaded::TypeFile)
        }
        crate::Kind::Endpoint => kontur_extern_codegen::load(path, name)
            .map(|endpoint| Loaded::Endpoints(vec![(endpoint.name.clone(), endpoint)]))
            .map_err(|p| p.to_string()),
    }
}

/// Text that lives as long as the server: the process's.
pub(crate) fn leak(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

pub(crate) fn metadata(endpoint: &Endpoint) -> Metadata {
    Metadata {
        name: leak(&endpoint.name),
        method: http::Method::from_bytes(endpoint.method.as_str().as_bytes())
            .unwrap_or(http::Method::GET),
        path: leak(&endpoint.path),
        default_base_url: leak(&endpoint.base_url),
        docs_url: endpoint.docs_url.as_deref().map(leak),
        success_status: endpoint.response.status,
        content_type: leak(&endpoint.response.content_type),
        error_format: match endpoint.error {
            model::ErrorFormat::KonturApi => ErrorFormat::KonturApi,
            _ => ErrorFormat::OAuth2,
        },
        auth: match endpoint.auth {
            model::Auth::Bearer => Auth::Bearer,
            model::Auth::None => Auth::None,
        },
        binary_response: endpoint
            .outcomes
            .as_ref()
            .is_some_and(|outcomes| outcomes.listed.iter().any(|o| o.binary)),
    }
}
