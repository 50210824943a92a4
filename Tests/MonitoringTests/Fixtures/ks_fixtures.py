"""Reference values for the two-sample Kolmogorov-Smirnov test and the Kolmogorov distributions.

Writes ks_fixtures.json next to this file. Command, from the repository root (scipy 1.17.1,
numpy 2.4.6, Python 3.11; the Benchmarks venv):

    /work/main/Benchmarks/.venv/bin/python Tests/MonitoringTests/Fixtures/ks_fixtures.py

Contents:
- "twoSample": scipy.stats.ks_2samp(a, b, alternative='two-sided', method=m) for
  m in 'auto', 'exact', 'asymp', with the statistic, p-value, statistic_location,
  statistic_sign and the method scipy actually used ('exact' or 'asymp'; 'auto' resolves to
  one of them, and an explicit 'exact' falls back to 'asymp' with a RuntimeWarning, which is
  recorded).
- "kstwo": scipy.stats.kstwo.sf(d, n), the finite-n two-sided one-sample Kolmogorov
  distribution that ks_2samp's 'asymp' p-value is (with n = round(m*n/(m+n))).
- "smirnov": scipy.special.smirnov(n, d), the one-sided one-sample Smirnov distribution.
- "kstwobign": scipy.stats.kstwobign.sf(x), Kolmogorov's limiting distribution.

Samples are stored in one of three forms to keep the file small (the Swift test expands them
the same way):
- {"values": [...]}: the values themselves (rounded to a few decimals when drawn from a
  continuous distribution, so JSON round trips them exactly);
- {"histogram": [[value, multiplicity], ...]}: integer count data, in ascending value order;
- {"range": [start, stop, step]}: the integers of Python's range(start, stop, step).
Numbers are written with repr (shortest round trip); NaN as null.
"""
import json
import math
import os
import warnings

import numpy as np
import scipy
from scipy import special, stats

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20250601)


def clean(v):
    v = float(v)
    return None if math.isnan(v) else v


def values(x, decimals=None):
    x = np.asarray(x, dtype=np.float64)
    if decimals is not None:
        x = np.round(x, decimals)
    return {"values": [float(v) for v in x]}, x


def histogram(x):
    x = np.asarray(x, dtype=np.int64)
    uniq, counts = np.unique(x, return_counts=True)
    return {"histogram": [[int(u), int(c)] for u, c in zip(uniq, counts)]}, x.astype(np.float64)


def int_range(start, stop, step):
    return {"range": [start, stop, step]}, np.arange(start, stop, step, dtype=np.float64)


def normal(n, mean, sd, decimals=4):
    return values(rng.normal(mean, sd, n), decimals)


def poisson(n, mean):
    return histogram(rng.poisson(mean, n))


def negbin(n, mean, dispersion):
    size = 1 / dispersion
    return histogram(rng.negative_binomial(size, size / (size + mean), n))


def run(a, b, method):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = stats.ks_2samp(a, b, alternative="two-sided", method=method)
    fell_back = any("Switching to" in str(w.message) or "not possible" in str(w.message)
                    for w in caught)
    if method == "auto":
        used = "exact" if max(len(a), len(b)) <= 10000 else "asymp"
        if used == "exact" and fell_back:
            used = "asymp"
    elif method == "exact":
        used = "asymp" if fell_back else "exact"
    else:
        used = "asymp"
    return {
        "method": method, "methodUsed": used, "statistic": clean(r.statistic),
        "pValue": clean(r.pvalue), "location": clean(r.statistic_location),
        "sign": int(r.statistic_sign),
    }


cases = []


def case(name, a, b, methods=("auto", "exact", "asymp")):
    (sa, xa), (sb, xb) = a, b
    cases.append({"name": name, "a": sa, "b": sb, "results": [run(xa, xb, m) for m in methods]})


# Continuous data (rounded to 4-5 decimals: a few ties, exact JSON round trip).
case("continuous_25_vs_30_shifted", normal(25, 0, 1), normal(30, 0.5, 1))
case("continuous_40_vs_40", normal(40, 0, 1), normal(40, 0.3, 1))
case("continuous_400_vs_400_null", normal(400, 10, 2), normal(400, 10, 2))
case("continuous_800_vs_1000_shifted", normal(800, 0, 1), normal(1000, 0.1, 1.1))
case("continuous_3000_vs_2500_small_shift", normal(3000, 0, 1, 5), normal(2500, 0.05, 1, 5))
case("continuous_2000_vs_150", normal(2000, 0, 1), normal(150, 0.2, 1))
# Daily unit counts: heavy ties.
case("poisson_0.7_365_vs_poisson_0.9_90", poisson(365, 0.7), poisson(90, 0.9))
case("poisson_4_200_vs_poisson_4.5_200", poisson(200, 4), poisson(200, 4.5))
case("poisson_3_1000_vs_poisson_3_700_null", poisson(1000, 3), poisson(700, 3))
case("negbin_2000_vs_1500", negbin(2000, 2.5, 0.8), negbin(1500, 2.0, 0.8))
case("poisson_0.2_728_vs_364_intermittent", poisson(728, 0.2), poisson(364, 0.35))
case("price_points_500_vs_420",
     histogram(rng.choice([199, 249, 299], 500, p=[0.2, 0.5, 0.3])),
     histogram(rng.choice([199, 249, 299, 349], 420, p=[0.3, 0.4, 0.2, 0.1])))
