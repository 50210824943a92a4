#!/usr/bin/env python3
"""Side-by-side statistics of a generated chain's daily demand and of real M5 series.

Usage: generator_stats.py CHAIN_DIR [M5_DIR]
M5_DIR defaults to ../shared/data/real/m5-subset (relative to the project root); it is read in
place, never copied. Needs only numpy (Benchmarks/.venv/bin/python or plain python3).

Each series (store/SKU in the chain, item/store in M5) is taken from its first day with a sale
through its last day, so launches and leading zeros do not count as zero days. The chain's days
are its history files plus truth/transaction_day_sales.csv (the transaction days added up).

Statistics, each a median over series unless said otherwise:
- zero share: days with 0 units / days (a mean over series too).
- NB size: method of moments on de-seasonalised data. The expected value of a day is the series'
  centred 91-day moving average times the series' own weekday index (mean by weekday / mean);
  size = sum(e^2) / sum(r^2 - e) with r = y - e, over days outside zero runs of 28+ days
  (off-shelf spells would otherwise dominate); series with sum(r^2 - e) <= 0 count as size inf.
- residual lag-1 / lag-7 autocorrelation: Pearson correlation of r_t with r_(t-1) and r_(t-7),
  same days, where r is the residual about a centred 365-day moving average times the weekday
  index (a 91-day level would absorb most of the persistence being measured).
- longest zero run: the longest run of consecutive zero days, in days.
- weekday peak: per store (chain: units summed over the store's SKUs; M5: per series, as the
  subset has few series per store), the weekday with the highest mean; the Saturday/Monday ratio
  of those means, as min / median / max.
"""
import csv
import datetime as dt
import glob
import os
import sys

import numpy as np

# The de-seasonalising level for the NB size: a centred moving average over a quarter, which takes
# out the yearly cycle and slow trends but leaves the short-term wander a forecaster has to follow.
LEVEL_WINDOW_DAYS = 91
# The level for the residual autocorrelation: a centred moving average over a year, so the
# residuals keep the weeks-long wander whose persistence the autocorrelation measures.
ACF_LEVEL_WINDOW_DAYS = 365
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def read_chain(chain):
    """Returns (matrix series x days of units, store index per series, weekday per day)."""
    with open(os.path.join(chain, "chain.json")) as handle:
        import json
        config = json.load(handle)
    start = dt.date.fromisoformat(config["start"])
    days = config["dayCount"]
    stores = [row["store_id"] for row in csv.DictReader(open(os.path.join(chain, "master",
                                                                          "stores.csv")))]
    skus = [row["sku_id"] for row in csv.DictReader(open(os.path.join(chain, "master",
                                                                        "skus.csv")))]
    store_index = {s: i for i, s in enumerate(stores)}
    sku_index = {s: i for i, s in enumerate(skus)}
    units = np.zeros((len(stores) * len(skus), days))
    files = sorted(glob.glob(os.path.join(chain, "history", "*.csv")))
    files.append(os.path.join(chain, "truth", "transaction_day_sales.csv"))
    for path in files:
        with open(path) as handle:
            for row in csv.DictReader(handle):
                day = (dt.date.fromisoformat(row["date"]) - start).days
                series = store_index[row["store_id"]] * len(skus) + sku_index[row["sku_id"]]
                units[series, day] = float(row["units"])
    weekday = np.array([(start + dt.timedelta(days=d)).weekday() for d in range(days)])
    series_store = np.repeat(np.arange(len(stores)), len(skus))
    return units, series_store, weekday, config.get("profile", "simple")


def read_m5(directory):
    with open(os.path.join(directory, "sales_train_validation.csv")) as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    first = header.index("d_1")
    units = np.array([[float(v) for v in row[first:]] for row in rows[1:]])
    # d_1 is 2011-01-29, a Saturday.
    start = dt.date(2011, 1, 29)
    weekday = np.array([(start + dt.timedelta(days=d)).weekday() for d in range(units.shape[1])])
    return units, np.arange(units.shape[0]), weekday


def zero_runs(y):
    """Boolean mask of days inside zero runs of 28 days or more, and the longest zero run."""
    mask = np.zeros(len(y), dtype=bool)
    longest, run_start = 0, None
    for t, value in enumerate(np.append(y, 1.0)):
        if value == 0 and run_start is None:
            run_start = t
        elif value != 0 and run_start is not None:
            length = t - run_start
            longest = max(longest, length)
            if length >= 28:
                mask[run_start:t] = True
            run_start = None
    return mask, longest


