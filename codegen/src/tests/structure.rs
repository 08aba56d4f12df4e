//! The spec's structure and the messages about it: YAML syntax, unknown,
//! missing and mistyped keys, every problem at once and in file order, the
//! keys the structural check and the typed model both know, parser words
//! turned into advice, and a broken type file reported alone.

use crate::tests::support::{MINIMAL, problems, variant};
use crate::*;

#[test]
fn invalid_yaml_syntax() {
    let yaml = variant(&[("summary: Get a token.", "summary: Get: a token.")]);
    assert_eq!(
        problems(&yaml),
        ["t.yaml:4:15: mapping values are not allowed in this context"]
    );
    assert!(load_str("t.yaml", &yaml).endpoint.is_none());
}

#[test]
fn unknown_key() {
    let yaml = variant(&[("type: duration_seconds", "tpye: duration_seconds")]);
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:24:7: `expires_in` in `fields` lacks the required key `type`",
            "t.yaml:25:7: unknown key `tpye` in `expires_in` in `fields`; expected one of: name, doc, type, values, optional, nullable, secret",
        ]
    );
}

#[test]
fn missing_required_key() {
    let yaml = variant(&[("      type: duration_seconds\n", "")]);
    assert_eq!(
        problems(&yaml),
        ["t.yaml:24:7: `expires_in` in `fields` lacks the required key `type`"]
    );
}

#[test]
fn wrong_yaml_value_type() {
    let yaml = variant(&[("optional: true", "optional: maybe")]);
    assert_eq!(
        problems(&yaml),
        ["t.yaml:17:17: `optional` should be true or false, but is text"]
    );
}

#[test]
fn status_not_a_number() {
    let yaml = variant(&[("response:\n  status: 200", "response:\n  status: \"abc\"")]);
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:19:11: status must be an HTTP status code from 100 to 599, such as 200; found the string \"abc\""
        ]
    );
}

#[test]
fn all_problems_reported_at_once_in_file_order() {
    // The example's constant is checked before the omitted parameter, but the
    // omission is reported at the example's name, earlier in the file.
    let yaml = variant(&[
        ("method: POST", "method: FETCH"),
        ("path: /token", "path: token"),
        (
            "string\n      optional: true",
            "float\n      optional: true",
        ),
        ("username: user", "grant_type: other"),
    ]);
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:5:11: unknown HTTP method `FETCH`; expected GET, POST, PUT, PATCH or DELETE (upper case)",
            "t.yaml:7:9: path `token` must start with `/`",
            "t.yaml:16:13: unknown type `float`; expected one of: string, integer, boolean, duration_seconds, url, enum",
            "t.yaml:29:11: example `basic` omits required parameter `username`; add it under `request.params`",
            "t.yaml:32:21: example `basic` sets constant `grant_type` to `other`, but it is always `password`",
        ]
    );
}

#[test]
fn duplicate_yaml_key_is_explained() {
    let yaml = variant(&[("  path: /token\n", "  path: /token\n  path: /other\n")]);
    assert_eq!(
        problems(&yaml),
        ["t.yaml:8:3: key `path` appears twice in this mapping; remove one"]
    );
}

#[test]
fn structural_problems_are_all_reported_at_once() {
    let yaml = variant(&[
        ("spec: 1", "spec: one"),
        (
            "  summary: Get a token.\n",
            "  summary: Get a token.\n  sumary: typo\n",
        ),
        (
            "body: form\n  params:\n",
            "body: form\n  params: none\n  old_params:\n",
        ),
        ("error:\n  format: oauth2\n", ""),
    ]);
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:1:1: the spec lacks the required key `error`",
            "t.yaml:1:7: `spec` should be a whole number, but is text",
            "t.yaml:5:3: unknown key `sumary` in `endpoint`; expected one of: name, summary, doc, docs_url, method, base_url, path",
            "t.yaml:11:11: `params` should be a list (lines starting with `- `), but is text",
            "t.yaml:12:3: unknown key `old_params` in `request`; expected one of: body, params",
        ]
    );
}

/// Every key of the format, once: the structural table in `shape.rs` and
/// the serde types in `spec.rs` must both accept it.
const EVERY_KEY: &str = r#"spec: 1
endpoint:
  name: every_key
  summary: Uses every key.
  doc: Documentation.
  docs_url: https://example.com/docs
  method: POST
  base_url: https://example.com
  path: /token
