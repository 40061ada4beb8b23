#!/usr/bin/env bash
# How long `cargo test --workspace` takes on a fresh clone: a new folder, an empty target and an
# empty cache folder (so the local engine is installed from the package index as well). Prints
# the build and the test times. Give a commit to time another version of the tree beside this
# one, e.g. before and after a change, one after the other:
#   scripts/cold-suite.sh            # HEAD
#   scripts/cold-suite.sh c03a8a5    # another commit
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git clone --quiet "$repo" "$work/clone"
cd "$work/clone"
if [ $# -gt 0 ]; then git checkout --quiet "$1"; fi
mkdir "$work/cache"
export XDG_CACHE_HOME="$work/cache"
unset DYNAMODB_ENDPOINT CARGO_TARGET_DIR
start=$(date +%s.%N)
cargo test --workspace --no-run >"$work/build.log" 2>&1 || { tail -20 "$work/build.log"; exit 1; }
built=$(date +%s.%N)
cargo test --workspace >"$work/test.log" 2>&1 || { tail -40 "$work/test.log"; exit 1; }
done=$(date +%s.%N)
awk -v s="$start" -v b="$built" -v d="$done" -v c="$(git rev-parse --short HEAD)" \
  'BEGIN { printf "%s: build %.1f s, tests %.1f s, total %.1f s\n", c, b - s, d - b, d - s }'
