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
# Each step's wall time and the processor time it used (user and system, children included): on
# a shared machine the wall time moves with the hour; the processor time much less.
TIMEFORMAT='%R %U %S'
timed() { # timed NAME COMMAND...: runs COMMAND, its output into $work/NAME.log, its times into $work/NAME.time
  local name="$1"; shift
  { time "$@" >"$work/$name.log" 2>&1; } 2>"$work/$name.time" || { tail -40 "$work/$name.log"; exit 1; }
}

mkdir "$work/cache-quickstart"
XDG_CACHE_HOME="$work/cache-quickstart" CARGO_TARGET_DIR="$work/target-quickstart" \
  timed quickstart cargo run -p examples --example quickstart
rm -rf "$work/target-quickstart"

mkdir "$work/cache"
export XDG_CACHE_HOME="$work/cache" CARGO_TARGET_DIR="$work/target"
timed build cargo test --workspace --no-run
timed test cargo test --workspace
awk -v c="$(git rev-parse --short HEAD)" '
  FNR == 1 { wall[FILENAME] = $1; cpu[FILENAME] = $2 + $3 }
  END {
    q = ARGV[1]; b = ARGV[2]; t = ARGV[3]
    printf "%s: quickstart %.1f s (cpu %.1f s); suite: build %.1f s (cpu %.1f s), tests %.1f s (cpu %.1f s), total %.1f s (cpu %.1f s)\n", c, wall[q], cpu[q], wall[b], cpu[b], wall[t], cpu[t], wall[b] + wall[t], cpu[b] + cpu[t]
  }' "$work/quickstart.time" "$work/build.time" "$work/test.time"
