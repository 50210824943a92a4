#!/usr/bin/env bash
# make sanitize: builds the test suite with AddressSanitizer in .build-asan and runs it, then with
# ThreadSanitizer in .build-tsan, one after the other (each is a full build of the package and its
# tests, slow on a small machine). Each scratch path is its own, so the normal build is left
# alone. The opt-in benchmark tests stay skipped: their switches are cleared.
#
# AddressSanitizer runs with detect_leaks=0: XCTest's runtime reports leaks of its own at exit.
# ThreadSanitizer reads scripts/tsan-suppressions.txt, which documents every entry.
#
# Environment: SANITIZERS ("address thread"), NICE (10: the build and the tests yield the CPU to
# other work), SWIFT (swift). Extra arguments go to `swift test` (e.g. --filter IngestTests).
# Ends with one line per sanitizer: wall times of the build and the tests, and the test count.
set -uo pipefail
cd "$(dirname "$0")/.."
swift=${SWIFT:-swift}
sanitizers=${SANITIZERS:-address thread}
nice_level=${NICE:-10}
summary=()
failed=0

for sanitizer in $sanitizers; do
  case "$sanitizer" in
    address) scratch=.build-asan ;;
    thread) scratch=.build-tsan ;;
    *)
      echo "sanitize: unknown sanitizer '$sanitizer' (address or thread)" >&2
      exit 2
      ;;
  esac
  flags=(--scratch-path "$scratch" -Xswiftc "-sanitize=$sanitizer")
  echo "== $sanitizer: building the tests in $scratch"
  started=$(date +%s)
  # gold warns once per sanitizer symbol it cannot export; those lines are noise.
  nice -n "$nice_level" "$swift" build --build-tests "${flags[@]}" 2>&1 \
    | grep -v "Cannot export local symbol"
  build_status=${PIPESTATUS[0]}
  build_seconds=$(($(date +%s) - started))
  if [ "$build_status" -ne 0 ]; then
    summary+=("$sanitizer: the build failed after ${build_seconds} s")
    failed=1
    continue
  fi
  echo "== $sanitizer: running the tests"
  log=$(mktemp)
  started=$(date +%s)
  env -u ARCHIVE_BENCHMARK -u RIDGE_BENCHMARK -u RIDGE_BLOCK_ROWS \
    ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
    TSAN_OPTIONS="suppressions=$PWD/scripts/tsan-suppressions.txt${TSAN_OPTIONS:+:$TSAN_OPTIONS}" \
    SWIFT="$swift" nice -n "$nice_level" scripts/run-tests.sh "${flags[@]}" "$@" 2>&1 | tee "$log"
  test_status=${PIPESTATUS[0]}
  test_seconds=$(($(date +%s) - started))
  counts=$(tail -1 "$log")
  reports=$(grep -c -E "^(==[0-9]+==ERROR: AddressSanitizer|WARNING: ThreadSanitizer)" "$log")
  rm -f "$log"
  summary+=("$sanitizer: build ${build_seconds} s, tests ${test_seconds} s: ${counts}; ${reports} sanitizer reports")
  if [ "$test_status" -ne 0 ] || [ "$reports" -ne 0 ]; then failed=1; fi
done

echo
for line in "${summary[@]}"; do echo "sanitize: $line"; done
exit "$failed"
