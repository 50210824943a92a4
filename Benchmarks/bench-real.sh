#!/usr/bin/env bash
# make bench-real: ShelfCast on the real data sets of ../shared/data/real/ (read in place, never
# copied), beside statsforecast on the same series and windows.
#
# Walmart (walmart-recruiting/): `shelfcast import walmart` (timed), then for each of 3 rolling
# 13-week windows (w3 = the last 13 weeks) a weekly workspace holding the demand up to that
# window's last week, `shelfcast backtest --holdout-days 13` (weeks, at weekly grain: ShelfCast
# is refitted at each origin), and Benchmarks/bench_real.py: the 2,660 store x department series
# with all 143 weeks, WAPE of the p50 per window and overall for ShelfCast and statsforecast's
# AutoETS, MSTL(52), AutoTheta, SeasonalNaive(52), CrostonOptimized and TSB.
# Then the M5 subset (Benchmarks/m5.sh). COVARIATES=0 leaves the Walmart covariates out.
# PEERS_CACHE=FILE reuses the peers' forecasts of an earlier run, PEERS="MSTL(52) TSB(0.1,0.1)"
# fits only those (see bench_real.py). SHIFT_WEEKS=N ends every window N weeks earlier: windows
# the benchmark's targets are not set on (e.g. 39: trained on 65, 78 and 91 weeks); SKIP_M5=1
# leaves the M5 part out.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN=${BIN:-$ROOT/.build/release/shelfcast}
REAL=${REAL_DIR:-$ROOT/../shared/data/real}
[ -d "$REAL/walmart-recruiting" ] || REAL=/work/shared/data/real
WALMART=$REAL/walmart-recruiting
[ -f "$WALMART/train.csv.zip" ] || { echo "Walmart data not found (set REAL_DIR)" >&2; exit 1; }
if [ -z "${PY:-}" ]; then
  Benchmarks/venv.sh
  PY=Benchmarks/.venv/bin/python
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/shelfcast-real.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
mkdir -p Benchmarks/out
RESULT=Benchmarks/out/real-$(date +%Y%m%d-%H%M%S).txt
{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo
  echo "== Walmart: import =="
  start=$(date +%s.%N)
  "$BIN" import walmart "$WALMART" "$TMP/walmart"
  end=$(date +%s.%N)
  echo "import seconds: $(echo "$end - $start" | bc)"
  echo
  echo "== Walmart: ShelfCast backtests (3 windows of 13 weeks) =="
  last=$(tail -n +2 "$TMP/walmart/demand.csv" | cut -d, -f3 | sort | tail -1)
  for w in 1 2 3; do
    cutoff=$(date -u -d "$last - $(( ((3 - w) * 13 + ${SHIFT_WEEKS:-0}) * 7 )) days" +%F)
    run="$TMP/runs/w$w"
    mkdir -p "$run"
    # The demand through the window's last held-out week; the backtest holds out its last 13.
    awk -F, -v c="$cutoff" 'NR == 1 || $3 <= c' "$TMP/walmart/demand.csv" > "$run/demand.csv"
    date -u -d "$cutoff - 91 days" +%F > "$run/cutoff"
    "$BIN" init --workspace "$run/workspace" --grain weekly-friday > /dev/null
    # The covariates (markdowns known in advance; temperature, fuel price, CPI and unemployment
    # read only up to each forecast's cut-off); COVARIATES=0 leaves them out.
    covariates=()
    [ "${COVARIATES:-1}" = 1 ] && covariates=("$TMP/walmart/covariates.csv")
    "$BIN" ingest --quiet --workspace "$run/workspace" "$TMP/walmart/stores.csv" \
      "$TMP/walmart/skus.csv" "$TMP/walmart/calendar.csv" "${covariates[@]}" "$run/demand.csv" \
      > /dev/null
    start=$(date +%s.%N)
    "$BIN" backtest --quiet --workspace "$run/workspace" --holdout-days 13 \
      --out "$run/report" > "$run/backtest.txt"
    end=$(date +%s.%N)
    echo "w$w: trained through $(cat "$run/cutoff"), scored to $cutoff;" \
      "backtest seconds $(echo "$end - $start" | bc)"
  done
  echo
  SHIFT_WEEKS=${SHIFT_WEEKS:-0} $PY Benchmarks/bench_real.py walmart "$TMP/walmart" "$TMP/runs" \
    "${N_JOBS:-2}"
  [ "${SKIP_M5:-0}" = 1 ] && exit 0

  # M5: `shelfcast import m5`, backtests with and without SNAP days and events as covariates,
  # RMSSE beside statsforecast's models (Benchmarks/m5.sh, which writes its own result file).
  echo
  echo "== M5 subset =="
  BIN="$BIN" Benchmarks/m5.sh
} 2>&1 | tee "$RESULT"
echo "written to $RESULT"
