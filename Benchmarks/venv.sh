#!/usr/bin/env bash
# Creates Benchmarks/.venv with the peers ShelfCast is measured against, once: polars and DuckDB
# (ingest), statsforecast with pandas and numpy (forecast accuracy and speed).
# With --api, only schemathesis (the API's contract test, scripts/api-contract-test.sh), so that
# `make test` does not install the forecasting peers.
set -euo pipefail
cd "$(dirname "$0")"
if [ "${1:-}" = --api ]; then
  if [ ! -x .venv/bin/schemathesis ]; then
    [ -x .venv/bin/python ] || python3 -m venv .venv
    .venv/bin/pip install --quiet --upgrade pip
    .venv/bin/pip install --quiet "schemathesis>=4,<5"
  fi
  exit 0
fi
if [ ! -x .venv/bin/python ] \
  || ! .venv/bin/python -c "import polars, duckdb, statsforecast, pandas, numpy" 2>/dev/null; then
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/pip install --quiet --upgrade pip
  .venv/bin/pip install --quiet polars duckdb statsforecast pandas numpy
fi
