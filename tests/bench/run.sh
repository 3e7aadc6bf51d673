#!/bin/sh
# make bench: the speed and memory figures recorded in docs/BENCHMARKS.md.
#  1. the cross-check of the five built-in articles (whole process, JSON
#     report), median of 51 runs after a warm-up, target < 20 ms;
#  2. every tests/bench/bench-*.sh script (value recognizers, fetch).
# The HTML extraction benchmark has its own target: make bench-extract.
set -eu
BUILD=${1:-build}
export LC_ALL=C
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"

echo "== cross-check of data/articles (5 articles, --json) =="
"$BUILD/tests/benchrun" 51 "$BUILD/newscheck" --json data/articles
echo "== the same, human report =="
"$BUILD/tests/benchrun" 51 "$BUILD/newscheck" --no-color data/articles

for b in tests/bench/bench-*.sh; do
  [ -f "$b" ] || continue
  echo "== $(basename "$b" .sh) =="
  sh "$b" "$BUILD"
done