request:
  body: form
  params:
    - name: mode
      in: query
      doc: A mode.
      type: enum
      values: [fast, slow]
      optional: true
      secret: false
    - name: page
      type: integer
      default: 1
    - name: grant_type
      const: password
response:
  status: 200
  content_type: application/json
  fields:
    - name: token
      doc: A token.
      type: string
      optional: true
      nullable: true
      secret: true
    - name: kind
      type: enum
      values: [a]
  headers:
    - name: trace_id
      header: X-Trace
      aliases: [X-Trace-Id]
      doc: A trace id.
      type: string
      optional: true
    - name: retries
      header: X-Retries
      type: integer
      default: 0
error:
  format: oauth2
examples:
  - name: basic
    doc: An example.
    request:
      headers:
        Accept: "*/*"
      params:
        mode: fast
    response:
      status: 200
      headers:
        X-Trace: abc
      body: '{"kind": "a"}'
"#;

#[test]
fn the_structural_check_and_the_typed_model_know_the_same_keys() {
    assert_eq!(problems(EVERY_KEY), Vec::<String>::new());
}

#[test]
fn parser_words_become_messages_a_person_can_act_on() {
    let cases = [
        (
            variant(&[("spec: 1\n", "spec: -1\n")]),
            "unsupported spec version -1",
        ),
        (
            format!("{MINIMAL}\n---\nspec: 1\n"),
            "more than one YAML document",
        ),
        (
            variant(&[("name: get_token", "name: !!binary /w==")]),
            "tagged `!!binary`",
        ),
    ];
    for (yaml, expected) in cases {
        let found = problems(&yaml);
        assert!(
            found.iter().any(|problem| problem.contains(expected)),
            "expected `{expected}` in {found:?}"
        );
        for problem in &found {
            for jargon in [
                "from_str_multiple",
                "Options",
                "invalid u32",
                "untagged enum",
            ] {
                assert!(!problem.contains(jargon), "{problem}");
            }
        }
    }
}

#[test]
fn a_broken_type_file_is_reported_alone_not_as_unknown_types_of_the_spec() {
    let dir =
        std::env::temp_dir().join(format!("kontur-extern-broken-types-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a directory");
    // A plain scalar with `: ` in it: not YAML.
    std::fs::write(
        dir.join("types.yaml"),
        "spec: 2\nmodule: shared\ntypes:\n  Thing:\n    type: object\n    doc: What it is: a thing.\n    fields:\n      - name: id\n        type: uuid\n",
    )
    .expect("written");
    let spec = "spec: 2\nuse: [types.yaml]\nendpoint:\n  name: get_thing\n  summary: Get a thing.\n  method: GET\n  base_url: https://example.com\n  path: /thing\nrequest:\n  body: form\nresponse:\n  status: 200\n  content_type: application/json\n  body:\n    type: Thing\nerror:\n  format: kontur_api\n";
    std::fs::write(dir.join("spec.yaml"), spec).expect("written");
    let loaded = crate::load_file(&dir.join("spec.yaml"), "spec.yaml");
    let _ = std::fs::remove_dir_all(&dir);
    let found: Vec<String> = loaded
        .problems
        .expect_err("the type file is broken")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("types.yaml:6:"), "{found:?}");
    assert!(loaded.endpoint.is_none());
}

