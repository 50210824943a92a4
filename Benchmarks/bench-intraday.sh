#!/usr/bin/env bash
# make bench-intraday: the intraday step's load and its alerts' quality (docs/intraday.md).
#
# (a) load: a chain of STORES (default 200) stores x 500 SKUs with timestamps; the history, a
#     model and the night's forecast are made untimed, then one hour of the next day (10:00-11:00,
#     about 15,000 lines at 200 stores) is one drop, processed by `shelfcast intraday` (drop
#     ingest, nowcasts, alerts) under /usr/bin/time -v: wall time and peak memory.
# (b) quality: a chain of QSTORES (default 10) stores x 60 SKUs (seed QSEED, default 23; the
#     default --min-elapsed-share was chosen on seed 11, --alert-probability on seeds 11, 13,
#     211, 223, 227, 229, 233 and 239, so those show in-sample figures) with 42 days of timestamped
#     transactions; a model trained on the first 35; each of the last EVAL_DAYS (default 7) days
#     is replayed in 30-minute drops from 07:00 to 14:00 after the night's forecast. The alerts
#     raised by 14:00 are scored against the fast movers that truly stock out before the next
#     delivery (truth/transaction_day_sales.csv), beside the naive rule (snapshot stock below
#     the day's forecast): first up to the chain's actual next delivery (the first later day
#     with an arrival in the snapshots), then, as before 2026-12-05, up to the delivery the
#     alert inferred (the 14:00 row's days_to_delivery); store/SKU days whose horizon is not
#     within the truth are left out (unknown outcome); see bench_intraday.py. Then, on the
#     same days, what an oracle that knows the chain's demand and stock would catch at 14:00
#     (Benchmarks/intraday_ceiling.py, scipy from Benchmarks/venv.sh).
#
# The drops are cut under OUT per chain (quality-drops-QSTORES-QSEED), so two seeds may run at
# once with the same OUT (one folder for all let concurrent seeds ingest each other's drops).
#
# BIN (default .build/release/shelfcast), PART (load, quality or both; default both),
# ALERT_PROBABILITY (default: the command's default), passed to every intraday run.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/shelfcast}
OUT=${OUT:-Benchmarks/out/intraday}
PART=${PART:-both}
STORES=${STORES:-200}
QSTORES=${QSTORES:-10}
QSEED=${QSEED:-23}
EVAL_DAYS=${EVAL_DAYS:-7}
PY=python3
mkdir -p "$OUT"

slice() { # file, from (HH:MM), to (HH:MM): the header and the lines sold in [from, to)
  awk -F, -v a="$2" -v b="$3" 'NR == 1 || ($NF >= a && $NF < b)' "$1"
}

if [ "$PART" = load ] || [ "$PART" = both ]; then
  chain=$OUT/load-chain-$STORES
  ws=$OUT/load-ws-$STORES
  if [ ! -f "$chain/.complete" ]; then
    rm -rf "$chain"
    "$BIN" generate --stores "$STORES" --skus 500 --start 2026-01-01 --days 120 \
      --transaction-days 2 --seed 42 --timestamps --out "$chain" --quiet
    touch "$chain/.complete"
  fi
  first=$(ls "$chain/inbox" | head -1 | sed 's/transactions_//; s/.csv//')
  last=$(ls "$chain/inbox" | tail -1 | sed 's/transactions_//; s/.csv//')
  if [ ! -f "$ws/.ready" ]; then
    rm -rf "$ws"
    "$BIN" ingest --workspace "$ws" --as-of "$first" --quiet "$chain/master" "$chain/history" \
      "$chain/inbox/transactions_$first.csv" "$chain/inventory/on_hand_$first.csv" >/dev/null
    "$BIN" train --workspace "$ws" --quiet >/dev/null
    "$BIN" forecast --workspace "$ws" --date "$first" --quiet >/dev/null
    touch "$ws/.ready"
  fi
  drop=$OUT/load-drop-1000-1100.csv
  slice "$chain/inbox/transactions_$last.csv" 10:00 11:00 >"$drop"
  lines=$(($(wc -l <"$drop") - 1))
  rm -rf "$OUT/load-run" && cp -a "$ws" "$OUT/load-run"
  /usr/bin/time -v "$BIN" intraday --workspace "$OUT/load-run" --date "$last" --at 11:00 \
    --quiet "$drop" 2>"$OUT/load-time.txt"
  wall=$(grep 'Elapsed (wall clock)' "$OUT/load-time.txt" | awk '{print $NF}')
  peak=$(grep 'Maximum resident' "$OUT/load-time.txt" | awk '{print $NF}')
  nowcasts=$(($(wc -l <"$OUT/load-run/reports/$last/intraday/1100/nowcast.csv") - 1))
  echo "load: $STORES stores, one-hour drop of $lines lines, $nowcasts nowcasts:" \
    "wall $wall, peak memory $((peak / 1024)) MB (targets: 5 s, 1024 MB)"
