//! The API crate's build script formats the generated code part by part
//! and keeps each part's formatting for its next run (`api/build/format.rs`,
//! included here as the build script includes it): a kept part is reused
//! only for the same tokens, a changed part is formatted again, and what a
//! run does not use is removed.

#[path = "../api/build/format.rs"]
mod format;

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;

fn part(code: &str) -> TokenStream {
    code.parse().expect("test code lexes")
}

fn pretty(code: &str) -> String {
    prettyplease::unparse(&syn::parse_str::<syn::File>(code).expect("test code parses"))
}

fn cache(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("kontur-build-format-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The kept file of `kind` (`rs` or `tokens`) whose text holds `needle`.
fn kept(dir: &Path, kind: &str, needle: &str) -> PathBuf {
    std::fs::read_dir(dir)
        .expect("the cache exists")
        .map(|entry| entry.expect("an entry").path())
        .find(|path| {
            path.extension().is_some_and(|ext| ext == kind)
                && std::fs::read_to_string(path).is_ok_and(|text| text.contains(needle))
        })
        .unwrap_or_else(|| panic!("no kept .{kind} file holds {needle:?}"))
}

const A: &str = "pub struct A { pub x : u32 }";
const B: &str = "pub fn b () -> u32 { 1 }";
const B2: &str = "pub fn b () -> u32 { 2 }";

#[test]
fn unchanged_parts_reuse_their_formatting_and_changed_ones_are_formatted_again() {
    let dir = cache("reuse");
    let first = format::formatted(vec![part(A), part(B)], &dir).expect("formats");
    assert_eq!(first, format!("{}\n{}", pretty(A), pretty(B)));
    assert_eq!(std::fs::read_dir(&dir).expect("cache").count(), 4);
    // Mark A's kept formatting: a run that reuses it shows the mark.
    let a_code = kept(&dir, "rs", "struct A");
    std::fs::write(&a_code, format!("{}// kept\n", pretty(A))).expect("written");
    let second = format::formatted(vec![part(A), part(B2)], &dir).expect("formats");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(second, format!("{}// kept\n\n{}", pretty(A), pretty(B2)));
}

#[test]
fn what_a_run_does_not_use_is_removed() {
    let dir = cache("removed");
    format::formatted(vec![part(A), part(B)], &dir).expect("formats");
    format::formatted(vec![part(A), part(B2)], &dir).expect("formats");
    let left: Vec<String> = std::fs::read_dir(&dir)
        .expect("cache")
        .map(|entry| std::fs::read_to_string(entry.expect("an entry").path()).expect("text"))
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(left.len(), 4, "{left:?}");
    assert!(!left.iter().any(|text| text.contains("1")), "{left:?}");
}

#[test]
fn a_kept_file_is_not_reused_for_other_tokens_under_its_name() {
    let dir = cache("other");
    format::formatted(vec![part(A)], &dir).expect("formats");
    // As if another part's tokens had the same hash: the file's tokens
    // differ, so its formatting is not this part's.
    std::fs::write(kept(&dir, "tokens", "struct A"), "pub struct Other ;").expect("written");
    std::fs::write(kept(&dir, "rs", "struct A"), "pub struct Other;\n").expect("written");
    let again = format::formatted(vec![part(A)], &dir).expect("formats");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(again, pretty(A));
}

#[test]
fn a_part_that_does_not_parse_is_an_error() {
    let dir = cache("broken");
    let result = format::formatted(vec![part("pub struct { }")], &dir);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(result.is_err());
}
