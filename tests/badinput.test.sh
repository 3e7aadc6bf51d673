#!/bin/sh
# badinput.test.sh BUILD: hostile and broken input.  Each case runs
# `newscheck --json CASE good.txt` and checks the exit status, the error
# message on stderr (naming the file), and that the good article beside
# the bad one is still cross-checked (its document is in the JSON).  Big
# inputs are generated here, in a temporary folder.  Prints PASSED/FAILED n.
set -u
BUILD=${1:-build}
export LC_ALL=C
export NO_COLOR=1
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
NC=${NEWSCHECK:-$top/$BUILD/newscheck}
BAD=$top/tests/data/bad
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' INT TERM

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() {
  failed=$((failed + 1))
  echo "FAIL $1"
  sed 's/^/    stderr: /' "$tmp/err" 2>/dev/null | head -n 5
}
check() {
  what=$1
  shift
  if "$@"; then ok "$what"; else bad "$what"; fi
}

# run ARGS...: the binary in $tmp/w, stdout to $tmp/out, stderr to
# $tmp/err, exit status in $rc, seconds taken in $secs.
run() {
  rc=0
  t0=$(date +%s)
  (cd "$tmp/w" && exec "$NC" "$@") >"$tmp/out" 2>"$tmp/err" || rc=$?
  secs=$(($(date +%s) - t0))
}
hasf() { grep -qF -e "$2" "$1"; }
lacks() { ! grep -qF -e "$2" "$1"; }
# docs_are IDS: the ids of the documents in the JSON report, in order
docs_are() {
  got=$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(" ".join(x["id"] for x in d["documents"]))' "$tmp/out" 2>/dev/null)
  [ "$got" = "$1" ]
}

# case NAME STATUS MESSAGE DOCS ARGS...: run --json ARGS good.txt and
# check the status, that stderr holds MESSAGE (when not empty), that the
# report lists exactly the documents DOCS, and that it took under 20 s.
case_() {
  name=$1 want=$2 msg=$3 docs=$4
  shift 4
  run --json "$@" good.txt
  check "$name: exit status $want" [ "$rc" -eq "$want" ]
  if [ -n "$msg" ]; then
    check "$name: message" hasf "$tmp/err" "$msg"
  fi
  check "$name: documents [$docs]" docs_are "$docs"
  check "$name: under 20 s" [ "$secs" -lt 20 ]
}

