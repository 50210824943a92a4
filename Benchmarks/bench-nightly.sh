#!/usr/bin/env bash
# make bench-nightly: one night of `shelfcast nightly` on 200 stores x 500 SKUs, without and with
# a retraining (issue 13: a night without retraining <= 30 s, with a scheduled retraining <= 150 s).
#
# 1. Generates a chain of DAYS days from START whose last TXN_DAYS days are raw transactions and
#    end-of-day stock snapshots (the days before them are daily demand history); cached under
#    Benchmarks/out/nightly-chain-*.
# 2. Ingests its master data and history (not the transaction days) into a workspace, trains the
#    first model as of CHAMPION_AGE days before night 1 (14: with weekly origins the scheduled
#    retraining trains its candidate through night 1 - 7 and judges both models on the last week,
#    which neither saw; a champion one week old would have nothing new to learn from and the
#    retraining would be deferred), and archives the
#    forecasts of the ARCHIVE_DAYS run
#    dates before night 1 (`shelfcast forecast --date`), so that the monitoring joins a full
#    28-day window as in steady state (55 issues: every day of the window at all 28 horizons);
#    cached under Benchmarks/out/nightly-ws-*.
# 3. For each mode and each of REPEATS runs: copies the cached workspace, delivers night 1's
#    transactions and stock snapshot into DIR/inbox, and runs
#    `shelfcast nightly --date NIGHT --config FILE` under /usr/bin/time -v. The modes:
#    - plain: retraining.weekday null, new_series_share 0 (no trigger fires; the workspace has
#      no earlier night, so drift and accuracy triggers cannot fire either);
#    - retrain: retraining.weekday = NIGHT's weekday (a scheduled retraining: a candidate
#      trained up to the cut-off, judged against the champion on the days after it, refitted
#      through NIGHT when it wins).
#    Each run keeps its manifest, its /usr/bin/time report and the load average before and
#    after under Benchmarks/out/nightly-<stamp>/<mode>-<n>/; the last run of each mode keeps
#    its workspace too.
# 4. bench_nightly.py prints, per mode, the median and every run of the wall time, the peak RSS
#    and each stage's seconds (the manifest's "stages"), with the targets beside the totals.
#
# Knobs (environment): STORES (200), SKUS (500), DAYS (732, transaction days included), START
# (2024-11-01), SEED (42), TXN_DAYS (2), ARCHIVE_DAYS (55), CHAMPION_AGE (14), REPEATS (3),
# MODES ("plain retrain").
# The machine is shared: every figure is printed with the load average.
# Smoke test: STORES=5 SKUS=40 REPEATS=1 make bench-nightly
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/shelfcast}
STORES=${STORES:-200}
SKUS=${SKUS:-500}
DAYS=${DAYS:-732}
START=${START:-2024-11-01}
SEED=${SEED:-42}
TXN_DAYS=${TXN_DAYS:-2}
ARCHIVE_DAYS=${ARCHIVE_DAYS:-55}
CHAMPION_AGE=${CHAMPION_AGE:-14}
REPEATS=${REPEATS:-3}
MODES=${MODES:-plain retrain}
OUT=Benchmarks/out
LAST_HISTORY=$(date -u -d "$START + $((DAYS - TXN_DAYS - 1)) days" +%F)
NIGHT=$(date -u -d "$LAST_HISTORY + 1 day" +%F)
WEEKDAY=$(date -u -d "$NIGHT" +%A | tr '[:upper:]' '[:lower:]')
NAME=${STORES}x${SKUS}x${DAYS}-${START}-${SEED}-t${TXN_DAYS}
CHAIN=$OUT/nightly-chain-$NAME
WS=$OUT/nightly-ws-$NAME-a${ARCHIVE_DAYS}-c${CHAMPION_AGE}
mkdir -p "$OUT"

if [ ! -f "$CHAIN/.complete" ]; then
  rm -rf "$CHAIN" "$WS"
  echo "generating $CHAIN..."
  "$BIN" generate --stores "$STORES" --skus "$SKUS" --start "$START" --days "$DAYS" \
    --transaction-days "$TXN_DAYS" --seed "$SEED" --truth-from "$NIGHT" --out "$CHAIN" --quiet
  touch "$CHAIN/.complete"
