#!/usr/bin/env bash
# make bench-learning: does the weekly retraining help the drifted series? (issue 14's target:
# "on the realistic generator profile with drift injected into 20 % of series, over 8 weeks of
# nights: measure the WAPE of the drifted series with weekly retraining against a frozen model").
#
# 1. Generates a chain with `--profile realistic` (STORES x SKUS, HISTORY_DAYS days of daily
#    history from START, then NIGHTS days of raw transactions and stock snapshots, one per
#    night), drift injected into DRIFT_SHARE of the series from the date of night DRIFT_NIGHT;
#    cached under Benchmarks/out/learning-chain-*.
# 2. Ingests its master data and history into a workspace and trains the first model on the
#    history (as `shelfcast demo` does); cached under Benchmarks/out/learning-ws-*. Both modes
#    start from a copy of this workspace: the same first model v0001.
# 3. Runs the NIGHTS nights in each mode, one `shelfcast nightly --date D --config FILE` per
#    night after delivering that day's transactions and stock snapshot to DIR/inbox (as
#    bench-nightly and `shelfcast demo` do):
#    - retrained: the default retraining (weekly on Sundays, drift and accuracy triggers, the
#      fair champion/challenger comparison, promotion on a win, refit, shadow runs);
#    - frozen: retraining disabled by configuration (weekday null, on_drift off,
#      on_accuracy_degradation false, new_series_share 0): v0001 serves every night.
#    Every other key keeps its built-in default in both. With PARALLEL=1 (default) the two
#    modes run at the same time. A run folder given as RUNS resumes: finished nights are skipped
#    by the nightly job itself.
# 4. bench_learning.py scores both modes on the same store/SKU/target day/horizon (uncensored
#    days, forecasts from each night's reports/D/forecast.csv, actuals and stock-outs from the
#    monitor's forecast_vs_actual.csv), drifted series (truth/drifted_series.csv) and the others,
#    before and after the onset, and prints each night's retraining decision.
#
# Knobs (environment): BIN (.build/release/shelfcast if built, else .build/debug/shelfcast),
# STORES (20), SKUS (100), HISTORY_DAYS (730), NIGHTS (56), START (2024-11-01), SEED (42),
# DRIFT_NIGHT (14), DRIFT_SHARE (0.2), PROFILE (realistic), PARALLEL (1), RUNS (new folder).
# Smaller, for a debug build: STORES=10 SKUS=40 make bench-learning
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${BIN:-}" ]; then
  BIN=.build/release/shelfcast
  [ -x "$BIN" ] || BIN=.build/debug/shelfcast
fi
STORES=${STORES:-20}
SKUS=${SKUS:-100}
HISTORY_DAYS=${HISTORY_DAYS:-730}
NIGHTS=${NIGHTS:-56}
START=${START:-2024-11-01}
SEED=${SEED:-42}
DRIFT_NIGHT=${DRIFT_NIGHT:-14}
DRIFT_SHARE=${DRIFT_SHARE:-0.2}
PROFILE=${PROFILE:-realistic}
PARALLEL=${PARALLEL:-1}
OUT=Benchmarks/out
DAYS=$((HISTORY_DAYS + NIGHTS))
LAST_HISTORY=$(date -u -d "$START + $((HISTORY_DAYS - 1)) days" +%F)
FIRST_NIGHT=$(date -u -d "$START + $HISTORY_DAYS days" +%F)
LAST_NIGHT=$(date -u -d "$START + $((DAYS - 1)) days" +%F)
DRIFT_AT=$(date -u -d "$FIRST_NIGHT + $((DRIFT_NIGHT - 1)) days" +%F)
NAME=${PROFILE}-${STORES}x${SKUS}x${HISTORY_DAYS}+${NIGHTS}-${START}-${SEED}-d${DRIFT_NIGHT}-${DRIFT_SHARE}
CHAIN=$OUT/learning-chain-$NAME
WS=$OUT/learning-ws-$NAME
mkdir -p "$OUT"

if [ ! -f "$CHAIN/.complete" ]; then
  rm -rf "$CHAIN" "$WS"
  echo "generating $CHAIN..."
  "$BIN" generate --profile "$PROFILE" --stores "$STORES" --skus "$SKUS" --start "$START" \
    --days "$DAYS" --transaction-days "$NIGHTS" --seed "$SEED" --drift-at "$DRIFT_AT" \
    --drift-share "$DRIFT_SHARE" --truth-from "$FIRST_NIGHT" --out "$CHAIN" --quiet
  touch "$CHAIN/.complete"
