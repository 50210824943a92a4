#!/usr/bin/env python3
"""Writes the fuzz seed corpus, Fuzz/corpus/: small inputs of every kind ShelfCast ingests.

Run from anywhere: python3 Fuzz/make_corpus.py
The output is deterministic; the committed files are exactly what this script writes.

Two sources:
- every committed file of Tests/Fixtures/bad-input up to 4 KiB that is an input (not the
  manifest or its script), under its own name with the prefix `bad-`: the hostile shapes;
- hand-written valid files of each kind (`ok-*`), using the master data the fuzz harness checks
  against (IngestFuzzHarness: stores S001, S002, STORE-LONG-9; SKUs P001-P003, P0000000001;
  as-of 2025-03-31), so that mutations start from rows that reach the deepest checks (aggregation,
  block encoding, re-delivery).
"""

import os

HERE = os.path.dirname(os.path.abspath(__file__))
BAD = os.path.join(HERE, "..", "Tests", "Fixtures", "bad-input")
OUT = os.path.join(HERE, "corpus")

SEEDS = {
    "ok-transactions.csv": (
        "date,store_id,sku_id,quantity,unit_price,promo,txn_id\n"
        "2025-03-10,S001,P001,2,1.20,0,R-1\n"
        "2025-03-10,S001,P002,1,2.50,1,R-1\n"
        "2025-03-10,S001,P001,-1,1.20,0,R-2\n"
        "2025-03-11,S002,P003,3,3.00,0,R-3\n"
        "2025-03-10,S001,P003,1,3.00,0,R-4\n"
        "2025-03-11,STORE-LONG-9,P0000000001,4,0.5,y,\"R-\"\"5\"\"\"\n"
    ),
    "ok-transactions-crlf-aliases.csv": (
        "Sale Date,Store,Item-ID,Qty,Price,On_Promo,Receipt_ID,email\r\n"
        "2025-03-01,S002,P001,1,1.2,true,T1,a@b.c\r\n"
        "2025-03-01,\"S002\",P002,1e1,0.25,false,T1,\r\n"
    ),
    "ok-transactions-no-ids.csv": (
        "date,store_id,sku_id,quantity\n"
        "2025-03-31,S001,P001,10000\n"
        "2025-03-31,S001,P001,0.001\n"
    ),
    "ok-daily-demand.csv": (
        "store_id,sku_id,date,units,stockout\n"
        "S001,P001,2025-03-01,31,0\n"
        "S001,P002,2025-03-01,0,1\n"
        "S002,P001,2025-03-02,1.5,no\n"
        "STORE-LONG-9,P0000000001,1999-12-31,7,\n"
    ),
    "ok-inventory-named.csv": (
        "store_id,sku_id,on_hand,on_order\n"
        "S001,P001,5,78\n"
        "S001,P002,0, \n"
        "S002,P003,12.5,0\n"
    ),
    "ok-inventory-dated.csv": (
        "store,sku,stock_on_hand,snapshot_date\n"
        "S001,P001,5,2025-03-30\n"
        "S001,P001,6,2025-03-31\n"
    ),
    "ok-stores.csv": (
        "store_id,name,region,format,open_date\n"
        "S001,Central,North,hyper,2020-01-01\n"
        "S002,\"Harbour, Quay\",South,super,\n"
        "S003,=cmd,\"\"\"x\"\"\",-,2025-03-01\n"
    ),
    "ok-skus.csv": (
        "sku_id,name,category,unit_cost,unit_price,case_pack,lead_time_days,min_order_qty\n"
        "P001,Milk,dairy,0.60,1.20,12,2,24\n"
        "P002,\"Bread, \"\"white\"\"\",bakery,0.80,2.50,10,1,0\n"
    ),
    "ok-calendar.csv": "date,holiday\n2025-12-25,Christmas\n2025-12-26,\n2024-02-29,Leap\n",
    "ok-promotions.csv": (
        "store_id,sku_id,start_date,end_date,discount_pct\n"
        "S001,P001,2025-02-21,2025-03-05,30\n"
        "S002,P0000000001,2025-03-01,2025-03-01,100\n"
    ),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in os.listdir(OUT):
        os.remove(os.path.join(OUT, name))
    for name in sorted(os.listdir(BAD)):
        path = os.path.join(BAD, name)
        if name.startswith(".") or name in ("expected.csv", "make_fixtures.py"):
            continue
        if not os.path.isfile(path):
            continue
        if os.path.getsize(path) > 4096:
            continue
        with open(path, "rb") as source, open(os.path.join(OUT, "bad-" + name), "wb") as target:
            target.write(source.read())
    for name, text in SEEDS.items():
        with open(os.path.join(OUT, name), "wb") as target:
            target.write(text.encode("utf-8"))


if __name__ == "__main__":
    main()
