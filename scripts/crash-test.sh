#!/usr/bin/env bash
# `make test-crash` (and, with --short, the crash run of `make test`): kills `shelfcast nightly`
# with SIGKILL at many points and checks that the next run completes to the state an
# uninterrupted run reaches. docs/reliability.md says what is compared and what is not.
#
# The scenario: the sample chain's master data and history through 2026-10-17 and a model
# trained on the history through 2026-09-10 (the "base" workspace), then the night of Sunday 2026-10-18 with three inbox
# files: the day's transactions, the day's stock, and a late export that repeats 300 of the
# day's transaction lines (set aside as re-delivered) with one bad row (quarantined). Scenario
# "promote" retrains (the Sunday schedule) and promotes the candidate (the champion, 38 days
# old, is replaced by any candidate not 50 % worse); scenario "reject" retrains and rejects the
# candidate (it would have to be 99 % better); scenario "plain" does not retrain (the cheapest,
# for the short run).
#
# For each scenario: two uninterrupted runs on fresh copies of the base (they must agree: the
# outputs are deterministic), the second tracing every crash point it passes
# (SHELFCAST_CRASH_TRACE). Then, per kill point, on a fresh copy: a run killed there
# (SHELFCAST_CRASH_AT=name:n, or `kill -9` after a time offset), a check that every report
# already visible is complete, a normal run, and the comparison with the uninterrupted run.
#
# Scenario "reject" is killed only in its retrain stage (and at 4 time offsets): the rest of its
# night is the same as "promote"'s.
#
# Usage: scripts/crash-test.sh [--short] [--bin PATH] [--keep]
#   --short      20 injected points and 4 time offsets, scenario "plain", on a small generated
#                chain (3 stores x 12 SKUs) instead of the sample chain (for `make test`)
#   --bin PATH   the shelfcast binary (default .build/release/shelfcast, else .build/debug/…)
#   --keep       keep the work folder (printed) for inspection
# Environment: CRASH_SCENARIOS (default "promote reject"), CRASH_TIME_POINTS (default 12 per
# scenario), CRASH_MAX_POINTS (cap on injected points per scenario; default all), CRASH_POINTS
# (the points to try, e.g. "ingest.committed:1 registry.promoted:1", to replay one).
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

short=0
keep=0
bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --short) short=1 ;;
    --keep) keep=1 ;;
    --bin) bin=$2; shift ;;
    *) echo "unknown argument $1" >&2; exit 64 ;;
  esac
  shift
done
source "$(dirname "$0")/shelfcast-bin.sh"

if [ "$short" = 1 ]; then
  scenarios=${CRASH_SCENARIOS:-plain}
  max_points=${CRASH_MAX_POINTS:-20}
  time_points=${CRASH_TIME_POINTS:-4}
else
  scenarios=${CRASH_SCENARIOS:-promote reject}
  max_points=${CRASH_MAX_POINTS:-0}
  time_points=${CRASH_TIME_POINTS:-12}
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/shelfcast-crash.XXXXXX")
if [ "$short" = 1 ]; then
  # A small generated chain (3 stores x 12 SKUs, 198 days of history): a night of the debug
  # build takes about a second, so the short run stays short in `make test`.
  sample=$work/chain
  "$bin" generate --stores 3 --skus 12 --start 2025-06-01 --days 200 --transaction-days 2 \
    --seed 7 --out "$sample" --quiet >/dev/null || { echo "crash test: cannot generate the chain" >&2; exit 1; }
  run_date=2025-12-16
  history_through=2025-12-15
  trained_through=2025-12-15
  late_lines=30
else
  sample=$repo/data/sample
  run_date=2026-10-18
  history_through=2026-10-17
  trained_through=2026-09-10
  late_lines=300
