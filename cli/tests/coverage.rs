//! `spec/extern/COVERAGE.md`, the table of the vendor C# SDK's routes and
//! the specs that cover them, against the shipped service as `api!` loads
//! it: every covered row is the service's, every endpoint of the service
//! has its row, no route has two, and the count the preamble gives is
//! true. Nothing here uses the network.

use std::collections::BTreeMap;
use std::path::Path;

const SERVICE: &str = "spec/extern/api.yaml";
const COVERAGE: &str = "spec/extern/COVERAGE.md";

/// The table's head, exactly.
const HEAD: &str = "| # | method | path | C# method(s) | spec | group.method | example | notes |";

/// What `not covered` and an empty cell are written as.
const NOT_COVERED: &str = "not covered";
const NONE: &str = "—";

/// An endpoint of the service: its method, path, spec file and
/// `group.method`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Route {
    method: String,
    path: String,
    spec: String,
    called: String,
}

/// The parts of `api.yaml` that say which spec each `group.method` is.
#[derive(serde::Deserialize)]
struct ServiceFile {
    groups: Vec<GroupFile>,
}

#[derive(serde::Deserialize)]
struct GroupFile {
    name: String,
    endpoints: Vec<EndpointFile>,
}

#[derive(serde::Deserialize)]
struct EndpointFile {
    method: String,
    spec: String,
}

/// Every endpoint of the shipped service, loaded with every check of
/// `api!`, with the spec file `api.yaml` names for it.
fn service_routes() -> Vec<Route> {
    let service = kontur_extern_codegen::load_service(Path::new(SERVICE), SERVICE)
        .unwrap_or_else(|problems| panic!("the shipped service loads: {problems}"));
    let text = std::fs::read_to_string(SERVICE).expect("reads api.yaml");
    let file: ServiceFile = serde_saphyr::from_str(&text).expect("api.yaml is YAML");
    let mut specs: BTreeMap<String, String> = BTreeMap::new();
    for group in file.groups {
        for endpoint in group.endpoints {
            specs.insert(format!("{}.{}", group.name, endpoint.method), endpoint.spec);
        }
    }
    let mut routes = Vec::new();
    for group in &service.groups {
        for (method, endpoint) in &group.endpoints {
            let called = format!("{}.{method}", group.name);
            let spec = specs
                .get(&called)
                .unwrap_or_else(|| panic!("api.yaml names a spec for `{called}`"))
                .clone();
            routes.push(Route {
                method: endpoint.method.as_str().to_owned(),
                path: endpoint.path.clone(),
                spec,
                called,
            });
        }
    }
    routes
}

/// A row of the table.
struct Row {
    /// The line of the file, from 1.
    line: usize,
    number: String,
    method: String,
    path: String,
    csharp: String,
    /// `None` for `not covered`.
    spec: Option<String>,
    called: String,
    notes: String,
}

impl Row {
    fn name(&self) -> String {
        format!("row #{} (line {})", self.number, self.line)
    }
}

/// A cell without the backticks of a code span around it.
fn unquoted(cell: &str) -> String {
    cell.strip_prefix('`')
        .and_then(|rest| rest.strip_suffix('`'))
        .unwrap_or(cell)
        .to_owned()
}

/// A route's path with its parameters' names left out: `/v1/{}/contents/{}`
/// for `/v1/{accountId}/contents/{id}` and `/v1/{accountId}/contents/{contentId}`.
fn shape(path: &str) -> String {
    path.split('/')
        .map(
            |segment| match segment.starts_with('{') && segment.ends_with('}') {
                true => "{}",
                false => segment,
            },
        )
        .collect::<Vec<_>>()
        .join("/")
}

/// The table's rows, and the problems of rows that cannot be read.
fn rows(text: &str, problems: &mut Vec<String>) -> Vec<Row> {
    let lines: Vec<&str> = text.lines().collect();
    let Some(head) = lines.iter().position(|line| line.trim_end() == HEAD) else {
        problems.push(format!("{COVERAGE} has no table whose head is `{HEAD}`"));
        return Vec::new();
    };
    let mut rows = Vec::new();
    // The head, its rule, then the rows up to the first line that is none.
    for (at, line) in lines.iter().enumerate().skip(head + 2) {
        let Some(inner) = line
            .trim_end()
            .strip_prefix('|')
            .and_then(|rest| rest.strip_suffix('|'))
        else {
            break;
        };
        let cells: Vec<&str> = inner.split('|').map(str::trim).collect();
        let [number, method, path, csharp, spec, called, _example, notes] = cells[..] else {
            problems.push(format!(
                "line {}: {} cells where the head has 8 (a `|` inside a cell?)",
                at + 1,
                cells.len()
            ));
            continue;
        };
        rows.push(Row {
            line: at + 1,
            number: number.to_owned(),
            method: method.to_owned(),
            path: unquoted(path),
            csharp: csharp.to_owned(),
            spec: (spec != NOT_COVERED).then(|| unquoted(spec)),
            called: unquoted(called),
            notes: notes.to_owned(),
        });
    }
    rows
}

