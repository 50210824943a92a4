#!/usr/bin/env python3
"""Converts the M5 subset (read in place) into ShelfCast chain files.

One store per M5 store_id, one SKU per item_id (category = cat_id, lower case; the M5 ids are
kept as they are), calendar.csv with the M5 event names as holidays (two events on a day are
joined with " / "), an empty promotions.csv, and monthly history files holding d_1..d_1913 and
the 28 actual days d_1914..d_1941, so that `shelfcast backtest --holdout-days 28` holds out
exactly the M5 validation window. Only days with sales are written (missing rows mean 0, as in
the generator's history files); M5 has no stock-out information, so `stockout` is always 0.
Prices are not in the subset: unit_cost/unit_price/case_pack/lead_time are placeholders.

Also writes series.json: the M5 id of each (store_id, sku_id) and the dates of d_1, d_1913 and
d_1941, for m5_score.py.

Usage: m5_prepare.py M5_DIR OUT_DIR [--meta-only]

With --meta-only only series.json is written (the chain files then come from
`shelfcast import m5`, as in Benchmarks/m5.sh).
"""
import csv, json, os, sys
from collections import defaultdict

TRAIN_DAYS, HOLDOUT_DAYS = 1913, 28


def main():
    m5, out = sys.argv[1], sys.argv[2]
    meta_only = "--meta-only" in sys.argv[3:]
    os.makedirs(os.path.join(out, "master"), exist_ok=True)
    os.makedirs(os.path.join(out, "history"), exist_ok=True)

    with open(os.path.join(m5, "calendar.csv"), newline="") as f:
        calendar = list(csv.DictReader(f))
    date_of = {row["d"]: row["date"] for row in calendar}

    with open(os.path.join(m5, "sales_train_validation.csv"), newline="") as f:
        sales = list(csv.DictReader(f))
    with open(os.path.join(m5, "actuals_d1914_d1941.csv"), newline="") as f:
        actuals = {row["id"]: row for row in csv.DictReader(f)}

    days = [f"d_{i}" for i in range(1, TRAIN_DAYS + HOLDOUT_DAYS + 1)]
    stores, skus, series = {}, {}, []
    by_date = defaultdict(list)  # date -> [(store, sku, units)]
    for row in sales:
        store, sku = row["store_id"], row["item_id"]
        stores.setdefault(store, row["state_id"])
        skus.setdefault(sku, row["cat_id"].lower())
        truth = actuals.get(row["id"])
        if truth is None:
            sys.exit(f"{row['id']} has no actuals in actuals_d1914_d1941.csv")
        values = [int(row[d]) for d in days[:TRAIN_DAYS]] + [int(truth[d]) for d in days[TRAIN_DAYS:]]
        for d, units in zip(days, values):
            if units != 0:
                by_date[date_of[d]].append((store, sku, units))
        series.append({"id": row["id"], "store_id": store, "sku_id": sku, "values": values})

    first_date = date_of["d_1"]
    if meta_only:
        write_meta(out, first_date, date_of, series, stores, skus)
        return
    with open(os.path.join(out, "master", "stores.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["store_id", "name", "region", "format", "open_date"])
        for store, state in sorted(stores.items()):
            w.writerow([store, f"Walmart {store}", state, "supermarket", first_date])
    with open(os.path.join(out, "master", "skus.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["sku_id", "name", "category", "unit_cost", "unit_price", "case_pack",
                    "lead_time_days", "min_order_qty"])
        for sku, category in sorted(skus.items()):
            w.writerow([sku, sku, category, "1.00", "1.50", 1, 1, 1])
    with open(os.path.join(out, "master", "calendar.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["date", "holiday"])
        for row in calendar:
            events = [e for e in (row["event_name_1"], row["event_name_2"]) if e]
            w.writerow([row["date"], " / ".join(events)])
    with open(os.path.join(out, "master", "promotions.csv"), "w", newline="") as f:
        f.write("store_id,sku_id,start_date,end_date,discount_pct\n")

    months = defaultdict(list)
    for date in sorted(by_date):
        for store, sku, units in sorted(by_date[date]):
            months[date[:7]].append((store, sku, date, units))
    for month, rows in months.items():
        with open(os.path.join(out, "history", f"demand_{month}.csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["store_id", "sku_id", "date", "units", "stockout"])
            for store, sku, date, units in rows:
                w.writerow([store, sku, date, units, 0])

    write_meta(out, first_date, date_of, series, stores, skus)


def write_meta(out, first_date, date_of, series, stores, skus):
    meta = {"first_date": first_date, "last_train_date": date_of[f"d_{TRAIN_DAYS}"],
            "last_date": date_of[f"d_{TRAIN_DAYS + HOLDOUT_DAYS}"], "train_days": TRAIN_DAYS,
            "holdout_days": HOLDOUT_DAYS, "series": series}
    with open(os.path.join(out, "series.json"), "w") as f:
        json.dump(meta, f)
    print(f"M5 subset: {len(series)} series, {len(stores)} stores, {len(skus)} SKUs, "
          f"{meta['first_date']} .. {meta['last_train_date']} + {HOLDOUT_DAYS} holdout days "
          f"through {meta['last_date']}, written to {out}")


if __name__ == "__main__":
    main()
