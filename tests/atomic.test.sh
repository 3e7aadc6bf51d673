#!/bin/sh
# atomic.test.sh BUILD: the files newscheck writes are replaced atomically.
# `newscheck --expect F --update` on a large input (two inputs taking
# turns, so each run changes F) is killed with SIGKILL at random moments,
# 50 times; F must always be byte for byte the old or the new report,
# never a mix or a truncated file.  The same for `newscheck-fetch` and
# OUT/sources.json with the local copies it makes.  A kill can leave the
# writer's temporary file behind (F.tmp.XXXXXX beside F, or a hidden
# .NAME.PID.N.tmp in the fetch folder): the test checks that only killed
# runs leave one, at most one each, and that finished runs leave none.
# Prints PASSED/FAILED n.
set -u
BUILD=${1:-build}
export LC_ALL=C
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
NC=${NEWSCHECK:-$top/$BUILD/newscheck}
FETCH=$top/$BUILD/newscheck-fetch
ROUNDS=${ATOMIC_ROUNDS:-50}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' INT TERM

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
check() {
  what=$1
  shift
  if "$@"; then ok "$what"; else bad "$what"; fi
}

# ms: milliseconds since the epoch
ms() { echo $(($(date +%s%N) / 1000000)); }
# delay I SPAN: a pseudo-random delay in seconds for round I, between a
# third of SPAN and 1.1 times SPAN milliseconds (most kills land while
# the report is being built or written)
delay() {
  awk -v i="$1" -v span="$2" 'BEGIN { srand(i * 7919 + 17);
    printf "%.3f", (0.33 + rand() * 0.77) * span / 1000 }'
}

# -- inputs: many copies of the built-in articles, text and HTML -----------
mkdir -p "$tmp/in1" "$tmp/in2"
i=1
while [ "$i" -le 30 ]; do
  for f in data/articles/*.txt; do
    b=$(basename "$f" .txt)
    cp "$f" "$tmp/in1/$b-$i.txt"
  done
  for f in tests/data/articles-html/*.html; do
    b=$(basename "$f" .html)
    cp "$f" "$tmp/in2/$b-$i.html"
  done
  i=$((i + 1))
done

# the two reports, written by runs that are not interrupted
"$NC" --expect "$tmp/A.json" --update "$tmp/in1" >/dev/null 2>&1
t0=$(ms)
"$NC" --expect "$tmp/B.json" --update "$tmp/in2" >/dev/null 2>&1
span=$(($(ms) - t0))
differ() { [ -s "$1" ] && [ -s "$2" ] && ! cmp -s "$1" "$2"; }
check "the two reports differ" differ "$tmp/A.json" "$tmp/B.json"
check "finished runs leave no temporary file" \
  [ -z "$(ls -A "$tmp" | grep '\.tmp\.' || true)" ]

F=$tmp/F.json
cp "$tmp/A.json" "$F"
round=1
killed=0
finished=0
torn=0
while [ "$round" -le "$ROUNDS" ]; do
  in=$tmp/in$((round % 2 + 1))
  "$NC" --expect "$F" --update "$in" >/dev/null 2>&1 &
  pid=$!
  sleep "$(delay "$round" "$span")"
  if kill -KILL "$pid" 2>/dev/null; then
    killed=$((killed + 1))
  else
    finished=$((finished + 1))
  fi
  wait "$pid" 2>/dev/null
  if ! cmp -s "$F" "$tmp/A.json" && ! cmp -s "$F" "$tmp/B.json"; then
    torn=$((torn + 1))
    cp "$tmp/A.json" "$F"
  fi
  round=$((round + 1))
done
left=$(ls -A "$tmp" | grep -c '^F\.json\.tmp\.' || true)
echo "     --update: $ROUNDS rounds, $killed killed, $finished finished," \
  "$left temporary files left"
check "--update killed $ROUNDS times: F always old or new" [ "$torn" -eq 0 ]
check "--update: some runs were killed" [ "$killed" -gt 0 ]
check "--update: temporary files only from killed runs" \
  [ "$left" -le "$killed" ]
rm -f "$tmp"/F.json.tmp.*

# -- newscheck-fetch: local files copied into OUT, then OUT/sources.json ---
if [ -x "$FETCH" ]; then
  python3 - "$tmp/in1" >"$tmp/in1/list.json" <<'EOF'
import json, os, sys
names = sorted(n for n in os.listdir(sys.argv[1]) if n.endswith(".txt"))
print(json.dumps({"sources": [{"id": n[:-4], "file": n} for n in names]}))
EOF
  out=$tmp/out
  t0=$(ms)
  "$FETCH" --quiet --out "$out" "$tmp/in1/list.json" >/dev/null 2>&1
  span=$(($(ms) - t0))
  cp "$out/sources.json" "$tmp/S.json"
  check "fetch: local files copied into the folder" \
    [ "$(ls "$out" | grep -c '\.local\.txt$')" -eq 150 ]
  torn=0
  killed=0
  round=1
  while [ "$round" -le 20 ]; do
    "$FETCH" --quiet --out "$out" "$tmp/in1/list.json" >/dev/null 2>&1 &
    pid=$!
    sleep "$(delay "$round" "$span")"
    kill -KILL "$pid" 2>/dev/null && killed=$((killed + 1))
    wait "$pid" 2>/dev/null
    cmp -s "$out/sources.json" "$tmp/S.json" || torn=$((torn + 1))
    round=$((round + 1))
  done
  for f in "$tmp"/in1/*.txt; do
    b=$(basename "$f" .txt)
    cmp -s "$f" "$out/$b.local.txt" || torn=$((torn + 1))
  done
  left=$(ls -A "$out" | grep -c '\.tmp\.' || true)
  echo "     fetch: 20 rounds, $killed killed, $left temporary files left"
  check "fetch killed 20 times: sources.json and copies whole" \
    [ "$torn" -eq 0 ]
  check "fetch: temporary files only from killed runs" \
    [ "$left" -le "$killed" ]
  crosscheck() { "$NC" --json "$out" >/dev/null 2>&1; }
  check "a cross-check of the folder skips the leftovers" crosscheck
fi

echo "PASSED $passed"
echo "FAILED $failed"
[ "$failed" -eq 0 ]
