#!/bin/sh
# Check the README's set-up on a fresh Debian system: a minimal Debian
# (debootstrap's minbase, with only gcc, make, git and the C library's
# headers added) is made in a folder, a clone of this repository's HEAD is
# put in it, and there, as root, `make run` and then `bash .ci/run` (which
# is `make check` and `make check-asan`) must pass.  The project's own
# scripts must install everything else (scripts/install-deps.sh).
#
#   sh scripts/fresh-debian-check.sh [SUITE] [DIR]
#
# SUITE is the Debian release (default: this machine's, from
# /etc/os-release, else bookworm); DIR the folder for the system (default:
# a new one under /var/tmp, removed afterwards; a DIR given is kept).
# Needs root, and Debian's package archive on the network; installs
# debootstrap when missing.  Takes several minutes and about 1 GB.  When
# ../shared is beside the repository, it is mounted read-only beside the
# clone, so that the tests that read it run too.  Not part of `make check`.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
suite=${1:-}
if [ -z "$suite" ]; then
  suite=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
  suite=${suite:-bookworm}
fi
keep=${2:+1}
root=${2:-$(mktemp -d /var/tmp/newscheck-fresh.XXXXXX)}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

if [ "$(id -u)" -ne 0 ]; then
  echo "fresh-debian-check: needs root (debootstrap, chroot, mount)" >&2
  exit 2
fi
if ! command -v debootstrap >/dev/null 2>&1; then
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null
fi

mounted=""
cleanup() {
  for m in $mounted; do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done
  [ -n "$keep" ] && return
  # never remove the folder while anything is still mounted in it: rm
  # would go on into the machine's own /dev
  if awk -v r="$root/" 'index($2, r) == 1 { found = 1 } END { exit !found }'        /proc/mounts; then
    echo "fresh-debian-check: $root still has mounts; left in place" >&2
  else
    rm -rf --one-file-system "$root"
  fi
}
trap cleanup EXIT
trap 'exit 2' INT TERM

echo "fresh-debian-check: a minimal Debian $suite in $root"
debootstrap --variant=minbase --include=gcc,make,libc6-dev,git,ca-certificates \
  "$suite" "$root" "$mirror" >"$root.debootstrap.log" 2>&1 || {
  echo "fresh-debian-check: debootstrap failed; see $root.debootstrap.log" >&2
  exit 1
}
rm -f "$root.debootstrap.log"
mkdir -p "$root/work"
git clone -q "$top" "$root/work/main"
mount -t proc proc "$root/proc" && mounted="$root/proc $mounted"
mount --bind /dev "$root/dev" && mounted="$root/dev $mounted"
mount --bind /dev/pts "$root/dev/pts" && mounted="$root/dev/pts $mounted"
cp /etc/resolv.conf "$root/etc/resolv.conf"
if [ -d "$top/../shared" ]; then
  mkdir -p "$root/work/shared"
  mount --bind "$top/../shared" "$root/work/shared"
  mounted="$root/work/shared $mounted"
  mount -o remount,bind,ro "$root/work/shared"
fi

# the README's commands, in the clone, with a plain environment
chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  /bin/sh -c 'cd /work/main && make run && bash .ci/run' \
  >"$root/work/log" 2>&1 && status=0 || status=$?
grep -E '^install-deps:|^tests: |documents, .* claims' "$root/work/log" || true
if [ "$status" -ne 0 ]; then
  tail -n 40 "$root/work/log" >&2
  echo "fresh-debian-check: FAILED (exit $status)" >&2
  exit 1
fi
echo "fresh-debian-check: make run and .ci/run passed on a fresh Debian $suite"
