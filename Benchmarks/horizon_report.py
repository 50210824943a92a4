"""Accuracy by horizon from a windowed backtest (`shelfcast backtest --windows N --step S`).

Usage: horizon_report.py BACKTEST_DIR

Reads BACKTEST_DIR/holdout.csv (one row per series, origin and held-out day, with the
selected forecast's p10/p50/p90/mean, `origin` and `horizon_days`) and prints:
- per week ahead: points, WAPE of p50, bias of the mean (sum(mean - actual) / sum(actual)),
  80 % interval coverage (p10 <= actual <= p90), over uncensored days; then coverage by week
  for fast and slow movers, with the shares below, above and at an end of the band;
- on the SAME target days scored both 1-7 and 22-28 days ahead (by different origins of the
  same series), the WAPE of each and the relative gain of the fresh forecast
  (1 - WAPE(1-7) / WAPE(22-28)); the issue's target is a gain of at least 5 %.
"""
import sys

import polars as pl


def main():
    directory = sys.argv[1]
    rows = pl.read_csv(f"{directory}/holdout.csv",
                       schema_overrides={"store_id": pl.Utf8, "sku_id": pl.Utf8,
                                         "date": pl.Utf8, "origin": pl.Utf8, "model": pl.Utf8,
                                         "censored": pl.Utf8})
    rows = rows.filter(pl.col("censored").is_in(["0", "false"]))
    rows = rows.with_columns(((pl.col("horizon_days") - 1) // 7 + 1).alias("week"),
                             ((pl.col("actual") >= pl.col("p10"))
                              & (pl.col("actual") <= pl.col("p90"))).alias("covered"))

    def summary(frame):
        actual = frame["actual"].sum()
        return (frame.height,
                (frame["p50"] - frame["actual"]).abs().sum() / actual if actual else float("nan"),
                (frame["mean"] - frame["actual"]).sum() / actual * 100 if actual else float("nan"),
                frame["covered"].mean() * 100 if frame.height else float("nan"))

    origins = rows["origin"].unique().sort().to_list()
    print(f"windowed backtest: {len(origins)} origins {', '.join(origins)}")
    print(f"  {'days ahead':<12}{'points':>10}{'WAPE p50':>10}{'bias %':>9}{'cov 80 %':>10}")
    for week in sorted(rows["week"].unique().to_list()):
        frame = rows.filter(pl.col("week") == week)
        lo, hi = frame["horizon_days"].min(), frame["horizon_days"].max()
        n, wape, bias, coverage = summary(frame)
        print(f"  {f'{lo}-{hi}':<12}{n:>10,}{wape:>10.4f}{bias:>9.2f}{coverage:>10.1f}")
    n, wape, bias, coverage = summary(rows)
    print(f"  {'all':<12}{n:>10,}{wape:>10.4f}{bias:>9.2f}{coverage:>10.1f}")
    coverage_by_kind(rows)

    keys = ["store_id", "sku_id", "date"]
    fresh = rows.filter(pl.col("horizon_days") <= 7).select(keys + ["actual", "p50"])
    stale = rows.filter((pl.col("horizon_days") >= 22) & (pl.col("horizon_days") <= 28)) \
        .select(keys + ["p50"]).rename({"p50": "p50_stale"})
    both = fresh.join(stale, on=keys, how="inner")
    if both.height == 0:
        print("same target days 1-7 and 22-28 days ahead: none (use --windows 4 --step 7)")
        return
    actual = both["actual"].sum()
    wape_fresh = (both["p50"] - both["actual"]).abs().sum() / actual
    wape_stale = (both["p50_stale"] - both["actual"]).abs().sum() / actual
    print(f"same target days ({both.height:,} points, {both['date'].n_unique()} days): "
          f"WAPE issued 1-7 days ahead {wape_fresh:.4f}, 22-28 days ahead {wape_stale:.4f}; "
          f"gain {100 * (1 - wape_fresh / wape_stale):.1f} % (target >= 5 %)")


def coverage_by_kind(rows):
    """80 % coverage by week for fast movers (mean forecast of at least 1 unit a day over the
    series' rows) and slow ones, with the shares below p10, above p90 and equal to an end of
    the band: a count's interval whose lower end is 0 covers every zero day, so the slow
    movers' coverage sits above 80 % even for the true distribution."""
    kinds = rows.with_columns(
        (pl.col("mean").mean().over(["store_id", "sku_id"]) >= 1).alias("fast"))
    print("  80 % coverage by kind (fast: mean forecast >= 1 a day), % of days:")
    print(f"  {'kind':<6}{'week':>5}{'points':>11}{'covered':>9}{'below':>7}{'above':>7}"
          f"{'at end':>8}")
    table = kinds.group_by(["fast", "week"]).agg(
        pl.len().alias("points"), (pl.col("covered").mean() * 100).alias("covered"),
        ((pl.col("actual") < pl.col("p10")).mean() * 100).alias("below"),
        ((pl.col("actual") > pl.col("p90")).mean() * 100).alias("above"),
        (((pl.col("actual") == pl.col("p10")) | (pl.col("actual") == pl.col("p90"))).mean()
         * 100).alias("at_end")).sort(["fast", "week"], descending=[True, False])
    for row in table.iter_rows(named=True):
        print(f"  {'fast' if row['fast'] else 'slow':<6}{row['week']:>5}{row['points']:>11,}"
              f"{row['covered']:>9.1f}{row['below']:>7.1f}{row['above']:>7.1f}"
              f"{row['at_end']:>8.1f}")


if __name__ == "__main__":
    main()
