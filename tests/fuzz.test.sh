#!/bin/sh
# Replay the fuzz seeds (tests/fuzz/seeds.sh, tests/fuzz/corpus/TARGET) and every saved
# crash input (tests/fuzz/regressions/TARGET) through the libFuzzer entry
# points, built without libFuzzer as BUILD/tests/fuzz_replay.  Under
# `make check-asan` this runs with the sanitizers.  Prints PASSED/FAILED n.
set -u
BUILD=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
. tests/fuzz/seeds.sh
bin=$BUILD/tests/fuzz_replay
pass=0
fail=0
for t in html text manifest fixture rules; do
  for set in seeds corpus regressions; do
    if [ "$set" = seeds ]; then
      # shellcheck disable=SC2046
      set -- $(seeds "$t")
    else
      d=tests/fuzz/$set/$t
      [ -d "$d" ] || continue
      set -- "$d"/*
    fi
    [ -e "${1:-}" ] || continue
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
