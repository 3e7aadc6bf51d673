#!/bin/sh
# fetch.test.sh BUILD: end-to-end tests of `newscheck fetch` against the
# loopback server BUILD/tests/httpd (127.0.0.1 only; the manifest's real
# looking hostnames are routed there with --connect-to).  Checks every
# fault endpoint, the 304 path, the files written and the exit status.
# Prints "PASSED n" and "FAILED n".  NEWSCHECK=path overrides the binary.
set -eu
BUILD=${1:-build}
export LC_ALL=C
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
NC=${NEWSCHECK:-$BUILD/newscheck}
HTTPD=$BUILD/tests/httpd
FIX=tests/data/fetch
ART=tests/data/articles-html

tmp=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  [ -n "${KEEP:-}" ] || rm -rf "$tmp" # KEEP=1 keeps it for a post-mortem
}
trap cleanup EXIT
trap 'exit 2' INT TERM

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
check() {
  name=$1
  shift
  if "$@"; then ok "$name"; else bad "$name"; fi
}
finish() {
  echo "PASSED $passed"
  echo "FAILED $failed"
  [ "$failed" -eq 0 ]
  exit $?
}

# field JSONFILE ID KEY: one field of one source of a report (or of a
# sources.json); empty for null.
field() {
  python3 - "$1" "$2" "$3" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
for s in d["sources"]:
    if s["id"] == sys.argv[2]:
        v = s.get(sys.argv[3])
        print("" if v is None else v)
        break
else:
    print("<absent>")
EOF
}
# ids JSONFILE: the ids in order, one line.
ids() {
  python3 -c 'import json,sys; print(" ".join(s["id"] for s in json.load(open(sys.argv[1]))["sources"]))' "$1"
}
has() { case $1 in *"$2"*) return 0 ;; *) return 1 ;; esac; }
same() { [ "$1" = "$2" ] || { echo "    got '$1', expected '$2'"; return 1; }; }
contains() { has "$1" "$2" || { echo "    got '$1', expected '$2' in it"; return 1; }; }

if [ ! -x "$NC" ] || [ ! -x "$HTTPD" ]; then
  echo "missing $NC or $HTTPD"
  bad "binaries built"
  finish
fi

# -- the server ------------------------------------------------------------
roots="$FIX"
[ -d "$ART" ] && roots="$roots $ART"
# shellcheck disable=SC2086
"$HTTPD" $roots >"$tmp/port" 2>"$tmp/httpd.log" &
pid=$!
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do
  sleep 0.1
  i=$((i + 1))
done
port=$(cat "$tmp/port")
if [ -z "$port" ]; then
  bad "httpd started"
  finish
fi
ct="--connect-to down.example-news.com:81:127.0.0.1:1 --connect-to ::127.0.0.1:$port"

# -- the main run: every fault at once ---------------------------------------
out=$tmp/pages
start=$(date +%s)
set +e
# shellcheck disable=SC2086
timeout 40 "$NC" fetch --json --out "$out" --timeout 2 $ct \
  "$FIX/sources.json" >"$tmp/r1.json" 2>"$tmp/r1.err"
rc=$?
set -e
end=$(date +%s)
check "exit status 2 when a source failed" same "$rc" 2
check "no hang (whole run under 30 s)" [ $((end - start)) -lt 30 ]
check "stderr quiet when not a terminal" [ ! -s "$tmp/r1.err" ]
check "report in manifest order" same "$(ids "$tmp/r1.json")" \
  "harbour harbour-b harbour-c local-only missing gone flaky busy stall cut loop to-file big bomb latin1 empty refused ftp ../../evil/.hidden name"

r=$tmp/r1.json
check "page fetched" same "$(field "$r" harbour http_status)" 200
check "page stored as sent" cmp -s "$out/harbour.html" "$FIX/harbour.html"
check "report names the stored file" same "$(field "$r" harbour file)" \
  "$out/harbour.html"
check "redirect followed" same "$(field "$r" harbour-b final_url)" \
  "http://news.example-daily.org/page/harbour-b.html"
check "text/plain stored as .txt" cmp -s "$out/harbour-c.txt" \
  "$FIX/harbour-c.txt"
