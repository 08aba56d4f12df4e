//! `kontur-extern schema`: the JSON Schema of the spec format for editors,
//! with each key's description taken from the reference tables of
//! `spec/README.md`, the text people read, so that the two cannot drift.

use std::collections::HashMap;

/// The reference in `spec/README.md` (shipped with this crate as `spec/`).
const REFERENCE: &str = include_str!("../spec/README.md");

/// The JSON Schema, pretty-printed.
pub fn text() -> String {
    let descriptions = Descriptions::parse(REFERENCE);
    let schema = kontur_extern_codegen::json_schema(&|section, key| descriptions.get(section, key));
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The rows of the reference tables, by section and key.
struct Descriptions {
    /// section → key → description.
    rows: HashMap<String, HashMap<String, String>>,
}

impl Descriptions {
    /// Reads every table under a `### Top level` or ``### `section` ``
    /// heading whose first column is `key`.
    fn parse(markdown: &str) -> Self {
        let mut rows: HashMap<String, HashMap<String, String>> = HashMap::new();
        let mut section: Option<String> = None;
        let mut in_key_table = false;
        for line in markdown.lines() {
            if let Some(heading) = line.strip_prefix("### ") {
                section = match heading.trim() {
                    "Top level" => Some(String::new()),
                    other => other
                        .strip_prefix('`')
                        .and_then(|rest| rest.strip_suffix('`'))
                        .map(str::to_owned),
                };
                in_key_table = false;
                continue;
            }
            if !line.starts_with('|') {
                in_key_table = false;
                continue;
            }
            let cells: Vec<&str> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            if cells.first() == Some(&"key") {
                in_key_table = cells.len() == 5;
                continue;
            }
            let (Some(section), true, [key, required, _, default, meaning]) =
                (&section, in_key_table, cells.as_slice())
            else {
                continue;
            };
            if key.starts_with("---") {
                continue;
            }
            let mut text = (*meaning).to_owned();
            if *required == "no" && !default.is_empty() && *default != "none" {
                text.push_str(&format!(" Default: {default}."));
            }
            rows.entry(section.clone())
                .or_default()
                .insert(key.trim_matches('`').to_owned(), text);
        }
        Descriptions { rows }
    }

    /// A key's description; the keys of a small mapping may be described in
    /// its parent's table instead, as `request.headers` in `examples[]`.
    fn get(&self, section: &str, key: &str) -> Option<String> {
        if let Some(text) = self.rows.get(section).and_then(|rows| rows.get(key)) {
            return Some(text.clone());
        }
        let (parent, last) = section.rsplit_once('.')?;
        self.rows
            .get(parent)
            .and_then(|rows| rows.get(&format!("{last}.{key}")))
            .cloned()
    }

    /// Every `(section, key)` that has a row.
    #[cfg(test)]
    fn described(&self) -> Vec<(String, String)> {
        self.rows
            .iter()
            .flat_map(|(section, rows)| rows.keys().map(|key| (section.clone(), key.clone())))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml_to_json(text: &str) -> serde_json::Value {
        serde_saphyr::from_str(text).expect("YAML")
    }

    fn validator() -> jsonschema::Validator {
        let schema: serde_json::Value = serde_json::from_str(&text()).expect("JSON");
        jsonschema::validator_for(&schema).expect("a valid JSON Schema")
    }

    #[test]
    fn every_key_has_a_reference_row_and_every_row_a_key() {
        let descriptions = Descriptions::parse(REFERENCE);
        let keys = kontur_extern_codegen::spec_keys();
        let missing: Vec<_> = keys
            .iter()
            .filter(|(section, key)| descriptions.get(section, key).is_none())
            .collect();
        assert!(
            missing.is_empty(),
            "keys without a row in spec/README.md: {missing:?}"
        );
        let unknown: Vec<_> = descriptions
            .described()
            .into_iter()
            .filter(|(section, key)| {
                !keys.iter().any(|(s, k)| {
                    (s == section && k == key)
                        || s.rsplit_once('.').is_some_and(|(parent, last)| {
                            parent == section && format!("{last}.{k}") == *key
                        })
                })
            })
            .collect();
        assert!(
            unknown.is_empty(),
            "rows for keys the format lacks: {unknown:?}"
        );
        assert!(keys.len() > 40, "{keys:?}");
    }

    #[test]
    fn descriptions_are_the_reference_text() {
        let schema: serde_json::Value = serde_json::from_str(&text()).expect("JSON");
        let spec = &schema["$defs"]["endpoint-spec"];
        let secret = &spec["properties"]["request"]["properties"]["params"]["items"]["properties"]
            ["secret"]["description"];
        assert_eq!(
            secret.as_str().map(|text| text.split(". ").next()),
            Some(Some("Only for `type: string`"))
        );
        let example_headers = &spec["properties"]["examples"]["items"]["properties"]["request"]["properties"]
            ["headers"]["description"];
        assert!(
            example_headers
                .as_str()
                .is_some_and(|text| text.starts_with("The documented request headers")),
            "{example_headers}"
        );
    }

    #[test]
    fn the_committed_schema_file_is_current() {
        let committed = include_str!("../spec/kontur-extern.schema.json");
        assert!(
            committed == text(),
            "spec/kontur-extern.schema.json is stale; regenerate it with \
             `cargo run -p kontur-extern-cli -- schema > spec/kontur-extern.schema.json`"
        );
    }

    /// Every shipped file, of all three kinds: endpoint specs, the type
    /// file and the service file of `spec/extern/`.
    #[test]
    fn shipped_specs_validate() {
        let validator = validator();
        let mut seen = 0;
        let entries = std::fs::read_dir("spec")
            .expect("spec/")
            .chain(std::fs::read_dir("spec/extern").expect("spec/extern/"));
        for entry in entries {
            let path = entry.expect("entry").path();
            if path.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            let spec = yaml_to_json(&std::fs::read_to_string(&path).expect("readable"));
            let errors: Vec<String> = validator
                .iter_errors(&spec)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
            seen += 1;
        }
        assert!(seen >= 20, "{seen} specs");
    }

    /// A type file and a service file with a key of the other kind, or none
    /// of their own, are refused, each by its own schema.
    #[test]
    fn type_and_service_files_are_checked_by_their_own_schemas() {
        let validator = validator();
        let types = std::fs::read_to_string("spec/extern/types.yaml").expect("readable");
        let service = std::fs::read_to_string("spec/extern/api.yaml").expect("readable");
        let refused = |what: &str, text: &str, wanted: &str| {
            let errors: Vec<String> = validator
                .iter_errors(&yaml_to_json(text))
                .map(|e| e.to_string())
                .collect();
            assert!(
                errors.iter().any(|e| e.contains(wanted)),
                "{what}: {errors:?}"
            );
        };
        refused(
            "a type file with groups",
            &format!("{types}\ngroups: []\n"),
            "'groups' was unexpected",
        );
        refused(
            "a service file with a group key it lacks",
            &service.replacen(
                "  - name: accounts\n",
                "  - name: accounts\n    bound: [x]\n",
                1,
            ),
            "'bound' was unexpected",
        );
        refused(
            "a service entry without its spec",
            &service.replacen("spec: list-accounts.yaml", "file: list-accounts.yaml", 1),
            "\"spec\" is a required property",
        );
        refused(
            "an endpoint spec with a module",
            "spec: 2\nendpoint: {}\nmodule: x\ntypes: {}\n",
            "'endpoint' was unexpected",
        );
    }

    /// Each structural mistake is refused by the schema and by the checker
    /// alike: the editor's red squiggle and the compile error agree.
    #[test]
    fn structural_mistakes_are_refused_by_the_schema_and_the_checker() {
        let validator = validator();
        let good = std::fs::read_to_string("spec/password-token.yaml").expect("readable");
        let mistakes: Vec<(&str, String)> = vec![
            ("an unknown top-level key", format!("{good}\nextras: 1\n")),
            (
                "a missing required key",
                good.replacen("  method: POST\n", "", 1),
            ),
            (
                "a boolean as text",
                good.replacen("      secret: true\n", "      secret: \"yes\"\n", 1),
            ),
            (
                "an unknown key in a parameter",
                good.replacen("      secret: true\n", "      secrett: true\n", 1),
            ),
            (
                "a list where text goes",
                good.replacen("  body: form\n", "  body: [form]\n", 1),
            ),
        ];
        for (what, text) in &mistakes {
            assert_ne!(text, &good, "{what}: the mutation did not apply");
            let json = yaml_to_json(text);
            assert!(!validator.is_valid(&json), "{what}: the schema accepts it");
            let loaded = kontur_extern_codegen::load_str("mutated.yaml", text);
            assert!(loaded.problems.is_err(), "{what}: the checker accepts it");
        }
        for broken in ["unknown-key.yaml", "missing-key.yaml"] {
            let text =
                std::fs::read_to_string(format!("../tests/ui/specs/{broken}")).expect("readable");
            assert!(!validator.is_valid(&yaml_to_json(&text)), "{broken}");
        }
    }
}
