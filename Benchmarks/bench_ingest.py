#!/usr/bin/env python3
"""Ingest benchmark: ShelfCast against polars and DuckDB on the same transaction files.

Each tool runs as its own process, REPEATS times; wall time comes from time.perf_counter around
the process and peak memory from the child's ru_maxrss (os.wait4). Prints medians, ratios, and
checks that all three agree on the totals (net units and transaction lines).

Usage: bench_ingest.py SHELFCAST_BIN CHAIN_DIR OUT_DIR [REPEATS]
"""
import glob, json, os, shutil, statistics, subprocess, sys, time

POLARS = r"""
import time
start = time.perf_counter()
import polars as pl, sys
files = sorted(sys.argv[1:-1])
(pl.scan_csv(files, schema_overrides={"date": pl.Utf8, "store_id": pl.Utf8, "sku_id": pl.Utf8,
   "quantity": pl.Float64, "unit_price": pl.Float64, "promo": pl.Int64, "txn_id": pl.Utf8})
   .group_by(["date", "store_id", "sku_id"])
   .agg(pl.col("quantity").sum().alias("units"), pl.len().alias("lines"))
   .sink_csv(sys.argv[-1]))
print(f"inprocess {time.perf_counter() - start:.4f}")
"""

DUCKDB = r"""
import time
start = time.perf_counter()
import duckdb, os, sys
con = duckdb.connect()
con.execute(f"SET threads TO {os.cpu_count()}")
files = sorted(sys.argv[1:-1])
columns = ("{'date': 'VARCHAR', 'store_id': 'VARCHAR', 'sku_id': 'VARCHAR', 'quantity': 'DOUBLE', "
           "'unit_price': 'DOUBLE', 'promo': 'INTEGER', 'txn_id': 'VARCHAR'}")
con.execute(
    "COPY (SELECT date, store_id, sku_id, sum(quantity) AS units, count(*) AS lines "
    f"FROM read_csv({files!r}, header = true, columns = {columns}) GROUP BY ALL) "
    f"TO '{sys.argv[-1]}' (HEADER, DELIMITER ',')")
print(f"inprocess {time.perf_counter() - start:.4f}")
"""


def run(argv, env=None):
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out = proc.stdout.read().decode()
    err = proc.stderr.read().decode()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{argv[0]} failed ({code}):\n{out}\n{err}")
    return wall, usage.ru_maxrss / 1024.0, out


def in_process_seconds(output):
    """The time a tool reports for its own work, after interpreter start-up."""
    for line in output.splitlines():
        if line.startswith("inprocess "):
            return float(line.split()[1])
        if " rows read, " in line and line.rstrip().endswith(" s"):
            return float(line.rsplit(" in ", 1)[1].split()[0])
    return float("nan")


def totals_from_csv(path):
    units = lines = 0.0
    import csv
    with open(path) as f:
        for row in csv.DictReader(f):
            units += float(row["units"])
            lines += float(row["lines"])
    return round(units, 3), int(lines)


def main():
    shelfcast, chain, out = sys.argv[1], sys.argv[2], sys.argv[3]
    repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    python = sys.executable
    files = sorted(glob.glob(os.path.join(chain, "inbox", "transactions_*.csv")))
    size = sum(os.path.getsize(f) for f in files)
    with open(files[0]) as f:
        pass
    line_count = sum(1 for f in files for _ in open(f, "rb")) - len(files)
    print(f"{len(files)} transaction files, {line_count:,} lines, {size / 1e6:.0f} MB")
    results = {"shelfcast": [], "polars": [], "duckdb": []}
    totals = {}
    os.makedirs(out, exist_ok=True)
    for i in range(repeats):
        workspace = os.path.join(out, "workspace")
        shutil.rmtree(workspace, ignore_errors=True)
        # Master data first (tiny), then the timed ingest of the month of transactions.
        run([shelfcast, "ingest", "--quiet", "--workspace", workspace, os.path.join(chain, "master")])
        wall, rss, output = run([shelfcast, "ingest", "--quiet", "--workspace", workspace] + files)
        results["shelfcast"].append((wall, rss, in_process_seconds(output)))
        _, _, status = run([shelfcast, "status", "--json", "--workspace", workspace])
        s = json.loads(status)
        totals["shelfcast"] = (round(s["unitsSold"] - s["unitsReturned"], 3), s["lines"])
        for name, script in (("polars", POLARS), ("duckdb", DUCKDB)):
            target = os.path.join(out, f"{name}.csv")
            wall, rss, output = run([python, "-c", script] + files + [target])
            results[name].append((wall, rss, in_process_seconds(output)))
            totals[name] = totals_from_csv(target)
        print(f"run {i + 1}: " + ", ".join(f"{k} {v[-1][0]:.2f} s" for k, v in results.items()))
    print()
    print("wall = whole process; in-process = the tool's own timing, after interpreter start-up")
    print(f"{'tool':<10} {'median wall (s)':>16} {'in-process (s)':>15} {'peak RSS (MB)':>14} {'lines/s':>14}")
    med = {}
    inner = {}
    for name, runs in results.items():
        wall = statistics.median(r[0] for r in runs)
        inner[name] = statistics.median(r[2] for r in runs)
        rss = max(r[1] for r in runs)
        med[name] = wall
        print(f"{name:<10} {wall:>16.3f} {inner[name]:>15.3f} {rss:>14.0f} {line_count / wall:>14,.0f}")
    print()
    print(f"ShelfCast / polars: {med['shelfcast'] / med['polars']:.2f} wall, "
          f"{inner['shelfcast'] / inner['polars']:.2f} in-process   (target <= 0.5)")
    print(f"ShelfCast / DuckDB: {med['shelfcast'] / med['duckdb']:.2f} wall, "
          f"{inner['shelfcast'] / inner['duckdb']:.2f} in-process")
    print()
    agree = len(set(totals.values())) == 1
    for name, (units, lines) in totals.items():
        print(f"totals {name:<10} net units {units:>14,.3f}  lines {lines:>12,}")
    print("totals agree" if agree else "TOTALS DIFFER")
    sys.exit(0 if agree else 1)


if __name__ == "__main__":
    main()
