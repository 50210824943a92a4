#!/usr/bin/env bash
# make bench-inventory: the policy simulator over 13 weeks after a generated chain's history, on
# 200 stores x 500 SKUs and on 20 x 100 (SIZES), for several demand seeds (SIM_SEEDS): stock-out
# events, lost units, fill rate, average on-hand value, carrying cost, orders and cases for the
# baseline (spreadsheet), the oracle (true demand) and ShelfCast (nightly forecast + recommend),
# with both frontiers (--oracle-frontier, --shelfcast-frontier), then the medians over seeds of
# ShelfCast's changes against the baseline (at its own point, at the baseline's fill rate and at
# the baseline's carrying cost), the total costs, its carrying cost against the oracle's at the
# same fill rate and its tail coverage per ABC class (bench_inventory.py).
#
# Each size's chain (730 days of daily history, truth through 91 days past the end) is shared
# with bench-forecast (the same name, profile included); its workspace is ingested and trained
# once per binary (as of the chain's last day) and cached under
# Benchmarks/out/inventory-ws-<profile>-*; a rebuilt binary trains it again.
#
# Knobs (environment): PROFILE (simple or realistic: the generator's demand model), SIZES
# ("200x500 20x100"), DAYS (730), START, SEED (chain), SIM_SEEDS ("1 2 3"), SIM_DAYS (91),
# CONFIG (a simulate --config file, e.g. one with service_levels: cost), SHELFCAST_FRONTIER (1;
# 0 skips ShelfCast's frontier, whose every point is a 91-night simulation with a forecast of
# every series each night: at 200 x 500 that is hours, and the figures read from it are then
# left empty), BIN.
# Smoke test: SIZES=5x40 SIM_SEEDS=1 make bench-inventory
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/shelfcast}
SIZES=${SIZES:-200x500 20x100}
DAYS=${DAYS:-730}
START=${START:-2024-11-01}
SEED=${SEED:-42}
SIM_SEEDS=${SIM_SEEDS:-1 2 3}
SIM_DAYS=${SIM_DAYS:-91}
PROFILE=${PROFILE:-simple}
FRONTIER_ARGS=(--shelfcast-frontier)
if [ "${SHELFCAST_FRONTIER:-1}" = 0 ]; then FRONTIER_ARGS=(); fi
case "$PROFILE" in
  simple | realistic) ;;
  *) echo "PROFILE must be simple or realistic, not '$PROFILE'." >&2; exit 2 ;;
esac
CONFIG_ARGS=()
if [ -n "${CONFIG:-}" ]; then CONFIG_ARGS=(--config "$CONFIG"); fi
OUT=Benchmarks/out
LAST=$(date -u -d "$START + $((DAYS - 1)) days" +%F)
FROM=$(date -u -d "$LAST + 1 day" +%F)
TO=$(date -u -d "$LAST + $SIM_DAYS days" +%F)
TRUTH_FROM=$(date -u -d "$LAST - 27 days" +%F)
Benchmarks/venv.sh
mkdir -p "$OUT"
RESULT=$OUT/inventory-$(date +%Y%m%d-%H%M%S).txt
runs=()
{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
    "$(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)"
  for size in $SIZES; do
    STORES=${size%x*}
    SKUS=${size#*x}
    CHAIN=$OUT/forecast-chain-${PROFILE}-${STORES}x${SKUS}x${DAYS}-${START}-${SEED}
    WS=$OUT/inventory-ws-${PROFILE}-${STORES}x${SKUS}x${DAYS}-${START}-${SEED}
    # A chain from before truth/demand_dispersion.csv existed is regenerated (same bytes).
    if [ ! -f "$CHAIN/.complete" ] || [ ! -f "$CHAIN/truth/demand_dispersion.csv" ]; then
      rm -rf "$CHAIN" "$WS"
      "$BIN" generate --stores "$STORES" --skus "$SKUS" --start "$START" --days "$DAYS" \
        --transaction-days 0 --seed "$SEED" --truth-from "$TRUTH_FROM" --profile "$PROFILE" \
        --out "$CHAIN" --quiet
      touch "$CHAIN/.complete"
    fi
    # The trained workspace is kept for the binary that trained it (its SHA-256 in .complete):
    # another build retrains, so figures never come from a stale model.
    BIN_ID=$(sha256sum "$BIN" | cut -c1-16)
    if [ "$(cat "$WS/.complete" 2>/dev/null)" != "$BIN_ID" ]; then
      rm -rf "$WS"
      "$BIN" ingest --workspace "$WS" "$CHAIN/master" "$CHAIN/history" --quiet >/dev/null
      echo "$size: training (as of $LAST)..."
      "$BIN" train --workspace "$WS" --quiet | head -1
      echo "$BIN_ID" > "$WS/.complete"
    fi
    for sim_seed in $SIM_SEEDS; do
      RUN=$OUT/inventory-${PROFILE}-${STORES}x${SKUS}-seed${sim_seed}
      echo
      echo "== $PROFILE $size, demand seed $sim_seed: $FROM .. $TO"
      start=$(date +%s)
      /usr/bin/time -f "peak RSS %M KB" "$BIN" simulate --workspace "$WS" --from "$FROM" --to "$TO" \
        --truth "$CHAIN/truth/expected_demand.csv" --seed "$sim_seed" --oracle-frontier \
        ${FRONTIER_ARGS[@]+"${FRONTIER_ARGS[@]}"} ${CONFIG_ARGS[@]+"${CONFIG_ARGS[@]}"} \
        --out "$RUN" --quiet
      echo "wall time $(($(date +%s) - start)) s (all policies and both frontiers)"
      runs+=("$PROFILE-$size:$RUN/simulation")
    done
  done
  echo
  Benchmarks/.venv/bin/python Benchmarks/bench_inventory.py "${runs[@]}"
} 2>&1 | tee "$RESULT"
echo "written to $RESULT"