/// Two type files a spec uses may define the same name: the spec says
/// which it means as `module.Name`; the bare name is an error that names
/// both files and both positions; each file's own references keep meaning
/// its own types; the spec's own type of that name comes first.
#[test]
fn the_same_name_in_two_type_files_is_reached_by_module() {
    let dir = std::env::temp_dir().join(format!("kontur-extern-two-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a directory");
    let link = |module: &str, href: &str| {
        format!(
            "spec: 2\nmodule: {module}\ntypes:\n  Link:\n    type: object\n    fields:\n      - name: href\n        type: {href}\n  Page:\n    type: object\n    fields:\n      - name: links\n        type: list\n        items: {{ type: Link }}\n"
        )
    };
    std::fs::write(dir.join("a.yaml"), link("a_types", "url")).expect("written");
    std::fs::write(dir.join("b.yaml"), link("b_types", "string")).expect("written");
    let spec = |body: &str, own: &str| {
        format!(
            "spec: 2\nuse: [a.yaml, b.yaml]\n{own}endpoint:\n  name: get_thing\n  summary: Get a thing.\n  method: GET\n  base_url: https://example.com\n  path: /thing\nrequest:\n  body: form\nresponse:\n  status: 200\n  content_type: application/json\n  body:\n    type: {body}\nerror:\n  format: kontur_api\n"
        )
    };
    let load = |text: String| {
        std::fs::write(dir.join("spec.yaml"), text).expect("written");
        crate::load_file(&dir.join("spec.yaml"), "dir/spec.yaml")
    };
    let problems = |text: String| -> Vec<String> {
        match load(text).problems {
            Ok(()) => Vec::new(),
            Err(found) => found.iter().map(ToString::to_string).collect(),
        }
    };
    assert_eq!(
        problems(spec("Link", "")),
        [
            "dir/spec.yaml:15:11: type `Link` is defined in 2 type files the spec uses, `a_types` (dir/a.yaml:4:3) and `b_types` (dir/b.yaml:4:3); say which one: `a_types.Link` or `b_types.Link`"
        ]
    );
    assert_eq!(
        problems(spec("c_types.Link", "")),
        [
            "dir/spec.yaml:15:11: `c_types.Link` names the type file module `c_types`, but the spec's type files are `a_types`, `b_types`"
        ]
    );
    assert_eq!(
        problems(spec("b_types.Lnk", "")),
        [
            "dir/spec.yaml:15:11: type file `dir/b.yaml` (module `b_types`) has no type `Lnk`; it has: Link, Page"
        ]
    );
    let shown = |loaded: crate::Loaded| {
        let endpoint = loaded.endpoint.expect("a model");
        let space = &endpoint.types;
        let body = endpoint.response.body.clone().expect("a body");
        let crate::types::model::Ty::Item(id) = body else {
            panic!("{body:?}")
        };
        let item = space.get(id);
        let module = match &item.origin {
            crate::types::model::Origin::Shared { module } => module.clone(),
            crate::types::model::Origin::Local => "local".to_owned(),
        };
        (module, item.name.clone(), format!("{:?}", item.kind))
    };
    let (module, name, _) = shown(load(spec("b_types.Link", "")));
    assert_eq!((module.as_str(), name.as_str()), ("b_types", "Link"));
    // `b_types.Page`'s `Link` is its own file's: `href` a string there.
    let (module, _, kind) = shown(load(spec("b_types.Page", "")));
    assert_eq!(module, "b_types");
    let page_link = {
        let loaded = load(spec("b_types.Page", ""));
        let endpoint = loaded.endpoint.expect("a model");
        let space = endpoint.types;
        let page = space
            .items
            .iter()
            .position(|item| {
                item.name == "Link"
                    && item.origin
                        == crate::types::model::Origin::Shared {
                            module: "b_types".into(),
                        }
            })
            .expect("b's Link");
        assert!(kind.contains(&format!("ItemId({page})")), "{kind}");
        format!("{:?}", space.items[page].kind)
    };
    assert!(page_link.contains("String"), "{page_link}");
    // A name only one file defines needs no module; the spec's own type of
    // a shared name comes first.
    let (module, name, _) = shown(load(
        spec("Page", "").replace("use: [a.yaml, b.yaml]", "use: [a.yaml]"),
    ));
    assert_eq!((module.as_str(), name.as_str()), ("a_types", "Page"));
    let own =
        "types:\n  Link:\n    type: object\n    fields:\n      - name: id\n        type: uuid\n";
    let (module, name, _) = shown(load(spec("Link", own)));
    assert_eq!((module.as_str(), name.as_str()), ("local", "Link"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// An inline type of a type file (a union in a field, a string with a
/// pattern) is generated once, in the file's module, like its named types;
/// an endpoint that uses the file names it there and never generates a
/// copy of its own (each of 13 shipped endpoints once had one).
#[test]
fn a_type_file_s_inline_types_are_generated_once_in_its_module() {
    let dir = std::env::temp_dir().join(format!("kontur-extern-inline-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a directory");
    let types = "spec: 2\nmodule: shared\ntypes:\n  Thing:\n    type: object\n    fields:\n      - name: flag\n        type: union\n        type_name: ThingFlag\n        variants:\n          - { name: Flag, type: boolean }\n          - { name: Text, type: string }\n      - name: code\n        type: string\n        pattern: '^[0-9]{3}$'\n";
    std::fs::write(dir.join("types.yaml"), types).expect("written");
    let spec = "spec: 2\nuse: [types.yaml]\nendpoint:\n  name: get_thing\n  summary: Get a thing.\n  method: GET\n  base_url: https://example.com\n  path: /thing\nrequest:\n  body: form\nresponse:\n  status: 200\n  content_type: application/json\n  body:\n    type: Thing\nerror:\n  format: kontur_api\n";
    std::fs::write(dir.join("spec.yaml"), spec).expect("written");
    let loaded = crate::load_file(&dir.join("spec.yaml"), "spec.yaml");
    let checked = crate::load_types_file(&dir.join("types.yaml"), "types.yaml");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(loaded.problems.map_err(|found| found.to_string()), Ok(()));
    let endpoint = loaded.endpoint.expect("a model");
    let options = crate::Options {
        naming: crate::Naming::Module,
        rebuild_path: None,
    };
    let code = crate::expand(&endpoint, &options).to_string();
    let module = crate::expand_types(&checked.expect("the type file loads"), None).to_string();
    for item in ["enum ThingFlag", "struct ThingCode"] {
        assert_eq!(
            module.matches(item).count(),
            1,
            "{item} in the module: {module}"
        );
        assert!(!code.contains(item), "{item} again in the endpoint: {code}");
    }
    assert!(code.contains("super :: shared :: Thing"), "{code}");
    // No response header to read: the decoder is not bound, so the crate
    // that compiles this has no unused variable.
    assert!(code.contains("let (_ , json) ="), "{code}");
}

/// A type file may `use:` other type files: its types name theirs, its
/// module reaches them as `super::<module>::Name`, and a spec that uses it
/// loads them too (each once) without reaching their types itself unless it
/// names them. A circle of files is refused naming it, and a service lists
/// every file a listed file uses.
#[test]
fn a_type_file_uses_type_files_and_a_circle_is_refused() {
    let dir = std::env::temp_dir().join(format!("kontur-extern-uses-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("more")).expect("directories");
    let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).expect("written");
    write(
        "base.yaml",
        "spec: 2\nmodule: base\ntypes:\n  State:\n    type: enum\n    values: [running, succeed]\n",
    );
    // Named relative to the file that uses it, one folder down.
    write(
        "more/tasks.yaml",
        "spec: 2\nmodule: tasks\nuse: [../base.yaml]\ntypes:\n  Task:\n    type: object\n    fields:\n      - name: state\n        type: State\n      - name: again\n        type: base.State\n",
    );
    let spec = |uses: &str, body: &str| {
        format!(
            "spec: 2\nuse: [{uses}]\nendpoint:\n  name: get_task\n  summary: Get a task.\n  method: GET\n  base_url: https://example.com\n  path: /task\nrequest:\n  body: form\nresponse:\n  status: 200\n  content_type: application/json\n  body:\n    type: {body}\nerror:\n  format: kontur_api\n"
        )
    };
    write("spec.yaml", &spec("more/tasks.yaml", "Task"));
    write("state.yaml", &spec("more/tasks.yaml", "State"));
    write("both.yaml", &spec("more/tasks.yaml, base.yaml", "State"));

    let tasks = crate::load_types_file(&dir.join("more/tasks.yaml"), "more/tasks.yaml")
        .map_err(|found| found.to_string())
        .expect("a type file that uses another loads");
    assert_eq!(tasks.uses, ["base"]);
    let module = crate::expand_types(&tasks, None).to_string();
    assert!(
        module.contains("pub state : super :: base :: State"),
        "{module}"
    );
    assert!(
        !module.contains("enum State"),
        "generated in its own module only: {module}"
    );

    // A spec that uses `tasks` gets `base` too: `Task`'s field is reached.
    let loaded = crate::load_file(&dir.join("spec.yaml"), "spec.yaml");
    assert_eq!(loaded.problems.map_err(|found| found.to_string()), Ok(()));
    assert_eq!(loaded.used_files.len(), 2, "{:?}", loaded.used_files);
    let code = crate::expand(
        &loaded.endpoint.expect("a model"),
        &crate::Options {
            naming: crate::Naming::Module,
            rebuild_path: None,
        },
    )
    .to_string();
    assert!(code.contains("super :: tasks :: Task"), "{code}");
    assert!(!code.contains("enum State"), "{code}");
    // … but not `base`'s own types, which it does not name in `use:`.
    let found = crate::load_file(&dir.join("state.yaml"), "state.yaml")
        .problems
        .expect_err("State is not in reach")
        .to_string();
    assert!(found.contains("unknown type `State`"), "{found}");
    assert!(
        crate::load_file(&dir.join("both.yaml"), "both.yaml")
            .problems
            .is_ok(),
        "named, it is"
    );

    // A circle: base uses tasks, which uses base.
    write(
        "base.yaml",
        "spec: 2\nmodule: base\nuse: [more/tasks.yaml]\ntypes:\n  State:\n    type: enum\n    values: [running, succeed]\n",
    );
    let found = crate::load_file(&dir.join("spec.yaml"), "spec.yaml")
        .problems
        .expect_err("a circle")
        .to_string();
    assert!(
        found.contains(
            "type files use each other in a circle: more/tasks.yaml uses base.yaml uses more/tasks.yaml"
        ),
        "{found}"
    );
    let found = crate::load_types_file(&dir.join("base.yaml"), "base.yaml")
        .expect_err("a circle")
        .to_string();
    assert!(
        found.contains("in a circle: base.yaml uses more/tasks.yaml uses base.yaml"),
        "{found}"
    );

    // A service lists what its type files use.
    write(
        "base.yaml",
        "spec: 2\nmodule: base\ntypes:\n  State:\n    type: enum\n    values: [running, succeed]\n",
    );
    let service = |types: &str| {
        format!(
            "spec: 2\nservice:\n  name: Tasks\ntypes: [{types}]\ngroups:\n  - name: tasks\n    endpoints:\n      - {{ method: get, spec: spec.yaml }}\n"
        )
    };
    write("api.yaml", &service("more/tasks.yaml"));
    let found = crate::load_service(&dir.join("api.yaml"), "api.yaml")
        .map(|_| ())
        .expect_err("base is not listed")
        .to_string();
    assert!(
        found.contains(
            "type file `more/tasks.yaml` uses the type file of module `base`, which `types:` does not list; add it"
        ),
        "{found}"
    );
    write("api.yaml", &service("base.yaml, more/tasks.yaml"));
    let loaded = crate::load_service(&dir.join("api.yaml"), "api.yaml");
    let _ = std::fs::remove_dir_all(&dir);
    let code = crate::expand_service(&loaded.map_err(|found| found.to_string()).expect("loads"))
        .to_string();
    assert_eq!(code.matches("enum State").count(), 1, "{code}");
    assert!(code.contains("pub mod base"), "{code}");
}

/// Two type files with one module, or one file named twice, are refused
/// with what to do.
#[test]
fn type_files_that_would_generate_one_module_are_refused() {
    let dir = std::env::temp_dir().join(format!("kontur-extern-clash-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a directory");
    let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).expect("written");
    let file = |ty: &str| format!("spec: 2\nmodule: same\ntypes:\n  {ty}:\n    type: string\n");
    write("a.yaml", &file("A"));
    write("b.yaml", &file("B"));
    let spec = |uses: &str| {
        format!(
            "spec: 2\nuse: [{uses}]\nendpoint:\n  name: get_a\n  summary: Get an a.\n  method: GET\n  base_url: https://example.com\n  path: /a\nrequest:\n  body: form\nresponse:\n  status: 200\n  content_type: application/json\n  body:\n    type: A\nerror:\n  format: kontur_api\n"
        )
    };
    write("clash.yaml", &spec("a.yaml, b.yaml"));
    write("twice.yaml", &spec("a.yaml, ./a.yaml"));
    let problems = |name: &str| {
        crate::load_file(&dir.join(name), name)
            .problems
            .expect_err("refused")
            .to_string()
    };
    let clash = problems("clash.yaml");
    let twice = problems("twice.yaml");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        clash.contains("type files `a.yaml` and `b.yaml` both generate the module `same`; give one another `module:`"),
        "{clash}"
    );
    assert!(
        twice.contains(
            "`use:` names the type file of module `same` twice (`./a.yaml` again); once is enough"
        ),
        "{twice}"
    );
}
