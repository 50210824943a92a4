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
    // Unknowns: level, trend?, season 0 ..< m − 1 (the last is minus their sum).
    let unknowns = 1 + (hasTrend ? 1 : 0) + (seasonal ? m - 1 : 0)
    var columns = [Double](repeating: 0, count: n * unknowns)
    var base = [Double](repeating: 0, count: n)
    let zeros = [Double](repeating: 0, count: n)
    var season = [Double](repeating: 0, count: m)
    func run(
      level: Double, trend: Double, seasonStates: [Double], data: [Double], into column: Int?
    ) {
      for j in 0..<m { season[j] = seasonStates[j] }
      data.withUnsafeBufferPointer { values in
        series.censored.withUnsafeBufferPointer { censored in
          season.withUnsafeMutableBufferPointer { season in
            if let column {
              columns.withUnsafeMutableBufferPointer { all in
                let slice = UnsafeMutableBufferPointer(
                  rebasing: all[(column * n)..<((column + 1) * n)])
                _ = filter.run(
                  parameters: parameters, level: level, trend: trend, season: season,
                  values: values, censored: censored, fitted: slice)
              }
            } else {
              base.withUnsafeMutableBufferPointer { fitted in
                _ = filter.run(
                  parameters: parameters, level: level, trend: trend, season: season,
                  values: values, censored: censored, fitted: fitted)
              }
            }
          }
        }
      }
    }
    let zeroSeason = [Double](repeating: 0, count: m)
    run(level: 0, trend: 0, seasonStates: zeroSeason, data: series.values, into: nil)
    var column = 0
    run(level: 1, trend: 0, seasonStates: zeroSeason, data: zeros, into: column)
    column += 1
    if hasTrend {
      run(level: 0, trend: 1, seasonStates: zeroSeason, data: zeros, into: column)
      column += 1
    }
    if seasonal {
      for k in 0..<(m - 1) {
        var states = zeroSeason
        states[k] = 1
        states[m - 1] = -1
        run(level: 0, trend: 0, seasonStates: states, data: zeros, into: column)
        column += 1
      }
    }
    // Normal equations over the uncensored days.
    var gram = [Double](repeating: 0, count: unknowns * unknowns)
    var right = [Double](repeating: 0, count: unknowns)
    for t in 0..<n where !series.censored[t] {
      let target = series.values[t] - base[t]
      for a in 0..<unknowns {
        let za = columns[a * n + t]
        right[a] += za * target
        for b in 0...a { gram[b * unknowns + a] += za * columns[b * n + t] }
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
