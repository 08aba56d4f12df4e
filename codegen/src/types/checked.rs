//! What checking a type file gives ([`CheckedTypes`]), and what a spec that
//! `use:`s the file sees of it ([`SharedTypes`]); below `expand`, which
//! generates a type file's module from it.

use crate::types::model::TypeSpace;
use crate::types::source;

/// A checked type file: the module `types!` generates and its types.
#[derive(Clone, Debug)]
pub struct CheckedTypes {
    /// The module's name, `snake_case`.
    pub module: String,
    pub space: TypeSpace,
    /// The named types as read, for the specs that use the file.
    pub nodes: Vec<source::NamedNode>,
}

/// The named types of a type file a spec uses.
#[derive(Clone, Debug)]
pub struct SharedTypes {
    /// The module `types!` generates for the file.
    pub module: String,
    /// The file as the spec names it, for messages.
    pub file: String,
    pub types: Vec<source::NamedNode>,
}
