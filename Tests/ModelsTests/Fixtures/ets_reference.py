"""Reference values for the ETS tests (ETSReferenceTests, ETSFitTests, ETSForecastTests).

Run from the repository root (numpy 2, pandas 2, scipy 1.14+, statsmodels 0.15, statsforecast 2.1):

    python3 -m venv /tmp/venv-ets
    /tmp/venv-ets/bin/pip install statsforecast statsmodels scipy numpy pandas
    /tmp/venv-ets/bin/python Tests/ModelsTests/Fixtures/ets_reference.py \
        > Tests/ModelsTests/Fixtures/ets_reference.json

Sources of each value:
- "heuristic": statsmodels `_initialization_heuristic` (Hyndman et al. 2008 §2.6.1), the
  initialisation ShelfCast reimplements.
- "fixed": fixed parameters and initial states. Fitted values, final states, likelihood from
  statsforecast's `_ets.calc` (R forecast's `etscalc` ported, via `pegelsresid_C`); forecasts
  from statsforecast `etsforecast`. For additive models statsmodels `ETSModel.smooth` is
  checked to agree (assert below) and gives the AICc and the prediction intervals
  (`get_prediction(...).summary_frame(alpha)`, analytic class-1 variance with mse = SSE/n).
- "ml": maximum likelihood with the heuristic initial states held fixed. The reference optimum
  is the best of scipy L-BFGS-B and Nelder-Mead runs from a grid of starts over the box
  (alpha, beta/alpha, gamma/(1-alpha)) in [1e-4, 1-1e-4], phi in [0.8, 0.98], maximising
  the statsforecast likelihood (statsmodels' own `fit` for the additive models is reported too).
- "simulation": the h-step variance of ETS(M,N,M) and ETS(M,Ad,M) from 400,000 simulated
  paths of the state space equations (numpy, seed 7), for the class-3 approximation.
- "selection": series for the AICc choice tests (a strongly seasonal one, white noise).
"""

import json
import math
import sys

import numpy as np
import pandas as pd
from scipy import optimize
from statsforecast import ets as sf
from statsforecast import _lib
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.exponential_smoothing.initialization import _initialization_heuristic

M = 7
rng = np.random.default_rng(20240601)

# 8 weeks of daily demand: a random-walk level around 20, weekly multipliers that drift a
# little, 10% noise, so that the likelihood's maximum lies inside the parameter box.
weekly = np.array([0.8, 0.9, 1.0, 1.0, 1.2, 1.5, 0.6])
days = np.arange(56)
level = 20 + np.cumsum(0.8 * rng.standard_normal(56))
drift = 1 + np.cumsum(0.02 * rng.standard_normal(56))
series = np.round(
    level * weekly[days % M] * drift * (1 + 0.10 * rng.standard_normal(56)), 1)
assert series.min() > 0

CODES = {"N": None, "A": "add", "M": "mul"}


def parse(code):
    """'AAdA' -> ('A', 'A', True, 'A')."""
    error = code[0]
    damped = "d" in code
    trend = code[1]
    season = code[-1]
    return error, trend, damped, season


def heuristic(y, code):
    error, trend, damped, season = parse(code)
    lvl, tr, seas = _initialization_heuristic(
        y, trend=CODES[trend], seasonal=CODES[season], seasonal_periods=M if season != "N" else None
    )
    return (
        float(lvl),
        float(tr) if tr is not None else 0.0,
        [float(v) for v in seas] if seas is not None else [0.0],
    )


def sf_state(level0, trend0, season0, code):
    """statsforecast/R state vector: [l, b?, s_0 (newest) ... s_{-m+1} (applies to day 0)]."""
    error, trend, damped, season = parse(code)
    x = [level0]
    if trend != "N":
        x.append(trend0)
    if season != "N":
        x += list(reversed(season0))
    return np.array(x, dtype=float)


