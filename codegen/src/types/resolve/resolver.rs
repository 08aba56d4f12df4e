//! The [`Resolver`]'s state, shared by the files beside this one: the
//! type space being built, the named types, where each item was written,
//! and the fields whose union is judged once every type is filled; a new
//! resolver, a new item, and `line_of` for messages that point at an
//! earlier place.

use std::collections::HashMap;

use crate::diagnostic::{Collector, Position};
use crate::types::model::{Item, ItemId, TypeSpace};

/// Named types visible to a spec: its own and its type files'.
pub(crate) struct Resolver<'a> {
    pub(super) cx: &'a mut Collector,
    pub(super) space: TypeSpace,
    /// The spec's own named types (or, checking a type file alone, the
    /// file's) → their items.
    pub(super) named: HashMap<String, ItemId>,
    /// The type files a spec uses, by module: the file's name as shown,
    /// and its named types. The same name may live in several; a spec
    /// reaches each as `module.Name`.
    pub(super) shared: Vec<SharedScope>,
    /// While a type file's own types are filled: its index in `shared`,
    /// so that its references mean its own types, as when it was checked
    /// alone.
    pub(super) scope: Option<usize>,
    /// Where each item was written, for messages.
    pub(super) at: Vec<Option<Position>>,
    /// Items that are the type of an object's field: `(item, object, field)`.
    pub(super) parent_tagged_uses: Vec<(ItemId, ItemId, usize)>,
}

impl<'a> Resolver<'a> {
    pub(crate) fn new(cx: &'a mut Collector) -> Self {
        Resolver {
            cx,
            space: TypeSpace::default(),
            named: HashMap::new(),
            shared: Vec::new(),
            scope: None,
            at: Vec::new(),
            parent_tagged_uses: Vec::new(),
        }
    }

    pub(super) fn push(&mut self, item: Item, at: Option<Position>) -> ItemId {
        self.space.items.push(item);
        self.at.push(at);
        ItemId(self.space.items.len() - 1)
    }
}

/// The named types of one type file a spec uses.
pub(crate) struct SharedScope {
    pub(super) module: String,
    /// The file as the spec names it (relative to the spec).
    pub(super) file: String,
    pub(super) named: HashMap<String, ItemId>,
    /// The type files this one uses (indices in `shared`, each before it):
    /// what its types' references reach beside its own.
    pub(super) uses: Vec<usize>,
    /// Whether the spec (or type file) being checked names it in `use:`;
    /// a file only its type files use is not in the spec's reach.
    pub(super) direct: bool,
}

pub(super) fn line_of(at: Option<Position>) -> String {
    at.map(|p| format!(" (also at line {})", p.line))
        .unwrap_or_default()
}
