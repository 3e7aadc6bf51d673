#!/bin/sh
# Throughput of the whole `newscheck extract` command (read, split, find
# every mention, build the claims, print all of it as JSON Lines) over a
# few MB of news text, as a whole process: 61 runs after a warm-up
# through tests/helpers/benchrun.c, output to /dev/null.  MB/s is the
# input size over the median wall time, over the median processor time
# and over the fastest run's wall time.
# The target is per core, and this machine's core is at times shared with
# another tenant (the host's second hardware thread of the core), which
# makes newscheck run up to 1.6 times slower: benchrun -p pins the runs to
# one processor, times a probe before and after each (about 1 on a whole
# core, 2 on a shared one: a counting loop that a shared core slows, over
# a multiply chain that it does not) and gives the median of the runs that
# had the core to themselves apart, "on a whole core", when at least 5 did.
# As a control, `gzip -1` is timed on the same text the same way (41 runs).
# Two texts of MB megabytes (default 4):
#  - the five built-in articles (data/articles) repeated;
#  - when ../shared/bench/article-extraction is present, the article text
#    of its 88 pages from many outlets (newscheck text), repeated.
# Usage: sh tests/bench/bench-extract-cmd.sh [BUILD] [MB]
set -eu
BUILD=${1:-build}
MB=${2:-4}
export LC_ALL=C
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
make -s BUILD="$BUILD" "$BUILD/newscheck" "$BUILD/tests/benchrun" >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
bytes=$(awk "BEGIN { printf \"%d\", $MB * 1000000 }")

# Repeat the text of file $1 until it holds $bytes bytes, into $2.
fill() {
  : >"$2"
  while [ "$(wc -c <"$2")" -lt "$bytes" ]; do
    cat "$1" >>"$2"
  done
  head -c "$bytes" "$2" >"$2.cut"
  mv "$2.cut" "$2"
}

# Time extract on file $2, labelled $1.
measure() {
  out=$("$BUILD/tests/benchrun" -p 61 "$BUILD/newscheck" extract "$2")
  all=$(echo "$out" | head -1)
  whole=$(echo "$out" | sed -n 2p)
  wall=$(echo "$all" | sed 's/.*median \([0-9.]*\)  max.*/\1/')
  best=$(echo "$all" | sed 's/.*wall ms: min \([0-9.]*\) .*/\1/')
  cpu=$(echo "$all" | sed 's/.*cpu ms: median \([0-9.]*\).*/\1/')
  wcpu=$(echo "$whole" | sed -n 's/.*cpu ms: median \([0-9.]*\).*/\1/p')
  lines=$("$BUILD/newscheck" extract "$2" | wc -l)
  echo "$1: $MB MB, $lines output lines"
  echo "  $all"
  echo "  $whole"
  awk -v b="$bytes" -v w="$wall" -v c="$cpu" -v f="$best" 'BEGIN {
    printf "  throughput, all runs: %.1f MB/s (median wall), %.1f MB/s (median cpu), %.1f MB/s (fastest run)\n",
      b / w / 1000, b / c / 1000, b / f / 1000 }'
  if [ -n "$wcpu" ]; then
    awk -v b="$bytes" -v c="$wcpu" 'BEGIN {
      printf "  throughput on a whole core: %.1f MB/s (median cpu); target 50\n",
        b / c / 1000 }'
  else
    echo "  throughput on a whole core: fewer than 5 runs had one; target 50"
  fi
  if command -v gzip >/dev/null 2>&1; then
    gz=$("$BUILD/tests/benchrun" -p 41 gzip -1 -c "$2")
    gzcpu=$(echo "$gz" | head -1 | sed 's/.*cpu ms: median \([0-9.]*\).*/\1/')
    gzw=$(echo "$gz" | sed -n '2s/.*cpu ms: median \([0-9.]*\).*/\1/p')
    awk -v c="$cpu" -v g="$gzcpu" -v wc="$wcpu" -v wg="$gzw" 'BEGIN {
      printf "  control: gzip -1 on the same text, median cpu %.1f ms; newscheck/gzip %.2f", g, c / g
      if (wc != "" && wg != "")
        printf "; on a whole core %.1f ms, newscheck/gzip %.2f", wg, wc / wg
      printf "\n" }'
  fi
}

for f in data/articles/*.txt; do
  cat "$f"
  echo
done >"$tmp/articles.txt"
fill "$tmp/articles.txt" "$tmp/articles-$MB.txt"
measure "built-in articles repeated" "$tmp/articles-$MB.txt"

pages="$top/../shared/bench/article-extraction/html"
if [ -d "$pages" ]; then
  for f in "$pages"/*.html.gz; do
    gzip -dc "$f" >"$tmp/page.html"
    "$BUILD/newscheck" text "$tmp/page.html" 2>/dev/null || true
    echo
  done >"$tmp/pages.txt"
  fill "$tmp/pages.txt" "$tmp/pages-$MB.txt"
  measure "article text of 88 pages from many outlets, repeated" \
    "$tmp/pages-$MB.txt"
else
  echo "no pages at $pages: the varied-news text is skipped"
fi