def sf_run(y, code, par, level0, trend0, season0):
    """Fitted values, final state and log-likelihood from statsforecast's etscalc."""
    error, trend, damped, season = parse(code)
    m = M if season != "N" else 1
    x0 = sf_state(level0, trend0, season0, code)
    amse, e, states, lik = sf.pegelsresid_C(
        y, m, x0, error, trend, season, damped,
        par["alpha"], par["beta"] if trend != "N" else np.nan,
        par["gamma"] if season != "N" else np.nan,
        par["phi"] if damped else np.nan, 3)
    n = len(y)
    fitted = y - e if error == "A" else y / (1 + e)
    loglik = -0.5 * (lik - n * math.log(n) + n * math.log(2 * math.pi) + n)
    final = states[-1]
    f = np.zeros(28)
    sf.etsforecast(final, m, sf.switch(trend), sf.switch(season),
                   par["phi"] if damped else 1.0, 28, f)
    if damped:
        # statsforecast 2.1.1 sums phi + phi + phi^2 + ... (Nixtla/statsforecast#1219, fixed
        # later); use FPP3's l + (phi + ... + phi^h) b, checked against statsmodels below.
        fs = final_state_dict(final, code, n)
        phis = np.cumsum(par["phi"] ** np.arange(1, 29))
        adj = fs["level"] + phis * fs["trend"]
        seas = np.array([fs["season"][j % M] for j in range(28)])
        f = adj * seas if season == "M" else adj + seas
    sse = float(np.sum(e**2))
    return fitted, final, loglik, f, sse / n


def final_state_dict(final, code, n):
    """Final state with season[j] applying to forecast day j + 1."""
    error, trend, damped, season = parse(code)
    out = {"level": float(final[0]), "trend": float(final[1]) if trend != "N" else 0.0}
    if season != "N":
        s = final[(2 if trend != "N" else 1):]  # newest first: s[0] is the state of day n-1
        # forecast day h uses s_{n+h-m}: index m-h in newest-first order.
        out["season"] = [float(s[M - 1 - j]) for j in range(M)]
    else:
        out["season"] = [0.0]
    return out


def sm_model(y, code, level0, trend0, season0):
    error, trend, damped, season = parse(code)
    kwargs = dict(error=CODES[error], trend=CODES[trend], damped_trend=damped,
                  seasonal=CODES[season], initialization_method="known",
                  initial_level=level0)
    if trend != "N":
        kwargs["initial_trend"] = trend0
    if season != "N":
        kwargs["seasonal_periods"] = M
        kwargs["initial_seasonal"] = np.array(season0)
    index = pd.date_range("2024-01-01", periods=len(y), freq="D")
    return ETSModel(pd.Series(y, index=index), **kwargs)


def sm_params(code, par):
    error, trend, damped, season = parse(code)
    p = [par["alpha"]]
    if trend != "N":
        p.append(par["beta"])
    if season != "N":
        p.append(par["gamma"])
    if damped:
        p.append(par["phi"])
    return np.array(p)


fixed_cases = {
    "ANA": dict(alpha=0.15, beta=0.0, gamma=0.1, phi=1.0),
    "AAdA": dict(alpha=0.2, beta=0.03, gamma=0.1, phi=0.9),
    "MNM": dict(alpha=0.12, beta=0.0, gamma=0.08, phi=1.0),
    "MAdM": dict(alpha=0.2, beta=0.02, gamma=0.05, phi=0.92),
}

out = {
    "source": "Tests/ModelsTests/Fixtures/ets_reference.py (see its docstring for the command)",
    "seasonLength": M,
    "series": series.tolist(),
    "heuristic": {},
    "fixed": [],
    "ml": [],
}

for code in ["ANN", "AAdN", "ANA", "AAdA", "MNM", "MAdM"]:
    lvl, tr, seas = heuristic(series, code)
    out["heuristic"][code] = {"level": lvl, "trend": tr, "season": seas}

LEVELS = [0.8, 0.95]
for code, par in fixed_cases.items():
    lvl, tr, seas = heuristic(series, code)
    fitted, final, loglik, forecast, sigma2 = sf_run(series, code, par, lvl, tr, seas)
    case = {
        "model": code, "parameters": par,
        "initial": {"level": lvl, "trend": tr, "season": seas},
        "fitted": fitted.tolist(), "final": final_state_dict(final, code, len(series)),
        "logLikelihood": loglik, "sigma2": sigma2, "forecast": forecast.tolist(),
    }
    if code[0] == "A":
        model = sm_model(series, code, lvl, tr, seas)
        res = model.smooth(sm_params(code, par))
        assert np.allclose(res.fittedvalues, fitted, rtol=1e-11, atol=0), code
        assert abs(res.llf - loglik) < 1e-9 * abs(loglik), (code, res.llf, loglik)
        case["aicc"] = float(res.aicc)
        pred = res.get_prediction(start=len(series), end=len(series) + 27)
        assert np.allclose(pred.predicted_mean, forecast, rtol=1e-11), code
        intervals = {}
        for level in LEVELS:
            frame = pred.summary_frame(alpha=1 - level)
            intervals[str(level)] = {
                "lower": frame["pi_lower"].tolist(), "upper": frame["pi_upper"].tolist()}
        case["intervals"] = intervals
    out["fixed"].append(case)


