//! `kontur-extern`: get a Kontur.Extern access token, and expand or check
//! request specs.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::SystemTime;

use clap::{Parser, Subcommand};
use kontur_extern::{
    Client, Endpoint, ExposeSecret, ReplayServer, SecretString, Url, terminal_safe,
};

/// `println!` that a closed pipe does not panic: `kontur-extern check … |
/// head -1` ends quietly, as `expand` and `call` do. Spec and server text
/// in it is escaped where a terminal would act on it (`terminal::text`).
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::write_out(&::std::format!("{}\n", ::std::format_args!($($arg)*)))
    };
}

/// `eprintln!` that a closed stderr does not panic (`serve … 2>&1 | head
/// -1` keeps serving).
/// Spec and server text in it is escaped as by `say!`.
macro_rules! tell {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let line = ::std::format!($($arg)*);
        let _ = ::std::writeln!(::std::io::stderr(), "{}", $crate::terminal::text(&line));
    }};
}

mod call;
mod diff;
mod printed;
mod schema;
mod serve;
mod shipped;
mod specs;
mod terminal;
mod verify;

kontur_extern::endpoint!("spec/password-token.yaml");

use password_token::{PasswordToken, Request, Required, Response};

#[derive(Parser)]
#[command(name = "kontur-extern", version, about)]
struct Cli {
    /// Log each HTTP call the command makes (method, path, status, trace id,
    /// duration) to stderr.
    #[arg(long, short, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Obtain an access token with a login and password.
    ///
    /// Secrets can come from the environment (KONTUR_CLIENT_SECRET,
    /// KONTUR_PASSWORD) or a hidden prompt, so that they stay out of the
    /// shell history.
    Token(TokenArgs),
    /// Print the Rust code generated from a spec, a type file or a service
    /// file (with `--crates`, write it as a crate per group).
    Expand {
        /// The spec file.
        spec: PathBuf,
        /// With a service file: every group's code, each item behind the
        /// cargo feature of the top-level group that needs it
        /// (`#[cfg(feature = "drafts")]`), for a crate that keeps the code
        /// written ahead of time, with a feature per group, as
        /// `kontur-extern-api` does; without the consts that rebuild a
        /// crate on a spec's change.
        #[arg(long)]
        features: bool,
        /// With a service file: the code cut into a crate per top-level
        /// group, as `kontur-extern-api` is, written as files into this
        /// directory instead of printed: `types.rs` (the shared types, a
        /// feature per group), `<group>.rs` for each group (its endpoints
        /// and the types only it uses; it depends on the types' crate with
        /// its group's feature) and `client.rs` (the client, which depends
        /// on each group's crate with its feature and re-exports it). Only
        /// the files whose text changed are written, so that cargo rebuilds
        /// only their crates.
        #[arg(
            long,
            value_name = "DIR",
            conflicts_with = "features",
            requires = "prefix"
        )]
        crates: Option<PathBuf>,
        /// With `--crates`: the crates' names in Rust; `my_api` names them
        /// `my_api_types`, `my_api_<group>` (and the client's crate is
        /// yours to name).
        #[arg(long, value_name = "NAME", requires = "crates")]
        prefix: Option<String>,
    },
    /// Check specs, type files and service files; print each problem as
    /// `file:line:col: message`. With `-v`, also each key an example's
    /// response has that its types do not declare, where the example says
    /// it expects them (`response.undeclared_keys: true`).
    Check {
        /// The files.
        #[arg(required = true)]
        specs: Vec<PathBuf>,
    },
    /// Print the JSON Schema of the spec format, for editors (completion,
    /// hover docs, red squiggles).
    Schema,
    /// List the changes between two versions of a spec, each classified as
    /// breaking or compatible twice: for Rust code that uses the generated
    /// types (source), and for a client built from the old spec against a
    /// server that follows the new one (wire).
    ///
    /// Exit code 1 when anything breaks the source (the wire with `--wire`),
    /// 0 otherwise, 2 when a spec does not load.
    Diff {
        /// The old version: a spec, a type file, a service file or a
        /// folder of specs; with `--git`, the spec or folder in the working
        /// tree (default: the current folder).
        old: Option<PathBuf>,
        /// The new version, of the same kind as the old.
        new: Option<PathBuf>,
        /// Compare the working tree's specs at OLD with those at this git
        /// revision (the folder of a file is read whole, for `use:`).
        #[arg(long, value_name = "REV")]
        git: Option<String>,
        /// Print JSON instead of text (each change with both verdicts).
        #[arg(long, conflicts_with = "markdown")]
        json: bool,
        /// Print release notes in Markdown: the changes grouped as
        /// breaking the source, breaking on the wire, and compatible.
        #[arg(long)]
        markdown: bool,
        /// Exit 1 when a change breaks a client built from the old spec
        /// talking to a server that follows the new one, rather than when it
        /// breaks Rust code that uses the generated types.
        #[arg(long)]
        wire: bool,
    },
    /// Send each documented example's request to a live server and report
    /// where its answers depart from the spec.
    ///
    /// Exit code 1 on errors (drift that makes the generated client fail), 0
    /// otherwise, 2 when the spec does not load or a request cannot be sent.
    Verify(verify::VerifyArgs),
    /// Serve the documented exchanges of specs (or service files) on
    /// 127.0.0.1 until Ctrl-C, for tests in any language: prints the base
    /// URL first.
    ///
    /// Exit code 2 when a spec does not load.
    Serve(serve::ServeArgs),
    /// Send one request of a spec (read at run time) and print the answer's
    /// body as JSON, checked against the spec's types.
    ///
    /// `auth: bearer` endpoints send KONTUR_ACCESS_TOKEN, or sign in with
    /// the credentials `token` reads. "Not found" prints `null`. Exit code 1
    /// on any error (a spec that does not load, a bad parameter, an error
    /// answer).
    Call(call::CallArgs),
}

