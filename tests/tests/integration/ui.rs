//! Schema mistakes are compile errors: each file under `ui/` is one mistake, and its `.stderr`
//! is the reviewed message the user sees. Regenerate with `TRYBUILD=overwrite` only after
//! reading the diff (`TRYBUILD=overwrite cargo test -p tests --test integration -- ui::`).
//!
//! This runs `cargo check` on every case, mostly CPU work, while the engine tests beside it in
//! this binary mostly wait on the engine, so the two overlap.

#[test]
fn schema_mistakes_do_not_compile() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/schema/*.rs");
    cases.compile_fail("ui/attributes/*.rs");
    cases.compile_fail("ui/types/*.rs");
    cases.compile_fail("ui/attribute/*.rs");
    cases.compile_fail("ui/mapping/*.rs");
    cases.compile_fail("ui/indexes/*.rs");
    cases.compile_fail("ui/expressions/*.rs");
    cases.compile_fail("ui/projection/*.rs");
    cases.compile_fail("ui/behaviours/*.rs");
}
