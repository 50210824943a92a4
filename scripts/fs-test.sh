#!/usr/bin/env bash
# `make test-fs`: `shelfcast nightly` against the file system's failures.
#
# (a) Two nightly runs started together on one workspace: one exits 75 naming the holder of the
#     lock, the other completes, and the workspace equals a solo run's.
# (b) A full disk: the workspace on a small tmpfs, filled so that the night of 2026-10-19 runs
#     out of space at several fill levels. Each time: a non-zero exit with a message naming a
#     file or the workspace and saying "No space left on device", the night of 2026-10-18's
#     outputs intact, the database sound; after freeing the space the night completes and the
#     workspace equals one that never ran out.
# (c) A read-only reports folder (a read-only bind mount; root ignores file modes): a clear
#     error, the earlier outputs intact, and after remounting it read-write the night completes.
#
# (b) and (c) need `mount` (root, or a container allowed to mount); without it they are
# skipped with a message. Usage: scripts/fs-test.sh [--bin PATH] [--keep]
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

keep=0
bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) keep=1 ;;
    --bin) bin=$2; shift ;;
    *) echo "unknown argument $1" >&2; exit 64 ;;
  esac
  shift
done
source "$(dirname "$0")/shelfcast-bin.sh"
. "$repo/scripts/workspace-state.sh"

