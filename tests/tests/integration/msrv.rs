//! The minimum supported Rust version is declared (`rust-version` in the workspace manifest)
//! and checked against what the build needs: no dependency in the lock file asks for a newer
//! Rust, every published crate declares it, and the toolchain running the tests is at least it.
//! CI (`.ci/run`) also builds the workspace with that exact toolchain: `cargo +1.94.1 check
//! --workspace --all-targets`.

use std::process::Command;

fn version(text: &str) -> Vec<u32> {
    text.split(['.', '-', ' '])
        .take(3)
        .map(|part| part.parse().unwrap_or(0))
        .collect()
}

#[test]
fn no_dependency_needs_a_newer_rust_than_the_declared_one() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let workspace = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap();
    // The packages this machine builds: a dependency for another platform only (say Windows)
    // is not downloaded by a build here, and needs no Rust of this machine's.
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let about = Command::new(rustc).arg("-vV").output().unwrap();
    let about = String::from_utf8_lossy(&about.stdout).into_owned();
    let host = about
        .lines()
        .find_map(|line| line.strip_prefix("host: "))
        .unwrap()
        .to_owned();
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--offline", "--locked"])
        .args(["--filter-platform", &host])
        .current_dir(workspace)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let members: Vec<&str> = metadata["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m.as_str())
        .collect();
    let packages = metadata["packages"].as_array().unwrap();
    let declared = packages
        .iter()
        .find(|p| p["name"] == "dynamo-model")
        .and_then(|p| p["rust_version"].as_str())
        .expect("dynamo-model declares its rust-version");
    for published in ["dynamo-model", "dynamo-model-derive", "dynamo-model-local"] {
        let package = packages.iter().find(|p| p["name"] == published).unwrap();
        assert_eq!(
            package["rust_version"].as_str(),
            Some(declared),
            "{published}"
        );
    }
    let newer: Vec<String> = packages
        .iter()
        .filter(|p| !members.contains(&p["id"].as_str().unwrap_or("")))
        .filter_map(|p| {
            let needs = p["rust_version"].as_str()?;
            (version(needs) > version(declared))
                .then(|| format!("{} {} needs Rust {needs}", p["name"], p["version"]))
        })
        .collect();
    assert!(
        newer.is_empty(),
        "dependencies need a newer Rust than the declared {declared}: raise rust-version or pin them: {newer:?}"
    );
    let rustc = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
        .arg("--version")
        .output()
        .unwrap();
    let rustc = String::from_utf8_lossy(&rustc.stdout);
    let running = rustc.split_whitespace().nth(1).unwrap_or("0");
    assert!(
        version(running) >= version(declared),
        "this toolchain ({running}) is older than the declared minimum {declared}"
    );
}
