//! `kontur-extern serve SPEC_OR_ENDPOINT...`: the replay server over specs read at run
//! time, so that tests in any language can use the documented exchanges.

use std::path::PathBuf;
use std::process::ExitCode;

use kontur_extern::{
    DocumentedParam, DocumentedRequest, DocumentedResponse, ParamLocation, ReplayServer,
};
use kontur_extern_codegen::Endpoint;

use crate::specs::{Loaded, leak, metadata, read};
use kontur_extern_codegen::model::{self, BodyEncoding};

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Endpoint specs, or service files (all their endpoints); type files
    /// are read through the specs that use them and skipped here. Built-in
    /// endpoints of the shipped Kontur.Extern specs by name: a group
    /// (`accounts`), `group.method` (`accounts.get`) or an endpoint's name.
    #[arg(required = true)]
    specs: Vec<PathBuf>,
    /// The port on 127.0.0.1; a free one when 0.
    #[arg(long, default_value_t = 0)]
    port: u16,
}

/// Loads the specs, serves their examples until Ctrl-C, and prints the
/// base URL first, on a line of its own, for scripts.
pub fn run(args: ServeArgs) -> ExitCode {
    let mut endpoints: Vec<Endpoint> = Vec::new();
    let mut failed = false;
    for path in &args.specs {
        let name = path.display().to_string();
        // `serve accounts drafts.get`: built-in endpoints, by name.
        let loaded = if crate::shipped::is_endpoint_name(path) {
            crate::shipped::select(&name).map(Loaded::Endpoints)
        } else {
            read(path, &name)
        };
        match loaded {
            Ok(Loaded::Endpoints(found)) => {
                for (_, endpoint) in found {
                    // Once each: a second copy would serve every example
                    // twice and break the documented order of answers.
                    if endpoints.iter().any(|known| known.name == endpoint.name) {
                        tell!(
                            "{name}: `{}` is already served; once is enough",
                            endpoint.name
                        );
                    } else {
                        endpoints.push(endpoint);
                    }
                }
            }
            Ok(Loaded::TypeFile) => {
                tell!("{name}: a type file; its types serve the specs that use it")
            }
            Err(problems) => {
                failed = true;
                tell!("{problems}");
            }
        }
    }
    if failed {
        return ExitCode::from(2);
    }
    if endpoints.is_empty() {
        tell!("error: nothing to serve: give endpoint specs or service files");
        return ExitCode::from(2);
    }
    let mut replay = ReplayServer::serving().port(args.port);
    let mut count = 0;
    for endpoint in &endpoints {
        let metadata = metadata(endpoint);
        for example in &endpoint.examples {
            let (request, response) = documented(endpoint, example);
            replay = replay.exchange(metadata.clone(), leak(&example.name), request, response);
            count += 1;
        }
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            tell!("error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        let server = match replay.start().await {
            Ok(server) => server,
            Err(error) => {
                tell!("error: cannot listen on 127.0.0.1:{}: {error}", args.port);
                return ExitCode::FAILURE;
            }
        };
        // The listing goes to stderr before the URL goes to stdout: a
        // client that waits for the URL, asks and stops the server has
        // every line of it.
        tell!(
            "serving {count} documented exchanges of {} endpoints; Ctrl-C stops",
            endpoints.len()
        );
        for endpoint in &endpoints {
            for example in &endpoint.examples {
                tell!(
                    "  {} {} ({}: {})",
                    endpoint.method.as_str(),
                    endpoint.path,
                    endpoint.name,
                    example.name
                );
            }
            // A task's start is served, and its reads in documented order
            // (`running`, then done): say which endpoint reads it.
            if let Some(task) = &endpoint.task {
                let reader = task.reader.as_deref().unwrap_or(&task.read);
                if endpoints.iter().any(|known| known.name == reader) {
                    tell!("    starts a task that `{reader}` reads");
                } else {
                    tell!("    starts a task that `{reader}` reads, which is not served: serve its spec too");
                }
            }
        }
        say!("{}", server.base_url());
        let _ = tokio::signal::ctrl_c().await;
        server.stop().await;
        ExitCode::SUCCESS
    })
}

/// An example as `endpoint!`'s `examples()` would give it.
fn documented(
    endpoint: &Endpoint,
    example: &model::Example,
) -> (DocumentedRequest, DocumentedResponse) {
    let pairs = |list: &[(String, String)]| -> &'static [(&'static str, &'static str)] {
        let pairs: Vec<_> = list.iter().map(|(k, v)| (leak(k), leak(v))).collect();
        Box::leak(pairs.into_boxed_slice())
    };
    let params: Vec<DocumentedParam> = example
        .params
        .iter()
        .flat_map(|(name, value)| {
            let param = endpoint.request.params.iter().find(|p| &p.name == name);
            let location = match param.map(|p| p.location) {
                Some(model::ParamLocation::Path) => ParamLocation::Path,
                Some(model::ParamLocation::Query) => ParamLocation::Query,
                Some(model::ParamLocation::Header) => ParamLocation::Header,
                _ => ParamLocation::Form,
            };
            let secret = matches!(
                param.map(|p| &p.kind),
                Some(model::ParamKind::Caller { secret: true, .. })
            );
            value
                .wire_values()
                .into_iter()
                .map(move |value| DocumentedParam {
                    name: leak(name),
                    value: leak(&value),
                    location,
                    secret,
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let binary = endpoint.request.body == BodyEncoding::Binary;
    let body = example.request_body.as_deref().map(leak);
    let request = DocumentedRequest {
        headers: pairs(&example.request_headers),
        params: Box::leak(params.into_boxed_slice()),
        body: if binary { None } else { body },
        raw_body: if binary { body } else { None },
    };
    let response = DocumentedResponse {
        status: example.response_status,
        headers: pairs(&example.response_headers),
        body: leak(&example.response_body),
    };
    (request, response)
}
