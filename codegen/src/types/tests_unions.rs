//! Richer unions: tags matched by prefix and fields shared by every
//! variant; one test per rule, pinned to the `file:line:col: message` a
//! user sees.

use crate::types::model::{ItemKind, Ty, Union, Variant};
use crate::types::tests::{one_problem, problems, variant};

/// MINIMAL with the union `Desc` (tagged by `tag_in`, `kind`, with these
/// `variants` after `variants:` and these `extra` union keys), the field
/// `desc` of `Thing` of that type, documented in the example as `body`.
/// The union's first line is line 11.
fn with_union(extra: &str, tag_in: &str, variants: &str, body: &str) -> String {
    let union = format!(
        "  Desc:\n    type: union\n    tag: kind\n    tag_in: {tag_in}\n{extra}    variants:\n{variants}"
    );
    variant(&[
        ("endpoint:\n", &format!("{union}endpoint:\n")),
        (
            "      - name: made\n",
            "      - name: desc\n        type: Desc\n        optional: true\n      - name: made\n",
        ),
        (
            "\"kind\": \"urn:kind:small\",",
            &format!("\"kind\": \"urn:kind:small\", \"desc\": {body},"),
        ),
    ])
}

const SMALL_BY_PREFIX: &str = "      - name: Small\n        when_prefix: urn:kind:sm\n        type: object\n        fields:\n          - name: size\n            type: integer\n";

