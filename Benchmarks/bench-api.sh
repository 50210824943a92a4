#!/usr/bin/env bash
# make bench-api: `shelfcast serve` under load on loopback with wrk (issue 18: one store's
# recommendations >= 2,000 requests/s with p99 <= 20 ms, one SKU's forecast >= 5,000 requests/s
# with p99 <= 10 ms, while a nightly run writes the workspace).
#
# 1. A workspace of STORES x SKUS with two finished nights (scripts/api-workspace.sh), cached
#    under Benchmarks/out/api-STORESxSKUS/; each run serves a copy of it.
# 2. `shelfcast serve` on a free loopback port (no tokens, --log-level warning: no access lines).
# 3. wrk --latency, THREADS threads and CONNECTIONS connections for DURATION, on
#    /v1/stores/S001/recommendations (one page of 100) and /v1/stores/S001/skus/P00001/forecast:
#    first on a quiet workspace, then again while `shelfcast nightly` runs the third night
#    (2025-12-18) on the same workspace (the server switches to it when it finishes).
#    NIGHT_ORDER ("recommendations forecast") orders the two runs during the night, which may
#    end before the second one does.
# 4. Prints requests/s and p99 of each run, the load average beside them, and keeps wrk's
#    reports under Benchmarks/out/api-<stamp>/.
#
# Knobs (environment): BIN (.build/release/shelfcast), STORES (200), SKUS (500), DURATION (10s),
# THREADS (2), CONNECTIONS (32). The machine is shared: measure on a quiet one.
# Smoke test: BIN=.build/debug/shelfcast STORES=3 SKUS=12 DURATION=2s Benchmarks/bench-api.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/shelfcast}
STORES=${STORES:-200}
SKUS=${SKUS:-500}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
if ! command -v wrk >/dev/null; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk
fi
cache=Benchmarks/out/api-${STORES}x${SKUS}
echo "bench-api: workspace $cache (built once)"
scripts/api-workspace.sh "$BIN" "$cache" "$STORES" "$SKUS" >/dev/null
# A cached workspace from an older build: `serve` never migrates (it is a reader), so bring the
# database up to date first, as an operator does after an upgrade.
"$BIN" init --workspace "$cache/ws" >/dev/null
out=Benchmarks/out/api-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
cp -a "$cache/ws" "$out/ws"
server="" night=""
cleanup() {
  [ -n "$night" ] && kill "$night" 2>/dev/null && wait "$night" 2>/dev/null
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$out/ws"
}
trap cleanup EXIT
"$BIN" serve --workspace "$out/ws" --port 0 --log-level notice 2>"$out/serve.log" &
server=$!
port=$(scripts/serve-port.sh "$out/serve.log") ||
  { echo "bench-api: the server did not start" >&2; exit 1; }
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$port/ready" >/dev/null && break
  sleep 0.1
done

base=http://127.0.0.1:$port
recommendations=$base/v1/stores/S001/recommendations
forecast=$base/v1/stores/S001/skus/P00001/forecast
run() { # name url
  wrk --latency -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" "$2" >"$out/$1.txt"
  local rate p99
  rate=$(awk '/Requests\/sec/ {print $2}' "$out/$1.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$out/$1.txt")
  printf '%-34s %10s req/s   p99 %8s   load %s\n' "$1" "$rate" "$p99" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
}
echo "bench-api: $STORES stores x $SKUS SKUs, $THREADS threads, $CONNECTIONS connections, $DURATION"
run quiet-recommendations "$recommendations"
run quiet-forecast "$forecast"

cp "$cache/chain/inbox/transactions_2025-12-18.csv" "$cache/chain/inventory/on_hand_2025-12-18.csv" \
  "$out/ws/inbox/"
"$BIN" nightly --workspace "$out/ws" --config "$cache/nightly.yaml" --date 2025-12-18 --quiet \
  >"$out/nightly.log" 2>&1 &
night=$!
# The night may end before the second run does: NIGHT_ORDER="forecast recommendations" puts the
# forecast first, inside the night.
for endpoint in ${NIGHT_ORDER:-recommendations forecast}; do
  case "$endpoint" in
    recommendations) run nightly-recommendations "$recommendations" ;;
    forecast) run nightly-forecast "$forecast" ;;
    *) echo "bench-api: NIGHT_ORDER names recommendations and forecast, not $endpoint" >&2 ;;
  esac
done
if kill -0 "$night" 2>/dev/null; then
  echo "bench-api: the night was still running at the end of both runs"
else
  echo "bench-api: the night finished during the runs (the second may be partly quiet)"
fi
wait "$night" || echo "bench-api: the night exited with $?"
night=""
echo "bench-api: served night now $(curl -sf "$base/ready")"
echo "bench-api: reports in $out"
