#!/usr/bin/env python3
"""M5 subset over several 28-day windows: ShelfCast's windowed backtest beside statsforecast.

The benchmark's M5 figure is one window (d_1914..d_1941), in which all ten series fell. This
scores every window of `shelfcast backtest --holdout-days 28 --windows N --step 28` the same way
(m5_score.py's RMSSE of the mean, scale from each window's own training days) beside the peers
of forecast_peers.py fitted on the days before each window, and prints per window the mean
RMSSE of every model and ShelfCast's 80 % coverage and bias of the mean.

Usage: m5_windows.py PREPARED_DIR BACKTEST_DIR [N_JOBS]
  PREPARED_DIR: m5_prepare.py's output (series.json, with every day d_1..d_1941);
  BACKTEST_DIR: the windowed backtest's holdout.csv (its `origin` is each window's last
  training day).
"""
import csv, json, os, sys
from collections import defaultdict

import numpy as np
import pandas as pd

import forecast_peers
from m5_score import rmsse

HORIZON = 28


def main():
    prepared, report = sys.argv[1], sys.argv[2]
    n_jobs = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    meta = json.load(open(os.path.join(prepared, "series.json")))
    first = pd.Timestamp(meta["first_date"])
    # origin -> (store, sku) -> date -> (actual, mean, p10, p90)
    cells = defaultdict(lambda: defaultdict(dict))
    with open(os.path.join(report, "holdout.csv"), newline="") as f:
        for row in csv.DictReader(f):
            cells[row["origin"]][(row["store_id"], row["sku_id"])][row["date"]] = tuple(
                float(row[c]) for c in ("actual", "mean", "p10", "p90"))
    labels = [label for label, _ in forecast_peers.models()]
    print(f"{'last training day':<18}{'ShelfCast':>10}" + "".join(f"{l:>18}" for l in labels)
          + f"{'cov 80':>9}{'bias':>8}")
    means = defaultdict(list)
    for origin in sorted(cells):
        start = (pd.Timestamp(origin) - first).days + 1  # index of the first held-out day
        train = {s["id"]: s["values"][:start] for s in meta["series"]}
        frame = forecast_peers.training_frame(
            train, {s["id"]: meta["first_date"] for s in meta["series"]})
        peers, _, _ = forecast_peers.run(frame, HORIZON, n_jobs)
        scores = defaultdict(list)
        window = []
        for s in meta["series"]:
            days = cells[origin][(s["store_id"], s["sku_id"])]
            dates = sorted(days)
            actual = s["values"][start:start + HORIZON]
            if len(dates) != HORIZON or [days[d][0] for d in dates] != [float(v) for v in actual]:
                sys.exit(f"{s['id']}: ShelfCast's window after {origin} is not d_{start + 1}.."
                         f"d_{start + HORIZON}")
            scores["ShelfCast"].append(rmsse(train[s["id"]], actual, [days[d][1] for d in dates]))
            for label in labels:
                scores[label].append(rmsse(train[s["id"]], actual, peers[label][s["id"]]))
            window += [days[d] for d in dates]
        covered = sum(1 for a, _, lo, hi in window if lo <= a <= hi) / len(window)
        total = sum(c[0] for c in window)
        bias = (sum(c[1] for c in window) - total) / total if total else float("nan")
        for model, values in scores.items():
            means[model].append(float(np.nanmean(values)))
        print(f"{origin:<18}{means['ShelfCast'][-1]:>10.3f}"
              + "".join(f"{means[l][-1]:>18.3f}" for l in labels)
              + f"{covered:>9.1%}{bias:>+8.1%}")
    print(f"{'mean of windows':<18}{np.mean(means['ShelfCast']):>10.3f}"
          + "".join(f"{np.mean(means[l]):>18.3f}" for l in labels))
    wins = {l: sum(m < p for m, p in zip(means["ShelfCast"], means[l])) for l in labels}
    print("windows where ShelfCast's mean RMSSE is lower: "
          + ", ".join(f"{l} {w} of {len(means['ShelfCast'])}" for l, w in wins.items()))


if __name__ == "__main__":
    main()
