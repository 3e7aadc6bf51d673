#!/bin/sh
# Article-extraction benchmark: runs `newscheck text --json` over the 88
# pages of ../shared/bench/article-extraction in one process, scores the
# body text (body + quote blocks) with the benchmark's score.py and prints
# F1 / precision / recall and throughput.  The pages are unpacked into a
# temporary folder outside the project and removed afterwards.
set -eu
BUILD=${1:-build}
export LC_ALL=C
top=$(cd "$(dirname "$0")/../.." && pwd)
bench="$top/../shared/bench/article-extraction"
if [ ! -d "$bench/html" ] || [ ! -f "$bench/score.py" ]; then
  echo "bench-extract: no benchmark pages at $bench; skipped"
  exit 0
fi
command -v python3 >/dev/null 2>&1 || {
  echo "bench-extract: python3 is needed for score.py; skipped"
  exit 0
}
cd "$top"
# The command: newscheck's `text` command, or the test helper until the
# command exists.
if [ -x "$BUILD/newscheck" ] &&
   "$BUILD/newscheck" text --help >/dev/null 2>&1; then
  set -- "$BUILD/newscheck" text --json
else
  [ -x "$BUILD/tests/doc_extract" ] ||
    make -s BUILD="$BUILD" "$BUILD/tests/doc_extract" >/dev/null
  set -- "$BUILD/tests/doc_extract" --json
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/pages"
for f in "$bench"/html/*.html.gz; do
  id=$(basename "$f" .html.gz)
  gzip -dc "$f" >"$tmp/pages/$id.html"
done
bytes=$(cat "$tmp"/pages/*.html | wc -c)
pages=$(ls "$tmp"/pages | wc -l)

t0=$(date +%s.%N)
"$@" "$tmp"/pages/*.html >"$tmp/out.jsonl" 2>"$tmp/err.txt" || true
t1=$(date +%s.%N)

python3 - "$tmp/out.jsonl" "$tmp/pred.json" <<'PY'
import json, os, sys
pred = {}
with open(sys.argv[1], encoding="utf8") as f:
    for line in f:
        line = line.strip()
        if not line:
            continue
        d = json.loads(line)
        pid = os.path.basename(d.get("file") or "").rsplit(".html", 1)[0]
        body = [b["text"] for b in d.get("blocks", [])
                if b.get("kind") in ("body", "quote")]
        pred[pid] = {"articleBody": "\n".join(body)}
with open(sys.argv[2], "w", encoding="utf8") as f:
    json.dump(pred, f)
PY
if [ -s "$tmp/err.txt" ]; then
  sed 's/^/bench-extract: /' "$tmp/err.txt" | head -n 5
fi
python3 "$bench/score.py" "$bench/ground-truth.json" "$tmp/pred.json" \
  ${NC_BENCH_JSON:+--json "$NC_BENCH_JSON"}
python3 - "$t0" "$t1" "$bytes" "$pages" <<'PY'
import sys
t0, t1, b, n = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
dt = max(t1 - t0, 1e-9)
print("throughput: %.1f MB/s, %.0f pages/s (%d pages, %.1f MB in %.3f s)"
      % (b / dt / 1e6, n / dt, n, b / 1e6, dt))
PY
