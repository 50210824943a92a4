"""Reference values for the population stability index, from an independent numpy version.

Writes psi_fixtures.json next to this file. Command, from the repository root (numpy 2.4.6,
Python 3.11; the Benchmarks venv):

    /work/main/Benchmarks/.venv/bin/python Tests/MonitoringTests/Fixtures/psi_fixtures.py

The reference (function `psi` below) follows the definition in PopulationStability.swift with
numpy primitives: edges = unique(np.quantile(expected, i/B, method='inverted_cdf')) for
i = 1 .. B-1 (checked against the integer rank ceil(i n / B), which is the definition the Swift
code uses), bin of a value = np.searchsorted(edges, value, side='left') (the number of edges
below it: right-closed bins), shares from np.bincount, each share floored at `floor`, and
PSI = sum((a - e) * log(a / e)).
Samples are rounded to 3 decimals so JSON round trips them exactly. Numbers are written with
repr (shortest round trip).
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20250603)


def psi(expected, actual, bins, floor):
    e = np.sort(np.asarray(expected, dtype=np.float64))
    n = len(e)
    probabilities = [i / bins for i in range(1, bins)]
    by_rank = [e[-(-i * n // bins) - 1] for i in range(1, bins)]
    if probabilities:
        by_numpy = np.quantile(e, probabilities, method="inverted_cdf")
        # numpy's float virtual index can land one rank off when i n / B is an integer;
        # the cases below avoid that, and this checks it.
        assert np.array_equal(by_numpy, by_rank), (by_numpy, by_rank)
    edges = np.unique(np.asarray(by_rank, dtype=np.float64))
    k = len(edges) + 1
    e_share = np.bincount(np.searchsorted(edges, e, side="left"), minlength=k) / n
    a = np.asarray(actual, dtype=np.float64)
    a_share = np.bincount(np.searchsorted(edges, a, side="left"), minlength=k) / len(a)
    ef = np.maximum(e_share, floor)
    af = np.maximum(a_share, floor)
    contributions = (af - ef) * np.log(af / ef)
    return edges, e_share, a_share, contributions, float(contributions.sum())


cases = []


def case(name, expected, actual, bins=10, floor=1e-4):
    expected = np.round(np.asarray(expected, dtype=np.float64), 3)
    actual = np.round(np.asarray(actual, dtype=np.float64), 3)
    edges, e_share, a_share, contributions, index = psi(expected, actual, bins, floor)
    cases.append({
        "name": name, "bins": bins, "floor": floor,
        "expected": expected.tolist(), "actual": actual.tolist(),
        "upperEdges": edges.tolist(), "expectedShares": e_share.tolist(),
        "actualShares": a_share.tolist(), "contributions": contributions.tolist(),
        "index": index,
    })


case("normal_no_shift", rng.normal(50, 10, 2001), rng.normal(50, 10, 997))
case("normal_mean_shift", rng.normal(50, 10, 2001), rng.normal(55, 10, 997))
case("normal_scale_shift_20_bins", rng.normal(50, 10, 1503), rng.normal(50, 14, 811), bins=20)
case("poisson_0.6_units", rng.poisson(0.6, 731), rng.poisson(0.9, 89))
case("poisson_7_units", rng.poisson(7, 365), rng.poisson(6, 91))
case("all_zero_reference", np.zeros(101), rng.poisson(0.3, 57))
case("lognormal_prices_5_bins_floor_1e-3", rng.lognormal(1, 0.5, 499),
     rng.lognormal(1.2, 0.5, 203), bins=5, floor=1e-3)
case("single_bin", rng.normal(0, 1, 51), rng.normal(1, 1, 53), bins=1)

out = {
    "producer": "Tests/MonitoringTests/Fixtures/psi_fixtures.py",
    "command": "/work/main/Benchmarks/.venv/bin/python "
               "Tests/MonitoringTests/Fixtures/psi_fixtures.py",
    "numpy": np.__version__,
    "cases": cases,
}
with open(os.path.join(HERE, "psi_fixtures.json"), "w") as f:
    json.dump(out, f, separators=(",", ":"))
    f.write("\n")
for c in cases:
    print(c["name"], len(c["upperEdges"]), c["index"])
