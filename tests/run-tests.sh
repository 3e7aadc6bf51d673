#!/bin/sh
# Run every test of newscheck: the cmocka unit tests, the end-to-end cases
# in tests/cases, and the shell suites in tests/*.test.sh.  Prints one
# closing line "tests: N passed, N failed" and exits non-zero on failure.
set -u
BUILD=${1:-build}
export LC_ALL=C
export NO_COLOR=1
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2

passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for t in "$BUILD"/tests/test_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  if CMOCKA_MESSAGE_OUTPUT=stdout "$t" >"$log" 2>&1; then
    status=ok
  else
    status=FAIL
  fi
  p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
  f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
  p=${p:-0}
  f=${f:-0}
  if [ "$status" = FAIL ] && [ "$f" -eq 0 ]; then
    f=1 # crashed or exited before cmocka's summary
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$status" = FAIL ]; then
    echo "FAIL $name"
    sed 's/^/    /' "$log"
  else
    echo "ok   $name ($p)"
  fi
done

for s in tests/*.test.sh; do
  [ -f "$s" ] || continue
  name=$(basename "$s" .test.sh)
  if sh "$s" "$BUILD" >"$log" 2>&1; then
    status=ok
  else
    status=FAIL
  fi
  p=$(sed -n 's/^PASSED \([0-9]*\)$/\1/p' "$log" | tail -n 1)
  f=$(sed -n 's/^FAILED \([0-9]*\)$/\1/p' "$log" | tail -n 1)
  p=${p:-0}
  f=${f:-0}
  [ "$status" = FAIL ] && [ "$f" -eq 0 ] && f=1
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$status" = FAIL ]; then
    echo "FAIL $name"
    sed 's/^/    /' "$log"
  else
    echo "ok   $name ($p)"
  fi
done

# The acceptance check: the built-in articles against their fixtures.
# The HTML versions of the articles must give the same findings.
for fx in data/expected/*.json; do
  [ -f "$fx" ] || continue
  for in in data/articles tests/data/articles-html; do
    if "$BUILD/newscheck" --expect "$fx" "$in" >"$log" 2>&1; then
      passed=$((passed + 1))
      echo "ok   fixture $(basename "$fx") on $in"
    else
      failed=$((failed + 1))
      echo "FAIL fixture $fx on $in"
      sed 's/^/    /' "$log"
    fi
  done
done

# Other stories (invented articles, written for these tests) against the
# findings reviewed when their fixtures were made.
for dir in tests/stories/*/; do
  [ -d "$dir" ] || continue
  name=$(basename "$dir")
  if "$BUILD/newscheck" --expect "tests/stories/$name.json" "$dir" \
      >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "ok   story $name"
  else
    failed=$((failed + 1))
    echo "FAIL story $name"
    sed 's/^/    /' "$log"
  fi
done

echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
