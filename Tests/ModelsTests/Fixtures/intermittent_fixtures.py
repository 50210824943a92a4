"""Reference values for the baseline and intermittent-demand models, from statsforecast.

Produces baseline_seasonal_naive.json, intermittent_croston.json, intermittent_tsb.json and
intermittent_count_quantiles.json (scipy.stats) next to this file. Command (statsforecast 2.1.1,
numpy, scipy, Python 3.11):

    python3 -m venv /tmp/venv-intermittent
    /tmp/venv-intermittent/bin/pip install statsforecast==2.1.1
    /tmp/venv-intermittent/bin/python Tests/ModelsTests/Fixtures/intermittent_fixtures.py

Numbers are written with repr (17 significant digits, exact round trip); NaN as null.
"""
import json
import math
import os
import warnings

import numpy as np
import scipy
import statsforecast
from scipy import stats
from statsforecast.models import TSB, CrostonOptimized, CrostonSBA, SeasonalNaive
from statsforecast.models import _demand, _intervals, _optimized_ses_forecast

warnings.simplefilter("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20240601)


def clean(values):
    return [None if (isinstance(v, float) and math.isnan(v)) else float(v) for v in values]


def intermittent(n, p_demand, mean_size):
    demand = rng.random(n) < p_demand
    sizes = 1 + rng.poisson(mean_size - 1, n)
    return np.where(demand, sizes, 0).astype(np.float64)


def seasonal(n):
    weekday = np.array([1.0, 0.9, 0.9, 1.0, 1.2, 1.6, 1.4])
    return rng.poisson(6 * weekday[np.arange(n) % 7]).astype(np.float64)


series = {
    "intermittent_70pct_zeros": intermittent(60, 0.3, 3),
    "intermittent_leading_zeros": np.concatenate([np.zeros(9), intermittent(40, 0.25, 2)]),
    "lumpy_trailing_zeros": np.concatenate([intermittent(45, 0.2, 8), np.zeros(12)]),
    "smooth_seasonal": seasonal(56),
    "two_demands": np.array([0, 0, 4, 0, 0, 0, 0, 2, 0, 0], dtype=np.float64),
    "one_demand": np.array([0, 0, 0, 5, 0, 0], dtype=np.float64),
}
header = {
    "producer": "Tests/ModelsTests/Fixtures/intermittent_fixtures.py",
    "command": "/tmp/venv-intermittent/bin/python "
    "Tests/ModelsTests/Fixtures/intermittent_fixtures.py",
    "statsforecast": statsforecast.__version__,
    "numpy": np.__version__,
    "scipy": scipy.__version__,
}
h = 14

# Seasonal naive: mean, fitted and the Gaussian intervals (lo/hi at 80 and 95 %).
cases = []
for name in ["smooth_seasonal", "intermittent_70pct_zeros", "lumpy_trailing_zeros"]:
    y = series[name]
    out = SeasonalNaive(season_length=7).forecast(y, h, level=[80, 95], fitted=True)
    cases.append({
        "name": name, "y": clean(y), "horizon": h, "mean": clean(out["mean"]),
        "fitted": clean(out["fitted"]),
        "quantiles": {
            "0.025": clean(out["lo-95"]), "0.1": clean(out["lo-80"]),
            "0.9": clean(out["hi-80"]), "0.975": clean(out["hi-95"]),
        },
    })
with open(os.path.join(HERE, "baseline_seasonal_naive.json"), "w") as f:
    json.dump({**header, "call": "SeasonalNaive(season_length=7).forecast(y, 14, "
               "level=[80, 95], fitted=True); quantile 0.1 = lo-80, 0.9 = hi-80, "
               "0.025 = lo-95, 0.975 = hi-95 (unclipped)", "cases": cases}, f, indent=1)

# Croston: SBA with alpha 0.1 (mean and fitted), and the optimised parameters and mean.
cases = []
for name, y in series.items():
    sba = CrostonSBA().forecast(y, h, fitted=True)
    optimized = CrostonOptimized().forecast(y, h)
    yd, yi = _demand(y), _intervals(y)
    cases.append({
        "name": name, "y": clean(y), "horizon": h,
        "sba_mean": clean(sba["mean"]), "sba_fitted": clean(sba["fitted"]),
        "optimized_mean": clean(optimized["mean"]),
        "optimized_size_alpha": _optimized_ses_forecast(yd)[2] if yd.size else None,
        "optimized_interval_alpha": _optimized_ses_forecast(yi)[2] if yi.size else None,
    })
with open(os.path.join(HERE, "intermittent_croston.json"), "w") as f:
    json.dump({**header, "call": "CrostonSBA().forecast(y, 14, fitted=True); "
               "CrostonOptimized().forecast(y, 14); alphas from "
               "_optimized_ses_forecast(_demand(y)) and (_intervals(y)) (bounds 0.1, 0.3)",
               "cases": cases}, f, indent=1)

# TSB with fixed parameters.
cases = []
for alpha_d, alpha_p in [(0.1, 0.1), (0.3, 0.05), (0.05, 0.25)]:
    for name, y in series.items():
        out = TSB(alpha_d=alpha_d, alpha_p=alpha_p).forecast(y, h, fitted=True)
        cases.append({
            "name": name, "alpha_d": alpha_d, "alpha_p": alpha_p, "y": clean(y),
            "horizon": h, "mean": clean(out["mean"]), "fitted": clean(out["fitted"]),
        })
with open(os.path.join(HERE, "intermittent_tsb.json"), "w") as f:
    json.dump({**header, "call": "TSB(alpha_d=alpha_d, alpha_p=alpha_p).forecast(y, 14, "
               "fitted=True)", "cases": cases}, f, indent=1)

# Count quantiles: NB2 with mean mu and variance mu + phi mu^2 is scipy's nbinom with
# n = 1/phi, p = n / (n + mu); phi = 0 is the Poisson distribution.
levels = [0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975, 0.99]
cases = []
for mu, phi in [(0.05, 0.0), (0.3, 0.0), (0.3, 2.5), (0.8, 0.7), (1.7, 0.0), (2.2, 0.35),
                (6.0, 0.1), (25.0, 0.02), (140.0, 0.0), (3.0, 100.0), (600.0, 0.0),
                (900.0, 0.0), (400.0, 0.01)]:
    if phi == 0:
        q = stats.poisson.ppf(levels, mu)
        call = f"poisson.ppf(levels, {mu})"
    else:
        n = 1 / phi
        q = stats.nbinom.ppf(levels, n, n / (n + mu))
        call = f"nbinom.ppf(levels, {n!r}, {n / (n + mu)!r})"
    cases.append({"mean": mu, "dispersion": phi, "levels": levels, "quantiles": clean(q),
                  "call": call})
with open(os.path.join(HERE, "intermittent_count_quantiles.json"), "w") as f:
    json.dump({**header, "call": "scipy.stats nbinom / poisson ppf", "cases": cases}, f,
              indent=1)
