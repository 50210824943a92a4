#!/usr/bin/env python3
"""Forecast benchmark: ShelfCast's train/forecast/backtest timings and accuracy beside statsforecast.

1. Ingests the chain's master data and history into a fresh workspace (timed, for information).
2. `shelfcast train` TRAIN_REPEATS times, `shelfcast forecast` REPEATS times: median wall time and
   peak RSS. Wall time is time.perf_counter around the process; peak RSS is what
   `/usr/bin/time -v` prints as "Maximum resident set size".
3. `shelfcast backtest --holdout-days H --truth chain/truth/expected_demand.csv`: ShelfCast's own
   metrics (metrics.csv) over all series, and its selected forecast per holdout day
   (holdout.csv).
4. statsforecast (forecast_peers.py) on SAMPLE series drawn at random (seed SEED) from the
   holdout: trained on the same days (everything before the holdout, the sales as recorded,
   leading zeros dropped), forecasting the same H days. WAPE on the sample skips the days
   holdout.csv marks censored, as ShelfCast does. ShelfCast's WAPE scores its p50 (as its
   metrics.csv does); the peers' scores their point (mean) forecast; ShelfCast's mean is shown too.
   The oracle's median is the truth's p50 column when the chain has one (realistic profile),
   else the negative binomial median from truth/demand_dispersion.csv; its mean is the truth's
   expected_units. With a p50 column, the selected/oracle ratio over all series uses the p50.
5. ETS speed, per CPU second: ShelfCast's ETS series per second of fit time (training-report.json
   `methods`, whose `fitSeconds` is thread time summed over cores, backtest re-fits included)
   against AutoETS's sample series per CPU second (this process and its N_JOBS workers, from
   getrusage). AutoETS's wall-clock series/s with N_JOBS processes is printed too.

Usage: bench_forecast.py SHELFCAST_BIN CHAIN_DIR OUT_DIR HOLDOUT_DAYS
Environment: SAMPLE (1000), SEED (42), REPEATS (3), TRAIN_REPEATS (1), N_JOBS (2), HORIZON (28),
FORECAST_DATE (the run date; default: the last history day, so the forecast covers the days after).
"""
import datetime as dt
import glob, json, os, shutil, statistics, subprocess, sys, tempfile, time

import numpy as np
import polars as pl

import forecast_peers

TARGETS = {"train_s": 600, "forecast_s": 30, "rss_mib": 4096, "oracle_ratio": 1.10,
           "below_best_peer": 0.10, "ets_speedup": 20}


def env(name, default):
    return type(default)(os.environ.get(name, default))


def run_measured(argv, label):
    """Runs argv under `/usr/bin/time -v`; returns (wall seconds, peak RSS MiB, stdout).

    The peak is GNU time's "Maximum resident set size" of the command alone (measuring from
    this process instead would count the Python interpreter's pages copied at fork).
    """
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-v", "-o", timing.name] + argv,
                              capture_output=True, text=True)
        wall = time.perf_counter() - start
        report = timing.read()
    if proc.returncode != 0:
        sys.exit(f"{label} failed ({proc.returncode}): {' '.join(argv)}\n{proc.stdout}\n"
                 f"{proc.stderr}\n{report}")
    kib = next((int(line.split(":")[1]) for line in report.splitlines()
                if "Maximum resident set size" in line), 0)
    return wall, kib / 1024.0, proc.stdout


def indent(text, limit=40):
    lines = text.rstrip().splitlines()
    shown = lines[:limit] + ([f"... ({len(lines) - limit} more lines)"] if len(lines) > limit else [])
    return "\n".join("    " + line for line in shown)


def family_speeds(report):
    """{family: (series, fit seconds, fits)} from training-report.json, wherever the entries sit
    (TrainingReport.methods: kind, series, fitSeconds, fits)."""
    found = {}

    def walk(node, key=None):
        if isinstance(node, dict):
            seconds = node.get("fitSeconds", node.get("fit_seconds"))
            if seconds is not None and "series" in node:
                name = node.get("kind") or node.get("family") or node.get("name") or key
                found[str(name)] = (float(node["series"]), float(seconds),
                                    int(node.get("fits", 0)))
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)

    walk(report)
    return found


