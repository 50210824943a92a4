#!/usr/bin/env bash
# Creates Benchmarks/.venv with the peers ShelfCast is measured against, once.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import polars, duckdb" 2>/dev/null; then
  python3 -m venv .venv
  .venv/bin/pip install --quiet --upgrade pip
  .venv/bin/pip install --quiet polars duckdb
fi
