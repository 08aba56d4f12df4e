//! The order of the generator's modules, lowest first. A module imports
//! only from modules before it (and from its own folder's `mod.rs`, whose
//! items its files extend), never from one after it, so that no two
//! modules import each other, directly or around a circle. The test below
//! reads every `crate::…` path in `codegen/src` and holds the code to it.

/// Lowest first. A submodule not listed takes the place of the nearest
/// listed module that contains it (`types::resolve::unions` is
/// `types::resolve`).
#[cfg(test)]
const LAYERS: &[&str] = &[
    // Leaves: facts and plumbing that every step may use.
    "diagnostic",
    "ident",
    "wire",
    "markdown",
    "docs",
    "on_use",
    "yaml",
    "tree",
    // The files as read.
    "types::source",
    "shape",
    "spec",
    // Version 2's types, from the nodes to the generated Rust.
    "types::model",
    "types::checked",
    "types::resolve",
    "types::fit",
    "types::expand",
    "types",
    // Type files and the type files they use, loaded for a spec.
    "uses",
    // The checked endpoint, version 1's scalars.
    "model",
    "scalar",
    // An endpoint, by the parts of its exchange.
    "endpoint::names",
    "endpoint::route",
    "endpoint::body",
    "endpoint::errors",
    "endpoint::params",
    "endpoint::outcomes",
    "endpoint::paging",
    "endpoint::task",
    "endpoint::stream",
    "endpoint::chunks",
    "endpoint::auth",
    "endpoint::examples",
    "endpoint::client",
    "endpoint::endpoint_impl",
    "endpoint",
    // Many endpoints as one client.
    "service",
];

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::LAYERS;

    /// `types/resolve/names.rs` → `types::resolve::names`; `mod.rs` and
    /// `lib.rs` name their folder.
    fn module_of(root: &Path, file: &Path) -> String {
        let relative = file.strip_prefix(root).expect("under src");
        let mut parts: Vec<String> = relative
            .with_extension("")
            .iter()
            .map(|part| part.to_string_lossy().into_owned())
            .collect();
        if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
            parts.pop();
        }
        parts.join("::")
    }

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                // Unit tests may reach anywhere.
                if path.file_name().is_some_and(|name| name != "tests") {
                    rust_files(&path, out);
                }
            } else if path.extension().is_some_and(|ext| ext == "rs")
                && path.file_name().is_some_and(|name| name != "tests.rs")
            {
                out.push(path);
            }
        }
    }

    /// The listed module a module belongs to, and its place in the order.
    fn layer(module: &str) -> Option<(usize, &'static str)> {
        LAYERS
            .iter()
            .enumerate()
            .filter(|(_, listed)| module == **listed || module.starts_with(&format!("{listed}::")))
            .max_by_key(|(_, listed)| listed.len())
            .map(|(index, listed)| (index, *listed))
    }

    fn within(inner: &str, outer: &str) -> bool {
        outer.is_empty() || inner == outer || inner.starts_with(&format!("{outer}::"))
    }

    /// Every module a file's code (not its comments or its unit tests)
    /// names through `crate::`.
    fn imports(text: &str, modules: &[String]) -> Vec<String> {
        let code = text.split("#[cfg(test)]").next().unwrap_or(text);
        let mut found = Vec::new();
        for line in code
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
        {
            let mut rest = line;
            while let Some(at) = rest.find("crate::") {
                rest = &rest[at + "crate::".len()..];
                let path: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                // The longest module the path starts with.
                let named = modules
                    .iter()
                    .filter(|module| within(path.trim_end_matches(':'), module))
                    .max_by_key(|module| module.len());
                if let Some(module) = named {
                    found.push(module.clone());
                }
            }
        }
        found
    }

    #[test]
    fn every_module_imports_only_from_modules_before_it() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&root, &mut files);
        let modules: Vec<String> = files.iter().map(|file| module_of(&root, file)).collect();
        let mut wrong = Vec::new();
        for (file, module) in files.iter().zip(&modules) {
            if module.is_empty() || module == "layers" {
                continue;
            }
            let Some((mine, _)) = layer(module) else {
                wrong.push(format!("{module} is not in LAYERS"));
                continue;
            };
            let text = std::fs::read_to_string(file).expect("readable");
            for used in imports(&text, &modules) {
                // A folder's files extend their `mod.rs`, which declares them.
                if within(module, &used) || within(&used, module) || used.is_empty() {
                    continue;
                }
                let Some((theirs, listed)) = layer(&used) else {
                    wrong.push(format!("{used} (used by {module}) is not in LAYERS"));
                    continue;
                };
                if theirs > mine {
                    wrong.push(format!(
                        "{module} imports {used} ({listed}), which comes after it"
                    ));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn the_check_finds_an_import_upward() {
        let modules = ["spec".to_owned(), "endpoint".to_owned(), "wire".to_owned()];
        let text = "use crate::endpoint::check;\n// crate::wire in a comment\n";
        assert_eq!(imports(text, &modules), ["endpoint"]);
        let (spec, _) = layer("spec").expect("listed");
        let (endpoint, _) = layer("endpoint::examples").expect("listed");
        assert!(endpoint > spec);
        assert_eq!(
            layer("types::resolve::unions").map(|(_, l)| l),
            Some("types::resolve")
        );
    }
}
