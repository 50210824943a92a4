#!/usr/bin/env python3
"""A chain made by code that is not ShelfCast's generator, and its forecast scored by kind of item.

ShelfCast is judged on chains it has never seen. This script writes one with drivers of its own
(none shared with `shelfcast generate`): eight kinds of item, one per SKU in turn, in three
categories that mix them, so that a category holds items from 0.15 to 1,500 units a day.

  steady        NB around a level, a weekday shape peaking on Saturday
  intermittent  about 0.15 units a day
  growing       the level triples over the 500 days
  dying         falls to nothing 60 days before the end (delisted)
  launch        first sale 80 days before the end
  winter        a yearly curve peaking mid-January (×1.9 against ×0.1 in July)
  huge          about 1,500 units a day
  promoted      ×2.5 on listed promotion days (some of them after the last day)

Store 11 opens 200 days before the end; every store is closed on 25 December (no rows).
Noise is negative binomial with size 3; 1 % of the days with sales are flagged stock-outs.
The truth is the expected demand of the 28 days after the last day.

Usage:
  foreign_chain.py generate OUT [SEED]   OUT/master, OUT/history/demand.csv, OUT/truth.csv
  foreign_chain.py score TRUTH FORECAST  forecast mean / true mean and WAPE against it, by kind
"""
import csv
import datetime as dt
import os
import sys
from collections import defaultdict

import numpy as np

DAYS, STORES, SKUS, HORIZON = 500, 12, 60, 28
END = dt.date(2026, 11, 30)
KINDS = ["steady", "intermittent", "growing", "dying", "launch", "winter", "huge", "promoted"]
BASE = {"steady": 15, "intermittent": 0.15, "growing": 4, "dying": 8, "launch": 6, "winter": 5,
        "huge": 1500, "promoted": 5}
WEEKDAY = [0.8, 0.85, 0.9, 1.0, 1.2, 1.5, 0.75]


def generate(out, seed):
    rng = np.random.default_rng(seed)
    os.makedirs(f"{out}/master", exist_ok=True)
    os.makedirs(f"{out}/history", exist_ok=True)
    start = END - dt.timedelta(days=DAYS - 1)
    day = lambda i: start + dt.timedelta(days=i)
    stores = [f"S{s:02d}" for s in range(STORES)]
    opens = {s: (0 if s != "S11" else DAYS - 200) for s in stores}
    with open(f"{out}/master/stores.csv", "w") as f:
        f.write("store_id,open_date,format\n")
        for i, s in enumerate(stores):
            f.write(f"{s},{day(opens[s])},{'mall' if i % 2 else 'street'}\n")
    kinds = [KINDS[k % len(KINDS)] for k in range(SKUS)]
    with open(f"{out}/master/skus.csv", "w") as f:
        f.write("sku_id,category,unit_cost,unit_price,case_pack,lead_time_days\n")
        for k in range(SKUS):
            price = round(rng.uniform(1, 40), 2)
            f.write(f"P{k:03d},{['food', 'home', 'toys'][k % 3]},{price * 0.6:.2f},{price},"
                    f"{[1, 6, 12][k % 3]},{[2, 3, 5, 7][k % 4]}\n")
    with open(f"{out}/master/calendar.csv", "w") as f:
        f.write("date,holiday\n")
        for y in (2025, 2026):
            f.write(f"{y}-12-25,christmas\n{y}-01-01,new_year\n{y}-07-04,independence\n")
    promoted = set()
    with open(f"{out}/master/promotions.csv", "w") as f:
        f.write("store_id,sku_id,start_date,end_date,discount_pct\n")
        for k in range(SKUS):
            if kinds[k] != "promoted":
                continue
            for s in stores:
                for p in range(6):
                    a = int(rng.integers(0, DAYS + 20))
                    f.write(f"{s},P{k:03d},{day(a)},{day(a + 6)},{20 if p % 2 else 35}\n")
                    promoted.update((s, k, i) for i in range(a, a + 7))

    def mean(kind, base, s, k, i):
        d = day(i)
        m = base * WEEKDAY[d.weekday()]
        if kind == "growing":
            m *= 1 + 2.0 * i / DAYS
        if kind == "dying":
            m *= max(0.0, 1 - i / (DAYS - 60))
        if kind == "launch" and i < DAYS - 80:
            return None
        if kind == "winter":
            m *= 1 + 0.9 * np.cos(2 * np.pi * (d.timetuple().tm_yday - 15) / 365.25)
        if (s, k, i) in promoted:
            m *= 2.5
        if d.month == 12 and d.day == 25:
            return 0.0
        return m

    with open(f"{out}/history/demand.csv", "w") as f, open(f"{out}/truth.csv", "w") as t:
        f.write("store_id,sku_id,date,units,stockout\n")
        t.write("store_id,sku_id,date,mean,kind\n")
        for s in stores:
            scale = rng.uniform(0.5, 2.0)
            for k in range(SKUS):
                kind = kinds[k]
                base = BASE[kind] * scale * rng.uniform(0.5, 1.5)
                for i in range(DAYS + HORIZON):
                    m = mean(kind, base, s, k, i)
                    if i >= DAYS:
                        t.write(f"{s},P{k:03d},{day(i)},{m or 0.0},{kind}\n")
                        continue
                    if i < opens[s] or m is None:
                        continue
                    q = int(rng.negative_binomial(3, 3 / (3 + m))) if m > 0 else 0
                    stockout = 1 if q > 0 and rng.random() < 0.01 else 0
                    if q > 0 or stockout:
                        f.write(f"{s},P{k:03d},{day(i)},{q},{stockout}\n")


def score(truth_path, forecast_path):
    forecast = {}
    with open(forecast_path, newline="") as f:
        for row in csv.DictReader(f):
            forecast[(row["store_id"], row["sku_id"], row["date"])] = float(row["mean"])
    truth, predicted, error = defaultdict(float), defaultdict(float), defaultdict(float)
    missing = 0
    with open(truth_path, newline="") as f:
        for row in csv.DictReader(f):
            key = (row["store_id"], row["sku_id"], row["date"])
            if key not in forecast:
                missing += 1
            value, mean = forecast.get(key, 0.0), float(row["mean"])
            truth[row["kind"]] += mean
            predicted[row["kind"]] += value
            error[row["kind"]] += abs(value - mean)
    print(f"{'kind':<14}{'true mean':>14}{'forecast':>14}{'ratio':>8}{'WAPE vs mean':>14}")
    for kind in KINDS:
        if truth[kind] > 0:
            print(f"{kind:<14}{truth[kind]:>14.1f}{predicted[kind]:>14.1f}"
                  f"{predicted[kind] / truth[kind]:>8.3f}{error[kind] / truth[kind]:>14.3f}")
        else:
            print(f"{kind:<14}{truth[kind]:>14.1f}{predicted[kind]:>14.1f}{'-':>8}{'-':>14}")
    print(f"series-days without a forecast: {missing}")


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "generate":
        generate(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 5)
    elif len(sys.argv) == 4 and sys.argv[1] == "score":
        score(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
