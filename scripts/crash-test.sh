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
# night is the same as "promote"'s. Scenarios "shadow" (a shadow run active: the champion and
# the version it replaced are scored) and "rollback" (the seventh scored night finds the
# champion worse and rolls it back) are killed only in their shadow stage, and at 2 offsets.
#
# Graceful stops: at some of the same points the night gets SIGINT or SIGTERM instead
# (SHELFCAST_CRASH_SIGNAL), and at some time offsets `kill -INT` / `kill -TERM`: it must exit 130 /
# 143 (or finish as the uninterrupted run when the signal came after its last step), and the
# next run must reach the same end state.
#
# The other writing commands (CRASH_COMMANDS): ingest, train, forecast, recommend, registry
# promote and restore are each run uninterrupted
# twice (the second traced), then killed at a sample of their crash points, stopped by SIGINT and
# SIGTERM at one point each, and killed once after half their time; after each, the same command
# is run again and the workspace must equal the uninterrupted run's (registry promote run again
# after its commit refuses as done, exit 64, having first rewritten the files the kill left stale).
#
# Usage: scripts/crash-test.sh [--short] [--bin PATH] [--keep]
#   --short      20 injected points and 4 time offsets, scenario "plain", on a small generated
#                chain (3 stores x 12 SKUs) instead of the sample chain (for `make test`); 4
#                signal points and 2 signal offsets; commands: one sampled point each
#   --bin PATH   the shelfcast binary (default .build/release/shelfcast, else .build/debug/…)
#   --keep       keep the work folder (printed) for inspection
# Environment: CRASH_SCENARIOS (default "promote reject shadow rollback", short "plain
# rollback"; "none" for none), CRASH_TIME_POINTS (default 12 per
# scenario), CRASH_MAX_POINTS (cap on injected points per scenario; default all), CRASH_POINTS
# (the points to try, e.g. "ingest.committed:1 registry.promoted:1", to replay one),
# CRASH_SIGNAL_POINTS (signal points per scenario; default 8, short 4), CRASH_SIGNAL_TIMES
# (signal offsets per scenario; default 4, short 2), CRASH_COMMANDS (default "ingest train
# forecast recommend intraday promote restore", short "ingest forecast intraday promote restore";
# "none"),
# CRASH_COMMAND_POINTS (kill points per command; default 6, short 1), CRASH_COMMAND_SIGNALS
# (SIGINT/SIGTERM points per command, alternately, spread over its hits; default 2: the middle
# and the last), CRASH_COMMAND_TIMES (timed interruptions per command, cycling kill -9, kill -INT
# and kill -TERM from 5 % to 90 % of its time; default 1: kill -9 at half), CRASH_DEMO_NIGHTS
# (nights of the `demo` command; default 2). `make test-crash-demo` runs `make run`'s demo
# interrupted at 24 moments (12 kill points, 6 signal points, 6 timed).
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
  scenarios=${CRASH_SCENARIOS:-plain rollback}
  max_points=${CRASH_MAX_POINTS:-20}
  time_points=${CRASH_TIME_POINTS:-4}
  signal_points=${CRASH_SIGNAL_POINTS:-4}
  signal_times=${CRASH_SIGNAL_TIMES:-2}
  commands=${CRASH_COMMANDS:-ingest forecast intraday promote restore}
  command_points=${CRASH_COMMAND_POINTS:-1}
  command_signals=${CRASH_COMMAND_SIGNALS:-2}
  command_times=${CRASH_COMMAND_TIMES:-1}
else
  scenarios=${CRASH_SCENARIOS:-promote reject shadow rollback}
  max_points=${CRASH_MAX_POINTS:-0}
  time_points=${CRASH_TIME_POINTS:-12}
  signal_points=${CRASH_SIGNAL_POINTS:-8}
  signal_times=${CRASH_SIGNAL_TIMES:-4}
  commands=${CRASH_COMMANDS:-ingest train forecast recommend intraday promote restore}
  command_points=${CRASH_COMMAND_POINTS:-6}
  command_signals=${CRASH_COMMAND_SIGNALS:-2}
  command_times=${CRASH_COMMAND_TIMES:-1}
fi
[ "$commands" = none ] && commands=""
[ "$scenarios" = none ] && scenarios=""


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
run_day=$(($(date -u -d "$run_date" +%s) / 86400))
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

fresh() { rm -rf "$1"; cp -a "$scenario_base" "$1"; }
scenario_base=$base

