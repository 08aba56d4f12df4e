//! Spec text through load, check, both expansions and a `syn` parse of the
//! generated code; the body is `kontur_extern_tests::fuzz::spec`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kontur_extern_tests::fuzz::spec(data);
});
