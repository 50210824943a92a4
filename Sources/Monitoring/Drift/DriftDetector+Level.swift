extension DriftDetector {
  /// The demand-level findings: KS on |z|, the band test, and the PSI of z over the
  /// reference's deciles (``PopulationStability/index(expected:actual:bins:floor:)``).
  ///
  /// The PSI is the conventional one: bins that each hold a tenth of the reference, so no bin
  /// is nearly empty by construction. It reads how much of the whole segment moved; a tenth of
  /// the series moving keeps it well below its threshold (that is the other two tests' job).
  /// A bin the recent sample leaves empty adds about 0.1 · ln(0.1/10⁻⁴) ≈ 0.69 through the
  /// floor, which is chance for a small sample, so there are only as many bins as keep ten
  /// recent series per bin on average: min(10, ⌊n/10⌋), and no PSI below 20 series.
  ///
  /// The scores come from ``LevelShiftScorer``; a segment needs `minimumSeries` scored series.
  /// The KS test compares |z| rather than z because a tenth of the series moving up and another
  /// tenth moving down leaves the signed distribution centred: what grows is the share of
  /// series far from their expected level, in either direction.
  func levelFindings(_ sample: SegmentSample) -> [DriftFinding] {
    guard sample.scoredSeries >= settings.minimumSeries, !sample.levelReference.isEmpty else {
      return []
    }
    var findings: [DriftFinding] = []
    let reference = sample.levelReference.map(\.magnitude)
    let recent = sample.levelRecent.map(\.magnitude)
    if let ks = try? KolmogorovSmirnov.twoSample(reference, recent) {
      findings.append(
        DriftFinding(
          segment: sample.segment, feature: .demandLevel, test: .ks, statistic: ks.statistic,
          pValue: ks.pValue, threshold: settings.levelKSThreshold, alpha: settings.alpha))
    }
    findings.append(bandFinding(sample))
    let bins = min(PopulationStability.defaultBinCount, sample.levelRecent.count / 10)
    if bins >= 2,
      let psi = try? PopulationStability.index(
        expected: sample.levelReference, actual: sample.levelRecent, bins: bins)
    {
      findings.append(
        DriftFinding(
          segment: sample.segment, feature: .demandLevel, test: .psi, statistic: psi.index,
          pValue: nil, threshold: settings.psiThreshold, alpha: settings.alpha))
    }
    return findings
  }

  /// The band test: are more of the segment's series beyond ±`levelBand` than usual?
  ///
  /// With k of the n recent scores beyond the band (|z| > b; exactly ±b is within) and the
  /// reference share e = (K + ½) / (N + 1) of the N reference scores (K beyond), the p-value is
  /// the exact P(X ≥ k) for X ~ Binomial(n, e), and the effect size V = (r − e) / √(e (1 − e))
  /// for r = k / n (0 when r ≤ e). The reference, 52 scores per series, is treated as known;
  /// the half count keeps e positive when a small reference never went beyond the band.
  ///
  /// Why not chi-square: about 0.6 % of reference scores lie beyond ±3, so a segment of a few
  /// hundred series expects one or two there, far below the five Pearson's approximation needs;
  /// its p-values would flag chance clusters of two or three series.
  func bandFinding(_ sample: SegmentSample) -> DriftFinding {
    let band = settings.levelBand
    let referenceBeyond = sample.levelReference.reduce(0) { $0 + ($1.magnitude > band ? 1 : 0) }
    let recentBeyond = sample.levelRecent.reduce(0) { $0 + ($1.magnitude > band ? 1 : 0) }
    let e = (Double(referenceBeyond) + 0.5) / Double(sample.levelReference.count + 1)
    let r = Double(recentBeyond) / Double(sample.levelRecent.count)
    return DriftFinding(
      segment: sample.segment, feature: .demandLevel, test: .binomial,
      statistic: max(0, r - e) / (e * (1 - e)).squareRoot(),
      pValue: Binomial.upperTail(
        atLeast: recentBeyond, trials: sample.levelRecent.count, probability: e),
      threshold: settings.levelBandThreshold, alpha: settings.alpha)
  }
}
