#!/bin/sh
# soname.sh PATTERN LINKER-FLAGS...: the file name a program linked with
# LINKER-FLAGS records for the library whose name starts with PATTERN
# (libxml2 -> libxml2.so.2), as the dynamic loader would look it up.
# html.c opens libxml2 by this name on first use instead of linking it.
set -eu
pat=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo 'int main(void) { return 0; }' >"$tmp/a.c"
${CC:-cc} -o "$tmp/a" "$tmp/a.c" -Wl,--no-as-needed "$@"
name=$(LC_ALL=C readelf -d "$tmp/a" |
  sed -n "s/.*(NEEDED).*\[\($pat[^]]*\)\].*/\1/p" | head -n 1)
if [ -z "$name" ]; then
  echo "soname.sh: no $pat library among those of: $*" >&2
  exit 1
fi
echo "$name"