fi
if [ ! -f "$WS/.complete" ]; then
  rm -rf "$WS"
  echo "ingesting master data and history through $LAST_HISTORY into $WS..."
  "$BIN" ingest --workspace "$WS" --as-of "$LAST_HISTORY" --quiet "$CHAIN/master" \
    "$CHAIN/history" > /dev/null
  TRAINED=$(date -u -d "$NIGHT - $CHAMPION_AGE days" +%F)
  echo "training as of $TRAINED..."
  "$BIN" train --workspace "$WS" --as-of "$TRAINED" --quiet | head -1
  echo "archiving the forecasts of the $ARCHIVE_DAYS run dates before $NIGHT..."
  for ((k = ARCHIVE_DAYS; k >= 1; k--)); do
    "$BIN" forecast --workspace "$WS" --date "$(date -u -d "$NIGHT - $k days" +%F)" \
      --quiet > /dev/null
  done
  rm -rf "$WS/reports"
  touch "$WS/.complete"
fi

# A workspace cached by an older build keeps its models in the format that build wrote: bring
# them to this build's (a no-op once they are current).
"$BIN" registry upgrade --workspace "$WS" --quiet

RUNS=$OUT/nightly-$(date +%Y%m%d-%H%M%S)
RESULT=$RUNS.txt
mkdir -p "$RUNS"
printf 'retraining:\n  weekday: null\n  new_series_share: 0\n' > "$RUNS/plain.yaml"
printf 'retraining:\n  weekday: %s\n  new_series_share: 0\n' "$WEEKDAY" > "$RUNS/retrain.yaml"
{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
    "$(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)"
  echo "chain: $STORES stores x $SKUS SKUs, $DAYS days from $START, seed $SEED; history" \
    "through $LAST_HISTORY, night 1 = $NIGHT ($WEEKDAY); $ARCHIVE_DAYS archived forecast issues"
  echo "code: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources || echo ' (modified)')"
  runs=()
  for ((n = 1; n <= REPEATS; n++)); do
    for mode in $MODES; do
      RUN=$RUNS/$mode-$n
      mkdir -p "$RUN"
      rm -rf "$RUNS/$mode-workspace"
      cp -a "$WS" "$RUNS/$mode-workspace"
      mkdir -p "$RUNS/$mode-workspace/inbox"
      cp "$CHAIN/inbox/transactions_$NIGHT.csv" "$CHAIN/inventory/on_hand_$NIGHT.csv" \
        "$RUNS/$mode-workspace/inbox/"
      sync
      uptime > "$RUN/load-before.txt"
      set +e
      /usr/bin/time -v -o "$RUN/time.txt" "$BIN" nightly --workspace "$RUNS/$mode-workspace" \
        --date "$NIGHT" --config "$RUNS/$mode.yaml" --quiet > "$RUN/stdout.txt" 2> "$RUN/stderr.txt"
      status=$?
      set -e
      uptime > "$RUN/load-after.txt"
      echo "$status" > "$RUN/exit-status.txt"
      # 0 ok, 2 an input refused, 3 alerts reached fail_on: the night ran to the end.
      if [ "$status" != 0 ] && [ "$status" != 2 ] && [ "$status" != 3 ]; then
        echo "$mode run $n failed with exit status $status:"
        tail -20 "$RUN/stderr.txt"
        exit 1
      fi
      cp "$RUNS/$mode-workspace/manifests/nightly-$NIGHT.json" "$RUN/manifest.json"
      echo "$mode run $n: exit $status, $(grep 'Elapsed (wall' "$RUN/time.txt" | awk '{print $NF}')" \
        "wall; load before: $(sed 's/.*load average: //' "$RUN/load-before.txt")"
      runs+=("$mode:$RUN")
    done
  done
  echo
  python3 Benchmarks/bench_nightly.py "${runs[@]}"
} 2>&1 | tee "$RESULT"
echo "written to $RESULT"