fi
if [ ! -f "$WS/.complete" ]; then
  rm -rf "$WS"
  echo "ingesting master data and history through $LAST_HISTORY into $WS..."
  "$BIN" ingest --workspace "$WS" --as-of "$LAST_HISTORY" --quiet "$CHAIN/master" \
    "$CHAIN/history" > /dev/null
  echo "training the first model as of $LAST_HISTORY..."
  "$BIN" train --workspace "$WS" --as-of "$LAST_HISTORY" --quiet \
    --reason "bench-learning: the first model" | head -1
  touch "$WS/.complete"
fi

RUNS=${RUNS:-$OUT/learning-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$RUNS"
cat > "$RUNS/retrained.yaml" << 'EOF'
# bench-learning, retrained: every key at its built-in default (weekly retraining on Sundays,
# drift and accuracy triggers, fair comparison, promotion on a win, refit, shadow runs).
retraining:
  weekday: sunday
EOF
cat > "$RUNS/frozen.yaml" << 'EOF'
# bench-learning, frozen: no retraining trigger can fire; the first model serves every night.
retraining:
  weekday: null
  on_drift: off
  on_accuracy_degradation: false
  new_series_share: 0
EOF

# One mode's nights, oldest first; a night already finished is skipped by the nightly job.
run_mode() {
  local mode=$1 ws=$RUNS/$1 day status started
  [ -d "$ws" ] || cp -a "$WS" "$ws"
  mkdir -p "$ws/inbox"
  for ((n = 0; n < NIGHTS; n++)); do
    day=$(date -u -d "$FIRST_NIGHT + $n days" +%F)
    cp -n "$CHAIN/inbox/transactions_$day.csv" "$CHAIN/inventory/on_hand_$day.csv" "$ws/inbox/"
    started=$(date +%s)
    set +e
    "$BIN" nightly --workspace "$ws" --date "$day" --config "$RUNS/$mode.yaml" --quiet \
      > "$RUNS/$mode-$day.stdout" 2> "$RUNS/$mode-$day.stderr"
    status=$?
    set -e
    echo "$mode night $((n + 1)) $day: exit $status, $(($(date +%s) - started)) s" \
      >> "$RUNS/$mode.log"
    # 0 ok, 2 an input refused, 3 an alert reached its fail level: the night ran to the end.
    if [ "$status" != 0 ] && [ "$status" != 2 ] && [ "$status" != 3 ]; then
      echo "$mode night $day failed with exit status $status:" >> "$RUNS/$mode.log"
      tail -20 "$RUNS/$mode-$day.stderr" >> "$RUNS/$mode.log"
      return 1
    fi
  done
}

RESULT=$RUNS/result.txt
{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
    "$(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo); load before:" \
    "$(uptime | sed 's/.*load average: //')"
  echo "binary: $BIN ($("$BIN" version 2>/dev/null | head -1))"
  echo "chain: --profile $PROFILE, $STORES stores x $SKUS SKUs, seed $SEED; history $START ..." \
    "$LAST_HISTORY ($HISTORY_DAYS days), nights $FIRST_NIGHT ... $LAST_NIGHT ($NIGHTS);" \
    "drift in $DRIFT_SHARE of the series from $DRIFT_AT (night $DRIFT_NIGHT)"
  echo "runs: $RUNS"
} | tee "$RESULT"
began=$(date +%s)
if [ "$PARALLEL" = 1 ]; then
  run_mode retrained & retrained_pid=$!
  run_mode frozen & frozen_pid=$!
  failed=0
  wait "$retrained_pid" || failed=1
  wait "$frozen_pid" || failed=1
else
  failed=0
  run_mode retrained || failed=1
  [ "$failed" = 1 ] || run_mode frozen || failed=1
fi
tail -n 2 "$RUNS/retrained.log" "$RUNS/frozen.log"
if [ "$failed" = 1 ]; then
  echo "a night failed: see $RUNS/*.log"
  exit 1
fi
{
  echo "nights: $(($(date +%s) - began)) s wall for both modes (PARALLEL=$PARALLEL); load after:" \
    "$(uptime | sed 's/.*load average: //')"
  echo
  python3 Benchmarks/bench_learning.py --retrained "$RUNS/retrained" --frozen "$RUNS/frozen" \
    --drifted "$CHAIN/truth/drifted_series.csv" --first-night "$FIRST_NIGHT" \
    --last-night "$LAST_NIGHT" --drift-at "$DRIFT_AT"
} 2>&1 | tee -a "$RESULT"
echo "written to $RESULT"
