"""How close can any forecast come to the realistic profile's oracle?

The oracle of `backtest --truth` on a realistic chain is the true distribution's median on each
target day: it knows every day's latent level, markdown, off-shelf spell and level shift. A
forecast made at an origin cannot know what those drivers will do after it. This script
measures the part of that gap owed to the latent AR(1) log-level alone (the profile's
`RealisticSeriesState`: x <- phi x + sigma eps, phi uniform in 0.90...0.97, stationary sd 0.3,
demand x exp(x - 0.045)), for a forecaster that knows everything else perfectly AND the latent
level at the origin exactly:

- per series, the volume is its truth's mean expected demand over the 91 days before the
  truth's last 91, and its negative binomial size is the chain's `nb_size_intercept +
  nb_size_per_unit * mean` (truth/demand_dispersion.csv);
- a latent path is drawn for the 28 days after the origin; demand is drawn from it;
- the oracle's p50 is the NB median of each day's true mean; the causal p50 is the exact median
  of the predictive mixture over the unknown path given the origin's level (`--draws` paths
  drawn from the origin, the mixture's CDF searched by bisection);
- WAPE of both over every series and day, and their ratio per horizon week.

Weekday, season and promotions are left out (a perfect forecaster knows them), and so are the
other unpredictable drivers (future markdowns, off-shelf spells, level shifts, bulk buys) and
the error of estimating the origin's level from noisy counts: every one of them only widens the
gap. So the ratio printed is a lower bound of what any forecast can reach against that oracle.

Usage (numpy and scipy from Benchmarks/.venv):
    shelfcast generate --profile realistic --stores 20 --skus 100 --start 2024-11-01 \
        --days 730 --transaction-days 0 --seed 11 --out /tmp/rchain
    Benchmarks/.venv/bin/python Benchmarks/oracle_bound.py /tmp/rchain --replications 11
About 65 s per replication of 1,905 series on a 2-core machine.
"""
import argparse
import csv
import statistics

import numpy as np
from scipy.stats import nbinom

LATENT_SD = 0.3
HORIZON_DAYS = 28


def volumes(chain):
    """Per series with demand: mean expected units a day, NB size intercept and slope."""
    rows = list(csv.DictReader(open(f"{chain}/truth/expected_demand.csv")))
    dates = sorted({r["date"] for r in rows})
    window = set(dates[-182:-91])
    sums = {}
    for r in rows:
        if r["date"] in window:
            key = (r["store_id"], r["sku_id"])
            sums[key] = sums.get(key, 0.0) + float(r["expected_units"])
    sizes = {
        r["sku_id"]: (float(r["nb_size_intercept"]), float(r["nb_size_per_unit"]))
        for r in csv.DictReader(open(f"{chain}/truth/demand_dispersion.csv"))
    }
    keys = [k for k, v in sums.items() if v > 0]
    mean = np.array([sums[k] / len(window) for k in keys])
    intercept = np.array([sizes[k[1]][0] for k in keys])
    slope = np.array([sizes[k[1]][1] for k in keys])
    return mean, intercept, slope


def mixture_median(means, sizes):
    """Per column, the smallest count whose mixture CDF (rows equally weighted) is >= 0.5."""
    p = sizes / (sizes + means)
    lo = np.zeros(means.shape[1])
    hi = np.ceil(nbinom.ppf(0.999, sizes, p).max(axis=0)) + 1
    while np.any(lo < hi):
        mid = np.floor((lo + hi) / 2)
        ok = nbinom.cdf(mid[None, :], sizes, p).mean(axis=0) >= 0.5
        hi = np.where(ok, mid, hi)
        lo = np.where(ok, lo, mid + 1)
    return hi


def replication(mean, intercept, slope, seed, draws):
    rng = np.random.default_rng(seed)
    n = len(mean)
    phi = rng.uniform(0.90, 0.97, n)
    innovation = LATENT_SD * np.sqrt(1 - phi**2)
    x = LATENT_SD * rng.standard_normal(n)
    paths = np.repeat(x[None, :], draws, axis=0)
    oracle, causal, actual = (np.zeros(HORIZON_DAYS) for _ in range(3))
    for h in range(HORIZON_DAYS):
        x = phi * x + innovation * rng.standard_normal(n)
        paths = phi[None, :] * paths + innovation[None, :] * rng.standard_normal((draws, n))
        m = mean * np.exp(x - 0.045)
        size = intercept + slope * m
        y = rng.negative_binomial(size, size / (size + m))
        oracle_p50 = nbinom.ppf(0.5, size, size / (size + m))
        mm = mean[None, :] * np.exp(paths - 0.045)
        causal_p50 = mixture_median(mm, intercept[None, :] + slope[None, :] * mm)
        oracle[h] = np.abs(y - oracle_p50).sum()
        causal[h] = np.abs(y - causal_p50).sum()
        actual[h] = y.sum()
    return oracle, causal, actual


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("chain", help="a realistic chain from shelfcast generate")
    parser.add_argument("--replications", type=int, default=5)
    parser.add_argument("--draws", type=int, default=400, help="latent paths per series")
    args = parser.parse_args()
    mean, intercept, slope = volumes(args.chain)
    weekly, overall = [[] for _ in range(4)], []
    for seed in range(1, args.replications + 1):
        oracle, causal, actual = replication(mean, intercept, slope, seed, args.draws)
        for week in range(4):
            days = slice(7 * week, 7 * week + 7)
            weekly[week].append(causal[days].sum() / oracle[days].sum())
        overall.append(causal.sum() / oracle.sum())
        print(
            f"replication {seed}: oracle WAPE {oracle.sum() / actual.sum():.4f}, "
            f"causal {causal.sum() / actual.sum():.4f}, ratio {overall[-1]:.4f}"
        )
    print(f"{len(mean)} series, {args.replications} replications; median causal / oracle WAPE:")
    print("  by week ahead: " + ", ".join(f"{statistics.median(w):.3f}" for w in weekly))
    print(
        f"  all 28 days: {statistics.median(overall):.3f} "
        f"(range {min(overall):.3f} ... {max(overall):.3f})"
    )


if __name__ == "__main__":
    main()