# --- Maximum likelihood with heuristic initial states -----------------------------------
def neg_loglik(u, y, code, state):
    error, trend, damped, season = parse(code)
    alpha = u[0]
    i = 1
    par = dict(alpha=alpha, beta=0.0, gamma=0.0, phi=1.0)
    if trend != "N":
        par["beta"] = alpha * u[i]
        i += 1
    if season != "N":
        par["gamma"] = (1 - alpha) * u[i]
        i += 1
    if damped:
        par["phi"] = u[i]
    try:
        _, _, loglik, _, _ = sf_run(y, code, par, *state)
    except Exception:
        return 1e12, par
    return (-loglik if np.isfinite(loglik) else 1e12), par


def ml_reference(y, code):
    error, trend, damped, season = parse(code)
    state = heuristic(y, code)
    bounds = [(1e-4, 1 - 1e-4)]
    if trend != "N":
        bounds.append((1e-4, 1 - 1e-4))
    if season != "N":
        bounds.append((1e-4, 1 - 1e-4))
    if damped:
        bounds.append((0.8, 0.98))
    grids = [np.linspace(lo + 0.05 * (hi - lo), hi - 0.05 * (hi - lo), 4) for lo, hi in bounds]
    best = None
    f = lambda u: neg_loglik(u, y, code, state)[0]
    for start in np.array(np.meshgrid(*grids)).T.reshape(-1, len(bounds)):
        for method in ["L-BFGS-B", "Nelder-Mead"]:
            r = optimize.minimize(f, start, method=method, bounds=bounds,
                                  options={"maxiter": 5000, "xatol": 1e-10, "fatol": 1e-12}
                                  if method == "Nelder-Mead" else {"maxiter": 5000})
            if best is None or r.fun < best.fun:
                best = r
    value, par = neg_loglik(best.x, y, code, state)
    fitted, final, loglik, forecast, sigma2 = sf_run(y, code, par, *state)
    entry = {"model": code, "parameters": par, "logLikelihood": loglik,
             "forecast": forecast.tolist(), "sigma2": sigma2}
    if error == "A":
        kwargs = dict(error="add", trend=CODES[trend], damped_trend=damped,
                      seasonal=CODES[season], initialization_method="heuristic")
        if season != "N":
            kwargs["seasonal_periods"] = M
        res = ETSModel(y, **kwargs).fit(disp=False)
        entry["statsmodelsLogLikelihood"] = float(res.llf)
        entry["statsmodelsAICc"] = float(res.aicc)
    return entry


for code in ["ANN", "ANA", "AAdA", "MNM", "MAdM"]:
    out["ml"].append(ml_reference(series, code))


# --- Simulated forecast variance of the class-3 models ----------------------------------
def simulate(code, par, final, h, paths, seed):
    """Hyndman et al. (2008) state space equations with multiplicative errors."""
    error, trend, damped, season = parse(code)
    r = np.random.default_rng(seed)
    l = np.full(paths, final["level"])
    b = np.full(paths, final["trend"])
    s = np.tile(np.array(final["season"]), (paths, 1))  # s[:, j] applies to day j+1
    phi = par["phi"] if damped else 1.0
    sigma = math.sqrt(par["sigma2"])
    ys = np.empty((paths, h))
    for step in range(h):
        j = step % M
        q = l + phi * b
        eps = sigma * r.standard_normal(paths)
        ys[:, step] = q * s[:, j] * (1 + eps)
        l = q * (1 + par["alpha"] * eps)
        b = phi * b + par["beta"] * q * eps
        s[:, j] = s[:, j] * (1 + par["gamma"] * eps)
    return ys


out["simulation"] = []
for case in out["fixed"]:
    if case["model"] not in ("MNM", "MAdM"):
        continue
    par = dict(case["parameters"], sigma2=case["sigma2"])
    ys = simulate(case["model"], par, case["final"], 21, 400_000, 7)
    out["simulation"].append({
        "model": case["model"], "paths": 400_000,
        "mean": ys.mean(axis=0).tolist(), "variance": ys.var(axis=0).tolist()})


# --- Series for the AICc selection tests -----------------------------------------------
sel = np.random.default_rng(99)
n = 140
seasonal = np.round(30 * weekly[np.arange(n) % M] + 2.0 * sel.standard_normal(n), 1)
noise = np.round(50 + 5.0 * sel.standard_normal(n), 1)
out["selection"] = {"seasonal": seasonal.tolist(), "whiteNoise": noise.tolist()}

json.dump(out, sys.stdout, indent=1)
sys.stdout.write("\n")
