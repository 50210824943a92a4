#!/usr/bin/env python3
"""make bench-real, Walmart part: ShelfCast's weekly backtests beside statsforecast.

Usage: bench_real.py walmart IMPORT_DIR RUNS_DIR [N_JOBS]
  IMPORT_DIR: `shelfcast import walmart`'s output (demand.csv).
  RUNS_DIR: one folder per window, w1 (earliest) .. w3 (the last 13 weeks), each holding the
  `shelfcast backtest --holdout-days 13` report of a workspace cut at that window's origin
  (report/backtest/holdout.csv), and `cutoff` (the window's last training date).

The series are those with a value in every week of demand.csv (2,660 of 3,331 for Walmart).
Every model is scored on the same series and weeks: WAPE of the p50 (statsforecast's point
forecast, its mean, is its p50 for these symmetric models) = sum |actual - p50| / sum |actual|,
per window and over all windows. Peers are refitted at each window's origin, as ShelfCast is
(statsforecast cross_validation with refit=True); values are dollars and may be negative, so
no forecast is clipped. TSB uses alpha_d = alpha_p = 0.1 (statsforecast's TSB has no optimiser).

Environment: PEERS_CACHE=FILE keeps the peers' forecasts in FILE (a pickle keyed by model and
window cut-off) and reuses them when present, so ShelfCast can be scored again without refitting
the peers; SKIP_PEERS=1 scores ShelfCast alone; PEERS="LABEL LABEL" fits only those peers (their
labels in the table, e.g. "MSTL(52) SeasonalNaive(52)"). SHIFT_WEEKS=N (set by bench-real.sh)
says the windows end N weeks before the last week: the table is printed, the target on the
last 13 weeks is not scored.
"""
import pickle
import csv, os, sys, time, warnings

os.environ.setdefault("NIXTLA_ID_AS_COL", "1")
import numpy as np
import pandas as pd

H = 13
SEASON = 52


def peers():
    from statsforecast.models import (AutoETS, AutoTheta, CrostonOptimized, MSTL,
                                      SeasonalNaive, TSB)
    return [
        ("AutoETS", lambda: AutoETS(season_length=SEASON)),
        ("MSTL(52)", lambda: MSTL(season_length=SEASON)),
        ("AutoTheta", lambda: AutoTheta(season_length=SEASON)),
        ("SeasonalNaive(52)", lambda: SeasonalNaive(season_length=SEASON)),
        ("CrostonOptimized", lambda: CrostonOptimized()),
        ("TSB(0.1,0.1)", lambda: TSB(alpha_d=0.1, alpha_p=0.1)),
    ]


def wape(actual, forecast):
    actual, forecast = np.asarray(actual, float), np.asarray(forecast, float)
    return float(np.abs(actual - forecast).sum() / np.abs(actual).sum())


