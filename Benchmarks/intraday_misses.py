"""What the expedite alerts saw against the truth (diagnosis of make bench-intraday, part b).

For every store/SKU day the bench scores (observed horizons, as bench_intraday.py) that stocked
out without an alert by 14:00 (a miss), and every 14:00 row with P(stock-out) >= --high (default
0.9) that did not stock out (a false alarm at the top), prints one line: what the 14:00 nowcast
row says against what the generated chain shows.

- on hand at 14:00: the row's `on_hand_now` (snapshot + units due this morning - net sales so
  far) against the truth's, snapshot of D - 1 + units that arrived on D (on_hand(D) -
  on_hand(D - 1) + sold(D)) - units sold before 14:00 (positive transaction quantities);
- sales so far: the row's net sales against the positive quantities before 14:00, and the share
  of the day's sales made by 14:00 (profile's `elapsed_share` against this day's, a censored
  figure on a stock-out day);
- rest of day: the row's mean against the day's sales after 14:00 (censored by stock);
- until the delivery: the row's mean over `days_to_delivery` against the sales from 14:00 over
  those days (censored), and the true expected demand of those days (truth/expected_demand.csv);
- delivery: the row's `days_to_delivery` against the days to the next day with any arrival, and
  whether units arrived on D;
- the probability and the day's forecast against the true expected demand of D.

The scored rows are bench_intraday.py --alert-horizons's (up to the row's days_to_delivery). On
stderr, over all scored rows: how often the on-hand estimate at 14:00 is exact, how often units
due did not come (or another amount came), the alert's cover against the next arrival seen, the
stock-outs after the alert's cover and before that arrival, and the profile's share by 14:00
(weighted by the day's sales) against the realised one.

Usage: intraday_misses.py [--high P] CHAIN REPORTS DAY...
Standard library only.
"""

import csv
import datetime
import os
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_intraday  # noqa: E402  (its truth reader)
from bench_intraday import arrivals, iso, read_inventory  # noqa: E402


def expected_demand(chain: str, first_day: str) -> dict:
    """(store, sku, date) -> the true mean demand, from `first_day` on."""
    expected = {}
    with open(os.path.join(chain, "truth/expected_demand.csv")) as f:
        for row in csv.DictReader(f):
            if row["date"] >= first_day:
                expected[(row["store_id"], row["sku_id"], row["date"])] = float(
                    row["expected_units"])
    return expected


def sold_before_14(chain: str, day: str) -> dict:
    """(store, sku) -> the positive quantities of the day's transaction lines before 14:00."""
    before = defaultdict(float)
    with open(os.path.join(chain, "inbox", f"transactions_{day}.csv")) as f:
        for line in csv.DictReader(f):
            quantity = float(line["quantity"])
            if quantity > 0 and line["time"] < "14:00":
                before[(line["store_id"], line["sku_id"])] += quantity
    return before