def cell(value):
    """A metrics.csv value for the terminal: integers as they are, numbers to 3 decimals."""
    if isinstance(value, int):
        return str(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "n/a"
    return f"{number:.3f}" if np.isfinite(number) else "n/a"


def wape(actual, forecast, mask):
    denominator = actual[mask].sum()
    return float(np.abs(actual - forecast)[mask].sum() / denominator) if denominator > 0 else float("nan")


def read_keyed(files, keys, date_from, date_to, columns):
    """Rows of CSV files whose (store_id, sku_id) is in `keys` and date in [from, to]."""
    wanted = (keys["store_id"] + "|" + keys["sku_id"]).to_list()
    frame = (pl.scan_csv(files, schema_overrides={"store_id": pl.Utf8, "sku_id": pl.Utf8,
                                                  "date": pl.Utf8})
             .filter((pl.col("date") >= date_from) & (pl.col("date") <= date_to)
                     & (pl.col("store_id") + "|" + pl.col("sku_id")).is_in(wanted))
             .select(["store_id", "sku_id", "date"] + columns))
    return frame.collect(engine="streaming")


def sample_backtest(shelfcast, chain, history, out, holdout_days, last):
    """Backtests ShelfCast on the sampled series alone (their history and the chain's master
    data in a workspace of their own), so its per-family figures, ETS above all, are on exactly
    the series statsforecast saw. Returns (metrics frame, training report)."""
    root = os.path.join(out, "sample")
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.join(root, "history"))
    history.with_columns(pl.col("units").cast(pl.Float64), pl.col("stockout").cast(pl.Int64)) \
        .sort(["date", "store_id", "sku_id"]).write_csv(
            os.path.join(root, "history", "demand_sample.csv"))
    workspace = os.path.join(root, "workspace")
    subprocess.run([shelfcast, "ingest", "--quiet", "--workspace", workspace,
                    "--as-of", last.isoformat(), os.path.join(chain, "master"),
                    os.path.join(root, "history")], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([shelfcast, "backtest", "--quiet", "--workspace", workspace, "--holdout-days",
                    str(holdout_days), "--out", os.path.join(root, "reports")], check=True,
                   stdout=subprocess.DEVNULL)
    backtest = os.path.join(root, "reports", "backtest")
    return (pl.read_csv(os.path.join(backtest, "metrics.csv")),
            json.load(open(os.path.join(backtest, "training-report.json"))))


def dense(frame, column, index, first_day, days, fill=0.0):
    """(series x days) array of `column`, rows in `index` order, missing days = fill."""
    array = np.full((len(index), days), fill, dtype=float)
    if frame.height == 0:
        return array
    rows = np.array([index[(s, k)] for s, k in zip(frame["store_id"], frame["sku_id"])])
    offsets = (frame["date"].str.to_date().cast(pl.Int32).to_numpy()
               - np.int32((first_day - dt.date(1970, 1, 1)).days))
    array[rows, offsets] = frame[column].cast(pl.Float64).to_numpy()
    return array


def truth_columns(chain):
    """The header of the chain's truth/expected_demand.csv."""
    with open(os.path.join(chain, "truth", "expected_demand.csv")) as handle:
        return handle.readline().strip().split(",")


def nb_median(mean, size):
    """Median of the negative binomial with these means and sizes (arrays of one shape), by
    summing its CDF: the smallest k with P(X <= k) >= 0.5. NaN where the mean is NaN."""
    mean = np.asarray(mean, dtype=float)
    size = np.broadcast_to(np.asarray(size, dtype=float), mean.shape)
    result = np.where(np.isnan(mean), np.nan, -1.0)
    positive = ~np.isnan(mean) & (mean > 0)
    result[~np.isnan(mean) & (mean <= 0)] = 0
    m, r = mean[positive], size[positive]
    found = np.full(m.shape, -1.0)
    probability = np.exp(r * np.log(r / (r + m)))
    cumulative = probability.copy()
    k = 0
    while (found < 0).any() and k < 100_000:
        found[(found < 0) & (cumulative >= 0.5)] = k
        probability = probability * (k + r) / (k + 1) * (m / (m + r))
        cumulative += probability
        k += 1
    result[positive] = found
    return result


def oracle_median(chain, keys, index, holdout_start, last, holdout_days, expected):
    """The oracle's median per sample series and holdout day, and where it comes from: the
    truth's p50 column when the chain has one (realistic chains: the true mixture's median);
    otherwise the negative binomial median of the expected units with the SKU's size from
    truth/demand_dispersion.csv; otherwise the expected units themselves."""
    if "p50" in truth_columns(chain):
        truth = read_keyed([os.path.join(chain, "truth", "expected_demand.csv")], keys,
                           holdout_start.isoformat(), last.isoformat(), ["p50"])
        return dense(truth, "p50", index, holdout_start, holdout_days, np.nan), "truth p50"
    path = os.path.join(chain, "truth", "demand_dispersion.csv")
    if not os.path.exists(path):
        return expected, "expected units"
    table = pl.read_csv(path, schema_overrides={"sku_id": pl.Utf8})
    by_sku = {sku: (a, b) for sku, a, b in table.iter_rows()}
    rows = [by_sku.get(sku, (np.nan, 0.0)) for sku in keys["sku_id"]]
    intercept = np.array([a for a, _ in rows])[:, None]
    per_unit = np.array([b for _, b in rows])[:, None]
    return nb_median(expected, intercept + per_unit * expected), "NB median"


def oracle_wape_all(chain, report_dir, holdout_start, last):
    """The oracle's WAPE on its true median (p50) over every series of the backtest's holdout
    (censored days skipped, as metrics.csv does), or None when the truth has no p50."""
    if "p50" not in truth_columns(chain):
        return None
    holdout = (pl.scan_csv(os.path.join(report_dir, "backtest", "holdout.csv"),
                           schema_overrides={"store_id": pl.Utf8, "sku_id": pl.Utf8,
                                             "date": pl.Utf8, "censored": pl.Utf8})
               .filter(~pl.col("censored").is_in(["1", "true", "True"]))
               .select(["store_id", "sku_id", "date", "actual"]).unique())
    truth = (pl.scan_csv(os.path.join(chain, "truth", "expected_demand.csv"),
                         schema_overrides={"store_id": pl.Utf8, "sku_id": pl.Utf8,
                                           "date": pl.Utf8})
             .filter((pl.col("date") >= holdout_start.isoformat())
                     & (pl.col("date") <= last.isoformat()))
             .select(["store_id", "sku_id", "date", "p50"]))
    joined = holdout.join(truth, on=["store_id", "sku_id", "date"]).select(
        (pl.col("actual") - pl.col("p50")).abs().sum().alias("error"),
        pl.col("actual").sum().alias("actual")).collect(engine="streaming")
    actual = float(joined["actual"][0] or 0)
    return float(joined["error"][0]) / actual if actual > 0 else float("nan")


def main():
    shelfcast, chain, out, holdout_days = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    sample_size, seed = env("SAMPLE", 1000), env("SEED", 42)
    repeats, train_repeats, n_jobs = env("REPEATS", 3), env("TRAIN_REPEATS", 1), env("N_JOBS", 2)
    horizon = env("HORIZON", 28)
    config = json.load(open(os.path.join(chain, "chain.json")))
    start = dt.date.fromisoformat(config["start"])
    history_days = config["dayCount"] - config["transactionDayCount"]
    last = start + dt.timedelta(days=history_days - 1)
    holdout_start = last - dt.timedelta(days=holdout_days - 1)
    forecast_date = os.environ.get("FORECAST_DATE") or last.isoformat()
    series_count = config["storeCount"] * config["skuCount"]

    os.makedirs(out, exist_ok=True)
    workspace = os.path.join(out, "workspace")
    shutil.rmtree(workspace, ignore_errors=True)
    wall, rss, _ = run_measured(
        [shelfcast, "ingest", "--quiet", "--workspace", workspace, os.path.join(chain, "master"),
         os.path.join(chain, "history")], "ingest")
    print(f"ingest: {wall:.1f} s, peak {rss:.0f} MiB (not a target here)")

    train = []
    for i in range(train_repeats):
        wall, rss, text = run_measured(
            [shelfcast, "train", "--workspace", workspace, "--horizon", str(horizon)], "train")
        train.append((wall, rss))
        print(f"train run {i + 1}: {wall:.1f} s, peak {rss:.0f} MiB")
    print(indent(text))
    report_path = os.path.join(workspace, "models", "training-report.json")
    speeds = family_speeds(json.load(open(report_path))) if os.path.exists(report_path) else {}

    forecast = []
    forecast_out = os.path.join(out, "forecasts")
    for i in range(repeats):
        shutil.rmtree(forecast_out, ignore_errors=True)
        wall, rss, _ = run_measured(
            [shelfcast, "forecast", "--workspace", workspace, "--date", forecast_date,
             "--horizon", str(horizon), "--out", forecast_out], "forecast")
        forecast.append((wall, rss))
        print(f"forecast run {i + 1}: {wall:.1f} s, peak {rss:.0f} MiB")
    written = glob.glob(os.path.join(forecast_out, "*", "forecast.csv"))
    if written:
        rows = sum(1 for _ in open(written[0])) - 1
        print(f"forecast.csv: {rows:,} rows ({series_count:,} series x {horizon} days = "
              f"{series_count * horizon:,})")
    else:
        print(f"forecast.csv: not found under {forecast_out}")

    report_dir = os.path.join(out, "reports")
    shutil.rmtree(report_dir, ignore_errors=True)
    wall, rss, text = run_measured(
        [shelfcast, "backtest", "--workspace", workspace, "--holdout-days", str(holdout_days),
         "--truth", os.path.join(chain, "truth", "expected_demand.csv"), "--out", report_dir],
        "backtest")
    backtest = (wall, rss)
    print(f"backtest: {wall:.1f} s, peak {rss:.0f} MiB")
    print()

    # ShelfCast's own metrics over all series.
    metrics = pl.read_csv(os.path.join(report_dir, "backtest", "metrics.csv"))
    print("ShelfCast backtest, all series (metrics.csv; WAPE/MASE score p50, RMSSE the mean):")
    shown = [c for c in ("n_series", "n_points", "wape", "mase", "rmsse", "bias_ratio",
                         "coverage_80") if c in metrics.columns]
    print(f"  {'model':<16} {'scope':<6}" + "".join(f" {c:>11}" for c in shown))
    for row in metrics.iter_rows(named=True):
        cells = "".join(f" {cell(row[c]):>11}" for c in shown)
        print(f"  {row['model']:<16} {row['scope']:<6}{cells}")
    def metric(model, scope="all", column="wape"):
        row = metrics.filter((pl.col("model") == model) & (pl.col("scope") == scope))
        value = row[column][0] if row.height else None
        try:
            return float(value)
        except (TypeError, ValueError):
            return float("nan")
    selected_all, oracle_all = metric("selected"), metric("oracle")
    print()

    # The sample and its holdout.
    holdout = pl.read_csv(os.path.join(report_dir, "backtest", "holdout.csv"),
                          schema_overrides={"store_id": pl.Utf8, "sku_id": pl.Utf8,
                                            "date": pl.Utf8, "censored": pl.Utf8, "model": pl.Utf8})
    keys_all = holdout.select(["store_id", "sku_id"]).unique().sort(["store_id", "sku_id"])
    # Medians of the same members in another order are one choice: sort the members.
    members = pl.col("model").str.strip_prefix("Median(").str.strip_suffix(")").str.split(", ")
    choices = (holdout.select(["store_id", "sku_id", "model"]).unique()
               .with_columns(pl.when(pl.col("model").str.starts_with("Median("))
                             .then(pl.lit("Median(") + members.list.sort().list.join(", ")
                                   + pl.lit(")"))
                             .otherwise(pl.col("model")).alias("model"))
               .group_by("model").len().sort(["len", "model"], descending=[True, False]))
    print("selected per series (holdout.csv): " + ", ".join(
        f"{model} {count:,}" for model, count in choices.head(10).iter_rows())
          + (f", {choices.height - 10} more" if choices.height > 10 else ""))
    rng = np.random.default_rng(seed)
    chosen = np.sort(rng.choice(keys_all.height, size=min(sample_size, keys_all.height),
                                replace=False))
    keys = keys_all[chosen]
    index = {(s, k): i for i, (s, k) in enumerate(zip(keys["store_id"], keys["sku_id"]))}
    sample_holdout = holdout.join(keys, on=["store_id", "sku_id"], how="semi").with_columns(
        pl.col("censored").is_in(["1", "true", "True"]).cast(pl.Float64).alias("censored"))
    actual = dense(sample_holdout, "actual", index, holdout_start, holdout_days, np.nan)
    censored = dense(sample_holdout, "censored", index, holdout_start, holdout_days, 1.0) > 0
    p50 = dense(sample_holdout, "p50", index, holdout_start, holdout_days, np.nan)
    mean = dense(sample_holdout, "mean", index, holdout_start, holdout_days, np.nan)
    mask = ~censored & ~np.isnan(actual)

    history_files = sorted(glob.glob(os.path.join(chain, "history", "*.csv")))
    history = read_keyed(history_files, keys, start.isoformat(), last.isoformat(),
                         ["units", "stockout"])
    sales = dense(history, "units", index, start, history_days)
    stockouts = dense(history, "stockout", index, start, history_days) > 0
    train_days = history_days - holdout_days
    same = np.array_equal(sales[:, train_days:][mask], actual[mask])
    same_censoring = np.array_equal(stockouts[:, train_days:], censored)
    print(f"sample: {keys.height:,} of {keys_all.height:,} series (seed {seed}), "
          f"{int(mask.sum()):,} scored days, {int(censored.sum()):,} censored days skipped; "
          f"holdout actuals {'match' if same else 'DO NOT MATCH'} the history files, censoring "
          f"{'matches' if same_censoring else 'DOES NOT MATCH'} their stock-out flags")

    if "expected" in sample_holdout.columns:  # backtest --truth copies the true mean there
        expected = dense(sample_holdout.filter(pl.col("expected").is_not_null()), "expected",
                         index, holdout_start, holdout_days, np.nan)
    else:
        truth_path = os.path.join(chain, "truth", "expected_demand.csv")
        truth = read_keyed([truth_path], keys, holdout_start.isoformat(), last.isoformat(),
                           ["expected_units"])
        expected = dense(truth, "expected_units", index, holdout_start, holdout_days, np.nan)

    oracle_p50, oracle_source = oracle_median(chain, keys, index, holdout_start, last,
                                              holdout_days, expected)
    p50_all = oracle_wape_all(chain, report_dir, holdout_start, last)
    if p50_all is not None:
        print(f"oracle on the truth's p50 over all series, recomputed from holdout.csv: WAPE "
              f"{p50_all:.3f} (metrics.csv's oracle: {oracle_all:.3f}); the ratio below uses it")
        oracle_all = p50_all

    ids = [f"{s}|{k}" for s, k in zip(keys["store_id"], keys["sku_id"])]
    frame = forecast_peers.training_frame(
        {uid: sales[i, :train_days] for i, uid in enumerate(ids)}, {uid: start for uid in ids})
    peer_forecasts, peer_seconds, peer_cpu = forecast_peers.run(frame, holdout_days, n_jobs)

    fast = sales[:, :train_days].mean(axis=1) >= 1.0  # bench's own split, for context only
    scores = {"ShelfCast selected (p50)": p50, "ShelfCast selected (mean)": mean,
              "true expected demand (mean)": expected,
              f"oracle median ({oracle_source})": oracle_p50}
    for label, by_id in peer_forecasts.items():
        scores[label] = np.vstack([by_id[uid] for uid in ids])
    print()
    print(f"WAPE on the sample (censored days skipped; fast = training mean >= 1 unit/day, "
          f"{int(fast.sum())} series; slow {int((~fast).sum())}):")
    print(f"  {'model':<28} {'all':>7} {'fast':>7} {'slow':>7} {'wall s':>8} {'series/s':>9} "
          f"{'CPU s':>8} {'series/CPU s':>12}")
    sample_wape = {}
    for label, forecast_values in scores.items():
        row = [wape(actual, forecast_values, mask & part[:, None])
               for part in (np.ones_like(fast), fast, ~fast)]
        sample_wape[label] = row[0]
        seconds, cpu = peer_seconds.get(label), peer_cpu.get(label)
        timing = (f"{seconds:>8.1f} {keys.height / seconds:>9.1f} {cpu:>8.1f} "
                  f"{keys.height / cpu:>12.1f}" if seconds else "")
        print(f"  {label:<28} " + " ".join(f"{v:>7.3f}" for v in row) + f" {timing}")

    peers = {label: sample_wape[label] for label in peer_forecasts}
    best_peer = min(peers, key=lambda k: peers[k])
    ets_label = next(label for label in peer_forecasts if label.startswith("AutoETS"))
    autoets_rate = keys.height / peer_cpu[ets_label]

    # ShelfCast's ETS family alone on the same series, from a backtest of the sample only.
    sample_metrics, sample_report = sample_backtest(shelfcast, chain, history, out, holdout_days,
                                                    last)
    def sample_metric(model, column):
        row = sample_metrics.filter((pl.col("model") == model) & (pl.col("scope") == "all"))
        return float(row[column][0]) if row.height and column in row.columns else float("nan")
    ets_wape_p50 = sample_metric("ets", "wape")
    ets_wape_mean = sample_metric("ets", "wape_mean")
    sample_ets = family_speeds(sample_report).get("ets")
    print()
    print(f"ShelfCast's ETS family on the same {keys.height:,} series (a backtest of the sample "
          f"alone): WAPE {ets_wape_p50:.3f} on p50, {ets_wape_mean:.3f} on the mean; "
          f"{ets_label} {peers[ets_label]:.3f} on its mean"
          + (f"; ETS fitting {sample_ets[0] / sample_ets[1]:,.0f} series per CPU s there"
             if sample_ets and sample_ets[1] > 0 else ""))
    # The ETS family: the kind "ets", or every kind named ets-something (variants fitted to the
    # same series: their time adds up, the series do not).
    ets_kinds = [k for k in speeds if k.lower() == "ets"] or [
        k for k in speeds if k.lower().startswith("ets")]
    ets_series = max((speeds[k][0] for k in ets_kinds), default=0)
    ets_seconds = sum(speeds[k][1] for k in ets_kinds)
    ets_rate = ets_series / ets_seconds if ets_seconds > 0 else float("nan")
    print()
    if speeds:
        print("ShelfCast fit time per family (training-report.json; thread seconds summed over "
              "cores, backtest re-fits included):")
        for name, (n, seconds, fits) in speeds.items():
            rate = f"{n / seconds:,.0f} series/CPU s" if seconds > 0 else "-"
            print(f"  {name:<20} {n:>9,.0f} series {fits:>9,} fits {seconds:>9.1f} s  {rate}")
    else:
        print(f"no per-family fit times found in {report_path}")

    train_wall = statistics.median(w for w, _ in train)
    forecast_wall = statistics.median(w for w, _ in forecast)
    peak = max(r for _, r in train + forecast + [backtest])
    selected = sample_wape["ShelfCast selected (p50)"]
    below = 1 - selected / peers[best_peer]
    rows = [
        (f"train wall (median of {len(train)})", f"{train_wall:.1f} s",
         f"<= {TARGETS['train_s']} s", train_wall <= TARGETS["train_s"]),
        (f"forecast wall (median of {len(forecast)})", f"{forecast_wall:.1f} s",
         f"<= {TARGETS['forecast_s']} s", forecast_wall <= TARGETS["forecast_s"]),
        ("peak RSS (train, forecast, backtest)", f"{peak:.0f} MiB",
         f"<= {TARGETS['rss_mib']} MiB", peak <= TARGETS["rss_mib"]),
        ("selected / oracle WAPE (all series)", f"{selected_all / oracle_all:.3f}",
         f"<= {TARGETS['oracle_ratio']:.2f}", selected_all / oracle_all <= TARGETS["oracle_ratio"]),
        (f"selected WAPE below {best_peer} (sample)", f"{100 * below:.1f} %",
         f">= {100 * TARGETS['below_best_peer']:.0f} %", below >= TARGETS["below_best_peer"]),
        ("ETS series per CPU s, ShelfCast / AutoETS", f"{ets_rate:,.0f} / {autoets_rate:.1f} = "
         f"{ets_rate / autoets_rate:.1f}x", f">= {TARGETS['ets_speedup']}x",
         ets_rate / autoets_rate >= TARGETS["ets_speedup"]),
        (f"ETS WAPE (mean) vs {ets_label}, same series", f"{ets_wape_mean:.3f} vs "
         f"{peers[ets_label]:.3f}", "<=", ets_wape_mean <= peers[ets_label]),
    ]
    print()
    print(f"{'':<44} {'measured':>24} {'target':>14}")
    for name, value, target, ok in rows:
        print(f"{name:<44} {value:>24} {target:>14}  {'PASS' if ok else 'FAIL'}")
    print(f"(selected WAPE {selected_all:.3f}, oracle {oracle_all:.3f} over all series; on the "
          f"sample ShelfCast {selected:.3f}, best statsforecast {best_peer} {peers[best_peer]:.3f})")


if __name__ == "__main__":
    main()
