import LinearAlgebra

extension ETSEstimator {
  /// True for the models whose one-step predictions are affine in the initial states at fixed
  /// parameters: additive error with an additive season or none.
  var hasLinearInitialStates: Bool {
    settings.error == .additive && settings.season != .multiplicative
  }

  /// The initial states that minimise the sum of squared one-step errors at fixed `parameters`,
  /// for a model with `hasLinearInitialStates`; `nil` when the least-squares problem is
  /// singular.
  ///
  /// Hyndman et al. (2008, §2.6.2) estimate the initial states with the smoothing parameters;
  /// the heuristic ones of `ETSInitialisation` come from the first few weeks only, and with a
  /// small γ the seasonal states barely move from them, so a noisy start would stay in every
  /// forecast. At fixed parameters the predictions are ŷₜ(x₀) = ŷₜ(0; y) + Σₖ x₀ₖ ŷₜ(eₖ; 0):
  /// one pass over the data from zero states, plus one pass over zeros per state from a unit
  /// state, give a least-squares problem in at most 2 + m − 1 unknowns (the seasonal states sum
  /// to zero). Censored days are left out of the sum, as from the likelihood.
  func optimalInitialState(parameters: ETSParameters) -> ETSState? {
    // The parameters a model without a trend, damping or season ignores, as `FittedETS` does.
    var parameters = parameters
    if settings.trend == .none { parameters.beta = 0 }
    if settings.trend != .additiveDamped { parameters.phi = 1 }
    if settings.season == .none { parameters.gamma = 0 }
    let n = series.count
    let m = settings.stateSeasonLength
    let filter = ETSFilter(settings: settings)
    let hasTrend = settings.trend != .none
    let seasonal = settings.season != .none
    let zeros = [Double](repeating: 0, count: n)
    /// The one-step predictions over `data` from the given initial states.
    func predictions(level: Double, trend: Double, season: [Double], data: [Double]) -> [Double] {
      var fitted = [Double](repeating: 0, count: n)
      var season = season
      data.withUnsafeBufferPointer { values in
        series.censored.withUnsafeBufferPointer { censored in
          season.withUnsafeMutableBufferPointer { season in
            fitted.withUnsafeMutableBufferPointer { fitted in
              _ = filter.run(
                parameters: parameters, level: level, trend: trend, season: season,
                values: values, censored: censored, fitted: fitted)
            }
          }
        }
      }
      return fitted
    }
    let zeroSeason = [Double](repeating: 0, count: m)
    let base = predictions(level: 0, trend: 0, season: zeroSeason, data: series.values)
    // One column per unknown (level, trend?, season 0 ..< m − 1, the last season being minus
    // their sum): the predictions over zero data from a unit initial state.
    var columns = [predictions(level: 1, trend: 0, season: zeroSeason, data: zeros)]
    if hasTrend { columns.append(predictions(level: 0, trend: 1, season: zeroSeason, data: zeros)) }
    if seasonal {
      for k in 0..<(m - 1) {
        var states = zeroSeason
        states[k] = 1
        states[m - 1] = -1
        columns.append(predictions(level: 0, trend: 0, season: states, data: zeros))
      }
    }
    // Normal equations over the uncensored days.
    let unknowns = columns.count
    var gram = [Double](repeating: 0, count: unknowns * unknowns)
    var right = [Double](repeating: 0, count: unknowns)
    for t in 0..<n where !series.censored[t] {
      let target = series.values[t] - base[t]
      for a in 0..<unknowns {
        let za = columns[a][t]
        right[a] += za * target
        for b in 0...a { gram[b * unknowns + a] += za * columns[b][t] }
      }
    }
    for a in 0..<unknowns { for b in 0..<a { gram[a * unknowns + b] = gram[b * unknowns + a] } }
    guard
      let solution = try? solvePositiveDefinite(
        Matrix(rows: unknowns, columns: unknowns, columnMajor: gram), right),
      solution.allSatisfy(\.isFinite)
    else { return nil }
    var index = 0
    let level = solution[index]
    index += 1
    var trend = 0.0
    if hasTrend {
      trend = solution[index]
      index += 1
    }
    var states = [0.0]
    if seasonal {
      states = Array(solution[index..<(index + m - 1)])
      states.append(-states.reduce(0, +))
    }
    return ETSState(level: level, trend: trend, season: states)
  }
}
