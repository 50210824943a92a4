#!/usr/bin/env bash
# Prints the loopback port `shelfcast serve --port 0` logged in LOG (its "address=127.0.0.1:PORT"
# line), waiting up to TENTHS tenths of a second (default 300) for it; exit 1 if none appeared.
# Usage: scripts/serve-port.sh LOG [TENTHS]
set -euo pipefail
log=$1 tenths=${2:-300}
for _ in $(seq 1 "$tenths"); do
  port=$(sed -n 's/.*address=127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log" 2>/dev/null | head -n1)
  [ -n "$port" ] && { echo "$port"; exit 0; }
  sleep 0.1
done
exit 1
