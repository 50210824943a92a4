#!/usr/bin/env python3
"""Summarises `shelfcast simulate` runs: per size, the median over demand seeds of each
comparison.csv measure, with the issue's targets beside them.

Usage: bench_inventory.py SIZE:SIMULATION_DIR ...
"""
import csv, statistics, sys
from collections import defaultdict

TARGETS = {
    "stockout_events_vs_baseline_pct": ("<= -25", lambda v: v <= -25),
    "carrying_cost_vs_baseline_pct": ("<= -10", lambda v: v <= -10),
    "carrying_cost_vs_oracle_same_fill_rate_pct": ("<= +10", lambda v: v <= 10),
}


def main(args):
    by_size = defaultdict(list)
    for arg in args:
        size, directory = arg.split(":", 1)
        with open(f"{directory}/comparison.csv", newline="") as f:
            by_size[size].append({r["measure"]: float(r["value"]) for r in csv.DictReader(f) if r["value"]})
    for size, runs in by_size.items():
        print(f"{size}: median over {len(runs)} demand seed(s)")
        measures = [m for m in runs[0]]
        for m in measures:
            values = [r[m] for r in runs if m in r]
            med = statistics.median(values)
            target, ok = TARGETS.get(m, ("", None))
            verdict = "" if ok is None else ("  target " + target + (" met" if ok(med) else " NOT met"))
            spread = f" (runs: {', '.join(f'{v:.2f}' for v in values)})" if len(values) > 1 else ""
            print(f"  {m:45s} {med:10.2f}{spread}{verdict}")


if __name__ == "__main__":
    main(sys.argv[1:])
