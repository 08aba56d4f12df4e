//! The generated code formatted part by part, each part's formatting kept
//! for the next run: `build.rs`'s; the test that pins its reuse
//! (`tests/build_format.rs`) and `benches/expand.rs` include it too.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;

use proc_macro2::TokenStream;

/// The parts' code formatted, so that a reader who jumps to a definition
/// reads Rust. Parsing and formatting the whole generated file took half
/// of this script's run (in debug, as cargo builds a build script), and a
/// one-line edit of a spec changes one or two parts: each part's
/// formatting is kept in `cache` (under its tokens' hash, beside its
/// tokens, which must match) and reused by the next run; what this run
/// did not use is removed.
pub fn formatted(parts: Vec<TokenStream>, cache: &Path) -> syn::Result<String> {
    let kept = std::fs::create_dir_all(cache).is_ok();
    let mut used = Vec::new();
    let mut file = String::new();
    for part in parts {
        let tokens = part.to_string();
        let mut hasher = DefaultHasher::new();
        tokens.hash(&mut hasher);
        let key = format!("{:016x}", hasher.finish());
        let (tokens_path, code_path) = (
            cache.join(format!("{key}.tokens")),
            cache.join(format!("{key}.rs")),
        );
        let reused = match std::fs::read_to_string(&tokens_path) {
            Ok(earlier) if earlier == tokens => std::fs::read_to_string(&code_path).ok(),
            _ => None,
        };
        let code = match reused {
            Some(code) => code,
            None => {
                let code = prettyplease::unparse(&syn::parse2::<syn::File>(part)?);
                // A cache that cannot be written only costs the next run time.
                if kept {
                    // The code first: tokens that match promise a whole file.
                    let _ = std::fs::write(&code_path, &code)
                        .and_then(|()| std::fs::write(&tokens_path, &tokens));
                }
                code
            }
        };
        if !file.is_empty() {
            file.push('\n');
        }
        file.push_str(&code);
        used.push(key);
    }
    if let Ok(entries) = std::fs::read_dir(cache) {
        for entry in entries.flatten() {
            let path = entry.path();
            let stem = path.file_stem().and_then(|stem| stem.to_str());
            if !stem.is_some_and(|stem| used.iter().any(|key| key == stem)) {
                let _ = std::fs::remove_file(path);
            }
        }
    }
    Ok(file)
}
