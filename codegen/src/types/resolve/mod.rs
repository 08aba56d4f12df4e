//! From type nodes to the [`TypeSpace`](crate::types::model::TypeSpace):
//! references resolved, every Rust name decided once, and every rule that
//! spans more than one node checked (name clashes, cycles, unions and their
//! tags).
//!
//! Problems are reported as they are found; a node with a problem becomes
//! `None` (or a stand-in that keeps the rest checkable), and checking goes on.
//!
//! The `Resolver`'s methods are spread over the files of this folder, each
//! a separate `impl` block, from the bottom up:
//!
//! - `resolver.rs`: its state, a new item, and `line_of` for messages;
//! - `rust_names.rs`: the built-in type names and the Rust names a type,
//!   variant or field may take;
//! - `references.rs`: named types added, type nodes converted (built-in
//!   types, lists, maps, inline items, references), keys that do not go
//!   with a `type:`;
//! - `objects.rs`: an object's fields and their defaults;
//! - `enums.rs`: an enum's values, their Rust variants and their `case:`;
//! - `strings.rs`: strings with a `pattern:` and the keys of maps;
//! - `unions.rs`: a union's tag and variants;
//! - `checks.rs`: what needs the whole space, run by `finish`.

mod checks;
mod enums;
mod objects;
mod references;
mod resolver;
mod rust_names;
mod strings;
mod unions;

pub use self::enums::enum_variants;
pub(crate) use self::resolver::Resolver;
pub use self::rust_names::{BUILTIN, type_name_problem};
pub use self::strings::{anchored, fold_case};