fi
cleanup() { if [ "$keep" = 1 ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT
log() { echo "crash test: $*"; }

# MARK: - The base workspace and the scenarios

[ "$short" = 1 ] || "$repo/scripts/ensure-sample.sh" "$bin" "$sample" >/dev/null
base=$work/base
"$bin" ingest --workspace "$base" "$sample/master" "$sample/history" --as-of "$history_through" \
  --quiet >/dev/null || { echo "crash test: cannot ingest the sample history" >&2; exit 1; }
"$bin" train --workspace "$base" --as-of "$trained_through" --quiet >/dev/null \
  || { echo "crash test: cannot train the first model" >&2; exit 1; }
mkdir -p "$base/inbox"
cp "$sample/inbox/transactions_$run_date.csv" "$sample/inventory/on_hand_$run_date.csv" "$base/inbox/"
{
  head -n $((late_lines + 1)) "$sample/inbox/transactions_$run_date.csv"
  echo "$run_date,S999,P00001,1,2.50,0,late-1"
} >"$base/inbox/transactions_${run_date}_late.csv"

mkdir -p "$work/config"
cat >"$work/config/plain.yaml" <<'EOF'
retraining:
  weekday: null
EOF
cat >"$work/config/reject.yaml" <<'EOF'
retraining:
  weekday: sunday
  minimum_improvement: 0.99
  maximum_champion_age_days: 3650
EOF
cat >"$work/config/promote.yaml" <<'EOF'
retraining:
  weekday: sunday
  maximum_champion_age_days: 30
  maximum_degradation: 0.5
EOF

# MARK: - Snapshots

# snapshot WS OUT and compare A B DIFF (scripts/workspace-state.sh).
. "$repo/scripts/workspace-state.sh"

# Visible (not temporary) files under reports/ of workspace $1 that are not complete, i.e. not
# equal to the reference snapshot $2's; prints them.
partial_reports() {
  local ws=$1 ref=$2 f
  [ -d "$ws/reports" ] || return 0
  (cd "$ws" && find reports -type f ! -name '.*.tmp-*' | LC_ALL=C sort) | while read -r f; do
    case "$f" in
      reports/metrics.prom | reports/models/*.md) ;;  # rewritten in place by design; compared after the re-run
      *) [ -f "$ref/files/$f" ] && cmp -s "$ws/$f" "$ref/files/$f" || echo "$f" ;;
    esac
  done
}

# MARK: - Runs

fresh() { rm -rf "$1"; cp -a "$base" "$1"; }

run_night() { # workspace, config, then env assignments; prints the exit code
  local ws=$1 config=$2
  shift 2
  env "$@" "$bin" nightly --workspace "$ws" --date "$run_date" --config "$config" --quiet \
    >>"$ws.log" 2>&1
  echo $?
}

injected_tried=0
injected_survived=0
timed_tried=0
timed_survived=0
injected_not_reached=0
timed_not_reached=0
failures=0
started_all=$(date +%s)

fail() { failures=$((failures + 1)); echo "  FAIL $*"; failed_here=1; }
failed_here=0
# With --keep, a failed point's workspace, log and state are kept under $s/failed-<point>.
keep_failed() {
  if [ "$failed_here" = 1 ] && [ "$keep" = 1 ]; then
    local dest=$s/failed-${1//[^A-Za-z0-9._-]/_}
    mkdir -p "$dest" && mv "$ws" "$ws.log" "$dest/" 2>/dev/null
    mv "$ws.state" "$ws.diff" "$dest/" 2>/dev/null
  fi
  failed_here=0
  rm -rf "$ws.state" "$ws.diff"
}

# After a kill in workspace $1: the re-run, then the checks against reference $2 (label $3).
# Returns 0 when the point is survived.
check_after_kill() {
  local ws=$1 ref=$2 label=$3 config=$4 expected_rc=$5 partial rc
  partial=$(partial_reports "$ws" "$ref")
  if [ -n "$partial" ]; then
    fail "$label: incomplete report visible after the kill: $(echo "$partial" | tr '\n' ' ')"
    return 1
  fi
  rc=$(run_night "$ws" "$config")
  if [ "$rc" != "$expected_rc" ]; then
    fail "$label: the run after the kill exited $rc (expected $expected_rc): $(tail -3 "$ws.log")"
    return 1
  fi
  if [ -n "$(cd "$ws" && find reports -name '.*.tmp-*')" ]; then
    fail "$label: temporary files left under reports/ after the re-run"
    return 1
  fi
  if ! "$bin" audit verify --workspace "$ws" >>"$ws.log" 2>&1; then
    fail "$label: audit verify failed after the re-run"
    return 1
  fi
  snapshot "$ws" "$ws.state"
  if ! compare "$ref" "$ws.state" "$ws.diff"; then
    fail "$label: the end state differs from the uninterrupted run's (first lines below; $ws.diff)"
    head -20 "$ws.diff" | cut -c1-300 | sed 's/^/    /'
    return 1
  fi
  return 0
}

for scenario in $scenarios; do
  config=$work/config/$scenario.yaml
  s=$work/$scenario
  mkdir -p "$s"
  # Every run uses the same workspace path ($ws), made afresh from the base: outputs that name
  # their own paths (the night record names its manifest) then compare byte for byte.
  ws=$work/ws
  # Two uninterrupted runs: the reference, and a traced one that must agree with it.
  fresh "$ws"
  t0=$(date +%s.%N)
  ref_rc=$(run_night "$ws" "$config")
  t1=$(date +%s.%N)
  case "$ref_rc" in 0 | 2 | 3) ;; *) echo "crash test: the uninterrupted $scenario night failed (exit $ref_rc):"; tail -5 "$ws.log"; exit 1 ;; esac
  snapshot "$ws" "$s/ref.state"
  fresh "$ws"
  rm -f "$s/trace.tsv"
  traced_rc=$(run_night "$ws" "$config" SHELFCAST_CRASH_TRACE="$s/trace.tsv")
  snapshot "$ws" "$s/traced.state"
  if [ "$traced_rc" != "$ref_rc" ] || ! compare "$s/ref.state" "$s/traced.state" "$s/determinism.diff"; then
    echo "crash test: two uninterrupted $scenario nights differ (not deterministic):"
    head -20 "$s/determinism.diff" | cut -c1-300
    exit 1
  fi
  seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  hits=$(wc -l <"$s/trace.tsv")
  log "scenario $scenario: an uninterrupted night takes ${seconds} s (exit $ref_rc) and passes $hits crash-point hits"

  # The kill points: every hit of the trace (name:n), or an even spread of max_points of them.
  # Scenario "reject" differs from "promote" only in its retraining, so it takes the hits from
  # the start of the retrain stage to its end.
  if [ "$scenario" = reject ]; then
    awk -F'\t' '$1 == "nightly.ingested" { on = 1; next } on { print $1 ":" $2 }
      $1 == "nightly.retrain-done" { exit }' "$s/trace.tsv" >"$s/all-points.txt"
  else
    awk -F'\t' '{print $1 ":" $2}' "$s/trace.tsv" >"$s/all-points.txt"
  fi
  hits=$(wc -l <"$s/all-points.txt")
  if [ -n "${CRASH_POINTS:-}" ]; then
    printf '%s\n' $CRASH_POINTS >"$s/points.txt"
  elif [ "$max_points" -gt 0 ] && [ "$hits" -gt "$max_points" ]; then
    awk -v n="$max_points" -v total="$hits" 'BEGIN { step = total / n } { lines[NR] = $0 }
      END { for (i = 0; i < n; i++) print lines[int(i * step) + 1] }' "$s/all-points.txt" >"$s/points.txt"
  else
    cp "$s/all-points.txt" "$s/points.txt"
  fi

  while read -r point; do
    injected_tried=$((injected_tried + 1))
    fresh "$ws"
    rm -f "$ws.log"
    rc=$(run_night "$ws" "$config" SHELFCAST_CRASH_AT="$point")
    if [ "$rc" = "$ref_rc" ]; then
      injected_not_reached=$((injected_not_reached + 1))
      echo "  not reached  $point"
    elif [ "$rc" != 137 ]; then
      fail "$point: the run to be killed exited $rc instead of dying by SIGKILL: $(tail -2 "$ws.log")"
    elif check_after_kill "$ws" "$s/ref.state" "$point" "$config" "$ref_rc"; then
      injected_survived=$((injected_survived + 1))
      echo "  ok  $point"
    fi
    keep_failed "$point"
  done <"$s/points.txt"

  # Time offsets: kill -9 after 2 %, …, 90 % of an uninterrupted night's duration.
  n_time=$time_points
  # A few for "reject": most of its night is "promote"'s.
  [ "$scenario" = reject ] && [ "$n_time" -gt 4 ] && n_time=4
  for i in $(seq 1 "$n_time"); do
    offset=$(awk -v t="$seconds" -v i="$i" -v n="$n_time" \
      'BEGIN { printf "%.3f", (n > 1 ? t * (0.02 + 0.88 * (i - 1) / (n - 1)) : t / 2) }')
    timed_tried=$((timed_tried + 1))
    fresh "$ws"
    rm -f "$ws.log"
    "$bin" nightly --workspace "$ws" --date "$run_date" --config "$config" --quiet >>"$ws.log" 2>&1 &
    pid=$!
    sleep "$offset"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    rc=$?
    if [ "$rc" != 137 ]; then
      timed_not_reached=$((timed_not_reached + 1))
      echo "  not reached  ${offset}s (the run had finished, exit $rc)"
    elif check_after_kill "$ws" "$s/ref.state" "kill -9 after ${offset}s" "$config" "$ref_rc"; then
      timed_survived=$((timed_survived + 1))
      echo "  ok  kill -9 after ${offset}s"
    fi
    keep_failed "time-$i"
  done
done

elapsed=$(($(date +%s) - started_all))
log "kill points survived: $((injected_survived + timed_survived)) of" \
  "$((injected_tried - injected_not_reached + timed_tried - timed_not_reached)) that killed the run:" \
  "injected $injected_survived of $((injected_tried - injected_not_reached))" \
  "($injected_not_reached more not reached), time offsets $timed_survived of" \
  "$((timed_tried - timed_not_reached)) ($timed_not_reached more came after the run had" \
  "finished); failures: $failures; ${elapsed} s"
[ "$failures" = 0 ] || exit 1
