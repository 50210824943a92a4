/// The moving average: every forecast day is the mean of the last `windowDays` uncensored days
/// (all of them when the series has fewer).
///
/// In sample, day t is predicted by the mean of the last `windowDays` uncensored days before it
/// (fewer at the start; NaN before the first uncensored day). Censored days are skipped, so the
/// window reaches further back over a stock-out instead of averaging its lower bounds.
///
/// Quantiles come from `CountDistribution`: a negative binomial around the mean, with the
/// dispersion of the in-sample one-step errors.
public struct MovingAverageSettings: ForecastMethod {
  /// Uncensored days averaged.
  public var windowDays: Int

  public init(windowDays: Int = 28) {
    self.windowDays = windowDays
  }

  /// `MovingAverage(28)`.
  public var name: String { "MovingAverage(\(windowDays))" }

  public var family: ModelFamily { .movingAverage }

  /// - Throws: `ModelError.tooShort` without an uncensored day, `ModelError.nonFiniteValue` for
  ///   a non-finite uncensored value.
  /// - Complexity: O(n).
  public func fit(_ series: DemandSeries) throws(ModelError) -> MovingAverageModel {
    precondition(windowDays >= 1, "a window has at least one day")
    let observed = try series.checkedObservedCount(model: name)
    let run = MovingAverageModel.filter(series, windowDays: windowDays, observed: observed)
    return MovingAverageModel(
      name: name, windowDays: windowDays,
      dispersion: CountDistribution.dispersion(series: series, fitted: run.fitted),
      averagedDays: run.averagedDays, windowMean: run.mean, fittedValues: run.fitted)
  }
}
