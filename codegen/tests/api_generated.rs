//! `kontur-extern-api`'s code is what the generator writes for the shipped
//! specs (`spec/extern/api.yaml` with its groups, and the identity server's
//! two token endpoints), cut into crates (`support/api_code.rs` writes
//! them): the client in `api/src/generated/extern_api.rs`, and under
//! `api/parts/` a crate of the type files' modules and a crate per
//! top-level group, each its manifest and its code. The crates compile
//! those files as they are: their build runs no generator, needs none of
//! the generator's dependencies, and a spec edit reaches the code only
//! through this test. The test is the generator's, not the API crate's, so
//! that it runs, and writes the files again, when the committed code no
//! longer compiles (after a change of the runtime it names).
//!
//! After an edit of a spec or of the generator:
//!
//! ```text
//! UPDATE_GENERATED=1 cargo test -p kontur-extern-codegen --test api_generated
//! ```
//!
//! writes the files that changed again, and no other (so that cargo
//! rebuilds only the crates whose code changed); review their diff as the
//! change's claim.

use std::path::Path;

#[path = "support/api_code.rs"]
mod api_code;

#[test]
fn the_committed_code_is_what_the_specs_generate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let update = std::env::var_os("UPDATE_GENERATED").is_some_and(|value| value == "1");
    let files = api_code::generate(&root);
    let mut stale = Vec::new();
    for file in &files {
        let path = root.join(&file.path);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed == file.text {
            continue;
        }
        if update {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .unwrap_or_else(|error| panic!("cannot make {}: {error}", dir.display()));
            }
            std::fs::write(&path, &file.text)
                .unwrap_or_else(|error| panic!("cannot write {}: {error}", path.display()));
            continue;
        }
        stale.push(first_difference(&file.path, &committed, &file.text));
    }
    // A part no group has any more: its directory would stay a crate.
    let parts = root.join(api_code::PARTS);
    let mut unknown: Vec<String> = std::fs::read_dir(&parts)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", parts.display()))
        .map(|entry| entry.expect("a directory entry").file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .filter(|name| {
            let dir = Path::new(api_code::PARTS).join(name);
            !files.iter().any(|file| file.path.starts_with(&dir))
        })
        .collect();
    unknown.sort();
    assert!(
        unknown.is_empty(),
        "{} holds crates the specs do not generate: {unknown:?}; remove them",
        api_code::PARTS
    );
    assert!(
        stale.is_empty(),
        "kontur-extern-api's code is not what the specs generate now:\n{}\n\
         If the change is meant, write the files again and review their diff:\n  \
         UPDATE_GENERATED=1 cargo test -p kontur-extern-codegen --test api_generated",
        stale.join("\n")
    );
}

/// Where `committed` and `generated` first differ, for the file `path`.
fn first_difference(path: &Path, committed: &str, generated: &str) -> String {
    // Past the end of one side, "(the end)".
    let end = std::iter::repeat("(the end)");
    let (line, (was, now)) = committed
        .lines()
        .chain(end.clone())
        .zip(generated.lines().chain(end))
        .enumerate()
        .find(|(_, (was, now))| was != now)
        .unwrap_or((
            generated.lines().count(),
            ("(the same lines)", "(another newline at the end)"),
        ));
    format!(
        "{}, first at line {}:\n  committed: {was}\n  generated: {now}",
        path.display(),
        line + 1
    )
}

/// `kontur-extern-api`'s manifest asks for each group's crate with the
/// group's feature, on by default, and for the types' crate always, and
/// has no group feature besides: the manifest is written by hand, the
/// parts by the generator, and a group added to the specs would otherwise
/// ship without its switch.
#[test]
fn the_client_has_a_feature_per_group_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let manifest = std::fs::read_to_string(root.join("api/Cargo.toml")).expect("api/Cargo.toml");
    let version = env!("CARGO_PKG_VERSION");
    let groups = api_code::groups(&root);
    assert!(groups.len() >= 10, "{groups:?}");
    let mut wanted = vec![format!(
        "{} = {{ path = \"parts/types\", version = \"={version}\" }}",
        api_code::package("types")
    )];
    for group in &groups {
        let package = api_code::package(group);
        let dir = group.replace('_', "-");
        wanted.push(format!("{group} = [\"dep:{package}\"]"));
        wanted.push(format!(
            "{package} = {{ path = \"parts/{dir}\", version = \"={version}\", optional = true }}"
        ));
    }
    let default = manifest
        .lines()
        .find_map(|line| line.strip_prefix("default = ["))
        .expect("a default feature");
    let missing: Vec<&String> = wanted
        .iter()
        .filter(|line| !manifest.lines().any(|have| have == line.as_str()))
        .chain(
            groups
                .iter()
                .filter(|group| !default.contains(&format!("\"{group}\""))),
        )
        .collect();
    assert!(
        missing.is_empty(),
        "api/Cargo.toml lacks these lines (or default features): {missing:#?}"
    );
    // And no feature besides the groups, in the specs' order, and the
    // crate's own (`default`, `replay`, the TLS choices).
    let section = manifest
        .split("\n[features]\n")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .expect("a [features] section");
    let features: Vec<&str> = section
        .lines()
        .filter(|line| !line.starts_with('#') && line.contains(" = ["))
        .filter_map(|line| line.split(" = ").next())
        .filter(|name| !["default", "replay", "rustls", "native-tls"].contains(name))
        .collect();
    assert_eq!(
        features, groups,
        "api/Cargo.toml: group features without a group, or out of order"
    );
}

