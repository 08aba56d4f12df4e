//! Generated functions that rustc compiles only in the crate that uses them.
//!
//! A function that is not generic is compiled where it is defined, whether
//! anything calls it or not; one marked `#[inline]` is compiled only where it
//! is called, as a generic one is. Every function the generator writes that
//! is not generic is so marked: first those that reach serde_json's decoder,
//! the runtime's send path and the futures of a call (an endpoint's
//! `encode`, `decode` and `examples`, its client's call method, a call
//! builder's `send`, `into_future`, `items` and `wait`, a union's
//! `__from_tag`; BENCHMARKS.md, "Generated calls compiled where they are
//! used": about 16,000 functions in the crate of the whole API before, about
//! 2,000 after), then the small rest (each `Request::new`, a response's
//! `Deref`, `DerefMut` and `into_body`, a client's `new`, `inner` and
//! `Debug`, a call builder's `request`, `request_mut` and `Debug`, a group's
//! methods, an enum's or pattern's conversions, the default values of
//! fields, a visitor's `expecting` and `index`): each is small, but together they were
//! most of the code rustc still generated for the API crate, about a second
//! of its build (BENCHMARKS.md, "Every function not generic compiled where
//! it is called"). A crate of a hundred endpoints compiles its types, and a
//! program that calls ten of them compiles what those ten reach, as it would
//! with the calls written by hand over reqwest. `codegen/tests/api_generated.rs`
//! checks the rule on the API crate's code.

use proc_macro2::TokenStream;
use quote::quote;

/// The attribute that leaves a function's code to the crate that calls it.
pub(crate) fn on_use() -> TokenStream {
    quote!(#[inline])
}
