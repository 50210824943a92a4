"""Alert quality of `shelfcast intraday` (make bench-intraday, part b).

For each evaluation day D and each fast mover nowcast that day: alerted when any run with a
cut-off up to 14:00 raised an expedite alert for it (expedite.csv); truly stocked out when the
generator's truth marks a stock-out on any day from D through D + days_to_delivery - 1 (the
horizon of the 14:00 row; truth/transaction_day_sales.csv, whose flag is the true stock-out in
the simple profile). Store/SKU days whose horizon runs past the truth's last day are left out
(their outcome is unknown), unless --all-horizons is given. The naive rule alerts when the
snapshot stock is below the day's forecast.
Prints recall and precision of both, a sweep of thresholds, and the reliability of the 14:00
stock-out probabilities: in bins of probability, the mean probability against the share that
stocked out, and the Brier score. Standard library only.

Usage: bench_intraday.py [--all-horizons] CHAIN REPORTS DAY...
"""

import csv
import datetime
import os
import sys


def main() -> None:
    args = sys.argv[1:]
    # --all-horizons: the scoring before 2026-12-05 (horizons past the truth count as no
    # stock-out), for comparison with figures reported then.
    observed_only = "--all-horizons" not in args
    args = [a for a in args if a != "--all-horizons"]
    chain, reports, days = args[0], args[1], args[2:]
    stockout = set()
    last_truth_day = ""
    with open(os.path.join(chain, "truth/transaction_day_sales.csv")) as f:
        for row in csv.DictReader(f):
            last_truth_day = max(last_truth_day, row["date"])
            if row["stockout"] == "1":
                stockout.add((row["store_id"], row["sku_id"], row["date"]))
    last_truth = datetime.date.fromisoformat(last_truth_day)
    unobserved = 0
    # true positives, alerts, actual
    totals = {"model": [0, 0, 0], "standing": [0, 0, 0], "naive": [0, 0, 0]}
    thresholds = [0.3, 0.5, 0.7, 0.9]
    sweep = {t: [0, 0, 0] for t in thresholds}
    population = 0
    # reliability of the 14:00 probabilities: bin lower edges, and per bin [rows, sum p, stock-outs]
    edges = [0.0, 0.1, 0.3, 0.5, 0.7, 0.9]
    bins = {e: [0, 0.0, 0] for e in edges}
    brier = 0.0
    for day in days:
        folder = os.path.join(reports, day, "intraday")
        cutoffs = sorted(c for c in os.listdir(folder) if c <= "1400")
        alerted = set()
        for cutoff in cutoffs:
            with open(os.path.join(folder, cutoff, "expedite.csv")) as f:
                alerted |= {(r["store_id"], r["sku_id"]) for r in csv.DictReader(f)}
        with open(os.path.join(folder, cutoffs[-1], "nowcast.csv")) as f:
            rows = list(csv.DictReader(f))
        start = datetime.date.fromisoformat(day)
        for row in rows:
            key = (row["store_id"], row["sku_id"])
            horizon = int(row["days_to_delivery"])
            # A horizon running past the truth's last day has an unknown outcome: scored by no
            # rule (counting it as "no stock-out" would make alerts on it false alarms).
            if observed_only and start + datetime.timedelta(days=horizon - 1) > last_truth:
                unobserved += 1
                continue
            actual = any(
                (key[0], key[1], (start + datetime.timedelta(days=k)).isoformat()) in stockout
                for k in range(horizon)
            )
            naive = float(row["snapshot_on_hand"]) < float(row["day_forecast"])
            probability = float(row["stockout_probability"])
            population += 1
            edge = max(e for e in edges if probability >= e)
            bins[edge][0] += 1
            bins[edge][1] += probability
            bins[edge][2] += actual
            brier += (probability - actual) ** 2
            for t in thresholds:
                sweep[t][0] += probability >= t and actual
                sweep[t][1] += probability >= t
                sweep[t][2] += actual
            standing = probability >= 0.7 and float(row["elapsed_share"]) >= 0.15
            for name, predicted in (
                ("model", key in alerted), ("standing", standing), ("naive", naive)
            ):
                totals[name][0] += predicted and actual
                totals[name][1] += predicted
                totals[name][2] += actual
    print(f"quality: {len(days)} days, {population} fast-mover store/SKU days, "
          f"{totals['model'][2]} stock out before the next delivery"
          + (f" ({unobserved} left out: the next delivery falls after the truth's last day)"
             if observed_only else " (all horizons, past the truth's end as no stock-out)"))
    for name, label in (("model", "expedite alerts raised at any cut-off to 14:00"),
                        ("standing", "expedite alerts standing at 14:00"),
                        ("naive", "naive (snapshot < day forecast)")):
        tp, alerts, actual = totals[name]
        recall = tp / actual if actual else float("nan")
        precision = tp / alerts if alerts else float("nan")
        print(f"  {label}: recall {recall:.3f} ({tp}/{actual}), "
              f"precision {precision:.3f} ({tp}/{alerts})")
    for t in thresholds:
        tp, alerts, actual = sweep[t]
        print(f"  standing at 14:00 with --alert-probability {t}: recall {tp / actual:.3f}, "
              f"precision {(tp / alerts if alerts else float('nan')):.3f} ({tp}/{alerts})")
    print(f"  reliability of the 14:00 stock-out probabilities (Brier score "
          f"{brier / population if population else float('nan'):.4f}):")
    for lower, upper in zip(edges, edges[1:] + [1.0]):
        rows, total, out = bins[lower]
        if rows:
            print(f"    [{lower:.1f}, {upper:.1f}{']' if upper == 1.0 else ')'}: {rows} rows, "
                  f"mean probability {total / rows:.3f}, stocked out {out / rows:.3f} ({out})")


if __name__ == "__main__":
    main()
