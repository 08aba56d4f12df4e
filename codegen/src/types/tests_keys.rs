//! Typed map keys, strings with a pattern, field aliases and enum case:
//! one test per rule, pinned to the `file:line:col: message` a user sees.

use crate::types::model::{ItemKind, Ty};
use crate::types::tests::{one_problem, problems, variant};

const ID_FIELD: &str = "      - name: id\n        type: uuid\n";

/// MINIMAL with fields added to the response's `Thing` after `id`.
fn with_fields(fields: &str) -> String {
    variant(&[(ID_FIELD, &format!("{ID_FIELD}{fields}"))])
}

/// MINIMAL whose `Thing` has a map `errors` keyed by `keys`, documented
/// in the example as `body`.
fn map(keys: &str, body: &str) -> String {
    let yaml = with_fields(&format!(
        "      - name: errors\n        type: map\n        keys: {keys}\n        values: {{ type: string }}\n        optional: true\n"
    ));
    yaml.replacen(
        "\"kind\": \"urn:kind:small\",",
        &format!("\"kind\": \"urn:kind:small\", \"errors\": {body},"),
        1,
    )
}

#[test]
fn map_keys_are_typed_and_checked_in_examples_at_the_key() {
    let uuid = map(
        "uuid",
        r#"{"a9bc74bd-311b-43f0-aff7-faba24ce35d9": "x", "nope": "y"}"#,
    );
    assert_eq!(
        one_problem(&uuid),
        "v2.yaml:59:93: example `basic`: the response body does not fit: `errors` has the key \
         \"nope\", which should be a UUID (`a9bc74bd-311b-43f0-aff7-faba24ce35d9`)"
    );
    assert_eq!(
        one_problem(&map("integer", r#"{"12": "x", "1.5": "y"}"#)),
        "v2.yaml:59:59: example `basic`: the response body does not fit: `errors` has the key \
         \"1.5\", which should be a whole number"
    );
    let loaded = crate::load_str("v2.yaml", &map("uuid", "{}"));
    let endpoint = loaded.endpoint.expect("an endpoint");
    let Some(Ty::Item(thing)) = &endpoint.response.body else {
        panic!("an item");
    };
    let ItemKind::Object(fields) = &endpoint.types.get(*thing).kind else {
        panic!("an object");
    };
    assert!(
        matches!(&fields[1].ty, Ty::Map(keys, _) if **keys == Ty::Uuid),
        "{:?}",
        fields[1].ty
    );
    // Without `keys:`, keys are strings, as before.
    let plain = with_fields(
        "      - name: errors\n        type: map\n        values: { type: string }\n        optional: true\n",
    );
    let endpoint = crate::load_str("v2.yaml", &plain)
        .endpoint
        .expect("an endpoint");
    let ItemKind::Object(fields) = &endpoint.types.get(*thing).kind else {
        panic!("an object");
    };
    assert!(matches!(&fields[1].ty, Ty::Map(keys, _) if **keys == Ty::String { secret: false }));
}

#[test]
fn a_map_key_type_that_cannot_be_a_key_is_refused_where_it_is_named() {
    let refused = |keys: &str| {
        format!(
            "v2.yaml:35:15: `keys: {keys}` cannot key a map; keys are `string` (the default), \
             `integer`, `uuid`, `date`, or a named string type with a `pattern` (JSON keys are \
             text, and the Rust map is ordered by its keys)"
        )
    };
    assert_eq!(one_problem(&map("number", "{}")), refused("number"));
    assert_eq!(one_problem(&map("Link", "{}")), refused("Link"));
    assert!(
        one_problem(&map("Nothing", "{}")).starts_with("v2.yaml:35:15: unknown type `Nothing`")
    );
    assert_eq!(
        one_problem(&variant(&[(
            "        type: url\n",
            "        type: url\n        keys: uuid\n"
        )])),
        "v2.yaml:8:15: `keys` goes with `type: map`, not with `type: url`"
    );
}

#[test]
fn a_pattern_is_a_regular_expression_on_a_string_that_is_not_secret() {
    let field = |lines: &str| {
        with_fields(&format!(
            "      - name: inn\n{lines}        optional: true\n"
        ))
    };
    assert_eq!(
        one_problem(&field("        type: string\n        pattern: '\\d{10'\n")),
        "v2.yaml:35:18: `pattern: \\d{10` is not a regular expression (the `regex-lite` \
         syntax): expected closing brace for counted repetition, but got something else"
    );
    assert_eq!(
        one_problem(&field("        type: string\n        pattern: ''\n")),
        "v2.yaml:35:18: `pattern: ` is empty; leave `pattern` out for any string"
    );
    assert_eq!(
        one_problem(&field(
            "        type: integer\n        pattern: '\\d{10}'\n"
        )),
        "v2.yaml:35:18: `pattern` goes with `type: string`, not with `type: integer`"
    );
    assert_eq!(
        one_problem(&field(
            "        type: string\n        secret: true\n        pattern: '\\d{10}'\n"
        )),
        "v2.yaml:36:18: a secret string cannot have a `pattern`: the type it generates would \
         show its value"
    );
}

#[test]
fn a_pattern_makes_a_type_and_examples_must_match_it_whole() {
    let rel = |pattern: &str| {
        variant(&[(
            "        type: string\n        optional: true\n",
            &format!(
                "        type: string\n        pattern: '{pattern}'\n        optional: true\n"
            ),
        )])
    };
    let endpoint = crate::load_str("v2.yaml", &rel("self|next"))
        .endpoint
        .expect("the example's `self` matches");
    let item = endpoint
        .types
        .items
        .iter()
        .find(|item| item.name == "LinkRel")
        .expect("an inline pattern is a type named after its owner and field");
    assert_eq!(item.kind, ItemKind::Pattern("self|next".into()));
    // Whole: `sel` is in `self`, but `self` is not `sel`.
    assert_eq!(
        one_problem(&rel("sel")),
        "v2.yaml:54:62: example `basic`: the response body does not fit: `links[0].rel` is \
         \"self\", which does not match the pattern `sel` of `LinkRel`"
    );
}

#[test]
fn aliases_are_other_keys_of_one_field_and_read_in_examples() {
    let yaml = with_fields(
        "      - name: abonent-id\n        aliases: [abonent-Id, id, abonent-id]\n        type: uuid\n        optional: true\n",
    );
    assert_eq!(
        problems(&yaml),
        [
            "v2.yaml:34:31: alias `id` of field `abonent-id` is already a key of this object \
             (also at line 31); a key reads one field",
            "v2.yaml:34:35: alias `abonent-id` of field `abonent-id` is the field's own name \
             `abonent-id`",
        ]
    );
    let aliased = |body: &str| {
        with_fields("      - name: abonent-id\n        aliases: abonent-Id\n        type: uuid\n")
            .replacen(
                "\"kind\": \"urn:kind:small\",",
                &format!("\"kind\": \"urn:kind:small\", {body}"),
                1,
            )
    };
    // Under its alias the required field is present, and checked.
    let id = "\"a9bc74bd-311b-43f0-aff7-faba24ce35d9\"";
    assert_eq!(
        problems(&aliased(&format!("\"abonent-Id\": {id},"))),
        Vec::<String>::new()
    );
    assert_eq!(
        one_problem(&aliased("\"abonent-Id\": 5,")),
        "v2.yaml:57:51: example `basic`: the response body does not fit: `abonent-Id` should \
         be a UUID (`a9bc74bd-311b-43f0-aff7-faba24ce35d9`), but is the number 5"
    );
    assert_eq!(
        one_problem(&aliased(&format!(
            "\"abonent-id\": {id}, \"abonent-Id\": {id},"
        ))),
        "v2.yaml:57:91: example `basic`: the response body does not fit: the body has both \
         `abonent-id` and `abonent-Id`, which are one field `abonent-id` of `Thing` (`aliases`); \
         decoding refuses a field given twice"
    );
    let elsewhere = one_problem(&variant(&[(
        "items: { type: Link }",
        "items: { type: Link, aliases: [l] }",
    )]));
    assert!(
        elsewhere.contains("unknown key `aliases`")
            && elsewhere.contains("(only a field of an object can have it)"),
        "{elsewhere}"
    );
}

#[test]
fn an_enum_says_how_its_values_are_read() {
    let values = |case: &str, values: &str| {
        variant(&[(
            "        values: [urn:kind:small, urn:kind:large]\n",
            &format!("        case: {case}\n        values: [{values}]\n"),
        )])
    };
    assert_eq!(
        one_problem(&values("every", "urn:kind:small, urn:kind:large")),
        "v2.yaml:38:15: unknown `case: every`; expected `ascii` (values read without regard to \
         ASCII case, the default) or `any` (also without regard to `-`, `_`, `.` and spaces: \
         `readyToSend` is `ready-to-send`)"
    );
    assert_eq!(
        one_problem(&values("any", "ab-c, abc, urn:kind:small")),
        "v2.yaml:39:24: enum value `abc` and `ab-c` are one value when read without regard to \
         case and separators (`case: any`) (also at line 39)"
    );
    // Told apart by their separators, they are two values by default.
    assert_eq!(
        problems(&values("ascii", "ab-c, abc, urn:kind:small")),
        Vec::<String>::new()
    );
    let endpoint = crate::load_str("v2.yaml", &values("any", "urn:kind:small, urn:kind:large"))
        .endpoint
        .expect("valid");
    assert!(endpoint.types.items.iter().any(|item| matches!(
        &item.kind,
        ItemKind::Enum(open) if open.case == crate::types::model::EnumCase::Any
    )));
    assert_eq!(
        one_problem(&variant(&[(
            "        type: uuid\n      - name: links",
            "        type: uuid\n        case: any\n      - name: links"
        )])),
        "v2.yaml:33:15: `case` goes with `type: enum`, not with `type: uuid`"
    );
}

#[test]
fn an_answer_that_breaks_a_pattern_still_decodes_but_a_bad_key_does_not() {
    let yaml = with_fields(
        "      - name: by-inn\n        type: map\n        keys: Inn\n        values: { type: Inn }\n        optional: true\n",
    )
    .replacen(
        "types:\n",
        "types:\n  Inn:\n    type: string\n    pattern: '\\d{10}|\\d{12}'\n",
        1,
    );
    let endpoint = crate::load_str("v2.yaml", &yaml).endpoint.expect("valid");
    let body = endpoint.response.body.clone().expect("a body");
    let answer = r#"{"id": "a9bc74bd-311b-43f0-aff7-faba24ce35d9", "links": [], "kind": "k",
        "by-inn": {"123": "6676130154", "6676130154": "12"}}"#;
    let found = crate::types::fit::answer_misfits(&endpoint.types, &body, answer);
    let shown: Vec<(&str, bool)> = found
        .iter()
        .map(|m| (m.message.as_str(), m.fails_decoding))
        .collect();
    assert_eq!(
        shown,
        [
            (
                "`by-inn` has the key \"123\", which does not match the pattern \
                 `\\d{10}|\\d{12}` of `Inn`",
                false
            ),
            (
                "`by-inn.6676130154` is \"12\", which does not match the pattern \
                 `\\d{10}|\\d{12}` of `Inn`",
                false
            ),
        ]
    );
    let bad_key = crate::types::fit::answer_misfits(
        &endpoint.types,
        &body,
        r#"{"id": "nope", "links": [], "kind": "k"}"#,
    );
    assert!(bad_key.iter().all(|m| m.fails_decoding), "{bad_key:?}");
}

#[test]
fn answer_drift_names_each_misfit_at_its_path_with_its_kind_and_unlisted_enum_values_too() {
    use crate::types::fit::{MisfitKind, answer_drift, answer_misfits};
    let endpoint = crate::load_str("v2.yaml", &with_fields(""))
        .endpoint
        .expect("valid");
    let body = endpoint.response.body.clone().expect("a body");
    let answer = r#"{"links": [{"href": 1, "extra": true}], "kind": "urn:kind:huge"}"#;
    let found: Vec<(MisfitKind, String, bool)> = answer_drift(&endpoint.types, &body, answer)
        .into_iter()
        .map(|m| (m.kind, m.path, m.fails_decoding))
        .collect();
    assert_eq!(
        found,
        [
            // Required fields first, then the keys in the order read.
            (MisfitKind::MissingField, "id".to_owned(), true),
            (MisfitKind::UnknownEnumValue, "kind".to_owned(), false),
            (
                MisfitKind::UndeclaredKey,
                "links[0].extra".to_owned(),
                false
            ),
            (MisfitKind::WrongType, "links[0].href".to_owned(), true),
        ]
    );
    // `answer_misfits` (for `call`) leaves the enum value to `Unknown`.
    let misfits = answer_misfits(&endpoint.types, &body, answer);
    assert_eq!(misfits.len(), 3, "{misfits:?}");
    assert!(
        misfits
            .iter()
            .all(|m| m.kind != MisfitKind::UnknownEnumValue)
    );
    // A listed value in another ASCII case is the value, as decoding reads it.
    let upper =
        r#"{"id": "a9bc74bd-311b-43f0-aff7-faba24ce35d9", "links": [], "kind": "URN:KIND:SMALL"}"#;
    assert_eq!(answer_drift(&endpoint.types, &body, upper), []);
}
