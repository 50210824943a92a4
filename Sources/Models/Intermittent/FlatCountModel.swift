/// A fitted model whose forecast is one mean on every day, with the quantiles of a negative
/// binomial count around it (`CountDistribution`): the moving average, Croston–SBA and TSB.
public protocol FlatCountModel: FittedModel {
  /// Expected units on every forecast day (NaN when the series had no uncensored day).
  var meanPerDay: Double { get }
  /// NB2 dispersion φ of the predictive distribution (0 = Poisson).
  var dispersion: Double { get }
}

extension FlatCountModel {
  /// `meanPerDay` on each of `horizon` days, with the count distribution's quantiles.
  public func predict(horizon: Int, levels: [Double]) -> ModelForecast {
    precondition(horizon >= 0, "the horizon is a number of days")
    let mean = meanPerDay
    return ModelForecast(
      mean: [Double](repeating: mean, count: horizon),
      quantiles: CountDistribution.flatPaths(
        mean: mean, dispersion: dispersion, horizon: horizon, levels: levels))
  }
}
