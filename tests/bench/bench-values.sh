#!/bin/sh
# Throughput of the value and name recognizers (nc_mentions_find) in one
# process over a few MB of news text: the articles of data/articles
# repeated to MB megabytes (default 4), cut into sentences.  Prints the
# figure in MB/s.  Usage: sh tests/bench/bench-values.sh [BUILD] [MB]
set -eu
BUILD=${1:-build}
MB=${2:-4}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
make -s BUILD="$BUILD" "$BUILD/tests/values_bench" >/dev/null
"$BUILD/tests/values_bench" "$MB" data/articles/*.txt