def centred_mean(y, window):
    """The mean of y over a centred window of `window` days, shortened at the ends."""
    half = window // 2
    sums = np.concatenate([[0.0], np.cumsum(y)])
    t = np.arange(len(y))
    low, high = np.maximum(0, t - half), np.minimum(len(y), t + half + 1)
    return (sums[high] - sums[low]) / (high - low)


def series_stats(y, weekday):
    """Statistics of one series from its first sale on, or None for a series that never sells."""
    sold = np.nonzero(y > 0)[0]
    if len(sold) < 2:
        return None
    y, weekday = y[sold[0]:sold[-1] + 1], weekday[sold[0]:sold[-1] + 1]
    if len(y) < 2 * LEVEL_WINDOW_DAYS:
        return None
    off, longest = zero_runs(y)
    mean = y.mean()
    index = np.array([y[weekday == d].mean() / mean if mean > 0 and (weekday == d).any() else 1
                      for d in range(7)])
    expected = centred_mean(y, LEVEL_WINDOW_DAYS) * index[weekday]
    residual = y - expected
    slow_residual = y - centred_mean(y, ACF_LEVEL_WINDOW_DAYS) * index[weekday]
    keep = ~off
    excess = np.sum(residual[keep] ** 2 - expected[keep])
    size = np.sum(expected[keep] ** 2) / excess if excess > 0 else np.inf

    def acf(lag):
        a, b = slow_residual[lag:], slow_residual[:-lag]
        both = keep[lag:] & keep[:-lag]
        if both.sum() < 30 or a[both].std() == 0 or b[both].std() == 0:
            return np.nan
        return float(np.corrcoef(a[both], b[both])[0, 1])

    return {"zero": float(np.mean(y == 0)), "size": size, "acf1": acf(1), "acf7": acf(7),
            "longest": longest, "mean": mean}


def weekday_profile(units, series_store, weekday):
    peaks, ratios = [], []
    for store in np.unique(series_store):
        total = units[series_store == store].sum(axis=0)
        sold = np.nonzero(total > 0)[0]
        if len(sold) == 0:
            continue
        total, days = total[sold[0]:], weekday[sold[0]:]
        means = np.array([total[days == d].mean() for d in range(7)])
        peaks.append(int(np.argmax(means)))
        if means[0] > 0:
            ratios.append(means[5] / means[0])
    return peaks, ratios


def summarise(units, series_store, weekday):
    stats = [s for s in (series_stats(units[i], weekday) for i in range(units.shape[0])) if s]
    peaks, ratios = weekday_profile(units, series_store, weekday)
    sizes = np.array([s["size"] for s in stats])
    counts = {WEEKDAYS[d]: peaks.count(d) for d in range(7) if peaks.count(d)}
    return {
        "series": f"{len(stats)}",
        "mean units/day (median)": f"{np.median([s['mean'] for s in stats]):.2f}",
        "zero share (mean)": f"{np.mean([s['zero'] for s in stats]):.1%}",
        "zero share (median)": f"{np.median([s['zero'] for s in stats]):.1%}",
        "NB size, MoM (median)": f"{np.median(sizes):.2f}",
        "NB size, MoM (quartiles)": f"{np.quantile(sizes, 0.25):.2f}-"
                                    f"{np.quantile(sizes, 0.75):.2f}",
        "residual ACF lag 1 (median, 365-day level)": f"{np.nanmedian([s['acf1'] for s in stats]):.3f}",
        "residual ACF lag 7 (median, 365-day level)": f"{np.nanmedian([s['acf7'] for s in stats]):.3f}",
        "longest zero run, days (median)": f"{np.median([s['longest'] for s in stats]):.0f}",
        "longest zero run, days (max)": f"{np.max([s['longest'] for s in stats]):.0f}",
        "weekday peak (count)": ", ".join(f"{k} {v}" for k, v in counts.items()),
        "Sat/Mon ratio min/median/max": (f"{min(ratios):.2f} / {np.median(ratios):.2f} / "
                                         f"{max(ratios):.2f}" if ratios else "-"),
    }


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    chain = sys.argv[1]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    m5_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.normpath(os.path.join(
        root, "..", "shared", "data", "real", "m5-subset"))
    units, series_store, weekday, profile = read_chain(chain)
    generated = summarise(units, series_store, weekday)
    m5_units, m5_store, m5_weekday = read_m5(m5_dir)
    real = summarise(m5_units, m5_store, m5_weekday)
    label = f"chain ({profile})"
    width = max(len(k) for k in generated)
    print(f"{'statistic':<{width}}  {label:>28}  {'M5 subset':>28}")
    for key in generated:
        print(f"{key:<{width}}  {generated[key]:>28}  {real[key]:>28}")


if __name__ == "__main__":
    main()
