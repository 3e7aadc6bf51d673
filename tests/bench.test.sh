#!/bin/sh
# bench.test.sh BUILD: the benchmark runner tests/helpers/benchrun.c, which
# `make bench` reads figures from.  No timing is judged here, only what it
# prints and its exit status: the summary line; with -p the line of the
# runs on a whole core (K of N, 0 <= K <= N, with the probe's figures);
# a failing command and bad arguments give an error.  Prints PASSED/FAILED n.
set -u
BUILD=${1:-build}
export LC_ALL=C
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
RUN=$top/$BUILD/tests/benchrun
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }

out=$("$RUN" 3 true)
if [ $? -eq 0 ] && [ "$(echo "$out" | wc -l)" -eq 1 ] &&
   echo "$out" | grep -Eq '^runs 3  wall ms: min [0-9.]+  median [0-9.]+  max [0-9.]+  cpu ms: median [0-9.]+  peak RSS [0-9.]+ MiB$'; then
  ok "one summary line without -p"
else
  bad "one summary line without -p: $out"
fi

out=$("$RUN" -p 5 true)
st=$?
line2=$(echo "$out" | sed -n 2p)
k=$(echo "$line2" | sed -n 's/^whole-core runs \([0-9]*\) of 5[ (].*/\1/p')
if [ $st -eq 0 ] && echo "$out" | head -1 | grep -q '^runs 5  wall ms' &&
   [ -n "$k" ] && [ "$k" -le 5 ] &&
   echo "$line2" | grep -Eq 'probe: lowest [0-9.]+  median [0-9.]+  highest [0-9.]+$'; then
  ok "with -p, the whole-core line ($k of 5)"
else
  bad "with -p, the whole-core line: $out"
fi
# the lowest probe is at most the median, the median at most the highest
if echo "$line2" | awk '{ for (i = 1; i <= NF; i++) { if ($i == "lowest") f = $(i + 1); if ($i == "probe:") m = $(i + 4); if ($i == "highest") s = $(i + 1) } exit !(f + 0 <= m + 0 && m + 0 <= s + 0 && f > 0) }'; then
  ok "probe figures in order"
else
  bad "probe figures in order: $line2"
fi

if "$RUN" -p 2 sh -c 'exit 3' >/dev/null 2>&1; then
  bad "a failing command is an error"
else
  ok "a failing command is an error"
fi
"$RUN" -p >/dev/null 2>&1
[ $? -eq 2 ] && ok "no count is a usage error" || bad "no count is a usage error"
"$RUN" 0 true >/dev/null 2>&1
[ $? -eq 2 ] && ok "a count of 0 is a usage error" || bad "a count of 0 is a usage error"

echo "PASSED $passed"
echo "FAILED $failed"
[ "$failed" -eq 0 ]
