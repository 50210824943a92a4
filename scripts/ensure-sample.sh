#!/usr/bin/env bash
# Regenerates the sample chain under data/sample when it is missing (it is normally committed).
# The arguments are the ones recorded in data/sample/README.md.
set -euo pipefail
bin=$1
sample=$2
if [ ! -f "$sample/master/stores.csv" ]; then
  echo "Sample chain missing; generating it under $sample"
  "$bin" generate --stores 10 --skus 60 --start 2024-11-01 --days 730 --transaction-days 14 \
    --seed 7 --out "$sample" --quiet
  rm -f "$sample/truth/expected_demand.csv"
fi
