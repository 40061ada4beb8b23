#!/usr/bin/env bash
# The stripped size of a get-by-id Lambda function on dynamo-model and on the raw SDK, built in
# one run the way Lambda functions ship (release, thin LTO, one codegen unit, stripped):
#   scripts/lambda-size.sh
set -euo pipefail
cd "$(dirname "$0")/../benches/lambda-size"
for package in get-raw get-model get-model-defaults; do
  cargo build --release --quiet -p "$package"
done
size() { stat -c %s "target/release/$1"; }
raw=$(size get-raw)
printf '%-22s %10s %8s\n' binary bytes "vs raw"
for package in get-raw get-model get-model-defaults; do
  bytes=$(size "$package")
  awk -v p="$package" -v b="$bytes" -v r="$raw" 'BEGIN { printf "%-22s %10d %7.3fx\n", p, b, b / r }'
done
