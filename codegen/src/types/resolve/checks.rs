//! The checks across items, once every type is filled ([`Resolver::finish`]):
//! cycles (each cut to free-form JSON), the variants of unions tagged in
//! themselves, where unions tagged in a parent are used, and generated
//! names that clash with each other or with an endpoint's own types.

use std::collections::BTreeMap;

use crate::diagnostic::Position;
use crate::types::model::{ItemId, ItemKind, Origin, Tag, Ty, TypeSpace, Union};
use crate::types::resolve::resolver::{Resolver, line_of};

impl Resolver<'_> {
    /// Checks what needs the whole space: cycles, the variants of unions
    /// tagged in themselves, and where unions tagged in a parent are used.
    /// `roots` are the bodies' types with their positions.
    pub fn finish(mut self, roots: &[(&Ty, Option<Position>)]) -> TypeSpace {
        self.check_cycles();
        self.check_unions(roots);
        self.check_item_names();
        self.space
    }

    fn check_item_names(&mut self) {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (index, item) in self.space.items.iter().enumerate() {
            if item.origin != Origin::Local {
                continue;
            }
            if let Some(first) = seen.insert(item.name.clone(), index) {
                self.cx.error(
                    self.at[index],
                    format!(
                        "two generated types are named `{}`{}; set `type_name:` on one of them",
                        item.name,
                        line_of(self.at[first])
                    ),
                );
            }
        }
    }

    /// Reserved names: the other generated types of an endpoint.
    pub fn reserve(&mut self, reserved: &[&str]) {
        for (index, item) in self.space.items.iter().enumerate() {
            if item.origin == Origin::Local && reserved.contains(&item.name.as_str()) {
                self.cx.error(
                    self.at[index],
                    format!(
                        "the type name `{}` is taken by the endpoint's own generated types ({}); \
                         choose another",
                        item.name,
                        reserved.join(", ")
                    ),
                );
            }
        }
    }

    fn check_cycles(&mut self) {
        let edges: Vec<Vec<ItemId>> = self
            .space
            .items
            .iter()
            .map(|item| {
                let mut out = Vec::new();
                for ty in item.kind.types() {
                    ty.items(&mut out);
                }
                out
            })
            .collect();
        // Colors: 0 unvisited, 1 on the stack, 2 done.
        let mut cuts: Vec<(usize, usize)> = Vec::new();
        let mut color = vec![0u8; edges.len()];
        let mut reported = vec![false; edges.len()];
        for start in 0..edges.len() {
            let mut stack = vec![(start, 0usize)];
            let mut path = vec![start];
            if color[start] != 0 {
                continue;
            }
            color[start] = 1;
            while let Some((node, next)) = stack.last_mut() {
                let node = *node;
                if let Some(&ItemId(to)) = edges[node].get(*next) {
                    *next += 1;
                    match color[to] {
                        0 => {
                            color[to] = 1;
                            stack.push((to, 0));
                            path.push(to);
                        }
                        1 if !reported[to] => {
                            reported[to] = true;
                            cuts.push((node, to));
                            let from = path.iter().position(|&p| p == to).unwrap_or(0);
                            let mut names: Vec<&str> = path[from..]
                                .iter()
                                .map(|&i| self.space.items[i].name.as_str())
                                .collect();
                            names.push(&self.space.items[to].name);
                            self.cx.error(
                                self.at[to],
                                format!(
                                    "type `{}` contains itself ({}); recursive types are not \
                                     supported",
                                    self.space.items[to].name,
                                    names.join(" → ")
                                ),
                            );
                        }
                        _ => {}
                    }
                } else {
                    color[node] = 2;
                    stack.pop();
                    path.pop();
                }
            }
        }
        // The generated code must not be recursive either (rustc would add
        // its own errors about infinite size): the reference that closes
        // each cycle becomes free-form JSON.
        for (from, to) in cuts {
            let cut = |ty: &mut Ty| replace_item(ty, ItemId(to));
            match &mut std::sync::Arc::make_mut(&mut self.space.items[from]).kind {
                ItemKind::Object(fields) => fields.iter_mut().for_each(|f| cut(&mut f.ty)),
                ItemKind::Union(union) => union.variants.iter_mut().for_each(|v| cut(&mut v.ty)),
                ItemKind::Alias(ty) => cut(ty),
                ItemKind::Enum(_) | ItemKind::Pattern(_) => {}
            }
        }
    }

    /// The unions' tags, once every type is filled: [`Self::check_self_tagged`],
    /// [`Self::check_parent_tags`], [`Self::check_parent_tagged_uses`].
    fn check_unions(&mut self, roots: &[(&Ty, Option<Position>)]) {
        self.check_self_tagged();
        self.check_parent_tags();
        self.check_parent_tagged_uses(roots);
    }

    /// Tagged in itself: every variant an object without the tag key.
    fn check_self_tagged(&mut self) {
        for index in 0..self.space.items.len() {
            let ItemKind::Union(union) = &self.space.items[index].kind else {
                continue;
            };
            let Some(tag) = &union.tag else { continue };
            if tag.in_parent {
                continue;
            }
            let mut problems = Vec::new();
            for variant in &union.variants {
                match variant.ty.bare() {
                    Ty::Item(id) => match &self.space.get(*id).kind {
                        ItemKind::Object(fields) => {
                            if fields.iter().any(|f| f.wire == tag.key) {
                                problems.push(format!(
                                    "variant `{}` declares the tag key `{}` itself; leave it out, \
                                     the variant is the tag",
                                    variant.name, tag.key
                                ));
                            }
                        }
                        _ => problems.push(format!(
                            "variant `{}` is not an object, so it cannot hold the tag `{}`",
                            variant.name, tag.key
                        )),
                    },
                    _ => problems.push(format!(
                        "variant `{}` is not an object, so it cannot hold the tag `{}`",
                        variant.name, tag.key
                    )),
                }
            }
            for problem in problems {
                self.cx.error(self.at[index], problem);
            }
        }
    }

    /// Tagged in the parent: only as a field, beside a string or enum tag.
    fn check_parent_tags(&mut self) {
        for &(union, owner, field) in &self.parent_tagged_uses {
            let ItemKind::Union(Union {
                tag:
                    Some(
                        tag @ Tag {
                            in_parent: true, ..
                        },
                    ),
                ..
            }) = &self.space.get(union).kind
            else {
                continue;
            };
            let ItemKind::Object(fields) = &self.space.get(owner).kind else {
                continue;
            };
            let holder = &fields[field];
            let sibling = fields.iter().find(|f| f.wire == tag.key);
            let problem = match sibling.map(|s| s.ty.bare()) {
                None => Some(format!(
                    "field `{}` of `{}` is a union tagged by `{}` in its parent, but `{}` has \
                     no field `{}`",
                    holder.wire,
                    self.space.get(owner).name,
                    tag.key,
                    self.space.get(owner).name,
                    tag.key
                )),
                Some(Ty::String { secret: false }) => None,
                Some(Ty::Item(id))
                    if matches!(
                        self.space.get(*id).kind,
                        ItemKind::Enum(_) | ItemKind::Pattern(_)
                    ) =>
                {
                    None
                }
                Some(_) => Some(format!(
                    "the tag `{}` of field `{}` must be a string or an enum",
                    tag.key, holder.wire
                )),
            };
            if let Some(problem) = problem {
                self.cx.error(self.at[union.0], problem);
            }
        }
    }

    /// Where a union tagged in its parent is used other than as an object's
    /// field's own type (a body in `roots`, a list element, a map value, a
    /// variant, an alias): refused.
    fn check_parent_tagged_uses(&mut self, roots: &[(&Ty, Option<Position>)]) {
        let mut uses: Vec<(ItemId, Option<Position>)> = Vec::new();
        for (index, item) in self.space.items.iter().enumerate() {
            match &item.kind {
                ItemKind::Object(_) => {}
                ItemKind::Union(union) => {
                    for variant in &union.variants {
                        direct_items(&variant.ty, &mut uses, self.at[index]);
                    }
                }
                ItemKind::Alias(ty) => direct_items(ty, &mut uses, self.at[index]),
                ItemKind::Enum(_) | ItemKind::Pattern(_) => {}
            }
            if let ItemKind::Object(fields) = &item.kind {
                for field in fields {
                    // The field's own type may be the union, and so may the
                    // elements of its list; deeper ones may not.
                    match field.ty.bare() {
                        Ty::List(inner) if matches!(inner.as_ref(), Ty::Item(_)) => {}
                        Ty::List(inner) | Ty::Map(_, inner) => {
                            direct_items(inner, &mut uses, self.at[index]);
                        }
                        _ => {}
                    }
                }
            }
        }
        for (ty, at) in roots {
            direct_items(ty, &mut uses, *at);
        }
        let mut refused = Vec::new();
        for (id, at) in uses {
            if let ItemKind::Union(Union {
                tag: Some(Tag {
                    in_parent: true, ..
                }),
                ..
            }) = &self.space.get(id).kind
            {
                refused.push(id);
                self.cx.error(
                    at,
                    format!(
                        "union `{}` is tagged in its parent (`tag_in: parent`), so it can only be \
                         the type of an object's field or of the elements of an object's list \
                         field, not a body, a nullable list element, a list in a list, a map \
                         value, a variant or an alias",
                        self.space.get(id).name
                    ),
                );
            }
        }
        self.cut_refused_uses(&refused);
    }

    /// Where a union tagged in its parent is refused, it becomes free-form
    /// JSON, so that the code generated beside the error still compiles
    /// (the union has no `Deserialize` of its own).
    fn cut_refused_uses(&mut self, refused: &[ItemId]) {
        if refused.is_empty() {
            return;
        }
        let cut = |ty: &mut Ty| refused.iter().for_each(|id| replace_item(ty, *id));
        for item in &mut self.space.items {
            match &mut std::sync::Arc::make_mut(item).kind {
                ItemKind::Object(fields) => {
                    for field in fields {
                        let own_list = matches!(
                            field.ty.bare(),
                            Ty::List(inner) if matches!(inner.as_ref(), Ty::Item(_))
                        );
                        if !own_list && let Some(inner) = container_inner(&mut field.ty) {
                            cut(inner);
                        }
                    }
                }
                ItemKind::Union(union) => union.variants.iter_mut().for_each(|v| cut(&mut v.ty)),
                ItemKind::Alias(ty) => cut(ty),
                ItemKind::Enum(_) | ItemKind::Pattern(_) => {}
            }
        }
    }
}

/// The elements of a list or the values of a map, through `Nullable`.
fn container_inner(ty: &mut Ty) -> Option<&mut Ty> {
    match ty {
        Ty::Nullable(inner) => container_inner(inner),
        Ty::List(inner) | Ty::Map(_, inner) => Some(inner),
        _ => None,
    }
}

/// `ty` with every reference to `id` replaced by free-form JSON.
fn replace_item(ty: &mut Ty, id: ItemId) {
    match ty {
        Ty::List(inner) | Ty::Map(_, inner) | Ty::Nullable(inner) => replace_item(inner, id),
        Ty::Item(item) if *item == id => *ty = Ty::Json,
        _ => {}
    }
}

fn direct_items(ty: &Ty, out: &mut Vec<(ItemId, Option<Position>)>, at: Option<Position>) {
    let mut ids = Vec::new();
    ty.items(&mut ids);
    out.extend(ids.into_iter().map(|id| (id, at)));
}