# The base of scenarios "shadow" and "rollback": a second model trained through the day before
# the night and promoted by hand (v0002; v0001 archived), its forecast of that day archived, and
# a shadow run of v0001 behind it whose nights include the run date (ShadowLog's table, as an
# automatic promotion starts it). For "rollback", six nights already scored with the champion
# far worse than its shadow: the night scores the seventh and rolls v0002 back to v0001.
shadow_base() {
  local dir=$1 kind=$2
  rm -rf "$dir"
  cp -a "$base" "$dir"
  "$bin" train --workspace "$dir" --as-of "$history_through" --reason "shadow candidate" \
    --quiet >/dev/null || return 1
  "$bin" registry promote v0002 --workspace "$dir" --reason "crash test: shadow" >/dev/null \
    || return 1
  "$bin" forecast --workspace "$dir" --quiet >/dev/null || return 1
  local first=$((run_day - 7))
  sqlite3 "$dir/shelfcast.sqlite" "INSERT INTO shadow_run (champion, shadow, first_night,
    last_night, state, started_at) VALUES ('v0002', 'v0001', $first, $((run_day + 6)), 'active',
    '2000-01-01T00:00:00Z')" || return 1
  if [ "$kind" = rollback ]; then
    local night
    for night in $(seq $((run_day - 6)) $((run_day - 1))); do
      sqlite3 "$dir/shelfcast.sqlite" "INSERT INTO shadow_score VALUES ((SELECT id FROM
        shadow_run WHERE state = 'active'), $night, 100, 1000.0, 10.0, 100.0)" || return 1
    done
  fi
}

run_night() { # workspace, config, then env assignments; prints the exit code
  local ws=$1 config=$2
  shift 2
  env "$@" "$bin" nightly --workspace "$ws" --date "$run_date" --config "$config" --quiet \
    >>"$ws.log" 2>&1
  echo $?
}

injected_tried=0
injected_survived=0
signal_tried=0
signal_survived=0
signal_not_reached=0
# Per command: "name kills survived/tried, signals survived/tried, timed survived/tried".
command_summary=()
timed_tried=0
timed_survived=0
injected_not_reached=0
timed_not_reached=0
failures=0
started_all=$(date +%s)

fail() { failures=$((failures + 1)); echo "  FAIL $*"; failed_here=1; }

