#!/usr/bin/env python3
"""Summarises `shelfcast nightly` runs (bench-nightly.sh): per mode, the median and every run of
the wall time, CPU time, peak RSS and each stage's seconds, with issue 13's targets beside the
wall time, and the load average (1 min) before each run.

Each run directory holds manifest.json (the night's manifest: "stages" with their seconds),
time.txt (`/usr/bin/time -v`), load-before.txt (`uptime`) and exit-status.txt.
Standard library only.

Usage: bench_nightly.py MODE:RUN_DIR ...
"""
import json, statistics, sys
from collections import defaultdict

# Issue 6, on 200 stores x 500 SKUs.
TARGETS = {"plain": ("night without retraining", 30.0), "retrain": ("night with retraining", 150.0)}


def seconds(clock):
    """`/usr/bin/time`'s h:mm:ss or m:ss.ss as seconds."""
    total = 0.0
    for part in clock.split(":"):
        total = total * 60 + float(part)
    return total


def read_run(directory):
    with open(f"{directory}/manifest.json") as f:
        manifest = json.load(f)
    fields = {}
    with open(f"{directory}/time.txt") as f:
        for line in f:
            key, _, value = line.strip().rpartition(": ")
            fields[key] = value
    with open(f"{directory}/load-before.txt") as f:
        load = f.read().split("load average:")[1].split(",")[0].strip()
    with open(f"{directory}/exit-status.txt") as f:
        status = f.read().strip()
    stages = defaultdict(float)
    for stage in manifest["stages"]:
        stages[stage["name"]] += stage["seconds"]
    return {
        "wall": seconds(fields["Elapsed (wall clock) time (h:mm:ss or m:ss)"]),
        "cpu": float(fields["User time (seconds)"]) + float(fields["System time (seconds)"]),
        "rss_mib": int(fields["Maximum resident set size (kbytes)"]) / 1024,
        "stages": dict(stages),
        "load": load,
        "status": status,
        "retraining": (manifest.get("retraining") or {}).get("decision"),
    }


def main(args):
    by_mode = defaultdict(list)
    for arg in args:
        mode, directory = arg.split(":", 1)
        by_mode[mode].append(read_run(directory))
    for mode, runs in by_mode.items():
        label, target = TARGETS.get(mode, (mode, None))
        print(f"{mode} ({label}): {len(runs)} run(s); load average (1 min) before each: "
              + ", ".join(r["load"] for r in runs)
              + "; exit status " + ", ".join(r["status"] for r in runs)
              + ("; retraining " + ", ".join(str(r["retraining"]) for r in runs)
                 if any(r["retraining"] for r in runs) else ""))
        stage_names = []
        for r in runs:
            stage_names += [s for s in r["stages"] if s not in stage_names]
        rows = [(f"stage {s} s", [r["stages"].get(s, 0.0) for r in runs]) for s in stage_names]
        rows.append(("stages total s", [sum(r["stages"].values()) for r in runs]))
        rows.append(("wall s", [r["wall"] for r in runs]))
        rows.append(("CPU s (user + sys)", [r["cpu"] for r in runs]))
        rows.append(("peak RSS MiB", [r["rss_mib"] for r in runs]))
        print(f"  {'':22s} {'median':>9s}   runs")
        for name, values in rows:
            median = statistics.median(values)
            verdict = ""
            if name == "wall s" and target is not None:
                verdict = f"   target <= {target:.0f} s: " + ("met" if median <= target else "NOT met")
            print(f"  {name:22s} {median:9.1f}   " + ", ".join(f"{v:.1f}" for v in values)
                  + verdict)
        print()


if __name__ == "__main__":
    main(sys.argv[1:])
