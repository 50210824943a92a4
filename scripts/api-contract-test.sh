#!/usr/bin/env bash
# The API against its contract: starts `shelfcast serve` (the given binary) on a free loopback
# port over a small workspace (3 stores x 12 SKUs, two nights, scripts/api-workspace.sh, and an
# intraday run of the next day) with an analyst token, and runs schemathesis from the committed
# Sources/Serving/openapi.yaml: every operation with generated parameters (valid and invalid),
# checking status codes, content types and response schemas against the document, and that no
# answer is a 500. Bounded: a few examples per operation and a time limit, so it takes about a
# minute.
# Usage: scripts/api-contract-test.sh [--bin PATH]   (default .build/debug/shelfcast)
# schemathesis comes from PyPI into Benchmarks/.venv (Benchmarks/venv.sh --api).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bin=$repo/.build/debug/shelfcast
[ "${1:-}" = --bin ] && bin=$2
"$repo/Benchmarks/venv.sh" --api
st=$repo/Benchmarks/.venv/bin/schemathesis
work=$(mktemp -d "${TMPDIR:-/tmp}/shelfcast-api.XXXXXX")
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
ws=$("$repo/scripts/api-workspace.sh" "$bin" "$work" 3 12)
# An intraday run of the next day (its file as one drop; every class nowcast and a tiny alert
# threshold, so that the expedite paths have rows to answer with).
"$bin" intraday --workspace "$ws" --date 2025-12-18 --at 14:00 --classes ABC \
  --alert-probability 0.000001 --min-elapsed-share 0 --quiet \
  "$work/chain/inbox/transactions_2025-12-18.csv" >/dev/null
token=contract-test-token
printf '%s analyst\n' "$(printf %s "$token" | sha256sum | cut -d' ' -f1)" >"$work/tokens"
"$bin" serve --workspace "$ws" --port 0 --tokens "$work/tokens" --log-level notice \
  2>"$work/serve.log" &
server=$!
port=$("$repo/scripts/serve-port.sh" "$work/serve.log" 100) ||
  { echo "api contract test: the server did not start" >&2; cat "$work/serve.log" >&2; exit 1; }
echo "api contract test: serving $ws on 127.0.0.1:$port"
# From the scratch folder: schemathesis keeps its cache (.schemathesis/) in the working directory.
(cd "$work" && "$st" run "$repo/Sources/Serving/openapi.yaml" --url "http://127.0.0.1:$port" \
  --header "Authorization: Bearer $token" \
  --checks all --max-examples "${API_MAX_EXAMPLES:-50}" --max-response-time 5 \
  --request-timeout 10 --seed 1 --no-color)
# SIGTERM ends the server gracefully with exit 0.
kill -TERM "$server"
status=0
wait "$server" || status=$?
server=""
[ "$status" = 0 ] || { echo "api contract test: serve exited with $status after SIGTERM" >&2; exit 1; }
echo "api contract test: ok (serve stopped by SIGTERM with exit 0)"
