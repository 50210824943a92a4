#!/usr/bin/env bash
# Runs the XCTest suite (ShelfCast has no Swift Testing tests) and ends with one plain line,
# "N passed, N failed", so CI logs close on the real count. Arguments go to `swift test` (the
# sanitizer runs of scripts/sanitize.sh give their scratch path).
set -uo pipefail
swift=${SWIFT:-swift}
log=$(mktemp)
"$swift" test --skip-build --disable-swift-testing "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# The last "Executed" line is the whole run's: "Executed N tests, with [K tests skipped and] M
# failures".
summary=$(grep -E "^[[:space:]]*Executed [0-9]+ tests?, with " "$log" | tail -1)
executed=$(echo "$summary" | sed -E 's/.*Executed ([0-9]+) tests?.*/\1/')
failed=$(echo "$summary" | sed -E 's/.* ([0-9]+) failures?.*/\1/')
skipped=$(echo "$summary" | sed -nE 's/.*with ([0-9]+) tests? skipped.*/\1/p')
skipped=${skipped:-0}
rm -f "$log"
if [ -z "$summary" ]; then
  echo "0 passed, 0 failed"
  echo "No XCTest summary found; the test run did not complete." >&2
  exit 1
fi
if [ "$skipped" -gt 0 ]; then
  echo "$((executed - failed - skipped)) passed, $failed failed ($skipped skipped)"
else
  echo "$((executed - failed)) passed, $failed failed"
fi
exit "$status"
