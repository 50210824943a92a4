"""Alert quality of `shelfcast intraday` (make bench-intraday, part b).

For each evaluation day D and each fast mover nowcast that day: alerted when any run with a
cut-off up to 14:00 raised an expedite alert for it (expedite.csv); truly stocked out when the
generator's truth marks a stock-out on any day from D up to the day before the next delivery
(truth/transaction_day_sales.csv, whose flag is the true stock-out in the simple profile).

The next delivery is the chain's actual one: the first day after D on which units arrived,
on_hand(t) - on_hand(t - 1) + sold(t) > 0 (inventory/on_hand_*.csv and the truth's sales; the
simulator receives deliveries at the opening, before any sale, and returns do not go back on the
shelf, so this is exact). Store/SKU days with no arrival seen by the truth's last day are left
out (their outcome is unknown). Before 2026-12-05 (second fix) the horizon was the 14:00 row's
own days_to_delivery, what the alert inferred, so a delivery that came late shortened the
question the alert was scored on; --alert-horizons scores that way (left out: horizons past the
truth's last day), and --all-horizons as before the first fix (those counted as no stock-out).
The naive rule alerts when the snapshot stock is below the day's forecast.
Prints recall and precision of both, a sweep of thresholds, and the reliability of the 14:00
stock-out probabilities: in bins of probability, the mean probability against the share that
stocked out, and the Brier score. Standard library only.

Usage: bench_intraday.py [--alert-horizons | --all-horizons] CHAIN REPORTS DAY...
"""

import csv
import datetime
import os
import sys


# `shelfcast intraday --min-elapsed-share`'s default: no alert before this share of the day.
MIN_ELAPSED_SHARE = 0.15


def read_truth_sales(chain: str):
    """The chain's true daily sales by (store, SKU, ISO date), the store/SKU/days that stocked
    out, and the truth's last day."""
    sold, stockout, last_truth_day = {}, set(), ""
    with open(os.path.join(chain, "truth/transaction_day_sales.csv")) as f:
        for row in csv.DictReader(f):
            last_truth_day = max(last_truth_day, row["date"])
            sold[(row["store_id"], row["sku_id"], row["date"])] = float(row["units"])
            if row["stockout"] == "1":
                stockout.add((row["store_id"], row["sku_id"], row["date"]))
    return sold, stockout, datetime.date.fromisoformat(last_truth_day)


def read_inventory(chain: str) -> dict:
    """(store, sku, date) -> (on_hand, on_order) from every inventory file."""
    stock = {}
    folder = os.path.join(chain, "inventory")
    for name in sorted(os.listdir(folder)):
        date = name[len("on_hand_"):-len(".csv")]
        with open(os.path.join(folder, name)) as f:
            for row in csv.DictReader(f):
                stock[(row["store_id"], row["sku_id"], date)] = (
                    float(row["on_hand"]), float(row["on_order"]))
    return stock


def iso(day: datetime.date, offset: int) -> str:
    """The ISO date `offset` days after `day`."""
    return (day + datetime.timedelta(days=offset)).isoformat()


def arrivals(stock: dict, sold: dict):
    """arrived(store, sku, date): the units that arrived on `date` by the snapshots
    (on_hand(D) - on_hand(D - 1) + sold(D), floored at 0), None without both snapshots;
    `sold` maps (store, sku, date) to units, missing days as 0."""
    def arrived(store: str, sku: str, date: str) -> float | None:
        day = datetime.date.fromisoformat(date)
        before = stock.get((store, sku, iso(day, -1)))
        after = stock.get((store, sku, date))
        if before is None or after is None:
            return None
        return max(0.0, after[0] - before[0] + sold.get((store, sku, date), 0.0))
    return arrived


def next_arrival(arrived, last_truth: datetime.date, store: str, sku: str,
                 start: datetime.date) -> int | None:
    """Days from `start` to the first later day with an arrival, or None if none is seen by the
    truth's last day (or a snapshot is missing first)."""
    for k in range(1, 400):
        if start + datetime.timedelta(days=k) > last_truth:
            return None
        came = arrived(store, sku, iso(start, k))
        if came is None:
            return None
        if came > 0:
            return k
    return None


