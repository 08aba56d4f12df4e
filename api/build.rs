//! Generates `ExternApi` from `spec/extern/api.yaml` with the checks and the
//! code of `kontur_extern::api!`, keeping only the groups whose cargo
//! feature is on, and the identity server's token endpoints beside it.

#[path = "build/format.rs"]
mod format;

use std::path::{Path, PathBuf};

use kontur_extern_codegen::{Diagnostics, Naming, Options};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it"));
    println!("cargo::rerun-if-changed=spec");
    println!("cargo::rerun-if-changed=build.rs");

    let service_file = manifest.join("spec/extern/api.yaml");
    let mut service = kontur_extern_codegen::load_service(&service_file, "spec/extern/api.yaml")
        .unwrap_or_else(|problems| fail(&problems));
    // A group's feature has its (snake_case) name; cargo sets
    // `CARGO_FEATURE_<NAME>` in upper case for each one enabled.
    let enabled =
        |group: &str| std::env::var_os(format!("CARGO_FEATURE_{}", group.to_uppercase())).is_some();
    service.select_groups(enabled);
    let mut parts = kontur_extern_codegen::expand_service_parts(&service);

    let options = Options {
        naming: Naming::Module,
        rebuild_path: None,
    };
    for spec in ["password-token.yaml", "refresh-token.yaml"] {
        let shown = format!("spec/{spec}");
        let endpoint = kontur_extern_codegen::load(&manifest.join(&shown), &shown)
            .unwrap_or_else(|problems| fail(&problems));
        parts.push(kontur_extern_codegen::expand(&endpoint, &options));
    }
    let file = format::formatted(parts, &out.join("formatted")).unwrap_or_else(|error| {
        eprintln!("the generated client does not parse ({error}); please report it");
        std::process::exit(1);
    });
    write(&out.join("extern_api.rs"), &file);
}

/// Every problem of the specs, each as `file:line:col: message`.
fn fail(problems: &Diagnostics) -> ! {
    for problem in problems.iter() {
        eprintln!("spec error: {problem}");
    }
    std::process::exit(1);
}

fn write(path: &Path, code: &str) {
    if let Err(error) = std::fs::write(path, code) {
        eprintln!("cannot write {}: {error}", path.display());
        std::process::exit(1);
    }
}
