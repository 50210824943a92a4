"""What the truth allows at 14:00: the expedite alerts of an oracle that knows the chain's truth.

make bench-intraday (part b) scores ShelfCast's alerts against the fast movers that stock out
before their next delivery. Some of those stock-outs cannot be foreseen at 14:00 by anyone: a
quiet morning followed by a run on the shelf. This script scores, on the same store/SKU days
(horizon: the chain's actual next delivery, as bench_intraday.py's first block), an oracle that
knows, for every row:

- the true stock at the start of the day (the snapshot of D - 1 plus the units that arrived on D),
  and the units sold before 14:00 (positive transaction quantities);
- the true expected demand of D and of every day to the next delivery (truth/expected_demand.csv)
  and the true negative binomial sizes (truth/demand_dispersion.csv);
- the day of the next delivery (the first later day with an arrival): `oracle`; or, as
  `scheduled`, only the days to it that the stock snapshots schedule (the row's
  `days_to_delivery`), not whether it will come late: what a planner could know at 14:00 with
  perfect demand figures and a goods-receipt feed for this morning.

Only the share of the day's sales made by 14:00 is not the truth's: the row's `elapsed_share`
(ShelfCast's learnt profile of that store, weekday and category).

The oracle's probability of a stock-out before the next delivery: the day's demand N is drawn
from its negative binomial; sales are min(N, stock) and each sold unit falls before 14:00 with
the profile's share, so the units sold by 14:00 update N by Bayes (a binomial thinning); the
later days' demands are independent negative binomials; a stock-out happens iff the total demand
from the start of D to the day before the delivery exceeds the start-of-day stock.

Printed: recall and precision at the thresholds 0.3 / 0.5 / 0.7 / 0.9 for both oracles and for
ShelfCast's 14:00 rows, and each one's best recall with precision >= 0.5 over all thresholds.
A ceiling, not a bound: multi-unit basket lines and the learnt share make the oracle slightly
less than perfect.

Usage: intraday_ceiling.py CHAIN REPORTS DAY...
Needs scipy (Benchmarks/venv.sh).
"""

import csv
import datetime
import os
import sys
from collections import defaultdict

import numpy as np
from scipy import stats

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_intraday  # noqa: E402  (its truth reader)
from bench_intraday import arrivals, iso, read_inventory  # noqa: E402
from intraday_misses import expected_demand, sold_before_14  # noqa: E402


def nb_pmf(mean: float, size: float, upto: int) -> np.ndarray:
    """P(X = 0 ... upto) for a negative binomial with this mean and size (0 mean: X = 0)."""
    if mean <= 0:
        pmf = np.zeros(upto + 1)
        pmf[0] = 1.0
        return pmf
    return stats.nbinom.pmf(np.arange(upto + 1), size, size / (size + mean))


def oracle_probability(stock: int, sold_before: int, share: float, means: list[float],
                       sizes: list[float]) -> float:
    """P(total demand from the start of D to the day before the delivery > stock | sales by 14:00).

    `means[0]`, `sizes[0]` are day D's; the others the later days'."""
    if stock <= 0:
        return 1.0 if means[0] > 0 else 0.0
    # The later days' total, P(L = 0 ... stock).
    later = np.zeros(stock + 1)
    later[0] = 1.0
    for mean, size in zip(means[1:], sizes[1:]):
        later = np.convolve(later, nb_pmf(mean, size, stock))[: stock + 1]
    later_cdf = np.cumsum(later)
    mean, size = means[0], sizes[0]
    if mean <= 0:
        return 0.0
    n = np.arange(sold_before, stock + 1)  # day D's demand, not above the stock
    prior = nb_pmf(mean, size, stock)[sold_before:]
    likelihood = stats.binom.pmf(sold_before, n, share)
    weights = prior * likelihood
    # N > stock: sales are the whole stock, a stock-out on D for certain.
    tail = stats.nbinom.sf(stock, size, size / (size + mean)) * stats.binom.pmf(
        sold_before, stock, share)
    # N = n <= stock: a stock-out iff the later days' total L > stock - n.
    out_given_n = 1.0 - later_cdf[stock - n]
    total = weights.sum() + tail
    if total <= 0:
        return 1.0 if sold_before >= stock else 0.0
    return float((weights @ out_given_n + tail) / total)


