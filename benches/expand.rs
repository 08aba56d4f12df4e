//! What the `endpoint!` and `api!` macros cost at compile time, measured by
//! calling the generator library the macros call (`kontur_extern_codegen::load`
//! and `expand`; `load_service` and `expand_service`): for each shipped spec,
//! for a crate with N endpoints, for a spec with N response fields, and for
//! the shipped service `spec/extern/api.yaml` whole and cut to its first N
//! endpoints; beside them, what writing `kontur-extern-api`'s code ahead of
//! time costs (the service gated by group, the token specs, the code
//! formatted: what `codegen/tests/api_generated.rs` writes). The compiler's
//! own work on the generated code is not in these figures (see
//! `benches/compile/`).
//! Reproduce with `cargo bench --bench expand` (optimized) and
//! `cargo bench --profile dev --bench expand` (as a proc macro runs by
//! default); `cargo bench --bench expand -- service` for the service alone.

// What `kontur-extern-api`'s code is written with, as its test writes it.
#[path = "../codegen/tests/support/api_code.rs"]
mod api_code;

use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use kontur_extern_codegen::{Naming, Options};

/// The shipped specs, sorted.
fn shipped_specs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("spec/")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    specs.sort();
    specs
}

/// What the macro does with one spec file, less the compiler's side.
fn generate(path: &Path) -> proc_macro2::TokenStream {
    let file = path
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("spec");
    let endpoint = kontur_extern_codegen::load(path, file).expect("a sound spec");
    let options = Options {
        naming: Naming::Module,
        rebuild_path: path.to_str().map(str::to_owned),
    };
    kontur_extern_codegen::expand(&endpoint, &options)
}

/// The token spec with `extra` more optional response fields.
fn token_spec_with_fields(extra: usize) -> String {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("spec/password-token.yaml"),
    )
    .expect("spec/password-token.yaml");
    let mut fields = String::new();
    for n in 0..extra {
        fields.push_str(&format!(
            "    - name: extra_{n}\n      doc: Field number {n}.\n      type: string\n      optional: true\n"
        ));
    }
    text.replacen("  fields:\n", &format!("  fields:\n{fields}"), 1)
}

