// A string with a `pattern:` is built through `new`, `parse` or `try_from`,
// which check it; its field is private, so the check cannot be skipped.
kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/specs/v2/keyed.yaml");

fn main() {
    let _inn = check_drafts::Inn(String::from("not an INN"));
}