/// `N of M routes covered`, from the text before the table.
fn count_line(preamble: &str) -> Option<(usize, usize)> {
    let at = preamble.find(" routes covered")?;
    let words: Vec<&str> = preamble[..at].split_whitespace().collect();
    let [.., covered, of, total] = words[..] else {
        return None;
    };
    let number = |word: &str| word.trim_matches('*').parse::<usize>().ok();
    (of == "of").then_some(())?;
    Some((number(covered)?, number(total)?))
}

/// Everything in `text` (COVERAGE.md) that is not true of `service`, each
/// naming its row; empty when the table is true.
fn problems(text: &str, service: &[Route]) -> Vec<String> {
    let mut problems = Vec::new();
    let rows = rows(text, &mut problems);
    if rows.is_empty() {
        problems.push("the table has no rows".to_owned());
    }

    // Numbered 1, 2, 3, …; the rows of C# routes first, then those of
    // routes that the C# SDK does not call, each covered.
    let csharp_rows = rows.iter().take_while(|row| row.csharp != NONE).count();
    for (at, row) in rows.iter().enumerate() {
        if row.number != (at + 1).to_string() {
            problems.push(format!(
                "{}: numbered `{}` where #{} was expected",
                row.name(),
                row.number,
                at + 1
            ));
        }
        if !["GET", "POST", "PUT", "PATCH", "DELETE"].contains(&row.method.as_str()) {
            problems.push(format!("{}: `{}` is not a method", row.name(), row.method));
        }
        if !row.path.starts_with('/') {
            problems.push(format!(
                "{}: the path `{}` does not start with `/`",
                row.name(),
                row.path
            ));
        }
        if at >= csharp_rows && row.csharp != NONE {
            problems.push(format!(
                "{}: a C# route after a row without one (the routes the C# SDK does not call come last)",
                row.name()
            ));
        }
        match &row.spec {
            None => {
                if row.called != NONE {
                    problems.push(format!(
                        "{}: not covered, yet it names `{}`",
                        row.name(),
                        row.called
                    ));
                }
                if row.notes.is_empty() || row.notes == NONE {
                    problems.push(format!(
                        "{}: not covered, and the notes give no reason",
                        row.name()
                    ));
                }
                if row.csharp == NONE {
                    problems.push(format!(
                        "{}: a route the C# SDK does not call is listed only when a spec covers it",
                        row.name()
                    ));
                }
            }
            Some(spec) => {
                if !spec.ends_with(".yaml") {
                    problems.push(format!(
                        "{}: the spec `{spec}` is neither a spec file nor `{NOT_COVERED}`",
                        row.name()
                    ));
                }
            }
        }
    }

    // One row per route, one row per spec.
    let mut by_route: BTreeMap<(String, String), &Row> = BTreeMap::new();
    let mut by_spec: BTreeMap<&str, &Row> = BTreeMap::new();
    for row in &rows {
        let key = (row.method.clone(), shape(&row.path));
        if let Some(first) = by_route.insert(key, row) {
            problems.push(format!(
                "{} and {} name one route, {} {}",
                first.name(),
                row.name(),
                row.method,
                row.path
            ));
        }
        if let Some(spec) = &row.spec
            && let Some(first) = by_spec.insert(spec, row)
        {
            problems.push(format!(
                "{} and {} both name `{spec}`",
                first.name(),
                row.name()
            ));
        }
    }

    // Each covered row is the service's.
    for row in &rows {
        let Some(spec) = &row.spec else { continue };
        let Some(route) = service.iter().find(|route| &route.spec == spec) else {
            problems.push(format!(
                "{}: names `{spec}`, which the service ({SERVICE}) does not have",
                row.name()
            ));
            continue;
        };
        for (what, table, theirs) in [
            ("method", &row.method, &route.method),
            ("path", &row.path, &route.path),
            ("group.method", &row.called, &route.called),
        ] {
            if table != theirs {
                problems.push(format!(
                    "{}: `{spec}` has the {what} `{theirs}`, the row says `{table}`",
                    row.name()
                ));
            }
        }
    }

    // Each endpoint of the service has its row.
    for route in service {
        if by_spec.contains_key(route.spec.as_str()) {
            continue;
        }
        let key = (route.method.clone(), shape(&route.path));
        match by_route.get(&key) {
            Some(row) if row.spec.is_none() => problems.push(format!(
                "{}: says `{NOT_COVERED}`, but the service covers {} {} with `{}` (`{}`)",
                row.name(),
                route.method,
                route.path,
                route.spec,
                route.called
            )),
            _ => problems.push(format!(
                "`{}` (`{}`, {} {}) has no row",
                route.spec, route.called, route.method, route.path
            )),
        }
    }

    // The count in the preamble.
    let preamble = text.split(HEAD).next().unwrap_or_default();
    let covered = rows[..csharp_rows]
        .iter()
        .filter(|row| row.spec.is_some())
        .count();
    match count_line(preamble) {
        Some(said) if said == (covered, csharp_rows) => {}
        Some((n, m)) => problems.push(format!(
            "the preamble says {n} of {m} routes covered; the table has {covered} of {csharp_rows}"
        )),
        None => problems.push(format!(
            "the preamble does not say `N of M routes covered` ({covered} of {csharp_rows})"
        )),
    }
    problems
}

