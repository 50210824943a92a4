# The STL reference values of STLDecompositionTests and WeeklySeasonalModelTests.
# Run: Benchmarks/.venv/bin/python Tests/ModelsTests/Fixtures/stl_reference.py
# (statsmodels 0.15.0; its STL, non-robust, every jump 1, as statsforecast MSTL calls it).
import numpy as np, statsmodels.api as sm
def series(n, P):
    t = np.arange(n)
    return 10 + 0.3*t + 5*np.sin(2*np.pi*t/P) + ((t*37) % 11) - 5
for (n,P,s,deg) in [(45,7,11,0),(23,4,7,1)]:
    r = sm.tsa.STL(series(n,P), period=P, seasonal=s, seasonal_deg=deg).fit()
    print(n,P,s,deg); print("seasonal", np.array2string(r.seasonal, separator=', ', precision=12, max_line_width=95, floatmode='fixed'))
    print("trend", np.array2string(r.trend, separator=', ', precision=12, max_line_width=95, floatmode='fixed'))
r = sm.tsa.STL(series(130,52), period=52, seasonal=11, seasonal_deg=0).fit()
print("52 last cycle", np.array2string(r.seasonal[-52:], separator=', ', precision=12, max_line_width=95, floatmode='fixed'))
# STLNoiseTests: STL is linear without robustness weights, so decomposing each unit vector
# gives the columns of its seasonal and trend operators H_s, H_t; the reference factors are
# the mean over the last cycle of the squared rows of H_s, and the squared Frobenius norm of
# I - H_s - H_t; then the noise variance of the 130-week series' own indices.
def factors(n, P, s, deg):
    Hs = np.zeros((n, n)); Ht = np.zeros((n, n))
    for j in range(n):
        e = np.zeros(n); e[j] = 1
        r = sm.tsa.STL(e, period=P, seasonal=s, seasonal_deg=deg).fit()
        Hs[:, j] = r.seasonal; Ht[:, j] = r.trend
    rows = (Hs[-P:, :] ** 2).sum(axis=1).mean()
    rem = ((np.eye(n) - Hs - Ht) ** 2).sum()
    return rows, rem
for (n,P,s,deg) in [(45,7,11,0),(23,4,7,1)]:
    print("noise", n, P, s, deg, "%.12f %.12f" % factors(n, P, s, deg))
rows, rem = factors(130, 52, 11, 0)
x = series(130, 52); r = sm.tsa.STL(x, period=52, seasonal=11, seasonal_deg=0).fit()
print("130 index noise variance %.12f" % (((x - r.seasonal - r.trend) ** 2).sum() / rem * rows))
