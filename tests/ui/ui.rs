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

/// The name a test filter matches, as if this were a test of a harness.
const NAME: &str = "schema_and_query_mistakes_do_not_compile";

fn main() {
    // Arguments as a test harness takes them: `--ignored` runs only ignored tests (there are
    // none here), and a filter runs the cases only if it matches `NAME`.
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut filters = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            // The harness options that take the next argument as their value.
            "--test-threads" | "--skip" | "--format" | "--color" | "--logfile" | "-Z" => {
                rest.next();
            }
            option if option.starts_with('-') => {}
            filter => filters.push(filter),
        }
    }
    let filtered_out = !filters.is_empty() && !filters.iter().any(|f| NAME.contains(f));
    if filtered_out || args.iter().any(|a| a == "--ignored" || a == "--list") {
        println!("ui: {NAME} not run (filtered out)");
        return;
    }
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
    cases.compile_fail("versions/*.rs");
    cases.compile_fail("relations/*.rs");
    cases.compile_fail("keys/*.rs");
    cases.compile_fail("single_table/*.rs");
    cases.compile_fail("vocabulary/*.rs");
    cases.compile_fail("shared_derives/*.rs");
    // The cases are checked when `cases` is dropped; a failing case panics.
}
