#!/usr/bin/env bash
# make bench-ingest: generate 200 stores x 500 SKUs x 30 days of transactions (~10 M lines), then
# time ShelfCast's ingest against polars and DuckDB on the same files (see bench_ingest.py).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/shelfcast
OUT=Benchmarks/out
CHAIN=$OUT/chain-200x500
REPEATS=${REPEATS:-5}
Benchmarks/venv.sh
if [ ! -f "$CHAIN/.complete" ]; then
  rm -rf "$CHAIN"
  "$BIN" generate --stores 200 --skus 500 --start 2026-01-01 --days 60 --transaction-days 30 \
    --seed 42 --out "$CHAIN" --quiet
  touch "$CHAIN/.complete"
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
Benchmarks/.venv/bin/python Benchmarks/bench_ingest.py "$BIN" "$CHAIN" "$OUT/ingest" "$REPEATS"
