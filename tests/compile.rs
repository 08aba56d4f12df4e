//! Compile-time behaviour of the macros, with trybuild: consumers that
//! compile, and spec mistakes and misuse that fail with the messages pinned
//! in `ui/fail/*.stderr`.
//!
//! trybuild builds the cases in `target/tests/trybuild/kontur-extern-tests`,
//! which is the cases' `CARGO_MANIFEST_DIR`; their spec paths climb from
//! there to this repository.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