#[test]
fn coverage_md_is_true_of_the_shipped_service() {
    let text = std::fs::read_to_string(COVERAGE).expect("reads COVERAGE.md");
    let service = service_routes();
    assert!(!service.is_empty());
    let problems = problems(&text, &service);
    assert!(
        problems.is_empty(),
        "{COVERAGE} is not true of {SERVICE}:\n  {}",
        problems.join("\n  ")
    );
}

/// Each kind of untruth is found, and named by its row.
#[test]
fn a_wrong_row_is_found_and_named() {
    let text = std::fs::read_to_string(COVERAGE).expect("reads COVERAGE.md");
    let service = service_routes();
    // The count the preamble gives, true of the table (the other test).
    let covered: usize = text
        .split(" of 103 routes covered")
        .next()
        .and_then(|head| head.rsplit("**").next())
        .and_then(|count| count.trim().parse().ok())
        .expect("the preamble's count");
    let line_of = |number: &str| -> String {
        text.lines()
            .find(|line| line.starts_with(&format!("| {number} | ")))
            .unwrap_or_else(|| panic!("row #{number}"))
            .to_owned()
    };
    let found = |from: &str, to: &str| -> String {
        assert_eq!(text.matches(from).count(), 1, "`{from}`");
        problems(&text.replacen(from, to, 1), &service).join("\n")
    };

    // Another method than the spec's.
    let problems_of = found(
        "| 3 | GET | `/v1/{accountId}` |",
        "| 3 | PUT | `/v1/{accountId}` |",
    );
    assert!(
        problems_of.contains("row #3 (line")
            && problems_of.contains("`get-account.yaml` has the method `GET`, the row says `PUT`"),
        "{problems_of}"
    );
    // Another group.method.
    let problems_of = found("`accounts.list`", "`accounts.all`");
    assert!(
        problems_of.contains("has the group.method `accounts.list`, the row says `accounts.all`"),
        "{problems_of}"
    );
    // A spec the service does not have.
    let problems_of = found("`list-accounts.yaml`", "`all-accounts.yaml`");
    assert!(
        problems_of.contains("row #1 (line")
            && problems_of.contains("names `all-accounts.yaml`, which the service")
            && problems_of.contains("`list-accounts.yaml` (`accounts.list`, GET /v1) has no row"),
        "{problems_of}"
    );
    // A route of the service said to be not covered.
    let row = line_of("2");
    let problems_of = found(
        &row,
        "| 2 | POST | `/v1` | AccountClient.CreateAccountAsync | not covered | — | — | not yet written |",
    );
    assert!(
        problems_of.contains("row #2 (line")
            && problems_of.contains(
                "says `not covered`, but the service covers POST /v1 with `create-account.yaml`"
            )
            && problems_of.contains(&format!(
                "the preamble says {covered} of 103 routes covered; the table has {} of 103",
                covered - 1
            )),
        "{problems_of}"
    );
    // A row gone: the numbering and the service's endpoint say so.
    let row = line_of("17");
    let problems_of = found(&format!("{row}\n"), "");
    assert!(
        problems_of.contains("numbered `18` where #17 was expected")
            && problems_of.contains("`get-docflow.yaml` (`docflows.get`, GET /v1/{accountId}/docflows/{docflowId}) has no row"),
        "{problems_of}"
    );
    // Two rows of one route (parameter names aside).
    let row = line_of("5");
    let problems_of = found(
        &row,
        &row.replace("`/v1/{accountId}/certificates`", "`/v1/{id}`"),
    );
    assert!(
        problems_of.contains("row #3 (line")
            && problems_of.contains("and row #5 (line")
            && problems_of.contains("name one route, GET /v1/{id}"),
        "{problems_of}"
    );
    // A count that is not the table's.
    let problems_of = found(
        &format!("{covered} of 103 routes covered"),
        &format!("{} of 103 routes covered", covered + 1),
    );
    assert!(
        problems_of.contains(&format!(
            "the preamble says {} of 103 routes covered; the table has {covered} of 103",
            covered + 1
        )),
        "{problems_of}"
    );
    // A cell with a `|` in it.
    let row = line_of("6");
    let problems_of = found(&row, &row.replacen(" | ", " | x | ", 1));
    assert!(
        problems_of.contains("9 cells where the head has 8"),
        "{problems_of}"
    );
}