fn expansion(c: &mut Criterion) {
    let specs = shipped_specs();
    let mut group = c.benchmark_group("expand");
    for spec in &specs {
        let name = spec.file_name().and_then(|n| n.to_str()).unwrap_or("spec");
        group.bench_function(BenchmarkId::new("load + expand", name), |b| {
            b.iter(|| generate(spec))
        });
    }
    let token = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec/password-token.yaml");
    group.bench_function("load only, password-token.yaml", |b| {
        b.iter(|| kontur_extern_codegen::load(&token, "password-token.yaml").expect("sound"))
    });
    let endpoint = kontur_extern_codegen::load(&token, "password-token.yaml").expect("sound");
    let options = Options {
        naming: Naming::Module,
        rebuild_path: token.to_str().map(str::to_owned),
    };
    group.bench_function("expand only, password-token.yaml", |b| {
        b.iter(|| kontur_extern_codegen::expand(&endpoint, &options))
    });

    // A crate with N `endpoint!` calls: N independent expansions.
    for count in [1, 4, 16] {
        group.bench_function(BenchmarkId::new("endpoints", count), |b| {
            b.iter(|| {
                (0..count)
                    .map(|n| generate(&specs[n % specs.len()]))
                    .collect::<Vec<_>>()
            })
        });
    }

    // One spec with more and more fields.
    let dir = std::env::temp_dir().join(format!("kontur-extern-expand-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    for extra in [0, 16, 64] {
        let path = dir.join(format!("fields-{extra}.yaml"));
        std::fs::write(&path, token_spec_with_fields(extra)).expect("write the spec");
        group.bench_function(BenchmarkId::new("response fields", 5 + extra), |b| {
            b.iter(|| generate(&path))
        });
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

/// `work` on a thread of its own: the generator keeps the type files it
/// has checked in a thread-local cache, which a build starts without (one
/// `api!` call per crate, one process per written file), so every iteration
/// starts cold, as a build does.
fn cold<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::spawn(work)
        .join()
        .expect("the generator does not panic")
}

/// What `kontur_extern::api!` does with a service file, less the
/// compiler's side.
fn generate_service(path: &Path) -> String {
    let path = path.to_owned();
    cold(move || {
        let service =
            kontur_extern_codegen::load_service(&path, "api.yaml").expect("a sound service");
        // A token stream is not `Send`; its text is what the compiler gets.
        kontur_extern_codegen::expand_service(&service).to_string()
    })
}

/// What `codegen/tests/api_generated.rs` writes for `kontur-extern-api`
/// from the checkout whose `spec/` is `spec_dir`: the service cut into a
/// crate per group, each item behind its feature, the two token specs,
/// formatted, every file's text.
fn gated_api(spec_dir: &Path) -> Vec<api_code::Written> {
    let root = spec_dir.parent().expect("spec/ has a parent").to_owned();
    cold(move || api_code::generate(&root))
}

/// The shipped service file cut to its first `count` endpoints, in the
/// file's order: the groups before the one where the count is reached
/// whole, that one cut short, the rest left out. Its lines are read as the
/// file writes them (`  - name:` opens a group, `      - { method:` is an
/// endpoint).
fn service_prefix(text: &str, count: usize) -> String {
    let mut out = String::new();
    let mut taken = 0;
    let mut in_groups = false;
    for line in text.lines() {
        if line.starts_with("  - name:") {
            in_groups = true;
            if taken >= count {
                break;
            }
        }
        if in_groups && line.starts_with("      - {") {
            if taken >= count {
                continue;
            }
            taken += 1;
        }
        out.push_str(line);
        out.push('\n');
    }
    assert_eq!(taken, count, "the service has at least {count} endpoints");
    out
}

fn service_expansion(c: &mut Criterion) {
    let spec_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    let shipped = spec_dir.join("extern/api.yaml");
    let text = std::fs::read_to_string(&shipped).expect("spec/extern/api.yaml");
    let total = text
        .lines()
        .filter(|line| line.starts_with("      - { method:"))
        .count();
    // Cut services beside copies of the files they name.
    let dir = std::env::temp_dir().join(format!("kontur-extern-service-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    for entry in std::fs::read_dir(spec_dir.join("extern")).expect("spec/extern/") {
        let path = entry.expect("a directory entry").path();
        if path.extension().is_some_and(|ext| ext == "yaml") {
            std::fs::copy(&path, dir.join(path.file_name().expect("a file name")))
                .expect("copy a spec");
        }
    }
    let mut group = c.benchmark_group("service");
    // Some hundreds of milliseconds an iteration in debug: ten samples.
    group.sample_size(10);
    let mut done = Vec::new();
    for wanted in [1, 13, 26, 52, 78, total] {
        // A cut that starts a task must list the endpoint that reads it:
        // the shortest prefix of at least `wanted` endpoints that loads.
        let Some((count, path)) = (wanted..=total).find_map(|count| {
            let path = dir.join(format!("api-{count}.yaml"));
            std::fs::write(&path, service_prefix(&text, count)).expect("write the service");
            kontur_extern_codegen::load_service(&path, "api.yaml")
                .is_ok()
                .then_some((count, path))
        }) else {
            continue;
        };
        if done.contains(&count) {
            continue;
        }
        done.push(count);
        group.bench_function(
            BenchmarkId::new("api! load + expand, endpoints", count),
            |b| b.iter(|| generate_service(&path)),
        );
    }
    let load = shipped.clone();
    group.bench_function("api! load only, spec/extern/api.yaml", |b| {
        b.iter(|| {
            let load = load.clone();
            cold(move || {
                kontur_extern_codegen::load_service(&load, "api.yaml")
                    .expect("sound")
                    .groups
                    .len()
            })
        })
    });
    // Load with the type files already checked (the thread-local cache warm).
    group.bench_function("api! load only, type files cached", |b| {
        b.iter(|| kontur_extern_codegen::load_service(&shipped, "api.yaml").expect("sound"))
    });
    // The floor of any load: every YAML file of `spec/extern/` read once by
    // the YAML parser the generator uses, into nothing (serde's
    // `IgnoredAny`), without a check or a type built.
    let texts: Vec<String> = std::fs::read_dir(spec_dir.join("extern"))
        .expect("spec/extern/")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .map(|path| std::fs::read_to_string(path).expect("a spec"))
        .collect();
    group.bench_function("yaml only, every file of spec/extern/ parsed once", |b| {
        b.iter(|| {
            texts
                .iter()
                .filter(|text| serde_saphyr::from_str::<serde::de::IgnoredAny>(text).is_ok())
                .count()
        })
    });
    // The lower floor: the same files through the YAML parser alone (the
    // events serde-saphyr reads, which the generator's tree is built from),
    // nothing built from them.
    group.bench_function(
        "yaml events only, every file of spec/extern/ through the parser",
        |b| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|text| {
                        serde_saphyr::granit_parser::Parser::new_from_str(text)
                            .take_while(Result::is_ok)
                            .count()
                    })
                    .sum::<usize>()
            })
        },
    );
    let service = kontur_extern_codegen::load_service(&shipped, "api.yaml").expect("sound");
    group.bench_function("api! expand only, spec/extern/api.yaml", |b| {
        b.iter(|| kontur_extern_codegen::expand_service(&service))
    });
    group.bench_function(
        "kontur-extern-api's code written ahead of time, every group gated",
        |b| b.iter(|| gated_api(&spec_dir)),
    );
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, expansion, service_expansion);
criterion_main!(benches);
