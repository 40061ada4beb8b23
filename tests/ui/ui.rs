//! Schema and query mistakes are compile errors: each file in the folders beside this one is one
//! mistake, and its `.stderr` is the reviewed message the user sees. Regenerate with
//! `TRYBUILD=overwrite cargo test -p ui` only after reading the diff.
//!
//! trybuild checks the cases in a project of its own that depends on what this package does, so
//! this package depends on as little as the cases need.

#[test]
fn schema_mistakes_do_not_compile() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("schema/*.rs");
    cases.compile_fail("attributes/*.rs");
    cases.compile_fail("types/*.rs");
    cases.compile_fail("attribute/*.rs");
    cases.compile_fail("mapping/*.rs");
    cases.compile_fail("indexes/*.rs");
    cases.compile_fail("expressions/*.rs");
    cases.compile_fail("projection/*.rs");
    cases.compile_fail("behaviours/*.rs");
    cases.compile_fail("single_table/*.rs");
}
