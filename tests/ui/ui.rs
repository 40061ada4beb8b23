//! Schema and query mistakes are compile errors: each file in the folders beside this one is one
//! mistake, and its `.stderr` is the reviewed message the user sees. Regenerate with
//! `TRYBUILD=overwrite cargo test -p ui` only after reading the diff.
//!
//! trybuild checks the cases in a project of its own that depends on what this package does, so
//! this package depends on as little as the cases need.

/// The flags trybuild gives rustc when it checks the cases (`--cfg trybuild`, `-A dead_code`, a
/// 140-column diagnostic width), in `CARGO_ENCODED_RUSTFLAGS` form.
///
/// trybuild checks the dependencies first and the cases after, passing the diagnostic width only
/// the second time; flags that differ make cargo check every dependency (the SDK among them)
/// twice. Cargo takes `CARGO_ENCODED_RUSTFLAGS` over any other rustflags, so with these flags
/// in it both steps share one set of dependencies, and the messages are what trybuild's own
/// flags give.
const TRYBUILD_RUSTFLAGS: &str =
    "--cfg\x1ftrybuild\x1f--verbose\x1f-A\x1fdead_code\x1f--diagnostic-width=140";

fn main() {
    // SAFETY: nothing else runs yet; this is the program's only thread.
    unsafe { std::env::set_var("CARGO_ENCODED_RUSTFLAGS", TRYBUILD_RUSTFLAGS) };
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
    // The cases are checked when `cases` is dropped; a failing case panics.
}
