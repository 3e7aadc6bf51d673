#!/bin/sh
# Run the libFuzzer targets built by `make fuzz-build` (build-fuzz/), each
# for SECONDS, on a scratch copy of its seed corpus (tests/fuzz/corpus and
# the project files tests/fuzz/seeds.sh names),
# so that new inputs do not land in the source tree.  Crash, leak and
# timeout inputs are written to build-fuzz/crash-TARGET-*.  Usage:
#   sh scripts/fuzz.sh SECONDS TARGET...
set -u
secs=${1:-60}
shift
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
. tests/fuzz/seeds.sh
status=0
for t in "$@"; do
  bin=build-fuzz/fuzz_$t
  work=build-fuzz/corpus-$t
  mkdir -p "$work"
  cp -n tests/fuzz/corpus/"$t"/* "$work"/ 2>/dev/null
  # shellcheck disable=SC2046
  cp -n $(seeds "$t") "$work"/ 2>/dev/null
  case $t in
    html|text|fixture) maxlen=131072 ;;
    *) maxlen=16384 ;;
  esac
  echo "fuzz: $t for ${secs}s"
  if ! NC_FUZZ_DATADIR="$top/data" "$bin" -max_total_time="$secs" \
      -rss_limit_mb=2048 -timeout=20 -max_len="$maxlen" \
      -artifact_prefix=build-fuzz/crash-"$t"- -print_final_stats=1 \
      "$work" >build-fuzz/fuzz-"$t".log 2>&1; then
    echo "fuzz: $t FAILED (see build-fuzz/fuzz-$t.log)"
    status=1
  fi
  sed -n 's/^stat::number_of_executed_units: */  executions: /p' \
    build-fuzz/fuzz-"$t".log
done
exit $status