#[derive(clap::Args)]
struct TokenArgs {
    /// Work offline against an embedded server that replays the documented
    /// example, with the documented example's credentials: credentials from
    /// the environment or flags are never sent to it.
    #[arg(long)]
    replay: bool,
    #[arg(
        long,
        env = "KONTUR_IDENTITY_URL",
        conflicts_with = "replay",
        help = "The identity server [default: https://identity.testkontur.ru; production: https://identity.kontur.ru]"
    )]
    base_url: Option<Url>,
    /// Service name, issued with the API key.
    #[arg(long, env = "KONTUR_CLIENT_ID")]
    client_id: Option<String>,
    /// The API key: from KONTUR_CLIENT_SECRET, else asked for at a hidden
    /// prompt. There is no flag, so that it never sits in the shell history
    /// or the process list.
    #[arg(skip = std::env::var("KONTUR_CLIENT_SECRET").ok())]
    client_secret: Option<String>,
    /// The user's login.
    #[arg(long, env = "KONTUR_USERNAME")]
    username: Option<String>,
    /// The password: from KONTUR_PASSWORD, else asked for at a hidden prompt.
    #[arg(skip = std::env::var("KONTUR_PASSWORD").ok())]
    password: Option<String>,
    /// Print the access token itself.
    #[arg(long)]
    show_token: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let level = if cli.verbose {
        tracing_subscriber::filter::LevelFilter::DEBUG
    } else {
        tracing_subscriber::filter::LevelFilter::OFF
    };
    tracing_subscriber::fmt()
        .with_max_level(level)
        .with_writer(std::io::stderr)
        .init();

    let outcome = match cli.command {
        Command::Token(args) => token(args),
        Command::Expand {
            spec,
            features,
            crates,
            prefix,
        } => match (crates, prefix) {
            (Some(dir), Some(prefix)) => expand_crates(&spec, &dir, &prefix),
            _ => expand(&spec, features),
        },
        Command::Check { specs } => check(&specs, cli.verbose),
        Command::Diff {
            old,
            new,
            git,
            json,
            markdown,
            wire,
        } => {
            let format = if json {
                diff::Format::Json
            } else if markdown {
                diff::Format::Markdown
            } else {
                diff::Format::Text
            };
            let verdict = if wire {
                diff::Verdict::Wire
            } else {
                diff::Verdict::Source
            };
            match (git, old, new) {
                (Some(rev), path, None) => Ok(diff::run_git(
                    &rev,
                    &path.unwrap_or_else(|| PathBuf::from(".")),
                    format,
                    verdict,
                )),
                (None, Some(old), Some(new)) => Ok(diff::run(&old, &new, format, verdict)),
                (Some(_), _, Some(_)) => {
                    tell!("error: with `--git REV`, give one path (the working tree's), not two");
                    Ok(ExitCode::from(2))
                }
                (None, _, _) => {
                    tell!("error: give two paths, OLD NEW, or `--git REV [PATH]`");
                    Ok(ExitCode::from(2))
                }
            }
        }
        Command::Schema => call::out(schema::text().as_bytes()).map(|()| ExitCode::SUCCESS),
        Command::Verify(args) => Ok(verify::run(args)),
        Command::Serve(args) => Ok(serve::run(args)),
        Command::Call(args) => call::run(args, cli.verbose),
    };
    match outcome {
        Ok(code) => code,
        Err(message) => {
            tell!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn token(args: TokenArgs) -> Result<ExitCode, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| format!("cannot start the async runtime: {error}"))?;
    runtime.block_on(async {
        let server = match args.replay {
            true => Some(
                ReplayServer::start::<PasswordToken>()
                    .await
                    .map_err(|error| format!("cannot start the replay server: {error}"))?,
            ),
            false => None,
        };
        let base_url = match (&server, &args.base_url) {
            (Some(server), _) => server.base_url(),
            (None, Some(url)) => url.clone(),
            (None, None) => Url::parse(PasswordToken::METADATA.default_base_url)
                .map_err(|error| format!("the spec's base URL is invalid: {error}"))?,
        };
        let request = build_request(&args)?;
        let client = Client::new(base_url).map_err(|error| error.to_string())?;
        let sent_at = SystemTime::now();
        let reply = client.send::<PasswordToken>(&request).await;
        if let Some(server) = server {
            server.stop().await;
        }
        let reply = reply.map_err(|error| error.to_string())?;
        print_token(&reply, sent_at, &args);
        Ok(ExitCode::SUCCESS)
    })
}

