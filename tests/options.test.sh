#!/bin/sh
# Every long option of every command shows up both in its --help and in
# the manual page, docs/newscheck.1 (one table feeds --help; the manual is
# written by hand, so this keeps the two true to each other).
set -eu
BUILD=${1:-build}
export LC_ALL=C
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
pass=0
fail=0
for cmd in "" fetch text extract; do
  # shellcheck disable=SC2086
  opts=$("$BUILD/newscheck" $cmd --help | grep -o -- '--[a-z][a-z-]*' | sort -u)
  for o in $opts; do
    man=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
    if grep -q -- "$man" docs/newscheck.1; then
      pass=$((pass + 1))
    else
      echo "newscheck $cmd: $o is not in docs/newscheck.1"
      fail=$((fail + 1))
    fi
  done
done
echo "PASSED $pass"
echo "FAILED $fail"
[ "$fail" -eq 0 ]
