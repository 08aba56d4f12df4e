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
