//! Spec version 2's recursive types, from the YAML to the generated Rust,
//! in one place:
//!
//! 1. [`source`]: type nodes as written, read from the positioned YAML tree;
//! 2. [`resolve`]: references, Rust names and rules across nodes, into the
//!    [`model::TypeSpace`];
//! 3. [`fit`]: documented JSON bodies checked against a type;
//! 4. [`expand`](mod@expand): structs and enums with serde derives.

mod checked;
pub mod expand;
pub mod fit;
pub mod model;
pub mod resolve;
pub mod source;

pub use self::checked::{CheckedTypes, SharedTypes};
use crate::diagnostic::{Collector, Diagnostics};
use crate::spec::TypesFile;

/// Checks a type file: its version, its module name and every type, as if
/// it were a spec's `types:` that uses `shared` (the type files it uses,
/// each after the files it uses in turn; those of `direct` it names itself).
pub fn check_file(
    file: &str,
    parsed: TypesFile,
    shared: &[SharedTypes],
    direct: &[String],
) -> (CheckedTypes, Result<(), Diagnostics>) {
    #[cfg(test)]
    CHECKED_FILES.with(|checked| checked.borrow_mut().push(file.to_owned()));
    let mut cx = Collector::new(file);
    if parsed.spec != 2 {
        cx.error(
            None,
            format!(
                "a type file needs `spec: 2`, but this one says `spec: {}`",
                parsed.spec
            ),
        );
    }
    let module = &parsed.module;
    let snake = heck::ToSnakeCase::to_snake_case(module.value.as_str());
    if snake != module.value || crate::ident::check(&module.value).is_some() {
        cx.error(
            module.at,
            format!(
                "module `{}` must be a snake_case Rust identifier (the module `types!` generates)",
                module.value
            ),
        );
    }
    if shared.iter().any(|used| used.module == module.value) {
        cx.error(
            module.at,
            format!(
                "module `{}` is the module of a type file this one uses; the generated modules \
                 would clash",
                module.value
            ),
        );
    }
    let mut resolver = resolve::Resolver::with_shared(&mut cx, shared);
    resolver.add_named(&parsed.types);
    let space = resolver.finish(&[]);
    let checked = CheckedTypes {
        module: parsed.module.value.clone(),
        space,
        nodes: parsed.types.into(),
        uses: direct.to_vec(),
        used_files: Vec::new(),
    };
    (checked, cx.finish())
}

#[cfg(test)]
thread_local! {
    /// The type files [`check_file`] checked in this thread, by name, in
    /// order: what the tests count work by.
    pub(crate) static CHECKED_FILES: std::cell::RefCell<Vec<String>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_keys;
#[cfg(test)]
mod tests_unions;