/// Every function of the API crates that is not generic is `#[inline]`
/// (`codegen/src/on_use.rs`): rustc then compiles it only in a crate that
/// calls it, as it does a generic one, and the API crates do not compile
/// the hundreds of accessors, constructors and impls that a program which
/// calls a few endpoints never reaches. The committed files are the
/// generator's output (the test above), so this is a claim about the
/// generator.
#[test]
fn every_function_that_is_not_generic_is_compiled_only_where_it_is_called() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut walk = Eager::default();
    for file in api_code::committed_code(&root) {
        let path = root.join(&file);
        let code = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
        let parsed = syn::parse_file(&code)
            .unwrap_or_else(|error| panic!("{} does not parse: {error}", path.display()));
        walk.items(&parsed.items, "");
    }
    let Eager { checked, unmarked } = walk;
    // The files have well over a thousand functions that are not generic; a
    // walk that found none would prove nothing.
    assert!(
        checked > 1000,
        "only {checked} functions that are not generic were found"
    );
    assert!(
        unmarked.is_empty(),
        "{} of {checked} functions that are not generic are compiled by the API crate \
         whether called or not (no `#[inline]`; the generator's `on_use`):\n  {}",
        unmarked.len(),
        unmarked.join("\n  ")
    );
}

/// The functions of the code walked so far: how many have no type or
/// const parameters and no `impl Trait` argument (in an impl that has
/// none either), and the names of those among them without `#[inline]`.
#[derive(Default)]
struct Eager {
    checked: usize,
    unmarked: Vec<String>,
}

impl Eager {
    /// Walks `items`, in modules, impls, function bodies and `const _`
    /// blocks; `path` is where they are, for the names.
    fn items<'a>(&mut self, items: impl IntoIterator<Item = &'a syn::Item>, path: &str) {
        use quote::ToTokens;
        for item in items {
            match item {
                syn::Item::Fn(function) => {
                    let name = format!("{path}{}", function.sig.ident);
                    self.function(&function.attrs, &function.sig, &function.block, name, true);
                }
                syn::Item::Impl(block) => {
                    let self_ty = block.self_ty.to_token_stream().to_string().replace(' ', "");
                    let generic_impl = has_type_params(&block.generics);
                    for member in &block.items {
                        if let syn::ImplItem::Fn(method) = member {
                            let name = format!("{path}{self_ty}::{}", method.sig.ident);
                            self.function(
                                &method.attrs,
                                &method.sig,
                                &method.block,
                                name,
                                !generic_impl,
                            );
                        }
                    }
                }
                syn::Item::Mod(module) => {
                    if let Some((_, content)) = &module.content {
                        self.items(content, &format!("{path}{}::", module.ident));
                    }
                }
                syn::Item::Const(constant) => {
                    if let syn::Expr::Block(block) = &*constant.expr {
                        self.block(&block.block, &format!("{path}const::"));
                    }
                }
                _ => {}
            }
        }
    }

    /// Counts the function `name` when its impl (`in_plain_impl`) and its
    /// signature are not generic, notes it when it has no `#[inline]`, and
    /// walks its body.
    fn function(
        &mut self,
        attrs: &[syn::Attribute],
        sig: &syn::Signature,
        body: &syn::Block,
        name: String,
        in_plain_impl: bool,
    ) {
        let generic = has_type_params(&sig.generics)
            || sig.inputs.iter().any(|input| {
                matches!(input, syn::FnArg::Typed(typed) if matches!(*typed.ty, syn::Type::ImplTrait(_)))
            });
        if in_plain_impl && !generic {
            self.checked += 1;
            if !attrs.iter().any(|attr| attr.path().is_ident("inline")) {
                self.unmarked.push(name.clone());
            }
        }
        self.block(body, &format!("{name}::"));
    }

    /// Walks the items declared in `block`.
    fn block(&mut self, block: &syn::Block, path: &str) {
        let items = block.stmts.iter().filter_map(|stmt| match stmt {
            syn::Stmt::Item(item) => Some(item),
            _ => None,
        });
        self.items(items, path);
    }
}

/// Whether `generics` has a type or const parameter (lifetimes alone leave
/// a function compiled where it is defined).
fn has_type_params(generics: &syn::Generics) -> bool {
    generics
        .params
        .iter()
        .any(|param| !matches!(param, syn::GenericParam::Lifetime(_)))
}
