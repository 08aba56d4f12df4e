//! Compile-time behaviour of the macros, with trybuild: consumers that
//! compile, and spec mistakes and misuse that fail with the messages pinned
//! in `ui/fail/*.stderr`.
//!
//! trybuild builds the cases in a project of its own under the target
//! directory, wherever that is (`CARGO_TARGET_DIR` may point anywhere), so
//! the cases name their specs as `${KONTUR_EXTERN_REPO}/…`: the macros
//! expand `${NAME}` from the compile-time environment, and this test sets
//! `KONTUR_EXTERN_REPO` to this repository for the builds it starts.

#[test]
fn ui() {
    // SAFETY: the only test of this binary, before any other thread runs;
    // trybuild's cargo processes inherit the variable.
    unsafe { std::env::set_var("KONTUR_EXTERN_REPO", env!("CARGO_MANIFEST_DIR")) };
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
