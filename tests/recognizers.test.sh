#!/bin/sh
# Score the value recognizer on the recognizer suite in
# ../shared/bench/recognizers (skipped when absent).  A file passes when
# its pass rate reaches the floor below: the rate achieved so far, raised
# as the recognizer improves (the target is 95).  Cases judged out of
# scope are listed with a reason in tests/recognizers-out-of-scope.txt.
# Prints "PASSED n" and "FAILED n" for tests/run-tests.sh.
set -u
BUILD=${1:-build}
export LC_ALL=C
top=$(cd "$(dirname "$0")/.." && pwd)
bench="$top/../shared/bench/recognizers"
helper="$top/$BUILD/tests/recognizers"

if [ ! -d "$bench" ]; then
  echo "skipped: no $bench"
  echo "PASSED 0"
  echo "FAILED 0"
  exit 0
fi
if [ ! -x "$helper" ]; then
  echo "missing $helper"
  echo "PASSED 0"
  echo "FAILED 1"
  exit 1
fi

floor() {
  case "$1" in
    currency) echo 96 ;;
    date_extractor) echo 100 ;;
    date_parser) echo 100 ;;
    number) echo 100 ;;
    ordinal) echo 100 ;;
    percent) echo 100 ;;
    *) echo 95 ;;
  esac
}

out=$("$helper" -x "$top/tests/recognizers-out-of-scope.txt" "$bench"/*.jsonl)
status=$?
passed=0
failed=0
echo "$out" | grep '^RATE' >"${TMPDIR:-/tmp}/nc-rec.$$"
while read -r _ name p t rate _; do
  min=$(floor "$name")
  if awk -v r="$rate" -v m="$min" 'BEGIN { exit !(r >= m) }'; then
    echo "ok   $name $p/$t ($rate% >= $min%)"
    passed=$((passed + 1))
  else
    echo "FAIL $name $p/$t ($rate% < $min%)"
    failed=$((failed + 1))
  fi
done <"${TMPDIR:-/tmp}/nc-rec.$$"
rm -f "${TMPDIR:-/tmp}/nc-rec.$$"
[ "$status" -eq 0 ] || failed=$((failed + 1))
echo "PASSED $passed"
echo "FAILED $failed"
[ "$failed" -eq 0 ]
