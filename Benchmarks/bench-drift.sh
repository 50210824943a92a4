#!/usr/bin/env bash
# make bench-drift: does the drift stage flag a known drift within a week, and stay quiet
# otherwise?
#
# 1. Generates a chain (200 stores x 500 SKUs, 730 days of daily history by default) in which
#    10 % of the store/SKU series change level (x0.6 or x1.5) and weekly profile from ONSET,
#    and its twin: the same arguments and seed without --drift-at, so the two are the same
#    data before ONSET and the twin never drifts.
# 2. Ingests both into fresh workspaces (shelfcast ingest).
# 3. Runs the drift stage (DriftStage.evaluate, through the benchmark-only executable
#    DriftBench, built here in release) for every day from ONSET - 14 to ONSET + 14 on both,
#    and prints the detection rate within 7 days of the onset, the false-alarm rates (the twin
#    chain; the days before the onset) and the per-series detector's recall and precision
#    against truth/drifted_series.csv. Each day's drift.csv is kept under
#    Benchmarks/out/drift-<run>/{drift,twin}/<day>/.
#
# Scale knobs (environment): STORES, SKUS, DAYS, START, ONSET, SHARE, SEED, WITHIN.
# About 4 minutes and 3.6 GB at the default size; smaller: STORES=40 SKUS=200 make bench-drift
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
BIN=${BIN:-.build/release/shelfcast}
BENCH=.build/release/DriftBench
STORES=${STORES:-200}
SKUS=${SKUS:-500}
DAYS=${DAYS:-730}
START=${START:-2023-03-06}
ONSET=${ONSET:-2025-02-17}
SHARE=${SHARE:-0.1}
SEED=${SEED:-11}
WITHIN=${WITHIN:-7}
OUT=Benchmarks/out
LAST=$(date -u -d "$START + $((DAYS - 1)) days" +%F)
NAME=drift-chain-${STORES}x${SKUS}x${DAYS}-${START}-${SEED}
$SWIFT build -c release --product DriftBench
mkdir -p "$OUT"
for KIND in drift twin; do
  CHAIN=$OUT/$NAME-$KIND-$ONSET-$SHARE
  if [ ! -f "$CHAIN/.complete" ]; then
    rm -rf "$CHAIN" "$CHAIN.workspace"
    DRIFT=()
    if [ "$KIND" = drift ]; then DRIFT=(--drift-at "$ONSET" --drift-share "$SHARE"); fi
    "$BIN" generate --stores "$STORES" --skus "$SKUS" --start "$START" --days "$DAYS" \
      --transaction-days 0 --seed "$SEED" --truth-from "$LAST" --out "$CHAIN" --quiet "${DRIFT[@]}"
    "$BIN" ingest --workspace "$CHAIN.workspace" --as-of "$LAST" --quiet \
      "$CHAIN/master" "$CHAIN/history" > /dev/null
    touch "$CHAIN/.complete"
  fi
done
RUN=$OUT/drift-$(date +%Y%m%d-%H%M%S)
{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
    "$(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)"
  echo "chain: $STORES stores x $SKUS SKUs, $DAYS days $START .. $LAST, seed $SEED;" \
    "$SHARE of the series drift from $ONSET; twin without drift"
  echo
  /usr/bin/time -f "peak memory %M KB, %e s" "$BENCH" \
    --workspace "$OUT/$NAME-drift-$ONSET-$SHARE.workspace" \
    --twin-workspace "$OUT/$NAME-twin-$ONSET-$SHARE.workspace" \
    --truth "$OUT/$NAME-drift-$ONSET-$SHARE/truth/drifted_series.csv" \
    --onset "$ONSET" --days-before 14 --days-after 14 --within "$WITHIN" --out "$RUN"
} 2>&1 | tee "$RUN.txt"
echo "written to $RUN.txt"
