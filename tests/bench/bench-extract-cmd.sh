#!/bin/sh
# Throughput of the whole `newscheck extract` command (read, split, find
# every mention, build the claims, print all of it as JSON Lines) over a
# few MB of news text, as a whole process: 21 runs after a warm-up
# through tests/helpers/benchrun.c, output to /dev/null.  MB/s is the
# input size over the median wall time, over the median processor time
# (the per-core figure, which other work on the machine moves less), and
# over the fastest run's wall time (this shared machine's speed varies by
# a third from one minute to the next; the fastest run shows the code's
# speed when nothing else takes the core).  As a control, `gzip -1` is
# timed on the same text the same way: its time shows how fast the machine
# ran in that sitting, so the ratio newscheck/gzip compares sittings that
# the machine's drift makes incomparable in MB/s.
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
  out=$("$BUILD/tests/benchrun" 21 "$BUILD/newscheck" extract "$2")
  wall=$(echo "$out" | sed 's/.*median \([0-9.]*\)  max.*/\1/')
  best=$(echo "$out" | sed 's/.*wall ms: min \([0-9.]*\) .*/\1/')
  cpu=$(echo "$out" | sed 's/.*cpu ms: median \([0-9.]*\).*/\1/')
  lines=$("$BUILD/newscheck" extract "$2" | wc -l)
  echo "$1: $MB MB, $lines output lines"
  echo "  $out"
  awk -v b="$bytes" -v w="$wall" -v c="$cpu" -v f="$best" 'BEGIN {
    printf "  throughput: %.1f MB/s (median wall), %.1f MB/s (median cpu), %.1f MB/s (fastest run); target 50\n",
      b / w / 1000, b / c / 1000, b / f / 1000 }'
  if command -v gzip >/dev/null 2>&1; then
    gz=$("$BUILD/tests/benchrun" 21 gzip -1 -c "$2")
    gzcpu=$(echo "$gz" | sed 's/.*cpu ms: median \([0-9.]*\).*/\1/')
    awk -v c="$cpu" -v g="$gzcpu" 'BEGIN {
      printf "  control: gzip -1 on the same text, median cpu %.1f ms; newscheck/gzip %.2f\n",
        g, c / g }'
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