mkdir -p "$tmp/w"
cp data/articles/econotimes.txt "$tmp/w/good.txt"
cp "$BAD"/* "$tmp/w/"
w=$tmp/w

# -- files that are not articles ---------------------------------------------
: >"$w/empty.txt"
case_ "empty file" 2 "empty.txt: empty file" "good" empty.txt
printf '   \n\t\n  \n' >"$w/blank.txt"
case_ "white space only" 2 "blank.txt: no text" "good" blank.txt
head -c 4096 /dev/urandom >"$w/random.txt"
printf '\000' >>"$w/random.txt"
case_ "random bytes" 2 "random.txt: binary file (NUL byte at offset" \
  "good" random.txt
printf 'Ten people came.\000And left.\n' >"$w/nul.txt"
case_ "NUL byte" 2 "nul.txt: binary file (NUL byte at offset 16)" "good" \
  nul.txt
case_ "invalid UTF-8" 2 "bad-utf8.txt:3: invalid UTF-8 at byte 43" "good" \
  bad-utf8.txt
case_ "UTF-16 text" 2 "utf16.txt: UTF-16 text is not supported" "good" \
  utf16.txt
truncate -s 51M "$w/huge.txt" 2>/dev/null ||
  dd if=/dev/zero of="$w/huge.txt" bs=1 count=0 seek=51M 2>/dev/null
case_ "over the 50 MiB input limit" 2 "huge.txt" "good" huge.txt
check "over the limit: says so" hasf "$tmp/err" "limit"
rm -f "$w/huge.txt"

# -- big and deep inputs, made here ----------------------------------------
python3 - "$w" <<'EOF'
import sys
w = sys.argv[1]
s = "The council said 12 members met in 2019 and "
with open(w + "/longline.txt", "w") as f:
    f.write(s * (10 * 1024 * 1024 // len(s)) + "end.\n")
with open(w + "/nested.html", "w") as f:
    f.write("<html><body><article><h1>Deep</h1>" + "<div>" * 200000 +
            "<p>Nine passenger ferries sailed on Monday.</p>" + "</div>" * 200000 +
            "</article></body></html>")
with open(w + "/paras.html", "w") as f:
    f.write("<html><body><article><h1>Empty</h1>" + "<p></p>" * 100000 +
            "<p>Nine passenger ferries sailed on Monday.</p></article></body></html>")
with open(w + "/lines.txt", "w") as f:
    f.write("Empty lines\n" + "\n" * 100000 +
            "Nine passenger ferries sailed on Monday.\n")
EOF
case_ "10 MB single line" 0 "longline.txt: " "longline good" longline.txt
check "10 MB single line: warned" hasf "$tmp/err" "were cut into pieces"
case_ "200,000 nested elements" 0 \
  "nested.html: markup nested deeper than 400 levels" "nested good" nested.html
check "nested: text kept" python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if any("Nine passenger ferries" in c["quote"] for c in d["claims"])
         else 1)' "$tmp/out"
case_ "100,000 empty paragraphs" 0 "" "paras good" paras.html
case_ "100,000 empty lines" 0 "" "lines good" lines.txt
rm -f "$w/longline.txt" "$w/nested.html" "$w/paras.html" "$w/lines.txt"

# -- XML entity tricks in HTML ---------------------------------------------
case_ "billion laughs" 0 "" "laughs good" laughs.html
check "billion laughs: entities not expanded" lacks "$tmp/out" "lollollol"
check "billion laughs: small output" [ "$(wc -c <"$tmp/out")" -lt 1000000 ]
case_ "external entity" 0 "" "xxe good" xxe.html
check "external entity: file not read" lacks "$tmp/out" "root:"
check "external entity: nothing fetched" lacks "$tmp/err" "passwd"

# -- manifests --------------------------------------------------------------
# mcase NAME MANIFEST MESSAGE: a folder m/ with MANIFEST as sources.json;
# MESSAGE follows the file name (":LINE: ..." or ": ...")
mcase() {
  rm -rf "$w/m"
  mkdir "$w/m"
  cp "$w/good.txt" "$w/m/a.txt"
  cp "$BAD/$2" "$w/m/sources.json"
  case_ "manifest $1" 2 "m/sources.json$3" "good" m
}
mcase "bad JSON" manifest-syntax.json ":1: not valid JSON (near byte"
mcase "wrong type" manifest-type.json \
  ": sources[1].published: expected a string"
mcase "not a list" manifest-shape.json \
  ": expected an object with a \"sources\" array"
mcase "duplicate ids" manifest-dup.json \
  ": sources[2].id: duplicate id \"wire\" (also sources[0])"
mcase "path traversal" manifest-dotdot.json \
  ": sources[1].file: \"../../etc/passwd\" is outside the manifest's folder"
mcase "absolute path" manifest-absolute.json \
  ": sources[0].file: \"/etc/passwd\" is outside the manifest's folder"
mcase "unknown field" manifest-unknown.json \
  ": sources[0]: unknown field \"path\""
mcase "bad date" manifest-date.json \
  ": sources[0].published: expected YYYY-MM-DD"
rm -rf "$w/m"
# a path inside the folder, through a sub-folder and back, is fine
mkdir -p "$w/m/sub"
cp "$w/good.txt" "$w/m/a.txt"
printf '{"sources": [{"id": "inside", "file": "sub/../a.txt"}]}\n' \
  >"$w/m/sources.json"
case_ "manifest path inside the folder" 0 "" "inside good" m
rm -rf "$w/m"

# -- too many documents ------------------------------------------------------
mkdir "$w/many"
(cd "$w/many" && seq 1 10001 | sed 's/$/.txt/' | xargs touch)
case_ "10,001 documents in a folder" 2 \
  "many: too many documents (10001 more after 0; the limit is 10000)" \
  "good" many
rm -rf "$w/many"

# -- data files: rules and lexicon ------------------------------------------
cp -r data "$w/data"
python3 - "$w/data/rules/counts.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["rules"].append(dict(d["rules"][0]))
json.dump(d, open(sys.argv[1], "w"))
EOF
run --data "$w/data" good.txt
check "duplicate rule id: exit status 2" [ "$rc" -eq 2 ]
check "duplicate rule id: names file and rule" hasf "$tmp/err" \
  "data/rules/counts.json: rule \""
check "duplicate rule id: says duplicate" hasf "$tmp/err" "duplicate id"
rm -rf "$w/data"
cp -r data "$w/data"
printf '{"rules": [{"id": "x", "pattern": 5}]}\n' >"$w/data/rules/zz.json"
run --data "$w/data" good.txt
check "rule of the wrong type: exit status 2" [ "$rc" -eq 2 ]
check "rule of the wrong type: names the file" hasf "$tmp/err" \
  "data/rules/zz.json"
rm -rf "$w/data"
cp -r data "$w/data"
printf '{"rules": [}\n' >"$w/data/rules/zz.json"
run --data "$w/data" good.txt
check "rule file not JSON: exit status 2" [ "$rc" -eq 2 ]
check "rule file not JSON: message" hasf "$tmp/err" \
  "data/rules/zz.json:1: not valid JSON"
rm -rf "$w/data"
cp -r data "$w/data"
python3 - "$w/data/lexicon/numbers.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["units"] = 5
json.dump(d, open(sys.argv[1], "w"))
EOF
run --data "$w/data" good.txt
check "lexicon of the wrong type: exit status 2" [ "$rc" -eq 2 ]
check "lexicon of the wrong type: names file and field" hasf "$tmp/err" \
  "data/lexicon/numbers.json: \"units\": expected an object"
rm -rf "$w/data"

# -- fixtures -----------------------------------------------------------------
printf '{"findings": 5}\n' >"$w/fixture.json"
run --expect fixture.json good.txt
check "fixture without findings: exit status 2" [ "$rc" -eq 2 ]
check "fixture without findings: message" hasf "$tmp/err" \
  "fixture.json: fixture has no \"findings\" array"
printf '{"findings": [' >"$w/fixture.json"
run --expect fixture.json good.txt
check "fixture not JSON: exit status 2" [ "$rc" -eq 2 ]
check "fixture not JSON: message" hasf "$tmp/err" \
  "fixture.json: fixture is not valid JSON"

echo "PASSED $passed"
echo "FAILED $failed"
[ "$failed" -eq 0 ]
