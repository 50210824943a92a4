#!/usr/bin/env python3
"""Scores ShelfCast's M5 backtest against the actual d_1914..d_1941 and statsforecast peers.

RMSSE follows the M5 definition: per series, sqrt(mean over the 28 days of (y - yhat)^2 / scale),
scale = mean squared first difference of the training days (d_1..d_1913) from the first
non-zero sale on; the average is the plain mean over series (the M5 figures weight series by
dollar sales; these ten are unweighted). ShelfCast's forecast is the `mean` column of
holdout.csv (squared error is minimised by the mean; ShelfCast's own RMSSE uses it too).
The peers (forecast_peers.py) are trained on the same days, leading zeros dropped.

Usage: m5_score.py PREPARED_DIR BACKTEST_DIR [N_JOBS]
  PREPARED_DIR: m5_prepare.py's output (series.json); BACKTEST_DIR: holdout.csv, series.csv,
  metrics.csv written by `shelfcast backtest --holdout-days 28`.
"""
import csv, json, os, sys
from collections import defaultdict

import numpy as np
import pandas as pd

import forecast_peers

PUBLISHED = [("seasonal naive", 1.176), ("ES_bu", 0.915), ("Croston", 0.926),
             ("M5 winner", 0.884)]


def rmsse(train, actual, forecast):
    train = np.asarray(train, dtype=float)
    nonzero = np.flatnonzero(train)
    if len(nonzero) == 0:
        return float("nan")
    scale = np.mean(np.diff(train[nonzero[0]:]) ** 2)
    if not scale > 0:
        return float("nan")
    error = np.asarray(actual, dtype=float) - np.asarray(forecast, dtype=float)
    return float(np.sqrt(np.mean(error ** 2) / scale))


def main():
    prepared, report = sys.argv[1], sys.argv[2]
    n_jobs = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    meta = json.load(open(os.path.join(prepared, "series.json")))
    train_days, holdout_days = meta["train_days"], meta["holdout_days"]
    holdout_dates = list(pd.date_range(pd.Timestamp(meta["last_train_date"]) + pd.Timedelta(days=1),
                                       periods=holdout_days, freq="D").strftime("%Y-%m-%d"))

    # ShelfCast's selected forecast per series and day.
    shelfcast = defaultdict(dict)
    chosen = {}
    with open(os.path.join(report, "holdout.csv"), newline="") as f:
        for row in csv.DictReader(f):
            key = (row["store_id"], row["sku_id"])
            shelfcast[key][row["date"]] = (float(row["actual"]), float(row["mean"]),
                                           float(row["p10"]), float(row["p90"]))
            chosen[key] = row["model"]
    problems = []
    for s in meta["series"]:
        key = (s["store_id"], s["sku_id"])
        days = shelfcast.get(key, {})
        if sorted(days) != holdout_dates:
            problems.append(f"{s['id']}: holdout days {min(days, default='-')}..{max(days, default='-')} "
                            f"({len(days)}), expected {holdout_dates[0]}..{holdout_dates[-1]}")
            continue
        actual = [days[d][0] for d in holdout_dates]
        if actual != [float(v) for v in s["values"][train_days:]]:
            problems.append(f"{s['id']}: holdout actuals differ from actuals_d1914_d1941.csv")
    if problems:
        sys.exit("ShelfCast's holdout is not the M5 validation window:\n  " + "\n  ".join(problems))

    # ShelfCast's own per-series RMSSE, if it wrote one for the selected model (a cross-check).
    own = {}
    series_csv = os.path.join(report, "series.csv")
    if os.path.exists(series_csv):
        with open(series_csv, newline="") as f:
            for row in csv.DictReader(f):
                own[(row["store_id"], row["sku_id"])] = row

    # Peers on the same training days.
    train = {s["id"]: s["values"][:train_days] for s in meta["series"]}
    starts = {s["id"]: meta["first_date"] for s in meta["series"]}
    df = forecast_peers.training_frame(train, starts)
    peer_forecasts, _, _ = forecast_peers.run(df, holdout_days, n_jobs)
    labels = [label for label, _ in forecast_peers.models()]

    header = f"{'series':<24} {'ShelfCast':>9} {'(model)':<26}" + "".join(
        f" {label:>17}" for label in labels)
    lines = ["RMSSE per series, d_1914..d_1941 (M5 definition; lower is better)", header]
    scores = defaultdict(list)
    for s in meta["series"]:
        key = (s["store_id"], s["sku_id"])
        actual = s["values"][train_days:]
        mine = rmsse(s["values"][:train_days], actual,
                     [shelfcast[key][d][1] for d in holdout_dates])
        scores["ShelfCast"].append(mine)
        row = f"{s['id'].removesuffix('_validation'):<24} {mine:>9.3f} {chosen[key][:26]:<26}"
        for label in labels:
            value = rmsse(s["values"][:train_days], actual, peer_forecasts[label][s["id"]])
            scores[label].append(value)
            row += f" {value:>17.3f}"
        lines.append(row)
        # Cross-checks against ShelfCast's own series.csv (its scale skips nothing here: M5 has
        # no stock-outs, so it should agree to rounding).
        theirs = own.get(key, {})
        naive = scores["SeasonalNaive(7)"][-1]
        for column, ours in (("rmsse", mine), ("seasonal_naive_rmsse", naive)):
            value = theirs.get(column)
            if value not in (None, "") and abs(float(value) - ours) > 2e-3 * max(1, ours):
                lines.append(f"  note: ShelfCast's series.csv {column} is {float(value):.3f}, "
                             f"here {ours:.3f}")
    average = lambda xs: float(np.nanmean(xs))
    lines.append(f"{'average (unweighted)':<24} {average(scores['ShelfCast']):>9.3f} {'':<26}"
                 + "".join(f" {average(scores[label]):>17.3f}" for label in labels))
    # ShelfCast's 80 % band and the bias of its mean over the same days (the report).
    cells = [shelfcast[(s["store_id"], s["sku_id"])][d] for s in meta["series"]
             for d in holdout_dates]
    covered = sum(1 for actual, _, p10, p90 in cells if p10 <= actual <= p90)
    total_actual = sum(c[0] for c in cells)
    bias = (sum(c[1] for c in cells) - total_actual) / total_actual if total_actual else float("nan")
    lines.append(f"ShelfCast over the {len(cells)} holdout days: 80 % band (p10 ≤ y ≤ p90) covers "
                 f"{covered / len(cells):.1%}; bias of the mean Σ(mean − y) / Σy {bias:+.1%}")
    lines.append("")
    lines.append("Published M5 RMSSE at level 12 (item x store, all 30,490 series, weighted; "
                 "indicative only for these 10):")
    lines.append("  " + ", ".join(f"{name} {value:.3f}" for name, value in PUBLISHED))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
