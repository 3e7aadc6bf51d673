#!/bin/sh
# bench-fetch.sh BUILD: 1000 urls on the loopback test server, each answered
# after 50 ms, fetched with `newscheck fetch --parallel 50 --per-host 50`
# and, side by side, with `curl --parallel --parallel-max 50`.  Prints wall
# time and peak memory; fails when newscheck takes 2 s or more or peaks at
# 50 MB or more.  Loopback only (127.0.0.1).
# The pages go to a folder on tmpfs (/dev/shm) when there is one, as curl's
# go to /dev/null: what is timed is the fetcher, not the file system.  On a
# journal-less ext4, creating files soon after many were deleted scans the
# recently freed inodes, so a rerun of this benchmark took 1.1 s more for
# the same 1000 files (kernel time in ext4 recently_deleted).  Set
# BENCH_PAGES=DIR to write the pages under DIR instead.
set -eu
BUILD=${1:-build}
export LC_ALL=C
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
NC=${NEWSCHECK:-$BUILD/newscheck}
HTTPD=$BUILD/tests/httpd
N=${BENCH_URLS:-1000}
DELAY=50
PAR=50

tmp=$(mktemp -d)
pages=
pid=
cleanup() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
  [ -z "$pages" ] || rm -rf "$pages"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

"$HTTPD" >"$tmp/port" 2>/dev/null &
pid=$!
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do
  sleep 0.1
  i=$((i + 1))
done
port=$(cat "$tmp/port")
[ -n "$port" ] || { echo "bench-fetch: httpd did not start"; exit 2; }
host=bench.example-news.com

python3 - "$N" "$DELAY" "$host" "$tmp" <<'EOF'
import json, sys
n, delay, host, tmp = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
urls = ["http://%s/delay/%s/%d" % (host, delay, i) for i in range(n)]
json.dump({"sources": [{"id": "p%04d" % i, "url": u}
                       for i, u in enumerate(urls)]},
          open(tmp + "/manifest.json", "w"))
with open(tmp + "/curl.cfg", "w") as f:
    for u in urls:
        f.write('url = "%s"\noutput = "/dev/null"\n' % u)
EOF

now() { date +%s.%N; }
# run LABEL CMD...: wall seconds and peak RSS in KiB of CMD.
run() {
  label=$1
  shift
  t0=$(now)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v -o "$tmp/time.$label" "$@" >/dev/null 2>"$tmp/err.$label" ||
      echo "bench-fetch: $label exited with $?"
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' \
      "$tmp/time.$label")
  else
    "$@" >/dev/null 2>"$tmp/err.$label" || echo "bench-fetch: $label failed"
    rss=unknown
  fi
  t1=$(now)
  secs=$(echo "$t0 $t1" | awk '{printf "%.2f", $2 - $1}')
  printf '%-10s %4d urls, %d ms each, parallel %d: %s s, peak RSS %s KiB\n' \
    "$label" "$N" "$DELAY" "$PAR" "$secs" "$rss"
}

if [ -n "${BENCH_PAGES:-}" ]; then
  pages=$(mktemp -d "$BENCH_PAGES/newscheck-bench.XXXXXX")
elif [ -d /dev/shm ] && [ -w /dev/shm ]; then
  pages=$(mktemp -d /dev/shm/newscheck-bench.XXXXXX)
else
  pages=$(mktemp -d)
fi
echo "pages written under $pages"
run newscheck "$NC" fetch --quiet --parallel $PAR --per-host $PAR \
  --out "$pages/out" --connect-to "::127.0.0.1:$port" "$tmp/manifest.json"
nc_secs=$secs
nc_rss=$rss
fetched=$(ls "$pages/out" | grep -c '\.html$' || true)
echo "newscheck  pages written: $fetched of $N"
if curl --help all 2>/dev/null | grep -q -- '--parallel-max'; then
  run curl curl --silent --parallel --parallel-immediate --parallel-max $PAR \
    --connect-to "::127.0.0.1:$port" -K "$tmp/curl.cfg"
else
  echo "curl       --parallel not supported by this curl; skipped"
fi

status=0
floor=$(echo "$N $DELAY $PAR" | awk '{printf "%.2f", $1 * $2 / 1000 / $3}')
echo "floor      $floor s ($N x $DELAY ms / $PAR)"
if awk -v s="$nc_secs" 'BEGIN { exit !(s >= 2.0) }'; then
  echo "bench-fetch: FAIL: newscheck took $nc_secs s (limit 2 s)"
  status=1
fi
if [ "$nc_rss" != unknown ] && [ "$nc_rss" -ge 51200 ]; then
  echo "bench-fetch: FAIL: newscheck peaked at $nc_rss KiB (limit 50 MB)"
  status=1
fi
if [ "$fetched" -ne "$N" ]; then
  echo "bench-fetch: FAIL: only $fetched of $N pages written"
  status=1
fi
[ $status -eq 0 ] && echo "bench-fetch: ok"
exit $status