sample=$repo/data/sample
work=$(mktemp -d "${TMPDIR:-/tmp}/shelfcast-fs.XXXXXX")
mounts=()
cleanup() {
  local m
  for m in "${mounts[@]}"; do umount "$m" 2>/dev/null; done
  if [ "$keep" = 1 ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
passed=0
failed=0
skipped=0
ok() { passed=$((passed + 1)); echo "  ok  $*"; }
fail() { failed=$((failed + 1)); echo "  FAIL $*"; }

# The base: history through 2026-10-17 and a first model; inbox files for two nights.
"$repo/scripts/ensure-sample.sh" "$bin" "$sample" >/dev/null
base=$work/base
"$bin" ingest --workspace "$base" "$sample/master" "$sample/history" --as-of 2026-10-17 \
  --quiet >/dev/null || { echo "fs test: cannot ingest the sample history" >&2; exit 1; }
"$bin" train --workspace "$base" --as-of 2026-10-17 --quiet >/dev/null \
  || { echo "fs test: cannot train the first model" >&2; exit 1; }
mkdir -p "$base/inbox"
deliver() { # workspace, day
  cp "$sample/inbox/transactions_$2.csv" "$sample/inventory/on_hand_$2.csv" "$1/inbox/"
}
# No retraining: the scenarios are about the file system, and a night then takes a second.
config=$work/nightly.yaml
printf 'retraining:\n  weekday: null\n' >"$config"
# Each workspace's output goes to a log outside it (the disk it is on may be full).
logof() { echo "$work/logs/$(echo "$1" | tr / _).log"; }
mkdir -p "$work/logs"
night() { # workspace, day; prints the exit code
  "$bin" nightly --workspace "$1" --date "$2" --config "$config" --quiet >>"$(logof "$1")" 2>&1
  echo $?
}
# The reference: both nights on a plain disk.
cp -a "$base" "$work/ref"
deliver "$work/ref" 2026-10-18
[ "$(night "$work/ref" 2026-10-18)" = 0 ] || { echo "fs test: the reference night failed"; exit 1; }
snapshot "$work/ref" "$work/ref-18.state"
deliver "$work/ref" 2026-10-19
[ "$(night "$work/ref" 2026-10-19)" = 0 ] || { echo "fs test: the reference night failed"; exit 1; }
snapshot "$work/ref" "$work/ref.state"

# Checksums of the night of 2026-10-18's reports, to check they survive what follows.
report_sums() { (cd "$1" && find reports/2026-10-18 -type f | LC_ALL=C sort | xargs sha256sum); }

# MARK: - (a) two runs at once

echo "fs test (a): two nightly runs at once"
ws=$work/concurrent
cp -a "$base" "$ws"
deliver "$ws" 2026-10-18
"$bin" nightly --workspace "$ws" --date 2026-10-18 --config "$config" --quiet >"$ws.a.log" 2>&1 &
pid_a=$!
"$bin" nightly --workspace "$ws" --date 2026-10-18 --config "$config" --quiet >"$ws.b.log" 2>&1 &
pid_b=$!
wait "$pid_a"; rc_a=$?
wait "$pid_b"; rc_b=$?
if [ "$rc_a:$rc_b" = "0:75" ] || [ "$rc_a:$rc_b" = "75:0" ]; then
  loser=$ws.b.log
  [ "$rc_a" = 75 ] && loser=$ws.a.log
  if grep -q "another run holds the workspace lock .*pid [0-9]* on .*running 'nightly'" "$loser"; then
    ok "one run exited 75 naming the holder: $(grep -o "pid [0-9]* on [^,]*" "$loser" | head -1)"
  else
    fail "the run that lost the lock does not name the holder: $(cat "$loser")"
  fi
  snapshot "$ws" "$ws.state"
  if compare "$work/ref-18.state" "$ws.state" "$ws.diff"; then
    ok "the workspace equals a solo run's"
  else
    fail "the workspace differs from a solo run's: $(head -5 "$ws.diff")"
  fi
else
  fail "exit codes $rc_a and $rc_b (expected one 0 and one 75)"
fi

# MARK: - (b) a full disk

can_mount=1
probe=$work/probe
mkdir -p "$probe"
if mount -t tmpfs -o size=1m tmpfs "$probe" 2>/dev/null; then
  umount "$probe"
else
  can_mount=0
fi

echo "fs test (b): the workspace on a full disk"
if [ "$can_mount" = 0 ]; then
  skipped=$((skipped + 1))
  echo "  skipped: mounting a tmpfs is not permitted here (run as root)"
else
  # Free bytes left when the night of 2026-10-19 starts: from nothing to more than its SQLite
  # writes need, so the space runs out in different places.
  for free_kib in 0 16 64 256 1024 4096; do
    disk=$work/disk-$free_kib
    mkdir -p "$disk"
    mount -t tmpfs -o size=64m tmpfs "$disk" && mounts+=("$disk")
    ws=$disk/ws
    cp -a "$base" "$ws"
    deliver "$ws" 2026-10-18
    rc=$(night "$ws" 2026-10-18)
    [ "$rc" = 0 ] || { fail "free ${free_kib} KiB: the night before failed ($rc)"; continue; }
    before=$(report_sums "$ws")
    deliver "$ws" 2026-10-19
    # Fill the disk, then give back what the level leaves free.
    dd if=/dev/zero of="$disk/filler" bs=1M status=none 2>/dev/null
    [ "$free_kib" -gt 0 ] && truncate -s "-${free_kib}K" "$disk/filler"
    rc=$(night "$ws" 2026-10-19)
    message=$(grep -i "error" "$(logof "$ws")" | tail -1 | cut -c1-240)
    if [ "$rc" = 0 ]; then
      echo "  -   free ${free_kib} KiB: the night fitted in the space left"
    elif [ "$rc" = 137 ] || [ "$rc" -ge 128 ]; then
      fail "free ${free_kib} KiB: the night crashed (exit $rc): $message"
    elif echo "$message" | grep -q "No space left on device"; then
      ok "free ${free_kib} KiB: exit $rc, \"$message\""
    else
      fail "free ${free_kib} KiB: exit $rc with an unclear message: $message"
    fi
    [ "$(report_sums "$ws")" = "$before" ] \
      || fail "free ${free_kib} KiB: the night of 2026-10-18's reports changed"
    rm -f "$disk/filler"
    # (SQLite cannot open a WAL database on a full disk at all, so this comes after freeing.)
    check=$(sqlite3 "$ws/shelfcast.sqlite" "PRAGMA integrity_check" 2>&1)
    [ "$check" = ok ] || fail "free ${free_kib} KiB: the database is damaged: $check"
    rc=$(night "$ws" 2026-10-19)
    if [ "$rc" != 0 ]; then
      fail "free ${free_kib} KiB: after freeing space the night exited $rc: $(tail -2 "$(logof "$ws")")"
    elif ! "$bin" audit verify --workspace "$ws" >/dev/null 2>&1; then
      fail "free ${free_kib} KiB: audit verify failed after the re-run"
    else
      snapshot "$ws" "$work/state-$free_kib"
      if compare "$work/ref.state" "$work/state-$free_kib" "$work/diff-$free_kib"; then
        ok "free ${free_kib} KiB: after freeing space the night completes to the reference state"
      else
        fail "free ${free_kib} KiB: the state after the re-run differs: $(head -5 "$work/diff-$free_kib" | cut -c1-200)"
      fi
    fi
    umount "$disk" && unset 'mounts[-1]'
  done
fi

# MARK: - (c) a read-only reports folder

echo "fs test (c): a read-only reports folder"
if [ "$can_mount" = 0 ]; then
  skipped=$((skipped + 1))
  echo "  skipped: a read-only bind mount is not permitted here (run as root)"
else
  ws=$work/readonly
  cp -a "$base" "$ws"
  deliver "$ws" 2026-10-18
  [ "$(night "$ws" 2026-10-18)" = 0 ] || fail "the night before failed"
  before=$(report_sums "$ws")
  deliver "$ws" 2026-10-19
  mount --bind "$ws/reports" "$ws/reports" && mounts+=("$ws/reports")
  mount -o remount,ro,bind "$ws/reports"
  rc=$(night "$ws" 2026-10-19)
  message=$(grep -i "error" "$(logof "$ws")" | tail -1 | cut -c1-240)
  if [ "$rc" != 0 ] && [ "$rc" -lt 128 ] && echo "$message" | grep -q "reports.*Read-only file system"; then
    ok "exit $rc, \"$message\""
  else
    fail "exit $rc with message: $message"
  fi
  umount "$ws/reports" && unset 'mounts[-1]'
  [ "$(report_sums "$ws")" = "$before" ] || fail "the night of 2026-10-18's reports changed"
  rc=$(night "$ws" 2026-10-19)
  if [ "$rc" = 0 ] && "$bin" audit verify --workspace "$ws" >/dev/null 2>&1; then
    snapshot "$ws" "$ws.state"
    if compare "$work/ref.state" "$ws.state" "$ws.diff"; then
      ok "writable again, the night completes to the reference state"
    else
      fail "the state after the re-run differs: $(head -5 "$ws.diff" | cut -c1-200)"
    fi
  else
    fail "writable again, the night exited $rc: $(tail -2 "$(logof "$ws")")"
  fi
fi

echo "fs test: $passed checks passed, $failed failed, $skipped parts skipped"
[ "$failed" = 0 ]
