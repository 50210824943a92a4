#!/usr/bin/env bash
# make bench-foreign: ShelfCast on a chain made by code that is not its generator
# (Benchmarks/foreign_chain.py: 12 stores × 60 SKUs × 500 days, eight kinds of item mixed in
# three categories). Ingests it, trains as of its last day, forecasts 28 days and prints, per
# kind of item, the forecast's mean against the true expected demand. SEED picks the draw
# (default 5); BIN the binary.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN=${BIN:-$ROOT/.build/release/shelfcast}
SEED=${SEED:-5}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/shelfcast-foreign.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
mkdir -p Benchmarks/out
RESULT=Benchmarks/out/foreign-$(date +%Y%m%d-%H%M%S).txt
{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "chain: Benchmarks/foreign_chain.py, seed $SEED"
  python3 Benchmarks/foreign_chain.py generate "$TMP/chain" "$SEED"
  "$BIN" ingest --quiet --workspace "$TMP/workspace" "$TMP/chain/master" "$TMP/chain/history" \
    > /dev/null
  start=$(date +%s.%N)
  "$BIN" train --quiet --workspace "$TMP/workspace" > /dev/null
  echo "train: $(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $start }") s"
  "$BIN" forecast --quiet --workspace "$TMP/workspace" > /dev/null
  # The forecast issued on the chain's last day (the only report folder).
  python3 Benchmarks/foreign_chain.py score "$TMP/chain/truth.csv" \
    "$TMP"/workspace/reports/*/forecast.csv
} 2>&1 | tee "$RESULT"
echo "written to $RESULT"
