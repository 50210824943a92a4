#!/usr/bin/env bash
# Times the synthetic chain generator in release mode: 200 stores × 500 SKUs, 60 days of which
# the last 30 are transaction days (override with DAYS=… TRANSACTION_DAYS=…).
# Prints the BENCH lines of GenerationBenchmarkTests, including transaction lines per second.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --build-tests
SHELFCAST_BENCH=1 \
SHELFCAST_BENCH_DAYS="${DAYS:-60}" \
SHELFCAST_BENCH_TRANSACTION_DAYS="${TRANSACTION_DAYS:-30}" \
  swift test -c release --skip-build --filter SyntheticTests.GenerationBenchmarkTests 2>&1 \
  | grep -E "BENCH|error|failed|passed" | grep -v "^Test Suite"
