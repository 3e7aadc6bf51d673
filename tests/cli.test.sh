#!/bin/sh
# cli.test.sh: the command line end to end.  Help and version, usage
# errors, the report on the built-in articles (text, colour, JSON,
# determinism), bad inputs beside good ones, standard input, the fixture
# check (--expect/--update), --fail-on-conflict, and the extract and text
# commands.  Run as `sh tests/cli.test.sh BUILD`; prints PASSED n and
# FAILED n and exits non-zero when a check failed.
set -eu
export LC_ALL=C NO_COLOR=1

BUILD=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
case $BUILD in
/*) BIN=$BUILD/newscheck ;;
*) BIN=$top/$BUILD/newscheck ;;
esac
if [ ! -x "$BIN" ]; then
  echo "cli.test.sh: no binary at $BIN" >&2
  echo "PASSED 0"
  echo "FAILED 1"
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

ART=data/articles
ESC=$(printf '\033')
passed=0
failed=0
if command -v python3 >/dev/null 2>&1; then
  have_python=1
else
  have_python=0
fi

# check NAME COMMAND...: count COMMAND's success as a pass.
check() {
  name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "ok   $name"
  else
    failed=$((failed + 1))
    echo "FAIL $name"
    if [ -s "$tmp/err" ]; then
      sed 's/^/    stderr: /' "$tmp/err" | head -n 5
    fi
  fi
}

# run ARGS...: run the binary, stdout to $tmp/out, stderr to $tmp/err,
# exit status in $rc.
run() {
  rc=0
  "$BIN" "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
}

status_is() { [ "$rc" -eq "$1" ]; }
has() { grep -q -e "$2" "$1"; }        # FILE REGEX
hasf() { grep -qF -e "$2" "$1"; }      # FILE TEXT
lacks() { ! grep -q -e "$2" "$1"; }    # FILE REGEX
empty() { [ ! -s "$1" ]; }

# jsonok FILE: valid JSON (python3 when present, else non-empty).
jsonok() {
  if [ "$have_python" -eq 1 ]; then
    python3 -m json.tool "$1" >/dev/null 2>&1
  else
    [ -s "$1" ]
  fi
}

# pyexpr FILE EXPR: EXPR is true of d = the JSON in FILE.
pyexpr() {
  python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if eval(sys.argv[2]) else 1)' "$1" "$2"
}

# ---------------------------------------------------------------- help
run --help
check "--help exits 0" status_is 0
check "--help prints Usage" has "$tmp/out" '^Usage: newscheck'
check "--help writes nothing to stderr" empty "$tmp/err"
cp "$tmp/out" "$tmp/help-check"

run --version
check "--version exits 0" status_is 0
check "--version prints the version" has "$tmp/out" '^newscheck [0-9]'

# the commands are those the main --help lists
for cmd in text extract fetch; do
  grep -q "^  $cmd " "$tmp/help-check" || continue
  run "$cmd" --help
  check "$cmd --help exits 0" status_is 0
  check "$cmd --help prints its usage" has "$tmp/out" "^Usage: newscheck $cmd"
  cp "$tmp/out" "$tmp/help-$cmd"
done

# Every long option of each command's table appears in that command's
# --help (and in the man page once there is one).
for src in src/cli_*.c; do
  [ -f "$src" ] || continue
  cmd=${src#src/cli_}
  cmd=${cmd%.c}
  [ -f "$tmp/help-$cmd" ] || continue
  for opt in $(sed -n 's/^ *{"\([a-z][a-z0-9-]*\)", .*/\1/p' "$src"); do
    check "$cmd --help lists --$opt" hasf "$tmp/help-$cmd" "--$opt"
    if [ -f docs/newscheck.1 ]; then
      sed 's/\\-/-/g' docs/newscheck.1 >"$tmp/man.txt"
      check "man page lists --$opt" hasf "$tmp/man.txt" "--$opt"
    fi
  done
done

