#!/usr/bin/env python3
"""Summarises `shelfcast simulate` runs: per profile and size, the median over demand seeds of
each comparison.csv measure, with issue 20's targets beside them, and ShelfCast's tail coverage
per ABC class (tail_coverage.csv: covered − target, in points; target within ±2), with the
demand that came over those covers per unit ShelfCast expected (above 1: its centre ran low).

Usage: bench_inventory.py SIZE:SIMULATION_DIR ...
"""
import csv, statistics, sys
from collections import defaultdict

TARGETS = {
    "stockout_events_vs_baseline_pct": ("<= -25", lambda v: v <= -25),
    "carrying_cost_vs_baseline_pct": ("<= +2", lambda v: v <= 2),
    "carrying_cost_vs_baseline_same_fill_rate_pct": ("<= -15", lambda v: v <= -15),
    "stockout_events_vs_baseline_same_carrying_cost_pct": ("<= -40", lambda v: v <= -40),
    "total_cost_vs_baseline_pct": ("<= -20", lambda v: v <= -20),
    "carrying_cost_vs_oracle_same_fill_rate_pct": ("<= +8", lambda v: v <= 8),
}


def percent_measure(name, value):
    """comparison.csv's ratios (`_change`, `_difference`) back in percent and points, the units
    of the targets and of the printed table."""
    if name.endswith("_change"):
        return name[: -len("_change")] + "_pct", 100 * value
    if name.endswith("_difference"):
        return name[: -len("_difference")] + "_points", 100 * value
    return name, value


def tail_gaps(directory):
    """ShelfCast's covered − target per ABC class, in points, weighted by reviews."""
    try:
        with open(f"{directory}/tail_coverage.csv", newline="") as f:
            rows = [r for r in csv.DictReader(f) if r["policy"] == "shelfcast"]
    except FileNotFoundError:
        return {}
    gaps = {}
    for abc in sorted({r["abc_class"] for r in rows}):
        group = [r for r in rows if r["abc_class"] == abc]
        reviews = sum(int(r["reviews"]) for r in group)
        if reviews:
            gaps[f"tail_gap_{abc}_points"] = sum(
                100 * float(r["gap"]) * int(r["reviews"]) for r in group) / reviews
        # Files written before the cover means were kept have no such columns.
        expected = sum(float(r.get("cover_mean_units") or 0) for r in group)
        if expected > 0:
            gaps[f"demand_to_mean_{abc}"] = sum(float(r["demand_units"]) for r in group) / expected
    return gaps


def main(args):
    by_size = defaultdict(list)
    for arg in args:
        size, directory = arg.split(":", 1)
        with open(f"{directory}/comparison.csv", newline="") as f:
            run = dict(
                percent_measure(r["measure"], float(r["value"]))
                for r in csv.DictReader(f) if r["value"])
        run.update(tail_gaps(directory))
        by_size[size].append(run)
    for size, runs in by_size.items():
        print(f"{size}: median over {len(runs)} demand seed(s)")
        measures = list(dict.fromkeys(m for r in runs for m in r))
        for m in measures:
            values = [r[m] for r in runs if m in r]
            med = statistics.median(values)
            target, ok = TARGETS.get(m, ("", None))
            if m.startswith("tail_gap_"):
                target, ok = "within +-2", lambda v: abs(v) <= 2
            verdict = "" if ok is None else ("  target " + target + (" met" if ok(med) else " NOT met"))
            digits = 3 if m.startswith("demand_to_mean_") else 2
            spread = (f" (runs: {', '.join(f'{v:.{digits}f}' for v in values)})"
                      if len(values) > 1 else "")
            print(f"  {m:45s} {med:10.{digits}f}{spread}{verdict}")


if __name__ == "__main__":
    main(sys.argv[1:])
