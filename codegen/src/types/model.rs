//! The type space of a version 2 spec: every generated type once, with its
//! Rust name decided, and the types that refer to them by id (typify's
//! `TypeSpace`). Request bodies, response bodies and examples all use it.

/// An item of the [`TypeSpace`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemId(pub usize);

/// A type as a field, a list element or a body uses it.
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    /// `String`, or `SecretString` when secret.
    String {
        secret: bool,
    },
    Integer,
    Number,
    Boolean,
    DurationSeconds,
    Url,
    Uuid,
    DateTime,
    Date,
    Bytes,
    /// Any JSON value.
    Json,
    List(Box<Ty>),
    /// Keys (`String` unless the spec says `keys:`), then values.
    Map(Box<Ty>, Box<Ty>),
    /// `null` allowed.
    Nullable(Box<Ty>),
    /// A generated object, enum or union, or a named alias.
    Item(ItemId),
}

impl Ty {
    /// The items this type refers to, through lists, maps and nullables.
    pub fn items(&self, out: &mut Vec<ItemId>) {
        match self {
            Ty::List(inner) | Ty::Nullable(inner) => inner.items(out),
            Ty::Map(keys, values) => {
                keys.items(out);
                values.items(out);
            }
            Ty::Item(id) => out.push(*id),
            _ => {}
        }
    }

    /// The type without `Nullable` wrappers.
    pub fn bare(&self) -> &Ty {
        match self {
            Ty::Nullable(inner) => inner.bare(),
            other => other,
        }
    }
}

/// A generated type.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The Rust name, PascalCase, as the spec decides it (without the
    /// prefix `#[derive(Endpoint)]` adds).
    pub name: String,
    pub doc: Option<String>,
    /// Where it is generated.
    pub origin: Origin,
    pub kind: ItemKind,
}

/// Where an item is generated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// In this spec's own output.
    Local,
    /// In the module a type file generates (`types!`); referenced, never
    /// generated again.
    Shared { module: String },
}

#[derive(Clone, Debug, PartialEq)]
pub enum ItemKind {
    Object(Vec<Field>),
    /// Known values; any other is kept.
    Enum(Enum),
    /// A string that matches a pattern (`pattern:`), whole: a newtype
    /// checked where the caller builds it.
    Pattern(String),
    Union(Union),
    /// A named type that is not an object, enum or union (`type: list`…):
    /// a type alias.
    Alias(Ty),
}

impl ItemKind {
    /// The types its definition names: its fields', variants' or alias's.
    pub fn types(&self) -> Vec<&Ty> {
        match self {
            ItemKind::Object(fields) => fields.iter().map(|field| &field.ty).collect(),
            ItemKind::Enum(_) | ItemKind::Pattern(_) => Vec::new(),
            ItemKind::Union(union) => union.variants.iter().map(|variant| &variant.ty).collect(),
            ItemKind::Alias(ty) => vec![ty],
        }
    }
}

/// An open enum: its values and how they are read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enum {
    pub values: Vec<String>,
    pub case: EnumCase,
}

/// How an enum's values are matched when read (`case:`); they are always
/// written as listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum EnumCase {
    /// `case: ascii`, the default: without regard to ASCII case
    /// (`Ready-To-Send` is `ready-to-send`).
    #[default]
    Ascii,
    /// `case: any`: without regard to case or to the separators `-`, `_`,
    /// `.` and space, so that every case style of a value is that value
    /// (`readyToSend`, `ReadyToSend`, `READY_TO_SEND`, `ready-to-send`).
    Any,
}