check "no url: local file used" same "$(field "$r" local-only file)" \
  "$(cd "$FIX" && pwd)/harbour-local.txt"
check "no url: no error" same "$(field "$r" local-only error)" ""
check "404 error text" same "$(field "$r" gone error)" "HTTP 404"
check "404 without file: no file" same "$(field "$r" gone file)" ""
check "404 falls back to the local file" contains \
  "$(field "$r" missing note)" "fetch failed (HTTP 404); used the local file"
check "fallback file" same "$(field "$r" missing file)" \
  "$(cd "$FIX" && pwd)/harbour-local.txt"
check "500 then 200 retried" same "$(field "$r" flaky http_status)" 200
check "500 then 200 no error" same "$(field "$r" flaky error)" ""
check "429 Retry-After retried" same "$(field "$r" busy error)" ""
check "429 page stored" cmp -s "$out/busy.html" "$FIX/harbour-b.html"
check "stall times out" contains "$(field "$r" stall error)" "timeout"
check "stall retried 3 times" contains "$(field "$r" stall error)" \
  "after 3 attempts"
check "cut connection" contains "$(field "$r" cut error)" \
  "connection closed before the end of the body"
check "redirect loop" same "$(field "$r" loop error)" \
  "too many redirects (more than 5)"
check "redirect to file:// refused" contains "$(field "$r" to-file error)" \
  "refused redirect to file:///etc/passwd"
check "size limit" contains "$(field "$r" big error)" "too large"
check "gzip bomb stopped" contains "$(field "$r" bomb error)" "too large"
check "nothing over the limit written" [ ! -e "$out/big.html" -a \
  ! -e "$out/bomb.html" ]
check "empty 200" contains "$(field "$r" empty error)" "empty body"
check "connection refused" contains "$(field "$r" refused error)" \
  "could not connect"
check "other schemes refused" contains "$(field "$r" ftp error)" \
  "refused url scheme"
evil=$(field "$r" "../../evil/.hidden name" file)
check "unsafe id gives a safe name" same "$evil" \
  "$out/_._.._evil_.hidden_name.html"
check "no temporary files left" same "$(ls -A "$out" | grep '^\.' || true)" ""
check "nothing written outside the folder" [ ! -e "$tmp/evil" ]

s=$out/sources.json
check "sources.json lists usable entries" same "$(ids "$s")" \
  "harbour harbour-b harbour-c local-only missing flaky busy latin1 ../../evil/.hidden name"
check "sources.json file is relative to the folder" same \
  "$(field "$s" harbour file)" "harbour.html"
check "sources.json keeps outlet" same "$(field "$s" harbour outlet)" \
  "Coastal Ledger"
check "sources.json keeps published" same \
  "$(field "$s" harbour published)" "2024-03-04"
check "sources.json fallback note" contains "$(field "$s" missing note)" \
  "used the local file"
check "charset from the response" same "$(field "$s" latin1 charset)" \
  "ISO-8859-1"
check "latin1 bytes kept" grep -q "$(printf 'Caf\351')" "$out/latin1.html"

side=$out/harbour-b.json
check "sidecar fields" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
want = ["url", "final_url", "http_status", "content_type", "charset",
        "etag", "last_modified", "fetched_at", "bytes"]
sys.exit(0 if all(k in d for k in want) and d["http_status"] == 200
         and d["etag"] and d["bytes"] == 622 else 1)' "$side"
check "sidecar charset" same "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["charset"])' "$out/latin1.json")" "ISO-8859-1"

# -- the second run: conditional requests ----------------------------------
cat >"$tmp/again.json" <<EOF
{"sources": [
  {"id": "harbour", "url": "http://www.example-news.com/page/harbour.html"},
  {"id": "harbour-b",
   "url": "http://news.example-daily.org/redirect/harbour-b.html"},
  {"id": "gone", "url": "http://www.example-news.com/status/404"}
]}
EOF
cp "$out/harbour.html" "$tmp/before.html"
set +e
# shellcheck disable=SC2086
timeout 10 "$NC" fetch --json --quiet --out "$out" $ct "$tmp/again.json" \
  >"$tmp/r2.json" 2>"$tmp/r2.err"
