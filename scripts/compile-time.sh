#!/usr/bin/env bash
# Compile time of a crate with 50 derived models against the same 50 structs with serde
# derives: a clean debug build of each crate alone (dependencies built beforehand), three runs
# each, printing the medians and their ratio.
#
# Run from the repository root: scripts/compile-time.sh
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

model() { # $1 = index, $2 = derive line
    cat <<RS
$2
pub struct Model$1 {
    $3
    pub id: String,
    pub name: String,
    pub count: u64,
    pub score: f64,
    pub active: bool,
    pub note: Option<String>,
    pub tags: std::collections::BTreeSet<String>,
    pub history: Vec<u32>,
    pub labels: std::collections::BTreeMap<String, String>,
    pub owner: Option<String>,
}
RS
}

mkdir -p "$work/dynamo/src" "$work/serde/src"
cat > "$work/Cargo.toml" <<TOML
[workspace]
resolver = "2"
members = ["dynamo", "serde"]
TOML
cat > "$work/dynamo/Cargo.toml" <<TOML
[package]
name = "models-dynamo"
version = "0.0.0"
edition = "2021"
[dependencies]
dynamo-model = { path = "$root/dynamo-model" }
TOML
cat > "$work/serde/Cargo.toml" <<TOML
[package]
name = "models-serde"
version = "0.0.0"
edition = "2021"
[dependencies]
serde = { version = "1", features = ["derive"] }
TOML
for i in $(seq 1 50); do
    model "$i" '#[derive(dynamo_model::Model)]' '#[dynamo(hash_key)]' >> "$work/dynamo/src/lib.rs"
    model "$i" '#[derive(serde::Serialize, serde::Deserialize)]' '' >> "$work/serde/src/lib.rs"
done
cp "$root/Cargo.lock" "$work/Cargo.lock" 2>/dev/null || true

cd "$work"
echo "building dependencies once..."
cargo build --quiet --workspace 2>/dev/null

time_crate() { # $1 = package; prints seconds of a clean build of that crate alone
    cargo clean --quiet -p "$1"
    local start end
    start=$(date +%s%N)
    cargo build --quiet -p "$1"
    end=$(date +%s%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'
}

median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }

d=(); s=()
for _ in 1 2 3; do
    d+=("$(time_crate models-dynamo)")
    s+=("$(time_crate models-serde)")
done
dm=$(median "${d[@]}"); sm=$(median "${s[@]}")
echo "50 models, clean debug build of the crate alone (median of 3):"
echo "  #[derive(Model)]                    ${dm} s   (runs: ${d[*]})"
echo "  #[derive(Serialize, Deserialize)]   ${sm} s   (runs: ${s[*]})"
echo "  ratio                               $(awk -v a="$dm" -v b="$sm" 'BEGIN { printf "%.2f", a / b }')"
