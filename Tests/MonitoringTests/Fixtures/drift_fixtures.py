"""Reference values of the drift tests (Tests/MonitoringTests/Drift*Tests.swift,
LevelShiftScorerTests.swift, KolmogorovSmirnovCountsTests.swift), printed for pasting.

Command, from the repository root (scipy 1.17.1, numpy 2.4.6, Python 3.11; the Benchmarks venv):

    /work/main/Benchmarks/.venv/bin/python Tests/MonitoringTests/Fixtures/drift_fixtures.py

`scores` below is an independent, loop-by-loop numpy version of the level score documented in
Sources/Monitoring/Drift/LevelShiftScorer.swift; the level cases are also derived by hand in the
test file's comments (√50, −√297/3, ...). The p-values are scipy's: `ks_2samp` for KS,
`chi2_contingency(correction=False)` for the chi-square homogeneity tests.
"""
import numpy as np
import scipy
from scipy import stats

# The level score, loop by loop.
def scores(units, days, groups, minunits, minpeers, W):
    units=np.array(units,float); days=np.array(days,float); n,B=units.shape; R=B-1
    mind=(W+1)//2
    usable=days>=mind
    m=np.zeros(n); contrib=np.zeros(n,bool)
    for i in range(n):
        u=usable[i,:R]
        if days[i,:R][u].sum()>0 and 2*u.sum()>=R and units[i,:R][u].sum()>0:
            m[i]=units[i,:R][u].sum()/days[i,:R][u].sum(); contrib[i]=True
    out=[];refs=[]
    for i in range(n):
        if not contrib[i] or m[i]*W<minunits: out.append(np.nan); refs.append([np.nan]*R); continue
        peers=[j for j in range(n) if j!=i and contrib[j] and groups[j]==groups[i]]
        if len(peers)<minpeers: out.append(np.nan); refs.append([np.nan]*R); continue
        P=np.full(B,np.nan)
        for k in range(B):
            if not usable[i,k]: continue
            pu=sum(units[j,k] for j in peers if usable[j,k]); pe=sum(m[j]*days[j,k] for j in peers if usable[j,k])
            if pe<=0 or pu<=0: continue
            mu=m[i]*days[i,k]*pu/pe
            P[k]=(units[i,k]-mu)/np.sqrt(mu)
        r=P[:R]; ok=~np.isnan(r)
        phi=np.mean(r[ok]**2)
        out.append(P[R]/np.sqrt(phi))
        refs.append([r[k]/np.sqrt((np.sum(r[ok]**2)-r[k]**2)/(ok.sum()-1)) if ok[k] else np.nan for k in range(R)])
    return out,refs
# LevelShiftScorerTests: three stores of one SKU, blocks of 2 days, 4 reference blocks.
u=[[8,12,10,10,20],[10,10,10,10,10],[10,10,10,10,10]]
d=[[2]*5]*3
print(scores(u,d,[0,0,0],10,2,2))
print("sqrt50",np.sqrt(50),"-sqrt297/3",-np.sqrt(297)/3,"sqrt3",np.sqrt(3),"sqrt33/3",np.sqrt(33)/3,"-sqrt(27/11)",-np.sqrt(27/11))
u2=[[8,12,10,0,20],[10,10,10,10,10],[10,10,10,10,10]]
d2=[[2,2,2,0,2],[2]*5,[2]*5]
print(scores(u2,d2,[0,0,0],10,2,2), np.sqrt(37.5))
from scipy import stats
# DriftDetectorTests.
ref=[100]*7; rec=[10,10,10,10,10,30,20]
c=stats.chi2_contingency(np.array([ref,rec]),correction=False)
e=np.array(ref)/700; r=np.array(rec)/100
print("weekday p",repr(c.pvalue),"V",repr(np.sqrt(np.sum((r-e)**2/e)/6)))
# level
refz=np.array([1.0]*98+[-4.0,4.0]); recz=np.array([1.0]*24+[4.5]*3+[-4.5]*3)
k=stats.ks_2samp(np.abs(refz),np.abs(recz))
print("level ks",repr(k.statistic),repr(k.pvalue),k.statistic_location,k.statistic_sign)
rb=np.array([1,98,1]); cb=np.array([3,24,3])
c=stats.chi2_contingency(np.array([rb,cb]),correction=False)
e=(rb+0.5)/np.sum(rb+0.5); r=cb/30
print("band p",repr(c.pvalue),"V",repr(np.sqrt(np.sum((r-e)**2/e)/2)))
# PSI of z over the reference deciles (numpy 'inverted_cdf' quantiles, right-closed bins).
edges=np.unique(np.quantile(refz,[i/10 for i in range(1,10)],method="inverted_cdf"))
es=np.bincount(np.searchsorted(edges,refz,side="left"),minlength=len(edges)+1)/len(refz)
as_=np.bincount(np.searchsorted(edges,recz,side="left"),minlength=len(edges)+1)/len(recz)
ef=np.maximum(es,1e-4); af=np.maximum(as_,1e-4); print("psi", edges, repr(np.sum((af-ef)*np.log(af/ef))))
# price
A=np.array([1.0]*900+[0.8]*100); Bp=np.array([1.0]*700+[0.8]*200+[0.7]*100)
k=stats.ks_2samp(A,Bp); print("price ks",repr(k.statistic),repr(k.pvalue),k.statistic_location,k.statistic_sign)
c=stats.chi2_contingency(np.array([[100,900],[300,700]]),correction=False); print("promo p",repr(c.pvalue))
es=np.array([0.9,0,0.1,0,0,0]); as_=np.array([0.7,0,0.2,0.1,0,0])
ef=np.maximum(es,1e-4); af=np.maximum(as_,1e-4); print("price psi", repr(np.sum((af-ef)*np.log(af/ef))))
# KolmogorovSmirnovCountsTests: counted samples above the exact limit.
A=np.repeat([0.5,0.7,0.8,0.9,1.0],[300,500,1200,800,17200]); Bp=np.repeat([0.6,0.7,0.8,1.0],[100,900,2500,8500])
k=stats.ks_2samp(A,Bp); print("big ks",len(A),len(Bp),repr(k.statistic),repr(k.pvalue),k.statistic_location,k.statistic_sign)
k=stats.ks_2samp(A,Bp,method='asymp'); print("big ks asymp",repr(k.statistic),repr(k.pvalue))
# Level band test (exact binomial, DriftDetectorTests): e = (K + 1/2) / (N + 1).
e = 2.5 / 101
print("band", repr(e), "V", repr((0.2 - e) / np.sqrt(e * (1 - e))), "p", repr(stats.binom.sf(5, 30, e)))
e = 1.5 / 101
print("edges", repr(e), "V", repr((0.1 - e) / np.sqrt(e * (1 - e))), "p", repr(stats.binom.sf(1, 20, e)))
# BinomialTests: binom.sf(k - 1, n, p) = P(X >= k).
for k, n, p in [(6, 30, 2.5 / 101), (250, 1000, 0.3), (300, 1000, 0.3), (331, 1000, 0.3),
                (800, 100000, 0.0065), (1, 1, 0.5), (3, 10, 0.999), (40, 50, 0.5)]:
    print("binom", k, n, p, repr(stats.binom.sf(k - 1, n, p)))