def scores(pairs: list[tuple[float, bool]], threshold: float) -> tuple[int, int, int]:
    tp = sum(1 for p, actual in pairs if p >= threshold and actual)
    alerts = sum(1 for p, _ in pairs if p >= threshold)
    return tp, alerts, sum(1 for _, actual in pairs if actual)


def best_recall(pairs: list[tuple[float, bool]], floor: float = 0.5) -> tuple[float, float, float]:
    """The highest recall with precision >= floor over every threshold: (recall, precision, t)."""
    best = (0.0, float("nan"), float("nan"))
    actual = sum(1 for _, a in pairs if a)
    for threshold in sorted({p for p, _ in pairs}, reverse=True):
        tp, alerts, _ = scores(pairs, threshold)
        if alerts and tp / alerts >= floor and actual and tp / actual > best[0]:
            best = (tp / actual, tp / alerts, threshold)
    return best


def main() -> None:
    chain, reports, days = sys.argv[1], sys.argv[2], sys.argv[3:]
    truth_sold, stockout, last_truth = bench_intraday.read_truth_sales(chain)
    sold = defaultdict(float, truth_sold)
    expected = expected_demand(chain, days[0])
    dispersion = {}
    with open(os.path.join(chain, "truth/demand_dispersion.csv")) as f:
        for row in csv.DictReader(f):
            dispersion[row["sku_id"]] = (float(row["nb_size_intercept"]),
                                         float(row["nb_size_per_unit"]))
    stock = read_inventory(chain)
    arrived = arrivals(stock, sold)

    oracle, scheduled, shelfcast = [], [], []
    for day in days:
        start = datetime.date.fromisoformat(day)
        with open(os.path.join(reports, day, "intraday", "1400", "nowcast.csv")) as f:
            rows = list(csv.DictReader(f))
        before = sold_before_14(chain, day)
        for row in rows:
            store, sku = row["store_id"], row["sku_id"]
            horizon = bench_intraday.next_arrival(arrived, last_truth, store, sku, start)
            came_today = arrived(store, sku, day)
            if horizon is None or came_today is None:
                continue  # unknown outcome, as bench_intraday.py leaves it out
            actual = any((store, sku, iso(start, k)) in stockout for k in range(horizon))
            snapshot = stock.get((store, sku, iso(start, -1)), (0.0, 0.0))[0]
            start_stock = int(round(snapshot + came_today))
            intercept, per_unit = dispersion[sku]
            sold_before = min(int(round(before[(store, sku)])), start_stock)
            for days_known, pairs in ((horizon, oracle),
                                      (int(row["days_to_delivery"]), scheduled)):
                means = [expected.get((store, sku, iso(start, k)), 0.0)
                         for k in range(days_known)]
                sizes = [intercept + per_unit * m for m in means]
                p = oracle_probability(start_stock, sold_before, float(row["elapsed_share"]),
                                       means, sizes)
                pairs.append((p, actual))
            shelfcast.append((float(row["stockout_probability"]), actual))

    print(f"ceiling at 14:00 (horizon: the actual next delivery): {len(oracle)} store/SKU days, "
          f"{sum(a for _, a in oracle)} stock out before it")
    for name, pairs in (("oracle", oracle), ("scheduled", scheduled), ("shelfcast", shelfcast)):
        cells = []
        for t in (0.3, 0.5, 0.7, 0.9):
            tp, alerts, actual = scores(pairs, t)
            cells.append(f"{t}: {tp / actual:.3f} / {tp / alerts if alerts else float('nan'):.3f}")
        recall, precision, threshold = best_recall(pairs)
        brier = sum((p - a) ** 2 for p, a in pairs) / len(pairs)
        print(f"  {name:9s} recall / precision at {'; '.join(cells)}; best recall with "
              f"precision >= 0.5: {recall:.3f} (precision {precision:.3f}, threshold "
              f"{threshold:.3f}); Brier {brier:.4f}")


if __name__ == "__main__":
    main()
