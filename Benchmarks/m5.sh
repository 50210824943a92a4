#!/usr/bin/env bash
# make bench-m5: ShelfCast on ten real M5 series (Walmart unit sales), read in place from
# ../shared/data/real/m5-subset. `shelfcast import m5` turns them into chain files in a
# temporary directory (one store per M5 store, one SKU per item, events as holidays, SNAP days
# per store and events by type as known-in-advance covariates, history d_1..d_1941); they are
# ingested twice, with and without the covariates file, and each workspace runs
# `shelfcast backtest --holdout-days 28` (holding out exactly d_1914..d_1941). Prints RMSSE per
# series beside statsforecast's SeasonalNaive, AutoETS, CrostonOptimized and TSB on the same
# days, and the published M5 figures. M5_WINDOWS=N (N > 1) then backtests the covariates
# workspace on N windows 28 days apart (the last one the official window) and prints each
# window's mean RMSSE beside the peers refitted before it (Benchmarks/m5_windows.py).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN=${BIN:-$ROOT/.build/release/shelfcast}
M5=${M5_DIR:-$ROOT/../shared/data/real/m5-subset}
[ -f "$M5/sales_train_validation.csv" ] || M5=/work/shared/data/real/m5-subset
[ -f "$M5/sales_train_validation.csv" ] || { echo "M5 subset not found (set M5_DIR)" >&2; exit 1; }
Benchmarks/venv.sh
PY=Benchmarks/.venv/bin/python
TMP=$(mktemp -d "${TMPDIR:-/tmp}/shelfcast-m5.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
mkdir -p Benchmarks/out
RESULT=Benchmarks/out/m5-$(date +%Y%m%d-%H%M%S).txt
{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  start=$(date +%s.%N)
  "$BIN" import m5 "$M5" "$TMP/chain"
  echo "import: $(awk "BEGIN { printf \"%.2f\", $(date +%s.%N) - $start }") s"
  $PY Benchmarks/m5_prepare.py "$M5" "$TMP/meta" --meta-only > /dev/null
  mkdir -p "$TMP/plain-master"
  cp "$TMP/chain/master/"{stores,skus,calendar,promotions}.csv "$TMP/plain-master/"
  "$BIN" ingest --quiet --workspace "$TMP/workspace" "$TMP/chain/master" "$TMP/chain/history" \
    > "$TMP/ingest.txt"
  "$BIN" ingest --quiet --workspace "$TMP/plain" "$TMP/plain-master" "$TMP/chain/history" \
    > "$TMP/ingest-plain.txt"
  # All 1,913 training days (ShelfCast reads the last 730 by default), as the peers get them and
  # as the M5 scale uses them.
  for ws in plain workspace; do
    "$BIN" backtest --quiet --workspace "$TMP/$ws" --holdout-days 28 \
      --history-days "${M5_HISTORY_DAYS:-1913}" --out "$TMP/report-$ws" > /dev/null
  done
  echo
  echo "== Without covariates (events as holidays only) =="
  $PY Benchmarks/m5_score.py "$TMP/meta" "$TMP/report-plain/backtest" "${N_JOBS:-2}" \
    | grep -E "^average" || true
  echo
  echo "== With SNAP days and event types as covariates =="
  $PY Benchmarks/m5_score.py "$TMP/meta" "$TMP/report-workspace/backtest" "${N_JOBS:-2}"
  if [ "${M5_WINDOWS:-1}" -gt 1 ]; then
    echo
    echo "== ${M5_WINDOWS} windows of 28 days, with the covariates =="
    "$BIN" backtest --quiet --workspace "$TMP/workspace" --holdout-days 28 \
      --windows "$M5_WINDOWS" --step 28 --history-days "${M5_HISTORY_DAYS:-1913}" \
      --out "$TMP/report-windows" > /dev/null
    $PY Benchmarks/m5_windows.py "$TMP/meta" "$TMP/report-windows/backtest" "${N_JOBS:-2}"
  fi
} 2>&1 | tee "$RESULT"
echo "written to $RESULT"