def main() -> None:
    args = sys.argv[1:]
    high = 0.9
    if args and args[0] == "--high":
        high = float(args[1])
        args = args[2:]
    chain, reports, days = args[0], args[1], args[2:]
    truth_sold, stockout, last_truth = bench_intraday.read_truth_sales(chain)
    sold = defaultdict(float, truth_sold)
    expected = expected_demand(chain, days[0])
    stock = read_inventory(chain)
    arrived = arrivals(stock, sold)

    print("kind,date,store,sku,p,abc,cover_alert,cover_true,arrived_D,snap,due_alert,"
          "onhand_alert,onhand_true,sold_alert,sold_true,share_profile,share_day,"
          "rest_mean,rest_real,until_mean,until_real,until_true_mean,fc_D,true_mean_D,"
          "stockout_days")
    counts = defaultdict(int)
    summary = defaultdict(float)
    covers = defaultdict(int)
    for day in days:
        start = datetime.date.fromisoformat(day)
        folder = os.path.join(reports, day, "intraday")
        cutoffs = sorted(c for c in os.listdir(folder) if c <= "1400")
        alerted = set()
        for cutoff in cutoffs:
            with open(os.path.join(folder, cutoff, "expedite.csv")) as f:
                alerted |= {(r["store_id"], r["sku_id"]) for r in csv.DictReader(f)}
        with open(os.path.join(folder, cutoffs[-1], "nowcast.csv")) as f:
            rows = list(csv.DictReader(f))
        before = sold_before_14(chain, day)
        for row in rows:
            store, sku = row["store_id"], row["sku_id"]
            horizon = int(row["days_to_delivery"])
            if start + datetime.timedelta(days=horizon - 1) > last_truth:
                continue
            out_days = [k for k in range(horizon) if (store, sku, iso(start, k)) in stockout]
            actual = bool(out_days)
            p = float(row["stockout_probability"])
            kind = None
            if actual and (store, sku) not in alerted:
                kind = "miss"
            elif not actual and p >= high:
                kind = "false-high"
            counts[("actual", actual)] += 1
            snapshot = stock.get((store, sku, iso(start, -1)), (0.0, 0.0))[0]
            came = arrived(store, sku, day)
            sold_before = before[(store, sku)]
            onhand_true = (snapshot + came - sold_before) if came is not None else float("nan")
            due = float(row["on_hand_now"]) - snapshot + float(row["sold_so_far"])
            summary["rows"] += 1
            summary["share_profile"] += float(row["elapsed_share"]) * sold[(store, sku, day)]
            summary["sold_before"] += sold_before
            summary["sold_day"] += sold[(store, sku, day)]
            summary["expected_before"] += float(row["day_forecast"]) * float(row["elapsed_share"])
            summary["forecast_day"] += float(row["day_forecast"])
            summary["true_mean_day"] += expected.get((store, sku, day), 0.0)
            if came is not None:
                summary["onhand_exact"] += abs(float(row["on_hand_now"]) - onhand_true) < 0.5
                summary["due_rows"] += due > 0
                summary["due_arrived_none"] += due > 0 and came == 0
                summary["due_arrived_other"] += due > 0 and came > 0 and abs(came - due) > 0.5
                summary["nodue_arrived"] += due <= 0 and came > 0
            # Days to the next day (after D) with an arrival, within the files.
            cover_true = "?"
            for k in range(1, 15):
                a = arrived(store, sku, iso(start, k))
                if a is None:
                    break
                if a > 0:
                    cover_true = str(k)
                    break
            agreement = ("?" if cover_true == "?" else "same" if int(cover_true) == horizon
                         else "alert shorter" if horizon < int(cover_true) else "alert longer")
            covers[(horizon, agreement)] += 1
            if cover_true != "?" and int(cover_true) > horizon:
                # stock-outs the scorer ignores: on days from the alert's horizon to the truth's
                later = [k for k in range(horizon, int(cover_true))
                         if (store, sku, iso(start, k)) in stockout]
                summary["ignored_later_stockouts"] += bool(later) and not actual
            if kind is None:
                continue
            counts[kind] += 1
            day_sold = sold[(store, sku, day)]
            share_day = sold_before / day_sold if day_sold > 0 else float("nan")
            until_real = sum(sold[(store, sku, iso(start, k))] for k in range(horizon)) - sold_before
            until_true = sum(expected.get((store, sku, iso(start, k)), float("nan"))
                             for k in range(horizon)) - float(row["elapsed_share"]) * expected.get(
                                 (store, sku, day), float("nan"))
            print(",".join(str(x) for x in [
                kind, day, store, sku, f"{p:.3f}", row["abc_class"], horizon, cover_true,
                "nan" if came is None else f"{came:.0f}", f"{snapshot:.0f}", f"{due:.0f}",
                row["on_hand_now"], f"{onhand_true:.0f}", row["sold_so_far"],
                f"{sold_before:.0f}", row["elapsed_share"], f"{share_day:.3f}",
                row["rest_of_day_mean"], f"{day_sold - sold_before:.0f}",
                row["until_delivery_mean"], f"{until_real:.0f}", f"{until_true:.2f}",
                row["day_forecast"], f"{expected.get((store, sku, day), float('nan')):.2f}",
                "|".join(str(k) for k in out_days)]))
    print(f"# misses {counts['miss']}, false alarms with p >= {high}: {counts['false-high']}, "
          f"scored rows {counts[('actual', True)] + counts[('actual', False)]}, "
          f"stock-outs {counts[('actual', True)]}", file=sys.stderr)
    s = summary
    print(f"# all scored rows ({s['rows']:.0f}): on hand at 14:00 exact on {s['onhand_exact']:.0f}; "
          f"rows with units due {s['due_rows']:.0f}, of which none came {s['due_arrived_none']:.0f}, "
          f"another amount came {s['due_arrived_other']:.0f}; nothing due but units came "
          f"{s['nodue_arrived']:.0f}", file=sys.stderr)
    print(f"# alert's cover against the next arrival seen: {sorted(covers.items())}; "
          f"store/SKU days that stock out only after the alert's cover, before the next "
          f"arrival: {s['ignored_later_stockouts']:.0f}", file=sys.stderr)
    print(f"# share by 14:00: profile (sales-weighted) {s['share_profile'] / s['sold_day']:.3f}, "
          f"realised {s['sold_before'] / s['sold_day']:.3f}; sold before 14:00 "
          f"{s['sold_before']:.0f} against forecast x profile {s['expected_before']:.0f}; "
          f"day forecast total {s['forecast_day']:.0f}, true mean {s['true_mean_day']:.0f}, "
          f"sold {s['sold_day']:.0f}", file=sys.stderr)


if __name__ == "__main__":
    main()