/// The request from flags, the environment and prompts; with `--replay`,
/// the documented example's request, whatever the environment holds: real
/// credentials have no business with a demo server.
fn build_request(args: &TokenArgs) -> Result<Request, String> {
    if args.replay {
        let example = PasswordToken::examples().into_iter().next().ok_or(
            "--replay needs the spec's documented example for its credentials, and the spec has none",
        )?;
        let given = [
            ("client id", args.client_id.is_some()),
            ("client secret", args.client_secret.is_some()),
            ("username", args.username.is_some()),
            ("password", args.password.is_some()),
        ];
        let ignored: Vec<&str> = given
            .iter()
            .filter(|(_, set)| *set)
            .map(|(what, _)| *what)
            .collect();
        if !ignored.is_empty() {
            tell!(
                "note: --replay sends the documented example's credentials; the {} from the environment or flags {} not used",
                ignored.join(", "),
                if ignored.len() == 1 { "is" } else { "are" }
            );
        }
        return Ok(example.request);
    }
    let plain = |given: &Option<String>, flag: &str| {
        given
            .clone()
            .ok_or_else(|| format!("missing --{flag} (or its environment variable)"))
    };
    let secret = |given: &Option<String>, prompt: &str| match given {
        Some(value) => Ok(SecretString::from(value.as_str())),
        None => rpassword::prompt_password(format!("{prompt}: "))
            .map(SecretString::from)
            .map_err(|error| {
                format!("cannot prompt for the {prompt} ({error}); set it in the environment")
            }),
    };
    Ok(Request::new(Required {
        client_id: plain(&args.client_id, "client-id")?,
        client_secret: secret(&args.client_secret, "client secret (API key)")?,
        username: plain(&args.username, "username")?,
        password: secret(&args.password, "password")?,
    }))
}

fn print_token(token: &Response, sent_at: SystemTime, args: &TokenArgs) {
    let expires_at = humantime::format_rfc3339_seconds(sent_at + token.expires_in).to_string();
    let seconds = token.expires_in.as_secs();
    if args.json {
        let mut output = serde_json::json!({
            "token_type": token.token_type.as_str(),
            "expires_in": seconds,
            "expires_at": expires_at,
            "trace_id": token.trace_id,
            "dont_retry": token.dont_retry,
        });
        if args.show_token {
            output["access_token"] = token.access_token.expose_secret().into();
        }
        say!("{output}");
        return;
    }
    // Server text is shown with control characters escaped: a server must
    // not drive the terminal.
    say!(
        "token type: {}",
        terminal_safe(token.token_type.as_str(), 64)
    );
    say!(
        "lifetime:   {seconds} s ({}), expires at {expires_at}",
        humantime::format_duration(token.expires_in)
    );
    say!(
        "trace id:   {}",
        terminal_safe(token.trace_id.as_deref().unwrap_or("(none)"), 128)
    );
    if args.show_token {
        say!("token:      {}", token.access_token.expose_secret());
    }
}

/// Writes `text` to stdout; a reader that went away ends nothing, another
/// failure to write ends the program with exit code 1.
/// Text to stdout, with the characters a terminal may act on escaped
/// (`terminal::text`): spec text reaches every command's output.
pub(crate) fn write_out(text: &str) {
    if let Err(error) = call::out(terminal::text(text).as_bytes()) {
        tell!("error: {error}");
        std::process::exit(1);
    }
}

