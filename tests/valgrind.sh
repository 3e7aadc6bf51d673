#!/bin/sh
# valgrind.sh BUILD: `make check-valgrind`.  Runs every unit test, the
# fuzz replays (seed corpora and regressions) and the two programs on the
# built-in articles (text and HTML, every output mode, --expect, --update,
# fetch of local files) under valgrind's memcheck with --leak-check=full;
# any error or definite/indirect leak fails the run.  PCRE2's JIT code is
# opaque to valgrind (false "uninitialised value" reports inside it), so
# NC_NO_JIT=1 makes rules.c use the PCRE2 interpreter; nothing else
# changes.  Suppressions, if any, are in tests/valgrind.supp.
set -u
BUILD=${1:-build}
export LC_ALL=C
export NO_COLOR=1
export NC_NO_JIT=1
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

VG="valgrind -q --error-exitcode=99 --leak-check=full \
  --show-leak-kinds=definite,indirect \
  --errors-for-leak-kinds=definite,indirect \
  --suppressions=$top/tests/valgrind.supp"
runs=0
bad=0

# vg NAME CMD...: one program under valgrind; fails on a valgrind error
# (exit 99), whatever the program's own status.
vg() {
  name=$1
  shift
  runs=$((runs + 1))
  rc=0
  # shellcheck disable=SC2086
  $VG "$@" >"$tmp/vg.out" 2>"$tmp/vg.err" </dev/null || rc=$?
  if [ "$rc" -eq 99 ] || grep -q '^==[0-9]*== ' "$tmp/vg.err"; then
    bad=$((bad + 1))
    echo "FAIL $name"
    grep '^==' "$tmp/vg.err" | head -n 30 | sed 's/^/    /'
  else
    echo "ok   $name (exit $rc)"
  fi
}

for t in "$BUILD"/tests/test_*; do
  [ -x "$t" ] || continue
  CMOCKA_MESSAGE_OUTPUT=stdout vg "$(basename "$t")" "$t"
done

R=$BUILD/tests/fuzz_replay
if [ -x "$R" ]; then
  for t in html text manifest fixture rules; do
    for set in corpus regressions; do
      d=tests/fuzz/$set/$t
      [ -d "$d" ] || continue
      set -- "$d"/*
      [ -e "$1" ] || continue
      NC_FUZZ_DATADIR=$top/data vg "fuzz_replay $t $set" "$R" "$t" "$@"
    done
  done
fi

NC=$BUILD/newscheck
vg "newscheck text articles" "$NC" data/articles
vg "newscheck --json articles" "$NC" --json data/articles
vg "newscheck html articles" "$NC" --json tests/data/articles-html
vg "newscheck --expect" "$NC" --expect data/expected/*.json data/articles
cp data/expected/*.json "$tmp/fx.json"
vg "newscheck --update" "$NC" --expect "$tmp/fx.json" --update data/articles
vg "newscheck text" "$NC" text --json tests/data/articles-html/*.html
vg "newscheck extract" "$NC" extract --date 2025-11-06 \
  data/articles/econotimes.txt
vg "newscheck bad inputs" "$NC" --json tests/data/bad data/articles
printf '{"sources": [{"id": "a", "file": "a.txt"}, {"id": "b", "url": null,
  "file": "b.txt"}]}\n' >"$tmp/list.json"
cp data/articles/econotimes.txt "$tmp/a.txt"
cp data/articles/shmews.txt "$tmp/b.txt"
vg "newscheck-fetch local files" "$BUILD/newscheck-fetch" --quiet \
  --out "$tmp/out" "$tmp/list.json"
vg "newscheck on the fetched folder" "$NC" --json "$tmp/out"

echo "valgrind: $runs runs, $bad failed"
[ "$bad" -eq 0 ]
