//! Generated functions that rustc compiles only in the crate that uses them.
//!
//! A function that is not generic is compiled where it is defined, whether
//! anything calls it or not; one marked `#[inline]` is compiled only where it
//! is called, as a generic one is. The functions that reach serde_json's
//! decoder, the runtime's send path and the futures of a call (an endpoint's
//! `encode`, `decode` and `examples`, its client's call method, a call
//! builder's `send`, `into_future`, `items` and `wait`, a union's
//! `__from_tag`) are so marked: a crate of a hundred endpoints compiles its
//! types, and a program that calls ten of them compiles the calls of those
//! ten, as it would with the calls written by hand over reqwest. Without the
//! mark the crate of the whole API generated about 16,000 functions, with it
//! about 2,000 (BENCHMARKS.md, "Generated calls compiled where they are
//! used").

use proc_macro2::TokenStream;
use quote::quote;

/// The attribute that leaves a function's code to the crate that calls it.
pub(crate) fn on_use() -> TokenStream {
    quote!(#[inline])
}
