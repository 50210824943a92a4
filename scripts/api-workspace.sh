#!/usr/bin/env bash
# Makes a workspace for the API's contract test and benchmark: a generated chain of STORES x
# SKUS (201 days from 2025-06-01, the last 3 as delivered files), its history through
# 2025-12-15, a first model, and the nights of 2025-12-16 and 2025-12-17 run by `nightly`
# (DIR/chain keeps 2025-12-18's files for a night run beside the server; DIR/nightly.yaml).
# Usage: scripts/api-workspace.sh BIN DIR STORES SKUS   (DIR/chain, DIR/ws; DIR/ws is printed)
# A DIR/ws whose second night finished is reused as it is.
set -euo pipefail
bin=$1 dir=$2 stores=$3 skus=$4
ws=$dir/ws
if [ -f "$ws/manifests/nightly-2025-12-17.json" ]; then echo "$ws"; exit 0; fi
rm -rf "$dir/chain" "$ws"
mkdir -p "$dir"
"$bin" generate --stores "$stores" --skus "$skus" --start 2025-06-01 --days 201 \
  --transaction-days 3 --seed 7 --out "$dir/chain" --quiet >/dev/null
"$bin" ingest --workspace "$ws" "$dir/chain/master" "$dir/chain/history" --as-of 2025-12-15 \
  --quiet >/dev/null
"$bin" train --workspace "$ws" --as-of 2025-12-15 --quiet >/dev/null
printf 'retraining:\n  weekday: null\n' >"$dir/nightly.yaml"
mkdir -p "$ws/inbox"
for night in 2025-12-16 2025-12-17; do
  cp "$dir/chain/inbox/transactions_$night.csv" "$dir/chain/inventory/on_hand_$night.csv" \
    "$ws/inbox/"
  "$bin" nightly --workspace "$ws" --config "$dir/nightly.yaml" --date "$night" --quiet \
    >/dev/null
done
echo "$ws"
