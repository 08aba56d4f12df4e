//! A service file: several endpoint specs and type files as one API with one
//! client (`kontur_extern::api!`), its endpoints grouped as a user thinks
//! of them (`api.accounts().get(…)`).
//!
//! ```yaml
//! spec: 2
//! service:
//!   name: ExternApi
//!   doc: The Kontur.Extern API.
//! types: [types.yaml]
//! groups:
//!   - name: accounts
//!     endpoints:
//!       - { method: get, spec: get-account.yaml }
//! ```

use std::path::{Path, PathBuf};

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diagnostic::{Collector, Diagnostic, Diagnostics};
use crate::expand::{
    Naming, Options, bearer_client, doc_lines, expand, expand_types, pages_method,
};
use crate::ident::ident;
use crate::model::{Auth, Endpoint};
use crate::spec::{position_of, yaml_error, yaml_options};
use crate::types::CheckedTypes;
use crate::types::expand::TypeNaming;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ServiceFile {
    spec: Spanned<i64>,
    service: ServiceSpec,
    #[serde(default)]
    types: Vec<Spanned<String>>,
    groups: Vec<GroupSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ServiceSpec {
    name: Spanned<String>,
    #[serde(default)]
    doc: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupSpec {
    name: Spanned<String>,
    #[serde(default)]
    doc: Option<String>,
    endpoints: Vec<EntrySpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntrySpec {
    method: Spanned<String>,
    spec: Spanned<String>,
}

/// A checked service: its type files and its endpoints, grouped.
#[derive(Debug)]
pub struct Service {
    /// The client type's name, PascalCase.
    pub name: String,
    pub doc: Option<String>,
    pub types: Vec<(CheckedTypes, PathBuf)>,
    pub groups: Vec<Group>,
    /// Every file read, for the rebuild of the crate that uses it.
    pub files: Vec<PathBuf>,
}

/// A group of endpoints: `api.accounts()`.
#[derive(Debug)]
pub struct Group {
    /// `snake_case`.
    pub name: String,
    pub doc: Option<String>,
    /// `(method, endpoint)`, the method `snake_case`.
    pub endpoints: Vec<(String, Endpoint)>,
}

/// Reads a service file and every spec and type file it names, relative to
/// it, with the checks of `endpoint!` and `types!`; every problem of every
/// file at once.
pub fn load_service(path: &Path, file: &str) -> Result<Service, Diagnostics> {
    let one = |message: String| {
        Diagnostics::from(vec![Diagnostic {
            file: file.to_owned(),
            position: None,
            message,
        }])
    };
    let text = match std::fs::metadata(path) {
        Ok(meta) if meta.len() > crate::spec::MAX_SPEC_BYTES as u64 => {
            return Err(one(crate::spec::too_large(Some(meta.len()))));
        }
        _ => std::fs::read_to_string(path)
            .map_err(|error| one(format!("cannot read the service file ({error})")))?,
    };
    let raw: ServiceFile = serde_saphyr::from_str_with_options(&text, yaml_options())
        .map_err(|error| Diagnostics::from(vec![yaml_error(file, &error)]))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut cx = Collector::new(file);
    let mut found: Vec<Diagnostic> = Vec::new();
    if raw.spec.value != 2 {
        cx.error(
            position_of(&raw.spec),
            "a service file needs `spec: 2`".to_owned(),
        );
    }
    let name = raw.service.name.value.clone();
    if name.to_upper_camel_case() != name || crate::ident::check(&name).is_some() {
        cx.error(
            position_of(&raw.service.name),
            format!("service name `{name}` must be a PascalCase Rust identifier"),
        );
    }
    let mut files = vec![path.to_owned()];
    let mut types = Vec::new();
    // Type files by where they are, and every module name: each once.
    let same_file = |path: &Path| std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let mut type_files: Vec<PathBuf> = Vec::new();
    let mut module_names: Vec<String> = Vec::new();
    for used in &raw.types {
        let at = dir.join(&used.value);
        if type_files.contains(&same_file(&at)) {
            cx.error(
                position_of(used),
                format!("type file `{}` is listed twice; once is enough", used.value),
            );
            continue;
        }
        type_files.push(same_file(&at));
        let shown = Path::new(file).parent().map_or_else(
            || used.value.clone(),
            |p| p.join(&used.value).display().to_string(),
        );
        files.push(at.clone());
        match crate::load_types_file(&at, &shown) {
            Ok(checked) => {
                if module_names.contains(&checked.module) {
                    cx.error(
                        position_of(used),
                        format!(
                            "type file `{}` has the module name `{}` of another; the generated modules would clash",
                            used.value, checked.module
                        ),
                    );
                }
                module_names.push(checked.module.clone());
                types.push((checked, at));
            }
            Err(problems) => found.extend(problems),
        }
    }
    let mut groups = Vec::new();
    let mut group_names: Vec<String> = Vec::new();
    let mut modules: Vec<String> = Vec::new();
    for group in &raw.groups {
        let group_name = group.name.value.clone();
        if group_name.to_snake_case() != group_name || crate::ident::check(&group_name).is_some() {
            cx.error(
                position_of(&group.name),
                format!("group name `{group_name}` must be a snake_case Rust identifier"),
            );
            continue;
        }
        if group_names.contains(&group_name) || matches!(group_name.as_str(), "new" | "inner") {
            cx.error(
                position_of(&group.name),
                format!("group `{group_name}` is named twice, or like a method of the client"),
            );
            continue;
        }
        group_names.push(group_name.clone());
        let mut endpoints: Vec<(String, Endpoint)> = Vec::new();
        for entry in &group.endpoints {
            let method = entry.method.value.clone();
            if method.to_snake_case() != method || crate::ident::check(&method).is_some() {
                cx.error(
                    position_of(&entry.method),
                    format!("method name `{method}` must be a snake_case Rust identifier"),
                );
                continue;
            }
            if endpoints.iter().any(|(known, _)| *known == method) {
                cx.error(
                    position_of(&entry.method),
                    format!("group `{group_name}` has two methods `{method}`"),
                );
                continue;
            }
            let at = dir.join(&entry.spec.value);
            let shown = Path::new(file).parent().map_or_else(
                || entry.spec.value.clone(),
                |p| p.join(&entry.spec.value).display().to_string(),
            );
            files.push(at.clone());
            let loaded = crate::load_file(&at, &shown);
            // The types a spec uses come from the service's own modules.
            for used in &loaded.used_files {
                if !type_files.contains(&same_file(used)) {
                    cx.error(
                        position_of(&entry.spec),
                        format!(
                            "`{}` uses the type file `{}`, which the service's `types:` does not list; add it there",
                            entry.spec.value,
                            used.file_name().map_or_else(
                                || used.display().to_string(),
                                |name| name.to_string_lossy().into_owned()
                            )
                        ),
                    );
                }
            }
            files.extend(loaded.used_files);
            match (loaded.problems, loaded.endpoint) {
                (Ok(()), Some(endpoint)) => {
                    if modules.contains(&endpoint.name) {
                        cx.error(
                            position_of(&entry.spec),
                            format!(
                                "endpoint `{}` is in the service twice; each spec once",
                                endpoint.name
                            ),
                        );
                        continue;
                    }
                    if module_names.contains(&endpoint.name) {
                        cx.error(
                            position_of(&entry.spec),
                            format!(
                                "endpoint `{}` has the name of a type file's module; the generated modules would clash",
                                endpoint.name
                            ),
                        );
                        continue;
                    }
                    // A paging endpoint's stream is a method too.
                    let items = format!("{method}_items");
                    let clash = endpoints.iter().find(|(known, other)| {
                        (other.paging.is_some() && format!("{known}_items") == method)
                            || (endpoint.paging.is_some() && *known == items)
                    });
                    if let Some((known, _)) = clash {
                        cx.error(
                            position_of(&entry.method),
                            format!(
                                "method `{method}` clashes with `{known}` in group `{group_name}`: a paging endpoint's method `x` also makes `x_items`"
                            ),
                        );
                        continue;
                    }
                    modules.push(endpoint.name.clone());
                    endpoints.push((method, endpoint));
                }
                (Err(problems), _) => found.extend(problems),
                (Ok(()), None) => {}
            }
        }
        groups.push(Group {
            name: group_name,
            doc: group.doc.clone(),
            endpoints,
        });
    }
    if let Err(problems) = cx.finish() {
        found.extend(problems);
    }
    if !found.is_empty() {
        return Err(Diagnostics::from(found));
    }
    files.sort();
    files.dedup();
    Ok(Service {
        name,
        doc: raw.service.doc,
        types,
        groups,
        files,
    })
}

/// The modules of the type files and of every endpoint, and the service's
/// client: one struct, a method per group, a method per endpoint.
pub fn expand_service(service: &Service) -> TokenStream {
    let rebuild = service
        .files
        .iter()
        .filter_map(|file| file.to_str())
        .map(|file| {
            quote! { const _: &str = ::core::include_str!(#file); }
        });
    let types = service
        .types
        .iter()
        .map(|(checked, _)| expand_types(checked, None));
    let options = Options {
        naming: Naming::Module,
        rebuild_path: None,
    };
    let modules = service
        .groups
        .iter()
        .flat_map(|group| &group.endpoints)
        .map(|(_, endpoint)| expand(endpoint, &options));

    let api = format_ident!("{}", service.name);
    let api_doc = doc_lines(service.doc.as_deref().unwrap_or(&format!(
        "The `{}` API: its endpoints, grouped, over one client and one token source.",
        service.name
    )));
    let group_types: Vec<_> = service
        .groups
        .iter()
        .map(|group| format_ident!("{}{}", service.name, group.name.to_upper_camel_case()))
        .collect();
    let group_accessors = service.groups.iter().zip(&group_types).map(|(group, ty)| {
        let method = ident(&group.name);
        let doc = doc_lines(
            group
                .doc
                .as_deref()
                .unwrap_or(&format!("The `{}` endpoints.", group.name)),
        );
        quote! {
            #doc
            pub fn #method(&self) -> #ty<'_> {
                #ty { api: self }
            }
        }
    });
    let group_impls = service.groups.iter().zip(&group_types).map(|(group, ty)| {
        let methods = group.endpoints.iter().map(|(method, endpoint)| {
            let method = ident(method);
            let module = ident(&endpoint.name);
            let marker = format_ident!("{}", endpoint.name.to_upper_camel_case());
            let doc = doc_lines(&format!(
                "{}\n\n`{} {}`; the types are in the module `{}`.",
                endpoint.summary,
                endpoint.method.as_str(),
                endpoint.path,
                endpoint.name
            ));
            let send = match endpoint.auth {
                Auth::Bearer => quote! {
                    self.api.inner.send_with::<#module::#marker>(&*self.api.tokens, request).await
                },
                Auth::None => quote!(self.api.inner.send::<#module::#marker>(request).await),
            };
            // A paging endpoint's items as one stream, named from the
            // service's scope: the endpoint's own types through its module.
            let pages = endpoint.paging.as_ref().map(|paging| {
                let naming = TypeNaming {
                    prefix: String::new(),
                    shared: quote!(),
                    vis: quote!(pub),
                    local: quote!(#module::),
                };
                pages_method(
                    endpoint,
                    paging,
                    &method,
                    &quote!(#module::Request),
                    &naming,
                    true,
                )
            });
            quote! {
                #doc
                pub async fn #method(
                    &self,
                    request: &#module::Request,
                ) -> ::core::result::Result<
                    ::kontur_extern::Reply<<#module::#marker as ::kontur_extern::Endpoint>::Response>,
                    ::kontur_extern::Error,
                > {
                    #send
                }

                #pages
            }
        });
        let doc = doc_lines(&format!(
            "The `{}` endpoints of [`{}`]; from its method `{}`.",
            group.name, service.name, group.name
        ));
        quote! {
            #doc
            #[derive(Clone, Copy)]
            pub struct #ty<'a> {
                api: &'a #api,
            }

            impl<'a> #ty<'a> {
                #( #methods )*
            }
        }
    });
    let new_doc = quote! {
        /// A client for every endpoint, through `inner` (its base URL
        /// is the API's), with bearer tokens from `tokens` (a
        /// `TokenProvider`, or a fixed `SecretString`) for the
        /// endpoints that need one.
    };
    let client = bearer_client(
        &api_doc,
        &quote!(pub),
        &api,
        &new_doc,
        quote!( #( #group_accessors )* ),
    );
    quote! {
        #( #rebuild )*
        #( #types )*
        #( #modules )*

        #client

        #( #group_impls )*
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The problems of a service file over the shipped specs, written to a
    /// directory of its own.
    fn problems(name: &str, groups_and_types: &str) -> String {
        let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/extern");
        let dir = std::env::temp_dir().join(format!(
            "kontur-extern-service-{}-{name}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).expect("a directory");
        let text = format!(
            "spec: 2\nservice:\n  name: Api\n{}",
            groups_and_types.replace("SPECS", &specs.display().to_string())
        );
        let path = dir.join("api.yaml");
        std::fs::write(&path, text).expect("written");
        let found = load_service(&path, "api.yaml").map(|_| ()).unwrap_err();
        let _ = std::fs::remove_dir_all(&dir);
        found.to_string()
    }

    #[test]
    fn a_spec_s_type_files_must_be_the_service_s() {
        let found = problems(
            "unlisted",
            "groups:\n  - name: docflows\n    endpoints:\n      - { method: get, spec: SPECS/get-docflow.yaml }\n",
        );
        assert!(
            found.contains(
                "uses the type file `types.yaml`, which the service's `types:` does not list"
            ),
            "{found}"
        );
    }

    #[test]
    fn a_type_file_is_listed_once() {
        let found = problems(
            "twice",
            "types: [SPECS/types.yaml, SPECS/../extern/types.yaml]\ngroups: []\n",
        );
        assert!(found.contains("is listed twice; once is enough"), "{found}");
    }

    #[test]
    fn a_method_cannot_take_the_name_of_a_paging_stream() {
        let found = problems(
            "paging",
            "types: [SPECS/types.yaml]\ngroups:\n  - name: docflows\n    endpoints:\n      - { method: search, spec: SPECS/docflow-page.yaml }\n      - { method: search_items, spec: SPECS/get-docflow.yaml }\n",
        );
        assert!(
            found.contains("method `search_items` clashes with `search` in group `docflows`"),
            "{found}"
        );
    }
}