#[test]
fn a_prefix_selects_a_variant_and_its_example_is_checked() {
    let yaml = with_union("", "parent", SMALL_BY_PREFIX, r#"{"size": 1}"#);
    assert_eq!(problems(&yaml), Vec::<String>::new());
    let yaml = with_union("", "parent", SMALL_BY_PREFIX, r#"{"size": "1"}"#);
    assert_eq!(
        one_problem(&yaml),
        "v2.yaml:68:54: example `basic`: the response body does not fit: `desc.size` should be \
         a whole number, but is the string \"1\""
    );
}

#[test]
fn a_prefix_needs_a_union_tagged_in_its_parent() {
    let yaml = with_union("", "self", SMALL_BY_PREFIX, r#"{"kind": "urn:kind:small"}"#);
    assert_eq!(
        one_problem(&yaml),
        "v2.yaml:17:22: `when_prefix:` goes with `tag_in: parent`: a union tagged in itself \
         writes its tag back from `when:`, so a value read by its prefix would not be written as \
         it came; list the values of `kind` in `when:`"
    );
    let untagged = yaml.replacen("    tag: kind\n    tag_in: self\n", "", 1);
    assert!(
        problems(&untagged)
            .iter()
            .any(|p| p
                .starts_with("v2.yaml:15:22: `when_prefix:` goes with a tagged union (`tag:`)")),
        "{:#?}",
        problems(&untagged)
    );
}

#[test]
fn a_prefix_in_two_variants_or_an_empty_one_is_refused() {
    let twice = format!(
        "{SMALL_BY_PREFIX}      - name: Smaller\n        when_prefix: [urn:kind:sm]\n        type: json\n"
    );
    assert_eq!(
        one_problem(&with_union("", "parent", &twice, "{\"size\": 1}")),
        "v2.yaml:23:23: tag prefix `urn:kind:sm` selects two variants (also at line 17)"
    );
    let empty = SMALL_BY_PREFIX.replacen("when_prefix: urn:kind:sm", "when_prefix: ''", 1);
    assert_eq!(
        one_problem(&with_union("", "parent", &empty, "{\"size\": 1}")),
        "v2.yaml:17:22: an empty `when_prefix` would select every tag; a tag that no variant \
         selects decodes to `Unknown`"
    );
}

#[test]
fn a_variant_needs_when_or_a_prefix() {
    let neither = SMALL_BY_PREFIX.replacen("        when_prefix: urn:kind:sm\n", "", 1);
    assert_eq!(
        one_problem(&with_union("", "parent", &neither, "{\"size\": 1}")),
        "v2.yaml:16:15: variant `Small` needs `when:`, the value(s) of `kind` that select it \
         (or `when_prefix:`, the beginnings of those values)"
    );
}

fn union_of(variants: &[(&str, &[&str], &[&str])]) -> Union {
    Union {
        tag: None,
        variants: variants
            .iter()
            .map(|(name, when, prefixes)| Variant {
                name: (*name).to_owned(),
                doc: None,
                when: when.iter().map(|w| (*w).to_owned()).collect(),
                when_prefix: prefixes.iter().map(|w| (*w).to_owned()).collect(),
                ty: Ty::Json,
            })
            .collect(),
    }
}

#[test]
fn an_exact_tag_beats_a_prefix_and_the_longest_prefix_wins() {
    let union = union_of(&[
        ("Family", &[], &["urn:document:fns534"]),
        ("Demand", &[], &["urn:document:fns534-demand"]),
        ("Exact", &["urn:document:fns534-demand-attachment"], &[]),
    ]);
    let chosen = |tag: &str| union.select(tag).map(|v| v.name.as_str());
    assert_eq!(
        chosen("urn:document:fns534-demand-attachment"),
        Some("Exact")
    );
    assert_eq!(chosen("urn:document:fns534-demand-reply"), Some("Demand"));
    assert_eq!(chosen("urn:document:fns534-report"), Some("Family"));
    assert_eq!(chosen("urn:document:pfr-report"), None);
}

const SHARED: &str =
    "    fields:\n      - name: original-draft-id\n        type: uuid\n        optional: true\n";

#[test]
fn shared_fields_come_first_in_every_object_variant() {
    let variants = "      - name: Small\n        when: urn:kind:small\n        type: object\n        fields:\n          - name: size\n            type: integer\n      - name: Large\n        when: urn:kind:large\n        type: object\n        fields: []\n";
    let yaml = with_union(
        SHARED,
        "parent",
        variants,
        r#"{"original-draft-id": "a9bc74bd-311b-43f0-aff7-faba24ce35d9", "size": 2}"#,
    );
    let loaded = crate::load_str("v2.yaml", &yaml);
    assert_eq!(loaded.problems, Ok(()));
    let space = loaded.endpoint.expect("an endpoint").types;
    for (name, wires) in [
        ("DescSmall", &["original-draft-id", "size"][..]),
        ("DescLarge", &["original-draft-id"][..]),
    ] {
        let item = space
            .items
            .iter()
            .find(|item| item.name == name)
            .expect(name);
        let ItemKind::Object(fields) = &item.kind else {
            panic!("{name} is not an object");
        };
        let found: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
        assert_eq!(found, wires, "{name}");
    }
    // The example is checked against the merged fields.
    let yaml = with_union(
        SHARED,
        "parent",
        variants,
        r#"{"original-draft-id": 1, "size": 2}"#,
    );
    assert!(
        one_problem(&yaml).contains("`desc.original-draft-id` should be a UUID"),
        "{}",
        one_problem(&yaml)
    );
}

#[test]
fn a_shared_field_declared_again_or_a_variant_that_is_not_an_inline_object_is_refused() {
    let again = "      - name: Small\n        when: urn:kind:small\n        type: object\n        fields:\n          - name: original-draft-id\n            type: string\n";
    assert_eq!(
        one_problem(&with_union(SHARED, "parent", again, "{}")),
        "v2.yaml:24:19: field `original-draft-id` of variant `Small` is one of the union's shared \
         `fields:` (also at line 16); every variant has it from there, so leave it out here"
    );
    let named = "      - name: Small\n        when: urn:kind:small\n        type: Link\n";
    assert_eq!(
        one_problem(&with_union(SHARED, "parent", named, "{}")),
        "v2.yaml:20:15: variant `Small` is not an inline `type: object`, so it cannot take the \
         union's shared `fields:`; make it an inline object, or declare the fields in each \
         variant and leave `fields:` out of the union"
    );
}

#[test]
fn a_problem_in_a_shared_field_is_told_once() {
    let shared = SHARED.replacen("type: uuid", "type: uuuid", 1);
    let variants = "      - name: Small\n        when: urn:kind:small\n        type: object\n        fields: []\n      - name: Large\n        when: urn:kind:large\n        type: object\n        fields: []\n";
    let found = problems(&with_union(&shared, "parent", variants, "{}"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("v2.yaml:17:15: unknown type `uuuid`"),
        "{found:#?}"
    );
}

#[test]
fn a_list_of_a_union_tagged_in_its_parent_is_checked_element_by_element() {
    let union = "  Desc:\n    type: union\n    tag: kind\n    tag_in: parent\n    variants:\n      - name: Small\n        when: urn:kind:small\n        type: object\n        fields:\n          - name: size\n            type: integer\n";
    let yaml = |items: &str, body: &str| {
        variant(&[
            ("endpoint:\n", &format!("{union}endpoint:\n")),
            (
                "      - name: made\n",
                &format!(
                    "      - name: desc\n        type: list\n        items: {items}\n      - name: made\n"
                ),
            ),
            (
                "\"kind\": \"urn:kind:small\",",
                &format!("\"kind\": \"urn:kind:small\", \"desc\": {body},"),
            ),
        ])
    };
    assert_eq!(
        problems(&yaml("{ type: Desc }", r#"[{"size": 1}, {"size": 2}]"#)),
        Vec::<String>::new()
    );
    assert!(
        one_problem(&yaml("{ type: Desc }", r#"[{"size": 1}, {"size": "2"}]"#))
            .contains("`desc[1].size` should be a whole number"),
    );
    // A nullable element is refused: the elements are read as the variant.
    assert!(
        problems(&yaml("{ type: Desc, nullable: true }", "[]"))
            .iter()
            .any(|p| p.contains("union `Desc` is tagged in its parent")),
    );
}
