"""statsforecast peers for the forecast benchmarks (bench_forecast.py, m5_score.py).

Each model is fitted and forecast in its own StatsForecast call so that its speed can be timed
alone; a warm-up call on two series first pays numba's compilation, which is not timed.
Forecasts are clipped at 0 (ShelfCast's are non-negative by construction). TSB uses fixed
smoothing weights alpha_d = alpha_p = 0.1 (statsforecast's TSB has no optimiser),
CrostonOptimized chooses its own, AutoETS selects among ETS models by AICc with season length 7,
MSTL removes a weekly season by STL and forecasts the rest with a non-seasonal AutoETS
(statsforecast's defaults).
"""
import os, resource, time, warnings

os.environ.setdefault("NIXTLA_ID_AS_COL", "1")
import numpy as np
import pandas as pd

TSB_ALPHA = 0.1


def models():
    """(label, model factory) in the order the tables print them."""
    from statsforecast.models import AutoETS, CrostonOptimized, MSTL, SeasonalNaive, TSB
    return [
        ("SeasonalNaive(7)", lambda: SeasonalNaive(season_length=7)),
        ("AutoETS(7)", lambda: AutoETS(season_length=7)),
        ("MSTL(7)", lambda: MSTL(season_length=7)),
        ("CrostonOptimized", lambda: CrostonOptimized()),
        (f"TSB({TSB_ALPHA},{TSB_ALPHA})", lambda: TSB(alpha_d=TSB_ALPHA, alpha_p=TSB_ALPHA)),
    ]


def training_frame(series, start_dates, minimum_days=56):
    """Long frame (unique_id, ds, y) from {id: values} starting at start_dates[id].

    Leading zeros (before the first sale: the store not yet open or the item not yet listed)
    are dropped, keeping at least the last `minimum_days` days so every model has a season to
    work with; a series that never sold keeps those last days of zeros.
    """
    frames = []
    for uid, values in series.items():
        values = np.asarray(values, dtype=float)
        nonzero = np.flatnonzero(values)
        first = nonzero[0] if len(nonzero) else len(values)
        first = min(first, max(0, len(values) - minimum_days))
        ds = pd.date_range(pd.Timestamp(start_dates[uid]) + pd.Timedelta(days=int(first)),
                           periods=len(values) - first, freq="D")
        frames.append(pd.DataFrame({"unique_id": uid, "ds": ds, "y": values[first:]}))
    return pd.concat(frames, ignore_index=True)


def cpu_seconds():
    """User + system CPU time of this process and of its reaped children (the worker pool)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run(df, horizon, n_jobs):
    """Forecasts `horizon` days after each series.

    Returns ({label: {id: array}}, {label: wall seconds}, {label: CPU seconds}); CPU time covers
    this process and the worker processes of `n_jobs` (reaped when StatsForecast's pool closes).
    """
    from statsforecast import StatsForecast
    forecasts, seconds, cpu = {}, {}, {}
    ids = df["unique_id"].unique()
    warm = df[df["unique_id"].isin(ids[:2])]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for label, make in models():
            StatsForecast(models=[make()], freq="D", n_jobs=1).forecast(df=warm, h=horizon)
            sf = StatsForecast(models=[make()], freq="D", n_jobs=n_jobs)
            start, start_cpu = time.perf_counter(), cpu_seconds()
            out = sf.forecast(df=df, h=horizon)
            seconds[label] = time.perf_counter() - start
            cpu[label] = cpu_seconds() - start_cpu
            if "unique_id" not in out.columns:
                out = out.reset_index()
            column = [c for c in out.columns if c not in ("unique_id", "ds")][0]
            out = out.sort_values(["unique_id", "ds"])
            forecasts[label] = {uid: np.clip(g[column].to_numpy(dtype=float), 0, None)
                                for uid, g in out.groupby("unique_id", sort=False)}
    return forecasts, seconds, cpu