fn expand(spec: &std::path::Path, features: bool) -> Result<ExitCode, String> {
    let name = spec.display().to_string();
    let kind = kind(spec);
    if features && kind != Kind::Service {
        return Err(format!(
            "--features gates a service's groups; {name} is not a service file (`service:`)"
        ));
    }
    let parse = |tokens| {
        syn::parse2::<syn::File>(tokens).map_err(|error| {
            format!("the generated code does not parse (a generator bug): {error}")
        })
    };
    let file = match kind {
        Kind::Service => {
            let service = kontur_extern_codegen::load_service(spec, &name)
                .map_err(|problems| problems.to_string())?;
            if features {
                kontur_extern_codegen::expand_service_gated(&service).map_err(|problem| {
                    format!("the groups' code cannot be gated (a generator bug): {problem}")
                })?
            } else {
                parse(kontur_extern_codegen::expand_service(&service))?
            }
        }
        Kind::Types => {
            let types = kontur_extern_codegen::load_types_file(spec, &name)
                .map_err(|problems| problems.to_string())?;
            parse(kontur_extern_codegen::expand_types(&types, None))?
        }
        Kind::Endpoint => {
            let endpoint = kontur_extern_codegen::load(spec, &name)
                .map_err(|problems| problems.to_string())?;
            let options = kontur_extern_codegen::Options {
                naming: kontur_extern_codegen::Naming::Module,
                rebuild_path: None,
            };
            parse(kontur_extern_codegen::expand(&endpoint, &options))?
        }
    };
    call::out(prettyplease::unparse(&file).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// `expand --crates DIR --prefix NAME SERVICE`: the service's code as a
/// crate per group, each crate's code a file in `dir`, written only when
/// its text changed; prints each file with the crate it is the code of.
fn expand_crates(
    spec: &std::path::Path,
    dir: &std::path::Path,
    prefix: &str,
) -> Result<ExitCode, String> {
    let name = spec.display().to_string();
    if kind(spec) != Kind::Service {
        return Err(format!(
            "--crates cuts a service's groups into crates; {name} is not a service file \
             (`service:`)"
        ));
    }
    let service = kontur_extern_codegen::load_service(spec, &name)
        .map_err(|problems| problems.to_string())?;
    let crates = kontur_extern_codegen::expand_service_crates(&service, prefix)
        .map_err(|problem| format!("the service cannot be cut into crates: {problem}"))?;
    let mut files = vec![(
        "types.rs".to_owned(),
        format!("the crate `{prefix}_types`, with a feature per group"),
        crates.types,
    )];
    for (group, code) in crates.groups {
        if group == "client" {
            return Err(format!(
                "{name}: a top-level group named `client` would have the client's file, client.rs"
            ));
        }
        files.push((
            format!("{group}.rs"),
            format!(
                "the crate `{prefix}_{group}`, which depends on `{prefix}_types` with its \
                 feature `{group}`"
            ),
            code,
        ));
    }
    files.push((
        "client.rs".to_owned(),
        format!(
            "the client's crate, with a feature per group that asks for the group's crate \
             (`{prefix}_<group>`), and `{prefix}_types`"
        ),
        crates.client,
    ));
    std::fs::create_dir_all(dir)
        .map_err(|error| format!("cannot make {}: {error}", dir.display()))?;
    let mut listing = String::new();
    let names: Vec<String> = files.iter().map(|(file, _, _)| file.clone()).collect();
    for (file, what, code) in files {
        let path = dir.join(&file);
        let text = prettyplease::unparse(&code);
        let same = std::fs::read_to_string(&path).is_ok_and(|old| old == text);
        if !same {
            std::fs::write(&path, &text)
                .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
        }
        let state = if same { "unchanged" } else { "written" };
        listing.push_str(&format!("{} ({state}): {what}\n", path.display()));
    }
    // A file of a group the service no longer has would stay a crate's code.
    let mut others: Vec<String> = std::fs::read_dir(dir)
        .map_err(|error| format!("cannot read {}: {error}", dir.display()))?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|file| file.ends_with(".rs") && !names.contains(file))
        .collect();
    others.sort();
    for file in others {
        listing.push_str(&format!(
            "{} (not written): no crate of this service; a group since removed? remove it and \
             its crate\n",
            dir.join(file).display()
        ));
    }
    call::out(listing.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// What kind of spec file a path holds, by its top-level keys.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `endpoint:`; also anything unrecognised, whose checker then says
    /// what is wrong with it.
    Endpoint,
    /// `module:` and no `endpoint:`: a type file (spec version 2).
    Types,
    /// `service:`: a service file (`api!`).
    Service,
}

pub(crate) fn kind(path: &std::path::Path) -> Kind {
    use std::io::Read as _;
    // Bounded like the loaders: a device that never ends is not read whole.
    let mut text = String::new();
    let limit = kontur_extern_codegen::spec::MAX_SPEC_BYTES as u64 + 1;
    let read =
        std::fs::File::open(path).and_then(|file| file.take(limit).read_to_string(&mut text));
    if read.is_err() {
        return Kind::Endpoint;
    }
    let top = |key: &str| text.lines().any(|line| line.starts_with(key));
    if top("service:") && !top("endpoint:") {
        Kind::Service
    } else if top("module:") && !top("endpoint:") {
        Kind::Types
    } else {
        Kind::Endpoint
    }
}

/// `verbose`: also the notes of sound specs (an example's keys that its
/// types do not declare, which it says it expects).
fn check(specs: &[PathBuf], verbose: bool) -> Result<ExitCode, String> {
    let mut failed = false;
    for spec in specs {
        let name = spec.display().to_string();
        let loaded = match kind(spec) {
            Kind::Types => kontur_extern_codegen::load_types_file(spec, &name).map(|_| Vec::new()),
            Kind::Service => kontur_extern_codegen::load_service(spec, &name).map(|service| {
                service
                    .groups
                    .into_iter()
                    .flat_map(|group| group.endpoints)
                    .map(|(_, endpoint)| endpoint)
                    .collect()
            }),
            Kind::Endpoint => kontur_extern_codegen::load(spec, &name).map(|e| vec![e]),
        };
        match loaded {
            Ok(endpoints) => {
                say!("{name}: ok");
                if verbose {
                    for endpoint in &endpoints {
                        for example in &endpoint.examples {
                            for note in &example.undeclared_keys {
                                say!("note: {note}");
                            }
                        }
                    }
                }
            }
            Err(problems) => {
                failed = true;
                for problem in problems.iter() {
                    say!("{problem}");
                }
            }
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod layout {
    use std::collections::{BTreeMap, BTreeSet};

    /// The modules of this binary and the ones each names through
    /// `crate::`, outside comments and unit tests.
    fn imports() -> BTreeMap<String, BTreeSet<String>> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut modules = BTreeMap::new();
        for entry in std::fs::read_dir(&dir).expect("src") {
            let path = entry.expect("an entry").path();
            if path.extension().is_none_or(|ext| ext != "rs") {
                continue;
            }
            let name = path.file_stem().expect("a name").to_string_lossy();
            let name = if name == "main" {
                String::new()
            } else {
                name.into_owned()
            };
            let text = std::fs::read_to_string(&path).expect("readable");
            let code = text
                .split("#[cfg(test)]")
                .next()
                .unwrap_or(&text)
                .to_owned();
            modules.insert(name, code);
        }
        let names: Vec<String> = modules.keys().filter(|n| !n.is_empty()).cloned().collect();
        modules
            .iter()
            .map(|(module, code)| {
                let used = code
                    .lines()
                    .filter(|line| !line.trim_start().starts_with("//"))
                    .flat_map(|line| line.split("crate::").skip(1))
                    .filter_map(|rest| {
                        names
                            .iter()
                            .find(|name| {
                                rest.starts_with(name.as_str())
                                    && !rest[name.len()..]
                                        .starts_with(|c: char| c.is_alphanumeric() || c == '_')
                            })
                            .cloned()
                    })
                    .filter(|used| used != module)
                    .collect();
                (module.clone(), used)
            })
            .collect()
    }

    /// No module of the binary reaches itself through its imports (the
    /// root, `main.rs`, declares the others and is left out).
    #[test]
    fn no_module_imports_itself_around_a_circle() {
        let graph = imports();
        assert!(graph.len() > 5, "{graph:?}");
        for start in graph.keys().filter(|m| !m.is_empty()) {
            let mut seen = BTreeSet::new();
            let mut todo: Vec<&String> = graph[start].iter().collect();
            while let Some(module) = todo.pop() {
                assert!(
                    module != start,
                    "{start} reaches itself through its imports: {graph:?}"
                );
                if !module.is_empty() && seen.insert(module.clone()) {
                    todo.extend(graph.get(module).into_iter().flatten());
                }
            }
        }
    }
}