/// A field of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The JSON key.
    pub wire: String,
    /// Other keys it is read under (`aliases:`); written under `wire`.
    pub aliases: Vec<String>,
    /// The Rust field name (an identifier or keyword).
    pub rust: String,
    pub doc: Option<String>,
    pub ty: Ty,
    pub presence: FieldPresence,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FieldPresence {
    Required,
    /// May be absent: `Option<T>`, left out when `None`.
    Optional,
    /// Absent means this value.
    Default(serde_json::Value),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Union {
    pub tag: Option<Tag>,
    pub variants: Vec<Variant>,
}

impl Union {
    /// The variant a tag value selects: the one whose `when` lists it,
    /// else the one with the longest `when_prefix` it starts with; `None`
    /// for `Unknown`. The generated `__from_tag` decides the same way.
    pub fn select(&self, tag: &str) -> Option<&Variant> {
        self.variants
            .iter()
            .find(|v| v.when.iter().any(|w| w == tag))
            .or_else(|| {
                self.variants
                    .iter()
                    .flat_map(|v| v.when_prefix.iter().map(move |p| (p, v)))
                    .filter(|(p, _)| tag.starts_with(p.as_str()))
                    .max_by_key(|(p, _)| p.len())
                    .map(|(_, v)| v)
            })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag {
    /// The JSON key that holds the tag.
    pub key: String,
    /// The key is a sibling of the field that holds the union, not inside it.
    pub in_parent: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    /// PascalCase.
    pub name: String,
    pub doc: Option<String>,
    /// Tag values that select it.
    pub when: Vec<String>,
    /// Tag prefixes that select it (`when_prefix:`), when no `when` of any
    /// variant is the tag; the longest prefix that matches wins.
    pub when_prefix: Vec<String>,
    pub ty: Ty,
}

/// Every generated type of a spec and of the type files it uses.
///
/// Each item is shared (`Arc`): every spec of a service starts from a copy
/// of the space its type files resolve into, and a copy of the list is a
/// count per item, not a copy of each (an item changed after the copy is
/// copied then, by `Arc::make_mut`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TypeSpace {
    pub items: Vec<std::sync::Arc<Item>>,
}

impl TypeSpace {
    pub fn get(&self, id: ItemId) -> &Item {
        &self.items[id.0]
    }

    /// The ids of the items this spec generates itself.
    pub fn local(&self) -> impl Iterator<Item = (ItemId, &Item)> {
        self.items
            .iter()
            .enumerate()
            .filter(|(_, item)| item.origin == Origin::Local)
            .map(|(index, item)| (ItemId(index), &**item))
    }

    /// `ty` without `Nullable` wrappers and through named aliases: what
    /// decides how a field is read and written.
    pub fn resolved<'t>(&'t self, ty: &'t Ty) -> &'t Ty {
        let mut ty = ty;
        // Aliases cannot form cycles in a checked space; the bound keeps a
        // broken one from looping.
        for _ in 0..=self.items.len() {
            ty = match ty {
                Ty::Nullable(inner) => inner,
                Ty::Item(id) => match &self.get(*id).kind {
                    ItemKind::Alias(inner) => inner,
                    _ => return ty,
                },
                _ => return ty,
            };
        }
        ty
    }

    /// Whether a value of `ty` holds a secret anywhere (no `PartialEq` then:
    /// `SecretString` has none).
    pub fn has_secret(&self, ty: &Ty) -> bool {
        self.has_secret_within(ty, &mut Vec::new())
    }

    fn has_secret_within(&self, ty: &Ty, seen: &mut Vec<ItemId>) -> bool {
        match ty {
            Ty::String { secret } => *secret,
            Ty::List(inner) | Ty::Map(_, inner) | Ty::Nullable(inner) => {
                self.has_secret_within(inner, seen)
            }
            Ty::Item(id) => {
                if seen.contains(id) {
                    return false;
                }
                seen.push(*id);
                match &self.get(*id).kind {
                    ItemKind::Object(fields) => fields
                        .iter()
                        .any(|field| self.has_secret_within(&field.ty, seen)),
                    ItemKind::Enum(_) | ItemKind::Pattern(_) => false,
                    ItemKind::Union(union) => union
                        .variants
                        .iter()
                        .any(|variant| self.has_secret_within(&variant.ty, seen)),
                    ItemKind::Alias(inner) => self.has_secret_within(inner, seen),
                }
            }
            _ => false,
        }
    }

    /// The fields of every object type.
    pub fn object_fields(&self) -> impl Iterator<Item = &Field> {
        self.items
            .iter()
            .filter_map(|item| match &item.kind {
                ItemKind::Object(fields) => Some(fields),
                _ => None,
            })
            .flatten()
    }

    /// The JSON keys of secret fields anywhere, for decode errors that must
    /// not show their values.
    pub fn secret_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self
            .object_fields()
            .filter(|field| self.has_secret(&field.ty))
            .map(|field| field.wire.clone())
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }
}
