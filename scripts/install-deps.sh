#!/bin/sh
# Install the Debian -dev packages newscheck builds and tests against, but
# only those pkg-config cannot already find.  Called by `make` targets when a
# library is missing; safe to run by hand.  Needs root (or sudo) and apt-get.
# With --dev, also the tools of `make fuzz` and `make check-valgrind`:
# clang with its libFuzzer runtime, and valgrind.
set -eu
dev=
[ "${1:-}" = "--dev" ] && dev=1

# pkg-config name -> Debian package
pairs="libcurl:libcurl4-openssl-dev
libxml-2.0:libxml2-dev
libcjson:libcjson-dev
libpcre2-8:libpcre2-dev
cmocka:libcmocka-dev
libmicrohttpd:libmicrohttpd-dev
zlib:zlib1g-dev"

missing=""
command -v pkg-config >/dev/null 2>&1 || missing="pkg-config"
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
command -v make >/dev/null 2>&1 || missing="$missing make"
for p in $pairs; do
  mod=${p%%:*}
  pkg=${p#*:}
  if ! command -v pkg-config >/dev/null 2>&1 ||
     ! pkg-config --exists "$mod" 2>/dev/null; then
    missing="$missing $pkg"
  fi
done
# gzip and python3 are used by tests and benchmarks, curl by the fetch
# benchmark (side by side with curl --parallel)
command -v gzip >/dev/null 2>&1 || missing="$missing gzip"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
command -v curl >/dev/null 2>&1 || missing="$missing curl"
if [ -n "$dev" ]; then
  command -v clang >/dev/null 2>&1 || missing="$missing clang"
  ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a \
    >/dev/null 2>&1 || missing="$missing libclang-rt-dev"
  command -v valgrind >/dev/null 2>&1 || missing="$missing valgrind"
fi

if [ -z "$missing" ]; then
  exit 0
fi

echo "install-deps: installing:$missing" >&2
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=sudo
  else
    echo "install-deps: need root to install:$missing" >&2
    exit 1
  fi
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >/dev/null
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null
