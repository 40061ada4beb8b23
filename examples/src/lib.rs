//! Runnable examples of dynamo-model live in `examples/`; run one with
//! `cargo run -p examples --example quickstart`.
