#!/bin/sh
# Replay the fuzz seed corpora (tests/fuzz/corpus/TARGET) and every saved
# crash input (tests/fuzz/regressions/TARGET) through the libFuzzer entry
# points, built without libFuzzer as BUILD/tests/fuzz_replay.  Under
# `make check-asan` this runs with the sanitizers.  Prints PASSED/FAILED n.
set -u
BUILD=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
bin=$BUILD/tests/fuzz_replay
pass=0
fail=0
for t in html text manifest fixture rules; do
  for set in corpus regressions; do
    d=tests/fuzz/$set/$t
    [ -d "$d" ] || continue
    set -- "$d"/*
    [ -e "$1" ] || continue
    if NC_FUZZ_DATADIR="$top/data" "$bin" "$t" "$@" >/dev/null; then
      pass=$((pass + 1))
    else
      echo "FAIL: $t $set (exit $?)"
      fail=$((fail + 1))
    fi
  done
done
echo "PASSED $pass"
echo "FAILED $fail"
[ "$fail" -eq 0 ]
