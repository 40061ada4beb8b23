//! The compile-fail cases of dynamo-model; the test is `ui.rs`.
