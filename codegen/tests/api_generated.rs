//! `api/src/generated/extern_api.rs`, the code of `kontur-extern-api`, is
//! what the generator writes for the shipped specs (`spec/extern/api.yaml`
//! with its groups, and the identity server's two token endpoints), each
//! group's items behind its feature (`support/api_code.rs` writes it).
//! The crate compiles that file as it is: its build runs no generator,
//! needs none of the generator's dependencies, and a spec edit reaches the
//! code only through this test. The test is the generator's, not the API
//! crate's, so that it runs, and writes the file again, when the committed
//! code no longer compiles (after a change of the runtime it names).
//!
//! After an edit of a spec or of the generator:
//!
//! ```text
//! UPDATE_GENERATED=1 cargo test -p kontur-extern-codegen --test api_generated
//! ```
//!
//! writes the file again; review its diff as the change's claim.

use std::path::Path;

#[path = "support/api_code.rs"]
mod api_code;

#[test]
fn the_committed_code_is_what_the_specs_generate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let path = root.join("api/src/generated/extern_api.rs");
    let code = api_code::generate(&root);
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed == code {
        return;
    }
    if std::env::var_os("UPDATE_GENERATED").is_some_and(|value| value == "1") {
        std::fs::write(&path, &code)
            .unwrap_or_else(|error| panic!("cannot write {}: {error}", path.display()));
        return;
    }
    // The first line that differs; past the end of one side, "(the end)".
    let end = std::iter::repeat("(the end)");
    let (line, (was, now)) = committed
        .lines()
        .chain(end.clone())
        .zip(code.lines().chain(end))
        .enumerate()
        .find(|(_, (was, now))| was != now)
        .unwrap_or((
            code.lines().count(),
            ("(the same lines)", "(another newline at the end)"),
        ));
    panic!(
        "api/src/generated/extern_api.rs is not what the specs generate now; first at line {}:\n  \
         committed: {was}\n  generated: {now}\n\
         If the change is meant, write the file again and review its diff:\n  \
         UPDATE_GENERATED=1 cargo test -p kontur-extern-codegen --test api_generated",
        line + 1
    );
}

/// Every function of the API crate that is not generic is `#[inline]`
/// (`codegen/src/on_use.rs`): rustc then compiles it only in a crate that
/// calls it, as it does a generic one, and the API crate does not compile
/// the hundreds of accessors, constructors and impls that a program which
/// calls a few endpoints never reaches. The committed file is the
/// generator's output (the test above), so this is a claim about the
/// generator.
#[test]
fn every_function_that_is_not_generic_is_compiled_only_where_it_is_called() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let path = root.join("api/src/generated/extern_api.rs");
    let code = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    let file = syn::parse_file(&code).expect("the committed code parses");
    let mut walk = Eager::default();
    walk.items(&file.items, "");
    let Eager { checked, unmarked } = walk;
    // The file has well over a thousand functions that are not generic; a
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
