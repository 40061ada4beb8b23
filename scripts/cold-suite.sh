#!/usr/bin/env bash
# How long the README's two commands take on a fresh clone: a new folder, an empty target and an
# empty cache folder (so an engine that installs itself on first use does so as well). Times the
# quickstart (`cargo run -p examples --example quickstart`) in one empty target folder, then the
# suite (`cargo test --workspace`, build and tests apart) in another. Give a commit to time
# another version of the tree beside this one, e.g. before and after a change, one after the
# other:
#   scripts/cold-suite.sh            # HEAD
#   scripts/cold-suite.sh c03a8a5    # another commit
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git clone --quiet "$repo" "$work/clone"
cd "$work/clone"
if [ $# -gt 0 ]; then git checkout --quiet "$1"; fi
unset DYNAMODB_ENDPOINT DYNAMO_MODEL_ENGINE
now() { date +%s.%N; }

mkdir "$work/cache-quickstart"
start=$(now)
XDG_CACHE_HOME="$work/cache-quickstart" CARGO_TARGET_DIR="$work/target-quickstart" \
  cargo run -p examples --example quickstart >"$work/quickstart.log" 2>&1 \
  || { tail -20 "$work/quickstart.log"; exit 1; }
quickstart_done=$(now)
rm -rf "$work/target-quickstart"

mkdir "$work/cache"
export XDG_CACHE_HOME="$work/cache" CARGO_TARGET_DIR="$work/target"
suite_start=$(now)
cargo test --workspace --no-run >"$work/build.log" 2>&1 || { tail -20 "$work/build.log"; exit 1; }
built=$(now)
cargo test --workspace >"$work/test.log" 2>&1 || { tail -40 "$work/test.log"; exit 1; }
done=$(now)
awk -v q="$start" -v qd="$quickstart_done" -v s="$suite_start" -v b="$built" -v d="$done" \
  -v c="$(git rev-parse --short HEAD)" \
  'BEGIN { printf "%s: quickstart %.1f s; suite: build %.1f s, tests %.1f s, total %.1f s\n", c, qd - q, b - s, d - b, d - s }'
