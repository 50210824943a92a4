#!/usr/bin/env bash
# make bench-generate: times `shelfcast generate` at the benchmark scale (200 stores x 500 SKUs,
# 60 days of which the last 30 are transactions, ~10 M transaction lines), REPEATS times, and
# prints the median wall time, transaction lines per second and peak memory. PROFILE=realistic
# times the realistic demand model (default simple).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/shelfcast
OUT=Benchmarks/out/generate
REPEATS=${REPEATS:-5}
PROFILE=${PROFILE:-simple}
mkdir -p "$OUT"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs);" \
  "profile $PROFILE"
: > "$OUT/runs.txt"
for i in $(seq "$REPEATS"); do
  rm -rf "$OUT/chain"
  /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$BIN" generate --stores 200 --skus 500 \
    --start 2026-01-01 --days 60 --transaction-days 30 --seed 42 --profile "$PROFILE" --out "$OUT/chain" > "$OUT/summary.txt"
  lines=$(grep -m1 "transaction lines" "$OUT/summary.txt" | awk '{print $3}')
  read -r wall rss < "$OUT/time.txt"
  echo "$wall $rss $lines" >> "$OUT/runs.txt"
  echo "run $i: $wall s, $lines transaction lines, peak $((rss / 1024)) MB"
done
rm -rf "$OUT/chain"
python3 - "$OUT/runs.txt" <<'PY'
import statistics, sys
runs = [line.split() for line in open(sys.argv[1]) if line.strip()]
wall = statistics.median(float(r[0]) for r in runs)
lines = int(runs[0][2])
rss = max(int(r[1]) for r in runs) / 1024
print(f"median wall {wall:.2f} s for {lines:,} transaction lines (whole chain written, truth "
      f"included): {lines / wall:,.0f} lines/s; peak memory {rss:.0f} MB (target >= 2,000,000 lines/s)")
PY
