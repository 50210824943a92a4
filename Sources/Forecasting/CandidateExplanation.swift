import Models

/// One model of a series' issued forecast: its mean path split into parts, and the weight its
/// path has in the issued mean at each step.
///
/// Over a series' candidates, `Σ weights[h] · path[h]` is the issued mean of step h, and each
/// candidate's parts sum to its `path` wherever the path is above 0 (a model whose parts sum
/// below 0 forecasts 0): so the issued mean is the weighted sum of the parts shown.
public struct CandidateExplanation: Sendable, Equatable {
  /// The model's label, as in `forecast.csv` (`ETS(A,N,A)`, `Ridge(dairy)`).
  public var model: String
  /// True for the category regression, whose features `SeriesExplanation.days` decompose.
  public var isRegression: Bool
  /// Units per period of each step: the model's mean forecast as the forecast combined it
  /// (clipped at 0).
  public var path: [Double]
  /// The parts of `path` (`ForecastComponent`); for the regression its baseline and the sum of
  /// its feature contributions.
  public var components: [ForecastComponent]
  /// 1 when the model alone serves the series; with a per-step median of N paths, 1 for the
  /// middle path (N odd) or 1/2 for each of the two middle ones (N even), 0 for the others.
  public var weights: [Double]

  public init(
    model: String, isRegression: Bool, path: [Double], components: [ForecastComponent],
    weights: [Double]
  ) {
    self.model = model
    self.isRegression = isRegression
    self.path = path
    self.components = components
    self.weights = weights
  }

  /// True when the model's path is (part of) the issued mean at step `index`.
  public func serves(step index: Int) -> Bool {
    weights.indices.contains(index) && weights[index] > 0
  }

  /// The weight of each of `paths` in their per-step median (the median `SeriesFit.forecast`
  /// issues): at each step the paths are ranked by value, ties in the given order; the middle
  /// rank gets 1 (odd count) or the two middle ranks 1/2 each (even count). A single path has
  /// weight 1 throughout.
  static func medianWeights(_ paths: [[Double]], horizon: Int) -> [[Double]] {
    var weights = paths.map { _ in [Double](repeating: 0, count: horizon) }
    guard !paths.isEmpty else { return weights }
    for step in 0..<horizon {
      let ranked = paths.indices.sorted { a, b in
        paths[a][step] != paths[b][step] ? paths[a][step] < paths[b][step] : a < b
      }
      let mid = ranked.count / 2
      if ranked.count % 2 == 1 {
        weights[ranked[mid]][step] = 1
      } else {
        weights[ranked[mid - 1]][step] = 0.5
        weights[ranked[mid]][step] = 0.5
      }
    }
    return weights
  }
}