# -------------------------------------------------------- usage errors
usage_error() {
  label=$1
  shift
  run "$@"
  check "$label: exit 2" status_is 2
  check "$label: error line" has "$tmp/err" '^newscheck: error: '
  check "$label: --help hint" hasf "$tmp/err" "--help"
  check "$label: nothing on stdout" empty "$tmp/out"
}
usage_error "no operand"
usage_error "unknown option" --frobnicate "$ART"
usage_error "bad --date" --date 2025-13-40 "$ART"
check "bad --date names the value" hasf "$tmp/err" "2025-13-40"
usage_error "--date not a leap day" --date 2025-02-29 "$ART"
usage_error "--update without --expect" --update "$ART"
usage_error "--expect without argument" "$ART" --expect
usage_error "extract: unknown option" extract --frobnicate
check "extract hint names the command" hasf "$tmp/err" \
  "newscheck extract --help"
usage_error "text: no file" text

# ---------------------------------------------- report on the articles
run "$ART"
check "articles: exit 0" status_is 0
check "articles: CONFLICTS section" has "$tmp/out" 'CONFLICTS'
check "articles: summary line" has "$tmp/out" '^5 documents, .* findings'
check "articles: no ANSI with NO_COLOR" lacks "$tmp/out" "$ESC"
check "articles: quiet stderr" empty "$tmp/err"

rc=0
(unset NO_COLOR; "$BIN" "$ART" 2>"$tmp/err" | cat >"$tmp/piped") || rc=$?
check "pipe without NO_COLOR: exit 0" status_is 0
check "pipe without NO_COLOR: no ANSI" lacks "$tmp/piped" "$ESC"
check "pipe without NO_COLOR: same report" cmp -s "$tmp/out" "$tmp/piped"

rc=0
(unset NO_COLOR; "$BIN" --color "$ART" >"$tmp/colour" 2>"$tmp/err") ||
  rc=$?
check "--color: exit 0" status_is 0
check "--color: ANSI escapes" has "$tmp/colour" "$ESC\\["
run --no-color "$ART"
check "--no-color: no ANSI" lacks "$tmp/out" "$ESC"

# ---------------------------------------------------------------- JSON
run --json "$ART"
check "--json: exit 0" status_is 0
cp "$tmp/out" "$tmp/report1.json"
check "--json: valid JSON" jsonok "$tmp/report1.json"
check "--json: schema" has "$tmp/report1.json" \
  '"schema":[[:space:]]*"newscheck/1"'
for k in documents claims findings errors; do
  check "--json: has \"$k\"" has "$tmp/report1.json" "\"$k\":"
done
if [ "$have_python" -eq 1 ]; then
  check "--json: 5 documents, no errors" pyexpr "$tmp/report1.json" \
    'len(d["documents"]) == 5 and d["errors"] == [] and len(d["findings"]) > 0'
fi
run --json "$ART"
check "--json: byte-identical on a second run" cmp -s "$tmp/out" \
  "$tmp/report1.json"

