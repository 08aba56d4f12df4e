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
    /// The named types as read, for the specs that use the file (shared,
    /// not copied, by them).
    pub nodes: std::sync::Arc<[source::NamedNode]>,
    /// The modules of the type files it uses (`use:`), whose types its
    /// generated code names `super::<module>::Name`.
    pub uses: Vec<String>,
    /// Every type file it uses, directly or through others, as read: the
    /// generated module includes them too, so that it is rebuilt when they
    /// change.
    pub used_files: Vec<std::path::PathBuf>,
}

/// The named types of a type file a spec uses.
#[derive(Clone, Debug)]
pub struct SharedTypes {
    /// The module `types!` generates for the file.
    pub module: String,
    /// The file as the spec names it, for messages.
    pub file: String,
    /// Shared, not copied, by the specs that use the file.
    pub types: std::sync::Arc<[source::NamedNode]>,
    /// The modules of the type files this one uses (`use:`): its types'
    /// references reach theirs.
    pub uses: Vec<String>,
    /// Whether the spec (or type file) that loaded it names it in its own
    /// `use:`, and so reaches its types; a file only used by its type
    /// files is loaded for theirs.
    pub direct: bool,
    /// The file's name and text (their number in this thread) and those of
    /// the files it uses, hashed: a checked file is kept while they stay
    /// the same.
    pub fingerprint: u64,
}
