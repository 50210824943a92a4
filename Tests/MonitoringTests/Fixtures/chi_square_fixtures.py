"""Reference values for the chi-square tests and the regularized incomplete gamma function.

Writes chi_square_fixtures.json next to this file. Command, from the repository root
(scipy 1.17.1, numpy 2.4.6, Python 3.11; the Benchmarks venv):

    /work/main/Benchmarks/.venv/bin/python Tests/MonitoringTests/Fixtures/chi_square_fixtures.py

Contents:
- "gammaincc": [a, x, scipy.special.gammaincc(a, x), scipy.special.gammainc(a, x)] on a grid
  of shapes (half-integers as for chi-square, and others) and points on both sides of a + 1.
- "homogeneity": 2 x k tables of counts (rows a and b). scipy's chi2_contingency rejects a
  column that is zero in both rows, so such columns are dropped before calling it (the Swift
  code drops them itself and is given the full table):
      chi2_contingency(table[:, kept], correction=False)
      contingency.association(table[:, kept], method='cramer', correction=False)
- "goodnessOfFit": scipy.stats.chisquare(observed, f_exp=expected / expected.sum() *
  observed.sum()), with the effect size sqrt(chi2 / (N (k - 1))) written out.
Numbers are written with repr (shortest round trip).
"""
import json
import os

import numpy as np
import scipy
from scipy import special, stats
from scipy.stats import contingency

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20250602)

gamma_cases = []
for a in (0.5, 1.0, 1.5, 2.0, 3.0, 3.5, 5.0, 10.0, 24.5, 50.5, 100.0, 500.0, 1000.0, 0.01,
          0.3, 7.3):
    for factor in (0.001, 0.05, 0.3, 0.7, 0.9, 0.99, 1.0, 1.01, 1.1, 1.5, 2.0, 3.0, 5.0, 10.0):
        x = a * factor
        gamma_cases.append([a, x, float(special.gammaincc(a, x)), float(special.gammainc(a, x))])
    for x in (1e-8, 0.5, 1.0, 2.0, 40.0, 300.0):
        gamma_cases.append([a, x, float(special.gammaincc(a, x)), float(special.gammainc(a, x))])


def homogeneity_case(name, a, b):
    table = np.array([a, b], dtype=np.int64)
    kept = table.sum(axis=0) > 0
    used = table[:, kept]
    res = stats.chi2_contingency(used, correction=False)
    v = contingency.association(used, method="cramer", correction=False) if used.shape[1] > 1 \
        else 0.0
    return {"name": name, "a": [int(x) for x in a], "b": [int(x) for x in b],
            "statistic": float(res.statistic), "degreesOfFreedom": int(res.dof),
            "pValue": float(res.pvalue), "cramersV": float(v)}


weekday = np.array([1.0, 0.9, 0.9, 1.0, 1.2, 1.6, 1.4])
homogeneity = [
    homogeneity_case("weekday_units_same_mix", rng.poisson(40 * weekday),
                     rng.poisson(38 * weekday)),
    homogeneity_case("weekday_units_weekend_shift", rng.poisson(400 * weekday),
                     rng.poisson(400 * weekday * np.array([1, 1, 1, 1, 1, 1.3, 1.3]))),
    homogeneity_case("weekday_large_counts_small_shift", rng.poisson(20000 * weekday),
                     rng.poisson(20000 * weekday * np.array([1, 1, 1, 1, 1.03, 1, 1]))),
    homogeneity_case("two_categories", [30, 70], [45, 55]),
    homogeneity_case("price_bands_with_empty", [120, 0, 340, 55, 0, 12], [98, 0, 402, 20, 3, 0]),
    homogeneity_case("twenty_bands", rng.poisson(50, 20), rng.poisson(55, 20)),
    homogeneity_case("disjoint", [10, 20, 0, 0], [0, 0, 5, 15]),
    homogeneity_case("identical", [5, 10, 15], [5, 10, 15]),
]


def gof_case(name, observed, expected):
    observed = np.asarray(observed, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    f_exp = expected / expected.sum() * observed.sum()
    res = stats.chisquare(observed, f_exp=f_exp)
    k = len(observed)
    return {"name": name, "observed": observed.tolist(), "expected": expected.tolist(),
            "statistic": float(res.statistic), "degreesOfFreedom": k - 1,
            "pValue": float(res.pvalue),
            "cramersV": float(np.sqrt(res.statistic / (observed.sum() * (k - 1))))}


goodness = [
    gof_case("weekday_against_reference_shares", rng.poisson(300 * weekday),
             weekday / weekday.sum()),
    gof_case("weekday_against_uniform", rng.poisson(300 * weekday), np.ones(7)),
    gof_case("fractional_counts", [12.5, 30.25, 7.0], [0.2, 0.6, 0.2]),
    gof_case("exact_fit", [20, 60, 20], [1, 3, 1]),
]

out = {
    "producer": "Tests/MonitoringTests/Fixtures/chi_square_fixtures.py",
    "command": "/work/main/Benchmarks/.venv/bin/python "
               "Tests/MonitoringTests/Fixtures/chi_square_fixtures.py",
    "scipy": scipy.__version__,
    "numpy": np.__version__,
    "gammaincc": gamma_cases,
    "homogeneity": homogeneity,
    "goodnessOfFit": goodness,
}
with open(os.path.join(HERE, "chi_square_fixtures.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(f"{len(gamma_cases)} gamma, {len(homogeneity)} homogeneity, {len(goodness)} gof")