def main():
    import_dir, runs_dir = sys.argv[2], sys.argv[3]
    n_jobs = int(sys.argv[4]) if len(sys.argv) > 4 else 2
    demand = pd.read_csv(os.path.join(import_dir, "demand.csv"), dtype={"store_id": str,
                                                                          "sku_id": str})
    demand["ds"] = pd.to_datetime(demand["date"])
    weeks = demand["ds"].nunique()
    counts = demand.groupby(["store_id", "sku_id"])["ds"].transform("count")
    full = demand[counts == weeks].copy()
    full["unique_id"] = full["store_id"] + "/" + full["sku_id"]
    full = full.rename(columns={"units": "y"})[["unique_id", "ds", "y"]]
    full = full.sort_values(["unique_id", "ds"])
    ids = sorted(full["unique_id"].unique())
    shift = int(os.environ.get("SHIFT_WEEKS", "0"))
    last_window = f"the last {H} weeks" if shift == 0 else \
        f"the {H} weeks ending {shift} weeks before the last"
    print(f"Walmart: {len(ids)} store x department series with all {weeks} weeks; horizon {H} "
          f"weeks; 3 rolling windows {H} weeks apart (w3 = {last_window}); refit at "
          f"each origin")
    windows = sorted(d for d in os.listdir(runs_dir) if d.startswith("w"))
    cache_path = os.environ.get("PEERS_CACHE")
    cache = {}
    if cache_path and os.path.exists(cache_path):
        cache = pickle.load(open(cache_path, "rb"))
    labels = [] if os.environ.get("SKIP_PEERS") == "1" else [label for label, _ in peers()]
    if os.environ.get("PEERS"):
        chosen = os.environ["PEERS"].split()
        unknown = [label for label in chosen if label not in labels]
        if unknown:
            sys.exit(f"PEERS: unknown {', '.join(unknown)}; known: {', '.join(labels)}")
        labels = [label for label in labels if label in chosen]
    results = {}  # model -> window -> (actual, forecast) arrays
    timings = {}
    for window in windows:
        cutoff = pd.Timestamp(open(os.path.join(runs_dir, window, "cutoff")).read().strip())
        train = full[full["ds"] <= cutoff]
        test = full[(full["ds"] > cutoff)].groupby("unique_id").head(H)
        test = test.set_index(["unique_id", "ds"])["y"]
        # ShelfCast's p50 from its own backtest of this window.
        holdout = pd.read_csv(os.path.join(runs_dir, window, "report", "backtest",
                                           "holdout.csv"), dtype={"store_id": str,
                                                                  "sku_id": str})
        holdout["unique_id"] = holdout["store_id"] + "/" + holdout["sku_id"]
        holdout["ds"] = pd.to_datetime(holdout["date"])
        own = holdout.set_index(["unique_id", "ds"])["p50"].reindex(test.index)
        if own.isna().any():
            sys.exit(f"{window}: ShelfCast has no p50 for {int(own.isna().sum())} of the "
                     f"{len(own)} held-out points")
        results.setdefault("ShelfCast", {})[window] = (test.to_numpy(), own.to_numpy())
        from statsforecast import StatsForecast
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for label, make in peers():
                if label not in labels:
                    continue
                key = (label, str(cutoff.date()))
                if key not in cache:
                    sf = StatsForecast(models=[make()], freq="W-FRI", n_jobs=n_jobs)
                    start = time.perf_counter()
                    out = sf.forecast(df=train, h=H)
                    timings[label] = timings.get(label, 0) + time.perf_counter() - start
                    if "unique_id" not in out.columns:
                        out = out.reset_index()
                    column = [c for c in out.columns if c not in ("unique_id", "ds")][0]
                    cache[key] = out.set_index(["unique_id", "ds"])[column]
                forecast = cache[key].reindex(test.index)
                results.setdefault(label, {})[window] = (test.to_numpy(),
                                                         forecast.fillna(0).to_numpy())
        print(f"  {window}: trained through {cutoff.date()}, {len(test)} points")

    if cache_path:
        pickle.dump(cache, open(cache_path, "wb"))

    # The table.
    print()
    header = f"{'model':<20}" + "".join(f"{w:>9}" for w in windows) + f"{'overall':>9}" \
        + f"{'median':>9}" + f"{'ratio':>8}"
    print(header)
    best = {w: min((wape(*results[m][w]) for m in results if m != "ShelfCast"),
                   default=float("nan")) for w in windows}
    rows = []
    for model in ["ShelfCast"] + labels:
        per = [wape(*results[model][w]) for w in windows]
        actual = np.concatenate([results[model][w][0] for w in windows])
        forecast = np.concatenate([results[model][w][1] for w in windows])
        rows.append((model, per, wape(actual, forecast), float(np.median(per))))
    shelfcast_overall = rows[0][2]
    for model, per, overall, median in rows:
        print(f"{model:<20}" + "".join(f"{v:>9.4f}" for v in per) + f"{overall:>9.4f}"
              + f"{median:>9.4f}" + f"{overall / shelfcast_overall:>8.3f}")
    if labels:
        print(f"{'best peer':<20}" + "".join(f"{best[w]:>9.4f}" for w in windows))
    print()
    print("ratio = the model's overall WAPE / ShelfCast's (above 1: ShelfCast is better).")
    last = windows[-1]
    own_last = wape(*results["ShelfCast"][last])
    if shift == 0:
        print(f"Target 1, WAPE of the last {H} weeks <= 0.079: ShelfCast {own_last:.4f} "
              f"({'met' if own_last <= 0.079 else 'NOT met'})")
    else:
        print(f"Target 1 (the last {H} weeks) not scored: these windows end {shift} weeks "
              f"earlier")
    if labels:
        beaten = [w for w in windows if wape(*results["ShelfCast"][w]) > best[w]]
        print(f"Target 2, no worse than the best peer on each window: "
              f"{'met' if not beaten else 'NOT met on ' + ', '.join(beaten)}")
    else:
        print("Target 2: not scored (SKIP_PEERS=1)")
    print("peer seconds (all windows): "
          + ", ".join(f"{k} {v:.1f}" for k, v in timings.items()))


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[1] != "walmart":
        sys.exit(__doc__)
    main()