# ------------------------------------------- bad inputs beside good ones
mkdir "$tmp/mixed"
set -- "$ART"/*.txt
cp "$1" "$2" "$tmp/mixed/"
good1=$(basename "$1" .txt)
good2=$(basename "$2" .txt)
: >"$tmp/mixed/empty.txt"
printf 'The council met.\000\001\002 binary\000' >"$tmp/mixed/bin.txt"
printf 'The council met on Monday. \303\050 It voted \377 twice.\n' \
  >"$tmp/mixed/bad.txt"
run "$tmp/mixed" "$tmp/missing.txt"
check "bad inputs: exit 2" status_is 2
for f in empty.txt bin.txt bad.txt missing.txt; do
  check "bad inputs: stderr names $f" hasf "$tmp/err" "$f"
done
check "bad inputs: errors prefixed" has "$tmp/err" '^newscheck: error: '
check "bad inputs: report of the good ones" has "$tmp/out" '^2 documents'
check "bad inputs: report counts 4 errors" has "$tmp/out" '4 errors'
run --json "$tmp/mixed" "$tmp/missing.txt"
check "bad inputs --json: exit 2" status_is 2
check "bad inputs --json: valid JSON" jsonok "$tmp/out"
if [ "$have_python" -eq 1 ]; then
  check "bad inputs --json: 4 errors" pyexpr "$tmp/out" \
    'len(d["errors"]) == 4'
  check "bad inputs --json: the 2 good documents" pyexpr "$tmp/out" \
    "sorted(x['id'] for x in d['documents']) == sorted(['$good1', '$good2'])"
else
  check "bad inputs --json: 4 errors" \
    [ "$(grep -c '"message":' "$tmp/out")" -eq 4 ]
fi

# --------------------------------------------------------------- stdin
rc=0
cat "$ART/shmews.txt" | "$BIN" --date 2025-11-06 --json - \
  >"$tmp/out" 2>"$tmp/err" || rc=$?
check "stdin: exit 0" status_is 0
check "stdin: valid JSON" jsonok "$tmp/out"
check "stdin: document id stdin" has "$tmp/out" '"id":[[:space:]]*"stdin"'
check "stdin: published from --date" has "$tmp/out" \
  '"published":[[:space:]]*"2025-11-06"'

# ------------------------------------------------------ fixture check
mkdir "$tmp/fx"
fx=$tmp/fx/findings.json
run --expect "$fx" --update "$ART"
check "--update: exit 0" status_is 0
check "--update: wrote the fixture" jsonok "$fx"
check "--update: says so" hasf "$tmp/out" "$fx"
run --expect "$fx" "$ART"
check "--expect: exit 0 when unchanged" status_is 0
check "--expect: says the findings match" has "$tmp/out" 'match'

# keyof REGEX: the key of the first finding with a line matching REGEX
keyof() {
  awk -v re="$1" '/"key":/ { k = $0 } $0 ~ re { print k; exit }' "$fx" |
    sed 's/.*"key":[[:space:]]*"\(.*\)",*$/\1/'
}

# a finding whose status changed
awk '!done && /"status":[ \t]*"agree"/ {
       sub(/"agree"/, "\"conflict\""); done = 1 }
     { print }' "$fx" >"$tmp/fx-status.json"
key=$(keyof '"status":[ \t]*"agree"')
check "status edit: found the finding" [ -n "$key" ]
run --expect "$tmp/fx-status.json" "$ART"
check "--expect status drift: exit 1" status_is 1
check "--expect status drift: names the key" hasf "$tmp/out" \
  "$key: status conflict -> agree"

# a source dropped from a value ("a", "b" -> "b")
awk '!done && /"sources":[ \t]*\["[^"]*", / {
       sub(/\["[^"]*", /, "["); done = 1 }
     { print }' "$fx" >"$tmp/fx-source.json"
key=$(keyof '"sources":[ \t]*\\["[^"]*", ')
check "source edit: found the finding" [ -n "$key" ]
run --expect "$tmp/fx-source.json" "$ART"
check "--expect source drift: exit 1" status_is 1
check "--expect source drift: names the key" hasf "$tmp/out" "~ $key: value"
check "--expect source drift: says sources" hasf "$tmp/out" "sources"

echo 'this is { not JSON' >"$tmp/notjson.json"
run --expect "$tmp/notjson.json" "$ART"
check "--expect not JSON: exit 2" status_is 2
check "--expect not JSON: names the file" hasf "$tmp/err" "notjson.json"
run --expect "$tmp/no-such-fixture.json" "$ART"
check "--expect missing fixture: exit 2" status_is 2
check "--expect missing fixture: names it" hasf "$tmp/err" \
  "no-such-fixture.json"

# --update over an existing fixture: replaced, nothing left beside it
cp "$tmp/fx-status.json" "$fx"
run --expect "$fx" --update "$ART"
check "--update again: exit 0" status_is 0
check "--update again: fixture restored" cmp -s "$fx" "$tmp/report1.json"
check "--update again: no temp files left" \
  [ "$(ls -A "$tmp/fx")" = "findings.json" ]
run --expect "$fx" "$ART" "$tmp/missing.txt"
check "--expect with a failed input: exit 2" status_is 2
cp "$fx" "$tmp/fx-before.json"
run --expect "$fx" --update "$ART" "$tmp/missing.txt"
check "--update with a failed input: exit 2" status_is 2
check "--update with a failed input: fixture kept" cmp -s "$fx" \
  "$tmp/fx-before.json"
run --expect "$tmp/no-such-dir/f.json" --update "$ART"
check "--update into a missing folder: exit 2" status_is 2

# ---------------------------------------------------- fail-on-conflict
run --fail-on-conflict "$ART"
check "--fail-on-conflict: exit 1" status_is 1
check "--fail-on-conflict: still prints the report" has "$tmp/out" \
  'CONFLICTS'

# -------------------------------------------------------------- extract
run extract --date 2025-11-06 "$ART/washingtonexaminer.txt"
check "extract: exit 0" status_is 0
check "extract: some lines" [ -s "$tmp/out" ]
check "extract: every line has kind" \
  [ "$(grep -vc '"kind":' "$tmp/out")" -eq 0 ]
grep '"kind":"mention"' "$tmp/out" | grep '"type":"date"' \
  >"$tmp/dates" || true
check "extract: date mention 2025-11-18" hasf "$tmp/dates" \
  '"value":"2025-11-18"'
check "extract: claim lines" has "$tmp/out" '"kind":"claim"'
if [ "$have_python" -eq 1 ]; then
  check "extract: each line is JSON" python3 -c 'import json, sys
for line in open(sys.argv[1]):
    json.loads(line)' "$tmp/out"
fi
rc=0
"$BIN" extract --date 2025-11-06 - <"$ART/washingtonexaminer.txt" \
  >"$tmp/out2" 2>"$tmp/err" || rc=$?
check "extract from stdin: exit 0" status_is 0
check "extract from stdin: same mentions" [ "$(grep -c '"kind":"mention"' \
  "$tmp/out")" -eq "$(grep -c '"kind":"mention"' "$tmp/out2")" ]
run extract "$tmp/missing.txt"
check "extract missing file: exit 2" status_is 2
check "extract missing file: names it" hasf "$tmp/err" "missing.txt"
# Keys and labels made of words with letters beyond ASCII keep whole
# letters: the output is UTF-8 (a key once ended in half of "é").
printf '%s\n' "Three well-known café owners left on Monday." \
  "Die Daten werden nach 28 Tagen gelöscht." \
  "Мастера вкуса: 23 самых крутых фудблогера." >"$tmp/accents.txt"
run extract "$tmp/accents.txt"
check "extract of accented words: exit 0" status_is 0
check "extract of accented words: whole letters in keys" hasf "$tmp/out" \
  '"key":"count|well-known café owner"'
if [ "$have_python" -eq 1 ]; then
  check "extract of accented words: UTF-8 JSON" python3 -c 'import json, sys
for line in open(sys.argv[1], encoding="utf-8", errors="strict"):
    json.loads(line)' "$tmp/out"
fi

# ----------------------------------------------------------------- text
run text "$ART/econotimes.txt"
check "text: exit 0" status_is 0
check "text: article text" hasf "$tmp/out" "Abraham Accords"
check "text: no Menu lines" lacks "$tmp/out" '^Menu$'
run text "$tmp/mixed/empty.txt"
check "text on an empty file: exit 2" status_is 2
check "text on an empty file: names it" hasf "$tmp/err" "empty.txt"

# ------------------------------------------- libxml2, loaded for pages only
# The program does not link libxml2 (and ICU with it): it opens it when the
# first HTML page is read.  glibc's loader lists what it opens under
# LD_DEBUG=files; elsewhere these checks are skipped.
LD_DEBUG=files "$BIN" text "$ART/econotimes.txt" >/dev/null 2>"$tmp/ld" || true
if grep -q "file=libc.so" "$tmp/ld"; then
  check "text of a text file: libxml2 not loaded" lacks "$tmp/ld" "libxml2"
  LD_DEBUG=files "$BIN" text tests/data/articles-html/econotimes.html \
    >"$tmp/out" 2>"$tmp/ld" || true
  check "text of a page: libxml2 loaded" hasf "$tmp/ld" "libxml2"
  check "text of a page: article text" hasf "$tmp/out" "Abraham Accords"
fi

# ------------------------------------------- the CI acceptance fixture
for f in data/expected/*.json; do
  [ -f "$f" ] || continue
  run --expect "$f" "$ART"
  check "acceptance: $f matches" status_is 0
  if [ "$rc" -ne 0 ]; then
    sed 's/^/    /' "$tmp/out" | head -n 20
  fi
done

echo "PASSED $passed"
echo "FAILED $failed"
[ "$failed" -eq 0 ]
