#!/usr/bin/env python3
"""bench-learning's scoring: the WAPE of a retrained and a frozen workspace on the same points.

Forecasts: every night's DIR/reports/D/forecast.csv (issue date D, target days D+1 ... D+28, the
mean forecast). Actuals and stock-outs: the monitor's DIR/reports/D/forecast_vs_actual.csv of the
last night and of every 28th night before it (its window is the 28 days ending on D), one value
per store/SKU/day. A point is a store/SKU/target day/horizon that both workspaces forecast, whose
target day is a night of the run and not a stock-out (the monitor's rule: shown, never scored).
WAPE = sum |actual - mean| / sum actual. Before/after the onset is by target day.

Plain python3 and csv: no third-party package.
"""
import argparse
import csv
import datetime as dt
import json
import os
import sys
from collections import defaultdict

HORIZON_SETS = [("h=1", 1, 1), ("h=1-7", 1, 7), ("h=1-28", 1, 28)]


def day(text):
    return dt.date.fromisoformat(text)


def nights(first, last):
    d = first
    while d <= last:
        yield d
        d += dt.timedelta(days=1)


def read_actuals(workspace, first, last):
    """(store, sku, date) -> (actual, stockout) from forecast_vs_actual.csv every 28 nights."""
    actuals = {}
    d = last
    while d >= first:
        path = os.path.join(workspace, "reports", d.isoformat(), "forecast_vs_actual.csv")
        if not os.path.exists(path):
            sys.exit(f"missing {path}")
        with open(path, newline="", encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                key = (row["store_id"], row["sku_id"], row["date"])
                if key not in actuals:
                    actuals[key] = (float(row["actual"]), row["stockout"] == "1")
        d -= dt.timedelta(days=28)
    return actuals


def read_forecasts(workspace, first, last):
    """(store, sku, date, horizon) -> mean, for target days up to the last night."""
    forecasts = {}
    for issue in nights(first, last):
        path = os.path.join(workspace, "reports", issue.isoformat(), "forecast.csv")
        if not os.path.exists(path):
            sys.exit(f"missing {path}")
        last_iso = last.isoformat()
        with open(path, newline="", encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                target = row["date"]
                if target > last_iso:
                    continue
                horizon = (day(target) - issue).days
                forecasts[(row["store_id"], row["sku_id"], target, horizon)] = float(row["mean"])
    return forecasts


def decisions(workspace, first, last):
    """One line per night with a retraining or a shadow run, from the manifests."""
    lines = []
    for night in nights(first, last):
        path = os.path.join(workspace, "manifests", f"nightly-{night.isoformat()}.json")
        if not os.path.exists(path):
            lines.append(f"  {night} {night:%a}: no manifest")
            continue
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
        model = manifest.get("model_version")
        retraining = manifest.get("retraining")
        shadow = manifest.get("shadow")
        parts = []
        if retraining:
            parts.append(f"{retraining.get('trigger')}: {retraining.get('decision')}")
            candidate = retraining.get("candidate")
            if candidate:
                parts.append(f"candidate {candidate}")
            comparison = retraining.get("comparison") or {}
            cand = comparison.get("candidateWAPE", comparison.get("candidate_wape"))
            champ = comparison.get("championWAPE", comparison.get("champion_wape"))
            points = comparison.get("points")
            if cand is not None and champ is not None:
                parts.append(f"holdout WAPE candidate {cand:.4f} vs champion {champ:.4f}"
                             f" ({points} points)")
            reason = retraining.get("decisionReason", retraining.get("decision_reason"))
            if reason:
                parts.append(f"({reason})")
            if retraining.get("error"):
                parts.append(f"error: {retraining['error']}")
        if shadow:
            state = shadow.get("state")
            champ = shadow.get("championWAPE", shadow.get("champion_wape"))
            shad = shadow.get("shadowWAPE", shadow.get("shadow_wape"))
            scored = shadow.get("nightsScored", shadow.get("nights_scored"))
            text = f"shadow {shadow.get('shadow')} {state}, {scored} nights scored"
            if champ is not None and shad is not None:
                text += f", WAPE champion {champ:.4f} vs shadow {shad:.4f}"
            parts.append(text)
        if parts:
            lines.append(f"  {night} {night:%a} (serving {model}): " + "; ".join(parts))
    return lines


def serving(workspace, first, last):
    """Issue date (ISO) -> the version in service that night, from the manifests."""
    versions = {}
    for night in nights(first, last):
        path = os.path.join(workspace, "manifests", f"nightly-{night.isoformat()}.json")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                versions[night.isoformat()] = json.load(f).get("model_version")
    return versions


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--retrained", required=True)
    parser.add_argument("--frozen", required=True)
    parser.add_argument("--drifted", required=True, help="truth/drifted_series.csv")
    parser.add_argument("--first-night", required=True, type=day)
    parser.add_argument("--last-night", required=True, type=day)
    parser.add_argument("--drift-at", required=True, type=day)
    args = parser.parse_args()

    with open(args.drifted, newline="", encoding="utf-8-sig") as f:
        drifted = {(row["store_id"], row["sku_id"]) for row in csv.DictReader(f)}
    actuals = read_actuals(args.frozen, args.first_night, args.last_night)
    other_actuals = read_actuals(args.retrained, args.first_night, args.last_night)
    differing = sum(1 for k, v in actuals.items() if other_actuals.get(k, v)[0] != v[0])
    retrained = read_forecasts(args.retrained, args.first_night, args.last_night)
    frozen = read_forecasts(args.frozen, args.first_night, args.last_night)
    onset = args.drift_at.isoformat()
    served_retrained = serving(args.retrained, args.first_night, args.last_night)
    served_frozen = serving(args.frozen, args.first_night, args.last_night)

    # sums[(series group, period, horizon set)] = [sum|e| retrained, sum|e| frozen, sum y, n]
    sums = defaultdict(lambda: [0.0, 0.0, 0.0, 0])
    weekly = defaultdict(lambda: [0.0, 0.0, 0.0, 0])  # drifted, h=1, by week of target day
    skipped_stockout = 0
    series_seen = set()
    for key, r in retrained.items():
        f = frozen.get(key)
        if f is None:
            continue
        store, sku, target, horizon = key
        observed = actuals.get((store, sku, target))
        if observed is None:
            continue
        actual, stockout = observed
        if stockout:
            skipped_stockout += 1
            continue
        group = "drifted" if (store, sku) in drifted else "other"
        series_seen.add((store, sku))
        periods = ["after" if target >= onset else "before"]
        issue = (day(target) - dt.timedelta(days=horizon)).isoformat()
        if target >= onset and served_retrained.get(issue) != served_frozen.get(issue):
            periods.append("after*")
        for period in periods:
            for name, low, high in HORIZON_SETS:
                if low <= horizon <= high:
                    s = sums[(group, period, name)]
                    s[0] += abs(actual - r)
                    s[1] += abs(actual - f)
                    s[2] += actual
                    s[3] += 1
        if group == "drifted" and horizon == 1:
            week = (day(target) - args.drift_at).days // 7
            w = weekly[week]
            w[0] += abs(actual - r)
            w[1] += abs(actual - f)
            w[2] += actual
            w[3] += 1

    print(f"series: {len(series_seen)} scored, {len(drifted)} drifted "
          f"(truth/drifted_series.csv); onset {onset} (target days on or after it are 'after')")
    print(f"points: store/SKU/target day/horizon forecast by both, target day in "
          f"{args.first_night + dt.timedelta(days=1)} ... {args.last_night}, stock-out days left "
          f"out ({skipped_stockout}); actuals differing between the workspaces: {differing}")
    print()
    print(f"{'series':8} {'period':7} {'horizons':8} {'points':>8} {'WAPE frozen':>12} "
          f"{'WAPE retrained':>15} {'retrained/frozen':>17}")
    for group in ("drifted", "other"):
        for period in ("before", "after", "after*"):
            for name, _, _ in HORIZON_SETS:
                s = sums.get((group, period, name))
                if not s or s[2] == 0:
                    continue
                wr, wf = s[0] / s[2], s[1] / s[2]
                print(f"{group:8} {period:7} {name:8} {s[3]:>8} {wf:>12.4f} {wr:>15.4f} "
                      f"{wr / wf:>17.4f}")
    print("after*: the subset of 'after' issued on nights the retrained workspace served another "
          "version than the frozen one")
    print()
    print("drifted series, 1 day ahead, by week of the target day after the onset:")
    print(f"{'week':>5} {'first day':10} {'points':>7} {'WAPE frozen':>12} "
          f"{'WAPE retrained':>15} {'ratio':>7}")
    for week in sorted(k for k in weekly if k >= 0):
        w = weekly[week]
        if w[2] == 0:
            continue
        first = args.drift_at + dt.timedelta(days=7 * week)
        print(f"{week + 1:>5} {first.isoformat():10} {w[3]:>7} {w[1] / w[2]:>12.4f} "
              f"{w[0] / w[2]:>15.4f} {w[0] / w[1]:>7.4f}")
    for group, name in (("drifted", "h=1"), ("drifted", "h=1-28")):
        s = sums.get((group, "after", name))
        if s and s[2] > 0:
            print(f"\nHEADLINE {group} series after the onset, {name}: WAPE retrained "
                  f"{s[0] / s[2]:.4f} / frozen {s[1] / s[2]:.4f} = {s[0] / s[1]:.4f} "
                  f"({(s[0] / s[1] - 1) * 100:+.1f} %)")
    print()
    print("retraining decisions and shadow runs (retrained workspace, from the manifests):")
    lines = decisions(args.retrained, args.first_night, args.last_night)
    print("\n".join(lines) if lines else "  none")
    frozen_lines = decisions(args.frozen, args.first_night, args.last_night)
    if frozen_lines:
        print("frozen workspace (expected: none):")
        print("\n".join(frozen_lines))


if __name__ == "__main__":
    main()
