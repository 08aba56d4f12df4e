//! A part of a service: some of its groups, and only the shared types that
//! their endpoints need, so that a crate that enables one group (a cargo
//! feature of `kontur-extern-api`) compiles only that group's code.

use std::collections::{BTreeMap, BTreeSet};

use super::Service;
use crate::model::Endpoint;
use crate::types::model::{ItemId, ItemKind, Origin, Ty, TypeSpace};

impl Service {
    /// Keeps the top-level groups `keep` says yes to, in their order, with
    /// the groups reached through them (`under`), and in each type file
    /// only the types that the kept endpoints use, directly or through
    /// other types.
    pub fn select_groups(&mut self, keep: impl Fn(&str) -> bool) {
        let kept: Vec<bool> = self
            .groups
            .iter()
            .map(|group| keep(group.root(self)))
            .collect();
        let mut kept = kept.into_iter();
        self.groups.retain(|_| kept.next().unwrap_or(false));
        let mut used: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (_, endpoint) in self.groups.iter().flat_map(|group| &group.endpoints) {
            shared_names(endpoint, &mut used);
        }
        for (checked, _) in &mut self.types {
            let names = used.remove(&checked.module).unwrap_or_default();
            checked.space = checked.space.only(&names);
        }
    }
}

/// The shared types an endpoint's code names, by module: every shared item
/// reachable from its bodies and its own items.
fn shared_names(endpoint: &Endpoint, used: &mut BTreeMap<String, BTreeSet<String>>) {
    let space = &endpoint.types;
    let mut roots: Vec<&Ty> = Vec::new();
    roots.extend(endpoint.request.json.as_ref());
    roots.extend(endpoint.response.body.as_ref());
    if let Some(outcomes) = &endpoint.outcomes {
        roots.extend(outcomes.listed.iter().filter_map(|o| o.body.as_ref()));
    }
    let mut seen = BTreeSet::new();
    let mut todo: Vec<ItemId> = space.local().map(|(id, _)| id).collect();
    for root in roots {
        root.items(&mut todo);
    }
    while let Some(id) = todo.pop() {
        if !seen.insert(id) {
            continue;
        }
        let item = space.get(id);
        if let Origin::Shared { module } = &item.origin {
            used.entry(module.clone())
                .or_default()
                .insert(item.name.clone());
        }
        for ty in item.kind.types() {
            ty.items(&mut todo);
        }
    }
}

impl TypeSpace {
    /// The space of the items named `names` and of every item they refer
    /// to, renumbered; the others left out.
    pub fn only(&self, names: &BTreeSet<String>) -> TypeSpace {
        let mut keep = BTreeSet::new();
        let mut todo: Vec<ItemId> = (0..self.items.len())
            .map(ItemId)
            .filter(|id| {
                let item = self.get(*id);
                // A type file's own: those of the files it uses are
                // generated in their modules.
                item.origin == Origin::Local && names.contains(&item.name)
            })
            .collect();
        while let Some(id) = todo.pop() {
            if keep.insert(id) {
                for ty in self.get(id).kind.types() {
                    ty.items(&mut todo);
                }
            }
        }
        let renumbered: BTreeMap<ItemId, ItemId> = keep
            .iter()
            .enumerate()
            .map(|(new, old)| (*old, ItemId(new)))
            .collect();
        let items = keep
            .iter()
            .map(|id| {
                let mut item = self.get(*id).clone();
                match &mut item.kind {
                    ItemKind::Object(fields) => {
                        for field in fields {
                            renumber(&mut field.ty, &renumbered);
                        }
                    }
                    ItemKind::Enum(_) | ItemKind::Pattern(_) => {}
                    ItemKind::Union(union) => {
                        for variant in &mut union.variants {
                            renumber(&mut variant.ty, &renumbered);
                        }
                    }
                    ItemKind::Alias(ty) => renumber(ty, &renumbered),
                }
                std::sync::Arc::new(item)
            })
            .collect();
        TypeSpace { items }
    }
}

fn renumber(ty: &mut Ty, renumbered: &BTreeMap<ItemId, ItemId>) {
    match ty {
        Ty::List(inner) | Ty::Nullable(inner) => renumber(inner, renumbered),
        Ty::Map(keys, values) => {
            renumber(keys, renumbered);
            renumber(values, renumbered);
        }
        Ty::Item(id) => *id = renumbered[id],
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::load_service;

    fn shipped() -> super::Service {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/extern/api.yaml");
        load_service(&path, "spec/extern/api.yaml").expect("the shipped service loads")
    }

    fn names(service: &super::Service) -> Vec<String> {
        service.types[0]
            .0
            .space
            .items
            .iter()
            .map(|item| item.name.clone())
            .collect()
    }

    #[test]
    fn one_group_keeps_the_types_it_reaches_and_no_other() {
        let all = shipped();
        let every = names(&all);
        let mut drafts = shipped();
        drafts.select_groups(|group| group == "drafts");
        assert_eq!(
            drafts
                .groups
                .iter()
                .map(|g| g.name.as_str())
                .collect::<Vec<_>>(),
            // With the groups reached through it.
            ["drafts", "draft_documents", "draft_signatures"]
        );
        let kept = names(&drafts);
        // What drafts use: the draft, its task and its documents; the
        // links every resource has. Not the accounts or a docflow search page.
        for name in ["Draft", "DraftTask", "DraftDocument", "Link"] {
            assert!(kept.contains(&name.to_owned()), "{name} kept: {kept:?}");
        }
        for name in ["Account", "AccountList", "DocflowPageItem"] {
            assert!(every.contains(&name.to_owned()), "{name} is shipped");
            assert!(!kept.contains(&name.to_owned()), "{name} left out");
        }
        assert!(kept.len() < every.len());
        // Every reference of the kept space points into it, at the item of
        // the same name as before the renumbering.
        let space = &drafts.types[0].0.space;
        let before = &all.types[0].0.space;
        let mut checked = 0;
        for item in &space.items {
            let old = before
                .items
                .iter()
                .find(|old| old.name == item.name)
                .expect("kept from the whole space");
            for (ty, old_ty) in item.kind.types().into_iter().zip(old.kind.types()) {
                let (mut ids, mut old_ids) = (Vec::new(), Vec::new());
                ty.items(&mut ids);
                old_ty.items(&mut old_ids);
                let names: Vec<&str> = ids.iter().map(|id| space.get(*id).name.as_str()).collect();
                let old_names: Vec<&str> = old_ids
                    .iter()
                    .map(|id| before.get(*id).name.as_str())
                    .collect();
                assert_eq!(names, old_names, "in {}", item.name);
                checked += ids.len();
            }
        }
        assert!(checked > 10, "{checked} references checked");
    }

    #[test]
    fn every_group_keeps_every_type_some_endpoint_uses() {
        let mut all = shipped();
        let before = names(&all);
        all.select_groups(|_| true);
        let after = names(&all);
        assert!(after.iter().all(|name| before.contains(name)));
        // The documented Draft flow reaches its task results.
        assert!(after.contains(&"SendFailure".to_owned()), "{after:?}");
    }
}
