#!/usr/bin/env bash
# make bench-forecast: generate a chain (200 stores x 500 SKUs, 730 days of daily history by
# default), ingest it, time `shelfcast train`, `shelfcast forecast` and `shelfcast backtest`
# (wall time and peak memory), then compare the backtest's accuracy and ETS speed with
# statsforecast on a random sample of series (see bench_forecast.py); then a windowed backtest
# (4 origins a week apart) for accuracy, bias and interval coverage by horizon
# (horizon_report.py).
#
# Scale knobs (environment): STORES, SKUS, DAYS, START, SEED, SAMPLE (series given to
# statsforecast), TRAIN_REPEATS (default 1), REPEATS (forecast runs, default 3), N_JOBS (2),
# PROFILE (the generator's demand model: simple, the default, or realistic).
# Smoke test: STORES=5 SKUS=40 SAMPLE=50 make bench-forecast
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/shelfcast}
STORES=${STORES:-200}
SKUS=${SKUS:-500}
DAYS=${DAYS:-730}
START=${START:-2024-11-01}
SEED=${SEED:-42}
PROFILE=${PROFILE:-simple}
case "$PROFILE" in
  simple | realistic) ;;
  *) echo "PROFILE must be simple or realistic, not '$PROFILE'." >&2; exit 2 ;;
esac
HOLDOUT=28
OUT=Benchmarks/out
CHAIN=$OUT/forecast-chain-${PROFILE}-${STORES}x${SKUS}x${DAYS}-${START}-${SEED}
LAST=$(date -u -d "$START + $((DAYS - 1)) days" +%F)
HOLDOUT_START=$(date -u -d "$LAST - $((HOLDOUT - 1)) days" +%F)
Benchmarks/venv.sh
if [ ! -f "$CHAIN/.complete" ]; then
  rm -rf "$CHAIN"
  # No transaction days: the whole history arrives as daily demand. The truth (true expected
  # demand) is only needed from the backtest holdout on, which keeps it at ~12 M rows instead
  # of ~80 M at full scale.
  "$BIN" generate --stores "$STORES" --skus "$SKUS" --start "$START" --days "$DAYS" \
    --transaction-days 0 --seed "$SEED" --truth-from "$HOLDOUT_START" --profile "$PROFILE" \
    --out "$CHAIN" --quiet
  touch "$CHAIN/.complete"
fi
mkdir -p "$OUT"
RESULT=$OUT/forecast-$(date +%Y%m%d-%H%M%S).txt
{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
    "$(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)"
  echo "chain: $STORES stores x $SKUS SKUs, $DAYS days $START .. $LAST, seed $SEED," \
    "profile $PROFILE;" \
    "holdout $HOLDOUT_START .. $LAST"
  Benchmarks/.venv/bin/python Benchmarks/bench_forecast.py "$BIN" "$CHAIN" "$OUT/forecast" \
    "$HOLDOUT"
  # Accuracy by horizon: the same models forecasting from 4 origins a week apart, so that the
  # last 7 target days of the first window are also the first 7 of the last one.
  echo
  WINDOWS_OUT=$OUT/forecast/reports-windows
  rm -rf "$WINDOWS_OUT"
  /usr/bin/time -f "windowed backtest: %e s wall, peak %M KiB" \
    "$BIN" backtest --quiet --workspace "$OUT/forecast/workspace" --holdout-days "$HOLDOUT" \
    --windows 4 --step 7 --truth "$CHAIN/truth/expected_demand.csv" --out "$WINDOWS_OUT" \
    > /dev/null
  Benchmarks/.venv/bin/python Benchmarks/horizon_report.py "$WINDOWS_OUT/backtest"
} 2>&1 | tee "$RESULT"
echo "written to $RESULT"