fi

if [ "$PART" = quality ] || [ "$PART" = both ]; then
  chain=$OUT/quality-chain-$QSTORES-$QSEED
  ws=$OUT/quality-ws-$QSTORES-$QSEED
  if [ ! -f "$chain/.complete" ]; then
    rm -rf "$chain"
    "$BIN" generate --stores "$QSTORES" --skus 60 --start 2025-06-01 --days 250 \
      --transaction-days 42 --seed "$QSEED" --timestamps --out "$chain" --quiet
    touch "$chain/.complete"
  fi
  mapfile -t days < <(ls "$chain/inbox" | sed 's/transactions_//; s/.csv//')
  n=${#days[@]}
  train_days=$((n - EVAL_DAYS))
  rm -rf "$ws"
  files=()
  for ((i = 0; i < train_days; i++)); do
    files+=("$chain/inbox/transactions_${days[i]}.csv" "$chain/inventory/on_hand_${days[i]}.csv")
  done
  "$BIN" ingest --workspace "$ws" --as-of "${days[train_days - 1]}" --quiet "$chain/master" \
    "$chain/history" "${files[@]}" >/dev/null
  "$BIN" train --workspace "$ws" --quiet >/dev/null
  for ((i = train_days; i < n; i++)); do
    day=${days[i]}
    "$BIN" forecast --workspace "$ws" --date "${days[i - 1]}" --quiet >/dev/null
    from=00:00
    for cut in 07:30 08:00 08:30 09:00 09:30 10:00 10:30 11:00 11:30 12:00 12:30 13:00 13:30 \
      14:00; do
      drop=$OUT/quality-drops-$QSTORES-$QSEED/$day/${cut/:/}.csv
      mkdir -p "$(dirname "$drop")"
      slice "$chain/inbox/transactions_$day.csv" "$from" "$cut" >"$drop"
      "$BIN" intraday --workspace "$ws" --date "$day" --at "$cut" --quiet \
        ${ALERT_PROBABILITY:+--alert-probability "$ALERT_PROBABILITY"} "$drop" 2>/dev/null
      from=$cut
    done
    "$BIN" ingest --workspace "$ws" --as-of "$day" --quiet "$chain/inbox/transactions_$day.csv" \
      "$chain/inventory/on_hand_$day.csv" >/dev/null
  done
  $PY Benchmarks/bench_intraday.py "$chain" "$ws/reports" "${days[@]:train_days}"
  $PY Benchmarks/bench_intraday.py --alert-horizons "$chain" "$ws/reports" "${days[@]:train_days}"
  # What the truth allows at 14:00 (an oracle knowing the chain's demand and stock), beside
  # ShelfCast's 14:00 rows: needs scipy, from the benchmarks' virtual environment.
  Benchmarks/venv.sh
  Benchmarks/.venv/bin/python Benchmarks/intraday_ceiling.py "$chain" "$ws/reports" \
    "${days[@]:train_days}"
fi
