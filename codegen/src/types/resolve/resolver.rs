//! The [`Resolver`]'s state, shared by the files beside this one: the
//! type space being built, the named types, where each item was written,
//! and the fields whose union is judged once every type is filled; a new
//! resolver, a new item, and `line_of` for messages that point at an
//! earlier place.

use std::collections::HashMap;

use crate::diagnostic::{Collector, Position};
use crate::types::SharedTypes;
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

    /// A resolver with the named types of the type files `shared` added
    /// ([`add_shared`](Resolver::add_shared)), in order. Each spec of a
    /// service adds the same files, the same way: their resolved state is
    /// kept, per thread, and a spec that uses the same files starts from a
    /// copy of it. Only a state reached without any problem is kept, so
    /// that a copy brings no message that adding the files would have
    /// given.
    pub(crate) fn with_shared(cx: &'a mut Collector, shared: &[SharedTypes]) -> Self {
        use std::cell::RefCell;

        thread_local! {
            static RESOLVED: RefCell<Vec<(Vec<SharedTypes>, Resolved)>> =
                const { RefCell::new(Vec::new()) };
        }
        /// Sets of type files kept at once; more, and the cache starts again.
        const KEPT: usize = 16;
        // The kept state of the longest run of the same files at the start
        // of `shared`: all of them, or the files a longer list begins with
        // (`types.yaml` and then a file of its own). Whether the spec names
        // a file in `use:` (`direct`) plays no part in adding the files, only
        // in what the spec's own types reach, so it is set afterwards.
        let found = RESOLVED.with(|kept| {
            kept.borrow()
                .iter()
                .filter(|(files, _)| {
                    files.len() <= shared.len() && same_files(files, &shared[..files.len()])
                })
                .max_by_key(|(files, _)| files.len())
                .map(|(files, resolved)| (files.len(), resolved.clone()))
        });
        let (done, mut resolver) = match found {
            Some((done, resolved)) => (
                done,
                Resolver {
                    cx,
                    space: resolved.space,
                    named: HashMap::new(),
                    shared: resolved.shared,
                    scope: None,
                    at: resolved.at,
                    parent_tagged_uses: resolved.parent_tagged_uses,
                },
            ),
            None => (0, Resolver::new(cx)),
        };
        if done < shared.len() {
            let before = resolver.cx.count();
            for used in &shared[done..] {
                resolver.add_shared(
                    &used.types,
                    &used.module,
                    &used.file,
                    &used.uses,
                    used.direct,
                );
            }
            if resolver.cx.count() == before {
                let resolved = Resolved {
                    space: resolver.space.clone(),
                    shared: resolver.shared.clone(),
                    at: resolver.at.clone(),
                    parent_tagged_uses: resolver.parent_tagged_uses.clone(),
                };
                RESOLVED.with(|kept| {
                    let mut kept = kept.borrow_mut();
                    if kept.len() >= KEPT {
                        kept.clear();
                    }
                    kept.push((shared.to_vec(), resolved));
                });
            }
        }
        for (scope, used) in resolver.shared.iter_mut().zip(shared) {
            scope.direct = used.direct;
        }
        resolver
    }

    pub(super) fn push(&mut self, item: Item, at: Option<Position>) -> ItemId {
        self.space.items.push(std::sync::Arc::new(item));
        self.at.push(at);
        ItemId(self.space.items.len() - 1)
    }
}

/// The named types of one type file a spec uses.
#[derive(Clone)]
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

/// What a resolver holds once the type files a spec uses are added: kept
/// by [`Resolver::with_shared`].
#[derive(Clone)]
struct Resolved {
    space: TypeSpace,
    shared: Vec<SharedScope>,
    at: Vec<Option<Position>>,
    parent_tagged_uses: Vec<(ItemId, ItemId, usize)>,
}

/// Whether two lists of type files are the same files, added the same way
/// (whether a spec names each in `use:` aside): the fingerprint first
/// (cheap, and almost always decisive), then everything adding them reads,
/// so that equal fingerprints of different files can never share a state.
fn same_files(kept: &[SharedTypes], asked: &[SharedTypes]) -> bool {
    kept.len() == asked.len()
        && kept.iter().zip(asked).all(|(kept, asked)| {
            kept.fingerprint == asked.fingerprint
                && kept.module == asked.module
                && kept.file == asked.file
                && kept.uses == asked.uses
                && (std::sync::Arc::ptr_eq(&kept.types, &asked.types) || kept.types == asked.types)
        })
}

pub(super) fn line_of(at: Option<Position>) -> String {
    at.map(|p| format!(" (also at line {})", p.line))
        .unwrap_or_default()
}