# Tiny samples.
case("tiny_1_vs_1", values([1.0]), values([2.0]))
case("tiny_1_vs_3", values([2.5]), values([1.0, 2.0, 3.0]))
case("tiny_2_vs_3", values([0.5, 1.5]), values([1.0, 2.0, 3.0]))
case("tiny_3_vs_3_identical", values([1.0, 2.0, 3.0]), values([3.0, 1.0, 2.0]))
case("tiny_3_vs_4_ties", values([1.0, 1.0, 2.0]), values([1.0, 2.0, 2.0, 2.0]))
case("tiny_5_vs_7", values([0.1, 0.4, 0.35, 0.9, 0.2]),
     values([0.5, 0.6, 0.45, 1.2, 0.8, 0.05, 0.7]))
# Identical and disjoint samples.
shared = normal(50, 0, 1)
case("identical_50", shared, shared)
case("all_zero_30_vs_all_zero_45", histogram(np.zeros(30)), histogram(np.zeros(45)))
case("disjoint_30_vs_45", values(np.arange(30) * 0.5), values(100 + np.arange(45) * 0.25))
case("disjoint_equal_20", values(np.arange(20.0)), values(np.arange(20.0) + 20))
case("zeros_vs_ones_equal_12", histogram(np.zeros(12)), histogram(np.ones(12)))
# Equal sizes with D = 1/n: the closed form rounds to just above 1 for some n, and scipy then
# falls back to the asymptotic p-value (which is also 1).
for n in (5, 6, 37):
    a = np.arange(n, dtype=np.float64)
    b = a.copy()
    b[0], b[1] = -1.0, 0.5
    case(f"equal_{n}_statistic_one_over_n", values(a), values(b))
# Large samples: 'auto' uses the asymptotic p-value (max(n1, n2) > 10000).
case("poisson_2_12000_vs_poisson_2.2_400", poisson(12000, 2.0), poisson(400, 2.2))
case("poisson_5_15000_vs_poisson_5_11000_null", poisson(15000, 5.0), poisson(11000, 5.0))
case("poisson_5_15000_vs_poisson_5.05_11000", poisson(15000, 5.0), poisson(11000, 5.05),
     methods=("auto", "asymp"))
case("range_12000_vs_range_10001", int_range(0, 24000, 2), int_range(1, 20002, 2),
     methods=("auto", "asymp"))
case("range_20000_vs_range_20000_interleaved", int_range(0, 40000, 2), int_range(1, 40001, 2),
     methods=("auto", "asymp"))
case("range_10001_vs_range_30", int_range(0, 10001, 1), int_range(3000, 9000, 200))
case("range_20000_vs_range_10000_shifted", int_range(0, 20000, 1), int_range(400, 20400, 2))
case("range_100000_vs_range_100000_shifted", int_range(0, 100000, 1),
     int_range(5000, 105000, 1))

# The finite-n Kolmogorov distribution: points in every branch of Simard & L'Ecuyer's scheme.
kstwo_cases = []
for n in (1, 2, 3, 5, 10, 20, 50, 100, 140, 141, 200, 500, 1000, 5000, 20000, 50000, 100000,
          150000):
    ds = set()
    for t in (0.3, 0.5, 0.75, 1.0, 1.5):  # t = n d (Ruben-Gambino region and just above)
        ds.add(t / n)
    for nx2 in (0.1, 0.3, 0.7, 0.754, 0.76, 1.0, 1.5, 2.0, 2.19, 2.21, 3.0, 4.0, 4.1, 6.0,
                10.0, 17.9, 18.1, 30.0, 100.0, 369.0, 371.0):
        ds.add(math.sqrt(nx2 / n))
    for d in (0.45, 0.5, 0.6, 0.9, 0.99, 1 - 1 / n, 1 - 0.5 / n, 1.0):
        ds.add(d)
    ds.add((1.4 / n) ** (2 / 3) * 0.99)  # just inside and outside n d^1.5 <= 1.4
    ds.add((1.4 / n) ** (2 / 3) * 1.01)
    for d in sorted(ds):
        if 0 < d <= 1:
            kstwo_cases.append([n, d, clean(stats.kstwo.sf(d, n))])

smirnov_cases = []
for n in (1, 2, 5, 10, 50, 140, 500, 1000, 5000, 20000, 100000):
    for d in (0.001, 0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 0.99, 1 / n, 1 - 1 / n,
              math.sqrt(1.1 / n), math.sqrt(3.0 / n), math.sqrt(50.0 / n)):
        if 0 < d < 1:
            smirnov_cases.append([n, d, clean(special.smirnov(n, d))])

kstwobign_cases = [[x, clean(stats.kstwobign.sf(x))] for x in
                   (0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.81, 0.83, 0.9, 1.0,
                    1.2, 1.36, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0)]

out = {
    "producer": "Tests/MonitoringTests/Fixtures/ks_fixtures.py",
    "command": "/work/main/Benchmarks/.venv/bin/python "
               "Tests/MonitoringTests/Fixtures/ks_fixtures.py",
    "scipy": scipy.__version__,
    "numpy": np.__version__,
    "calls": {
        "twoSample": "scipy.stats.ks_2samp(a, b, alternative='two-sided', method=method)",
        "kstwo": "[n, d, scipy.stats.kstwo.sf(d, n)]",
        "smirnov": "[n, d, scipy.special.smirnov(n, d)]",
        "kstwobign": "[x, scipy.stats.kstwobign.sf(x)]",
    },
    "twoSample": cases,
    "kstwo": kstwo_cases,
    "smirnov": smirnov_cases,
    "kstwobign": kstwobign_cases,
}
with open(os.path.join(HERE, "ks_fixtures.json"), "w") as f:
    json.dump(out, f, indent=None, separators=(",", ":"))
    f.write("\n")
print(f"{len(cases)} two-sample cases, {len(kstwo_cases)} kstwo, {len(smirnov_cases)} smirnov, "
      f"{len(kstwobign_cases)} kstwobign")
