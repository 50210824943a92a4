#!/usr/bin/env bash
# make fuzz: builds the libFuzzer target ShelfCastFuzz (Sources/ShelfCastFuzz) with libFuzzer and
# AddressSanitizer, in its own scratch path so the normal build is left alone, and runs it on one
# worker for FUZZ_SECONDS (default 300) from the committed seed corpus Fuzz/corpus with the
# dictionary Fuzz/csv.dict. Inputs that add coverage go to Fuzz/work/corpus (kept between runs,
# not committed); an input that crashes, hangs, runs out of memory or breaks a check of
# IngestFuzzHarness is saved to Fuzz/crashes/ and the run stops.
#
# A crash, once fixed, becomes a regression fixture: move it to Fuzz/regressions/ under a name
# saying what it broke; FuzzRegressionTests replays that folder (and the seed corpus) through the
# same checks on every `make test`. To replay inputs without libFuzzer:
#     swift build --product ShelfCastFuzz && .build/debug/ShelfCastFuzz Fuzz/crashes/<file>
#
# Environment: FUZZ_SECONDS (300), FUZZ_MAX_LEN (bytes per input, 8192), FUZZ_SCRATCH
# (.build-fuzz), FUZZ_CONFIGURATION (release: about ten times the executions per second of debug),
# SWIFT (swift). Extra arguments go to libFuzzer (e.g. -seed=1).
set -euo pipefail
cd "$(dirname "$0")/.."
swift=${SWIFT:-swift}
seconds=${FUZZ_SECONDS:-300}
max_len=${FUZZ_MAX_LEN:-8192}
scratch=${FUZZ_SCRATCH:-.build-fuzz}
configuration=${FUZZ_CONFIGURATION:-release}
flags=(--scratch-path "$scratch" -c "$configuration" -Xswiftc -sanitize=fuzzer,address
  -Xswiftc -DSHELFCAST_FUZZ)

echo "Building ShelfCastFuzz ($configuration, -sanitize=fuzzer,address) in $scratch ..."
# gold warns once per AddressSanitizer symbol it cannot export; those lines are noise.
set +e
"$swift" build "${flags[@]}" --product ShelfCastFuzz 2>&1 | grep -v "Cannot export local symbol"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  echo "fuzz: the build failed" >&2
  exit "$status"
fi
binary="$("$swift" build "${flags[@]}" --show-bin-path)/ShelfCastFuzz"

mkdir -p Fuzz/work/corpus Fuzz/crashes
log=$(mktemp)
trap 'rm -f "$log"' EXIT
crashes_before=$(find Fuzz/crashes -type f | wc -l)
started=$(date +%s)
set +e
# One worker (the machine is shared); Swift's own backtracer would race libFuzzer's handlers.
SWIFT_BACKTRACE=enable=no "$binary" Fuzz/work/corpus Fuzz/corpus \
  -dict=Fuzz/csv.dict -max_total_time="$seconds" -max_len="$max_len" -timeout=10 \
  -rss_limit_mb=2048 -artifact_prefix=Fuzz/crashes/ -print_final_stats=1 "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
elapsed=$(($(date +%s) - started))

executions=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -1)
per_second=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+).*/\1/p' "$log" | tail -1)
corpus=$(find Fuzz/work/corpus -type f | wc -l)
crashes=$(($(find Fuzz/crashes -type f | wc -l) - crashes_before))
echo
echo "fuzz: ${executions:-?} executions in ${elapsed} s (${per_second:-?} exec/s, one worker);" \
  "working corpus ${corpus} inputs; new crashes: ${crashes}"
if [ "$crashes" -gt 0 ] || [ "$status" -ne 0 ]; then
  echo "fuzz: saved in Fuzz/crashes/ (newest last):" >&2
  ls -tr Fuzz/crashes >&2
  echo "fuzz: fix the cause, then move the input to Fuzz/regressions/ (see the top of $0)." >&2
  exit 1
fi