# Runs the command after the first three arguments in the background, its output appended to
# log $3, sends it signal $2 after $1 seconds, and prints its exit code.
signal_after() {
  local offset=$1 sig=$2 log=$3 pid
  shift 3
  "$@" >>"$log" 2>&1 &
  pid=$!
  sleep "$offset"
  kill -"$sig" "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  echo $?
}
# The code the run after a graceful stop ends with: a night stopped after its last step had
# finished ("finished its work before stopping"), so the run after it finds it done (exit 0).
after_stop_rc() { if grep -q "finished its work before stopping" "$1"; then echo 0; else echo "$2"; fi; }
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
  # Killed after the night's record (while copying the database): the run after it finds the
  # night finished and says so, with exit 0 (README, "A finished night").
  if [ "$(sqlite3 -readonly "$ws/shelfcast.sqlite" \
    "SELECT count(*) FROM night WHERE run_date = $run_day" 2>/dev/null)" = 1 ]; then
    expected_rc=0
  fi
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
  scenario_base=$base
  case "$scenario" in
    shadow | rollback)
      config=$work/config/plain.yaml
      scenario_base=$work/base-$scenario
      shadow_base "$scenario_base" "$scenario" \
        || { echo "crash test: cannot set up the $scenario workspace" >&2; exit 1; } ;;
  esac
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
  elif [ "$scenario" = shadow ] || [ "$scenario" = rollback ]; then
    # The shadow stage: from the end of the retrain stage to its own end.
    awk -F'\t' '$1 == "nightly.retrain-done" { on = 1; next } on { print $1 ":" $2 }
      $1 == "nightly.shadow-done" { exit }' "$s/trace.tsv" >"$s/all-points.txt"
    grep -q '^nightly.shadow-done:' "$s/all-points.txt" \
      || { echo "crash test: the $scenario night passes no nightly.shadow-done" >&2; exit 1; }
    if [ "$scenario" = rollback ] && ! grep -q '^nightly.shadow-before-rollback:' "$s/all-points.txt"; then
      echo "crash test: the rollback night did not roll back (no nightly.shadow-before-rollback)" >&2
      exit 1
    fi
  else
    awk -F'\t' '{print $1 ":" $2}' "$s/trace.tsv" >"$s/all-points.txt"
  fi
  hits=$(wc -l <"$s/all-points.txt")
  # The short run samples the shadow stage at 4 points.
  scenario_max=$max_points
  if [ "$short" = 1 ]; then case "$scenario" in shadow | rollback) scenario_max=4 ;; esac; fi
  if [ -n "${CRASH_POINTS:-}" ]; then
    printf '%s\n' $CRASH_POINTS >"$s/points.txt"
  elif [ "$scenario_max" -gt 0 ] && [ "$hits" -gt "$scenario_max" ]; then
    awk -v n="$scenario_max" -v total="$hits" 'BEGIN { step = total / n } { lines[NR] = $0 }
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
  case "$scenario" in shadow | rollback) [ "$n_time" -gt 2 ] && n_time=2 ;; esac
  for i in $(seq 1 "$n_time"); do
    offset=$(awk -v t="$seconds" -v i="$i" -v n="$n_time" \
      'BEGIN { printf "%.3f", (n > 1 ? t * (0.02 + 0.88 * (i - 1) / (n - 1)) : t / 2) }')
    timed_tried=$((timed_tried + 1))
    fresh "$ws"
    rm -f "$ws.log"
    rc=$(signal_after "$offset" 9 "$ws.log" \
      "$bin" nightly --workspace "$ws" --date "$run_date" --config "$config" --quiet)
    if [ "$rc" != 137 ]; then
      timed_not_reached=$((timed_not_reached + 1))
      echo "  not reached  ${offset}s (the run had finished, exit $rc)"
    elif check_after_kill "$ws" "$s/ref.state" "kill -9 after ${offset}s" "$config" "$ref_rc"; then
      timed_survived=$((timed_survived + 1))
      echo "  ok  kill -9 after ${offset}s"
    fi
    keep_failed "time-$i"
  done

  # Graceful stops: SIGINT and SIGTERM, alternately, at an even spread of the points, then at
  # time offsets. Exit 130 / 143 (the uninterrupted code when the signal came after the last
  # step: the run then exits with the signal's code too, having finished).
  if [ "$signal_points" -gt 0 ]; then
    awk -v n="$signal_points" 'NR > 1 { lines[NR] = $0 } END { total = NR - 1; if (total < 1) exit;
      step = total / n; for (i = 0; i < n && i < total; i++) print lines[int(i * step) + 2] }' \
      "$s/all-points.txt" >"$s/signal-points.txt"
  else
    : >"$s/signal-points.txt"
  fi
  k=0
  while read -r point; do
    k=$((k + 1))
    if [ $((k % 2)) = 1 ]; then sig=INT; want=130; else sig=TERM; want=143; fi
    signal_tried=$((signal_tried + 1))
    fresh "$ws"
    rm -f "$ws.log"
    rc=$(run_night "$ws" "$config" SHELFCAST_CRASH_AT="$point" SHELFCAST_CRASH_SIGNAL="$sig")
    if [ "$rc" = "$ref_rc" ]; then
      signal_not_reached=$((signal_not_reached + 1))
      echo "  not reached  SIG$sig at $point"
    elif [ "$rc" != "$want" ]; then
      fail "SIG$sig at $point: exited $rc instead of $want: $(tail -2 "$ws.log")"
    elif ! grep -q "^Stopped by SIG$sig: " "$ws.log"; then
      fail "SIG$sig at $point: no 'Stopped by SIG$sig' line: $(tail -2 "$ws.log")"
    elif check_after_kill "$ws" "$s/ref.state" "SIG$sig at $point" "$config" \
      "$(after_stop_rc "$ws.log" "$ref_rc")"; then
      signal_survived=$((signal_survived + 1))
      echo "  ok  SIG$sig at $point ($rc)"
    fi
    keep_failed "sig$sig-$point"
  done <"$s/signal-points.txt"
  for i in $(seq 1 "$signal_times"); do
    if [ $((i % 2)) = 1 ]; then sig=INT; want=130; else sig=TERM; want=143; fi
    offset=$(awk -v t="$seconds" -v i="$i" -v n="$signal_times" \
      'BEGIN { printf "%.3f", t * (0.1 + 0.7 * (i - 1) / (n > 1 ? n - 1 : 1)) }')
    signal_tried=$((signal_tried + 1))
    fresh "$ws"
    rm -f "$ws.log"
    rc=$(signal_after "$offset" "$sig" "$ws.log" \
      "$bin" nightly --workspace "$ws" --date "$run_date" --config "$config" --quiet)
    if [ "$rc" = "$ref_rc" ]; then
      signal_not_reached=$((signal_not_reached + 1))
      echo "  not reached  kill -$sig after ${offset}s (the run had finished)"
    elif [ "$rc" != "$want" ]; then
      fail "kill -$sig after ${offset}s: exited $rc instead of $want: $(tail -2 "$ws.log")"
    elif check_after_kill "$ws" "$s/ref.state" "kill -$sig after ${offset}s" "$config" \
      "$(after_stop_rc "$ws.log" "$ref_rc")"; then
      signal_survived=$((signal_survived + 1))
      echo "  ok  kill -$sig after ${offset}s"
    fi
    keep_failed "sig$sig-time-$i"
  done
done

. "$repo/scripts/crash-test-commands.sh"

elapsed=$(($(date +%s) - started_all))
log "kill points survived: $((injected_survived + timed_survived)) of" \
  "$((injected_tried - injected_not_reached + timed_tried - timed_not_reached)) that killed the run:" \
  "injected $injected_survived of $((injected_tried - injected_not_reached))" \
  "($injected_not_reached more not reached), time offsets $timed_survived of" \
  "$((timed_tried - timed_not_reached)) ($timed_not_reached more came after the run had" \
  "finished); failures: $failures; ${elapsed} s"
log "graceful stops (SIGINT/SIGTERM) of the night survived: $signal_survived of" \
  "$((signal_tried - signal_not_reached)) ($signal_not_reached more came after the last step)"
for line in "${command_summary[@]}"; do log "command $line"; done
[ "$failures" = 0 ] || exit 1