rc=$?
set -e
check "second run exit status" same "$rc" 2
check "304 keeps the cached copy" same \
  "$(field "$tmp/r2.json" harbour http_status)" 304
check "cached copy unchanged" cmp -s "$out/harbour.html" "$tmp/before.html"
check "304 after a redirect" same \
  "$(field "$tmp/r2.json" harbour-b http_status)" 304

# -- a clean run: exit 0 and the human summary -------------------------------
cat >"$tmp/good.json" <<EOF
{"sources": [
  {"id": "one", "url": "http://www.example-news.com/page/harbour.html"},
  {"id": "two", "url": "http://www.example-news.com/page/harbour-b.html"}
]}
EOF
set +e
# shellcheck disable=SC2086
timeout 10 "$NC" fetch --out "$tmp/good" $ct "$tmp/good.json" \
  >"$tmp/r3.txt" 2>"$tmp/r3.err"
rc=$?
set -e
check "all fetched: exit 0" same "$rc" 0
check "human summary" contains "$(cat "$tmp/r3.txt")" \
  "2 sources: 2 fetched"

# -- usage errors ----------------------------------------------------------
set +e
timeout 10 "$NC" fetch --connect-to nonsense "$tmp/good.json" \
  >/dev/null 2>"$tmp/u1.err"
rc1=$?
timeout 10 "$NC" fetch --out "$tmp/x" "$tmp/no-such.json" \
  >/dev/null 2>"$tmp/u2.err"
rc2=$?
timeout 10 "$NC" fetch --parallel 0 "$tmp/good.json" >/dev/null 2>/dev/null
rc3=$?
set -e
check "bad --connect-to: exit 2" same "$rc1" 2
check "bad --connect-to: message" contains "$(cat "$tmp/u1.err")" \
  "connect-to"
check "missing manifest: exit 2" same "$rc2" 2
check "--parallel 0: exit 2" same "$rc3" 2

# -- the five articles over HTTP, then the cross-check on the folder ---------
if [ -d "$ART" ] && ls "$ART"/*.html >/dev/null 2>&1; then
  python3 - "$ART" >"$tmp/articles.json" <<'EOF'
import json, os, sys
names = sorted(n for n in os.listdir(sys.argv[1]) if n.endswith(".html"))
print(json.dumps({"sources": [
    {"id": n[:-5], "published": "2025-11-06",
     "url": "http://www.example-news.com/page/" + n} for n in names]}))
EOF
  set +e
  # shellcheck disable=SC2086
  timeout 20 "$NC" fetch --quiet --out "$tmp/articles" $ct \
    "$tmp/articles.json" >/dev/null 2>&1
  rc=$?
  set -e
  check "articles fetched over HTTP" same "$rc" 0
  if [ -z "${NEWSCHECK:-}" ]; then
    set +e
    timeout 20 "$NC" --json "$tmp/articles" >"$tmp/cc.json" 2>"$tmp/cc.err"
    rc=$?
    set -e
    check "cross-check runs on the fetched folder" [ "$rc" -eq 0 -o \
      "$rc" -eq 2 ]
    check "cross-check reads every fetched page" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
m = json.load(open(sys.argv[2]))
sys.exit(0 if len(d["documents"]) == len(m["sources"]) else 1)' \
      "$tmp/cc.json" "$tmp/articles/sources.json"
    # the fetched HTML pages give the findings of the text versions (F1 to
    # F9 and the rest of the built-in fixture)
    set +e
    timeout 20 "$NC" --expect data/expected/kazakhstan-abraham-accords.json \
      "$tmp/articles" >"$tmp/fx.out" 2>&1
    rc=$?
    set -e
    check "fetched pages match the built-in fixture" same "$rc" 0
    # and in one step: --fetch, then the cross-check
    set +e
    # shellcheck disable=SC2086
    timeout 30 "$NC" --fetch "$tmp/articles.json" --cache "$tmp/cache2" \
      $ct --expect data/expected/kazakhstan-abraham-accords.json \
      >"$tmp/fx2.out" 2>&1
    rc=$?
    set -e
    check "--fetch then cross-check matches the fixture" same "$rc" 0
  fi
fi

finish
