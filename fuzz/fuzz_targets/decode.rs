//! A response (status line, headers, body) through the generated
//! `PasswordToken::decode`; the body is `kontur_extern_tests::fuzz::decode`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kontur_extern_tests::fuzz::decode(data);
});
