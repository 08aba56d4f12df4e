//! What the `endpoint!` macro costs at compile time, measured by calling the
//! generator library the macro calls (`kontur_extern_codegen::load_file`
//! and `expand`): for each shipped spec, for a crate with N endpoints, and
//! for a spec with N response fields. The compiler's own work on the
//! generated code is not in these figures (see `benches/compile/run.sh`).
//! Reproduce with `cargo bench --bench expand`.

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

criterion_group!(benches, expansion);
criterion_main!(benches);