def main() -> None:
    args = sys.argv[1:]
    # --all-horizons: the scoring before 2026-12-05 (horizons past the truth count as no
    # stock-out), for comparison with figures reported then.
    observed_only = "--all-horizons" not in args
    alert_horizons = "--alert-horizons" in args or not observed_only
    args = [a for a in args if a not in ("--all-horizons", "--alert-horizons")]
    chain, reports, days = args[0], args[1], args[2:]
    sold, stockout, last_truth = read_truth_sales(chain)
    arrived = arrivals(read_inventory(chain), sold)
    unobserved = 0
    # true positives, alerts, actual
    totals = {"model": [0, 0, 0], "standing": [0, 0, 0], "naive": [0, 0, 0]}
    thresholds = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.9]
    sweep = {t: [0, 0, 0] for t in thresholds}
    # The alerts raised at any cut-off to 14:00 had the threshold been t: each cut-off's rows
    # with P >= t and the profile's elapsed share at least the command's default minimum.
    raised_sweep = {t: [0, 0, 0] for t in thresholds}
    population = 0
    # reliability of the 14:00 probabilities: bin lower edges, and per bin [rows, sum p, stock-outs]
    edges = [0.0, 0.1, 0.3, 0.5, 0.7, 0.9]
    bins = {e: [0, 0.0, 0] for e in edges}
    brier = 0.0
    for day in days:
        folder = os.path.join(reports, day, "intraday")
        cutoffs = sorted(c for c in os.listdir(folder) if c <= "1400")
        alerted = set()
        highest = {}  # (store, sku) -> the highest P at a cut-off past the minimum share
        for cutoff in cutoffs:
            with open(os.path.join(folder, cutoff, "expedite.csv")) as f:
                standing_alerts = {(r["store_id"], r["sku_id"]) for r in csv.DictReader(f)}
            alerted |= standing_alerts
            with open(os.path.join(folder, cutoff, "nowcast.csv")) as f:
                for r in csv.DictReader(f):
                    if float(r["elapsed_share"]) >= MIN_ELAPSED_SHARE:
                        key = (r["store_id"], r["sku_id"])
                        highest[key] = max(highest.get(key, 0.0),
                                           float(r["stockout_probability"]))
        with open(os.path.join(folder, cutoffs[-1], "nowcast.csv")) as f:
            rows = list(csv.DictReader(f))
        start = datetime.date.fromisoformat(day)
        for row in rows:
            key = (row["store_id"], row["sku_id"])
            if alert_horizons:
                horizon = int(row["days_to_delivery"])
                # A horizon running past the truth's last day has an unknown outcome: scored by
                # no rule (counting it as "no stock-out" would make alerts on it false alarms).
                if observed_only and start + datetime.timedelta(days=horizon - 1) > last_truth:
                    unobserved += 1
                    continue
            else:
                found = next_arrival(arrived, last_truth, key[0], key[1], start)
                if found is None:
                    unobserved += 1
                    continue
                horizon = found
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
                raised = highest.get(key, 0.0) >= t
                raised_sweep[t][0] += raised and actual
                raised_sweep[t][1] += raised
                raised_sweep[t][2] += actual
            standing = key in standing_alerts
            for name, predicted in (
                ("model", key in alerted), ("standing", standing), ("naive", naive)
            ):
                totals[name][0] += predicted and actual
                totals[name][1] += predicted
                totals[name][2] += actual
    definition = "the rows' days_to_delivery" if alert_horizons else "the actual next delivery"
    print(f"quality (horizon: {definition}): "
          f"{len(days)} days, {population} fast-mover store/SKU days, "
          f"{totals['model'][2]} stock out before the next delivery"
          + (" (all horizons, past the truth's end as no stock-out)" if not observed_only
             else f" ({unobserved} left out: the row's days_to_delivery runs past the truth's "
             "last day)" if alert_horizons
             else f" ({unobserved} left out: no delivery seen after the day by the truth's end)"))
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
    for t in thresholds:
        tp, alerts, actual = raised_sweep[t]
        print(f"  raised at any cut-off to 14:00 with --alert-probability {t}: recall "
              f"{tp / actual:.3f}, precision {(tp / alerts if alerts else float('nan')):.3f} "
              f"({tp}/{alerts})")
    print(f"  reliability of the 14:00 stock-out probabilities (Brier score "
          f"{brier / population if population else float('nan'):.4f}):")
    for lower, upper in zip(edges, edges[1:] + [1.0]):
        rows, total, out = bins[lower]
        if rows:
            print(f"    [{lower:.1f}, {upper:.1f}{']' if upper == 1.0 else ')'}: {rows} rows, "
                  f"mean probability {total / rows:.3f}, stocked out {out / rows:.3f} ({out})")


if __name__ == "__main__":
    main()
