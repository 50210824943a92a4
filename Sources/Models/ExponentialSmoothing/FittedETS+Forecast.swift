import Foundation

extension FittedETS {
  /// The point forecast and Gaussian quantiles of the `horizon` days after the training data.
  ///
  /// The point forecast is `(ℓ + φₕb) ∘ sₕ` from the final state, with `φₕ = φ + … + φʰ` and
  /// `∘` the season's `+` or `×`, clipped at 0. Quantiles are `mean + z·√vₕ` (clipped at 0,
  /// monotone across levels, `gaussianQuantiles`) with the h-step variance `vₕ` of Hyndman et
  /// al. (2008, ch. 6), writing `cⱼ = α + β(φ + … + φʲ) + γ·[j ≡ 0 mod m]`:
  ///
  /// - additive error, no multiplicative season (class 1, exact):
  ///   `vₕ = σ²(1 + Σⱼ₌₁ʰ⁻¹ cⱼ²)`;
  /// - multiplicative error, no multiplicative season (class 2, exact):
  ///   `vₕ = (1 + σ²)θₕ − μₕ²`, `θ₁ = μ₁²`, `θₕ = μₕ² + σ² Σⱼ₌₁ʰ⁻¹ cⱼ² θₕ₋ⱼ`;
  /// - multiplicative error and season (class 3): the class-2 formula on the seasonally adjusted
  ///   forecast `μ̃ₕ = ℓ + φₕb`, times the seasonal factor squared. This is exact for h ≤ m
  ///   (the seasonal factor is then a known state) and beyond that keeps the first-order terms
  ///   in σ² (it treats the seasonal update as one more `cⱼ`), an approximation;
  /// - additive error, multiplicative season (classes 4–5): the first-order (delta-method)
  ///   variance `σ²(1 + Σⱼ cⱼ(h)²)` with the coefficients scaled by the ratio of the seasonal
  ///   factors (level and trend terms) or of the adjusted forecasts (season terms) at day h and
  ///   day h − j; exact for h ≤ m without trend, approximate otherwise.
  ///
  /// The Gaussian shape is itself an approximation for multiplicative errors, whose forecast
  /// distributions are right-skewed (statsforecast does the same).
  ///
  /// - Complexity: O(horizon) for class 1, O(horizon²) otherwise.
  public func predict(horizon: Int, levels: [Double]) -> ModelForecast {
    precondition(horizon >= 0, "horizon must not be negative")
    let point = pointForecast(horizon: horizon)
    let mean = point.map { max(0, $0) }
    guard !levels.isEmpty else { return ModelForecast(mean: mean) }
    let sigma = forecastVariances(horizon: horizon).map { $0.squareRoot() }
    return ModelForecast(
      mean: mean, quantiles: gaussianQuantiles(mean: point, sigma: sigma, levels: levels))
  }

  /// `ℓ + φₕb` for h = 1…horizon, the seasonally adjusted point forecast.
  func adjustedForecast(horizon: Int) -> [Double] {
    let phi = parameters.phi
    var dampedSum = 0.0
    var power = 1.0
    return (0..<horizon).map { _ in
      power *= phi
      dampedSum += power
      return finalState.level + dampedSum * finalState.trend
    }
  }

  /// The seasonal state that applies to forecast day h = index + 1.
  func seasonalState(_ index: Int) -> Double {
    finalState.season[index % finalState.season.count]
  }

  /// The unclipped point forecast `(ℓ + φₕb) ∘ sₕ`.
  func pointForecast(horizon: Int) -> [Double] {
    let adjusted = adjustedForecast(horizon: horizon)
    let multiplicative = settings.season == .multiplicative
    return adjusted.indices.map { i in
      multiplicative ? adjusted[i] * seasonalState(i) : adjusted[i] + seasonalState(i)
    }
  }

  /// The coefficients `cⱼ = α + β(φ + … + φʲ) + γ·[j ≡ 0 mod m]` for j = 1…count, with the
  /// level-and-trend and the season parts apart.
  private func smoothingCoefficients(count: Int) -> (levelTrend: [Double], season: [Double]) {
    let p = parameters
    let m = settings.season == .none ? 0 : settings.seasonLength
    var levelTrend = [Double](repeating: 0, count: count)
    var season = [Double](repeating: 0, count: count)
    var dampedSum = 0.0
    var power = 1.0
    for j in stride(from: 1, through: count, by: 1) {
      power *= p.phi
      dampedSum += power
      levelTrend[j - 1] = p.alpha + p.beta * dampedSum
      season[j - 1] = m > 0 && j % m == 0 ? p.gamma : 0
    }
    return (levelTrend, season)
  }

  /// The h-step forecast variances vₕ, h = 1…horizon (see `predict`).
  func forecastVariances(horizon: Int) -> [Double] {
    guard horizon > 0 else { return [] }
    let (levelTrend, seasonPart) = smoothingCoefficients(count: horizon)
    let sigma2 = self.sigma2
    let multiplicativeSeason = settings.season == .multiplicative
    switch settings.error {
    case .additive where !multiplicativeSeason:
      var sum = 0.0
      return (0..<horizon).map { h in
        if h > 0 {
          let c = levelTrend[h - 1] + seasonPart[h - 1]
          sum += c * c
        }
        return sigma2 * (1 + sum)
      }
    case .multiplicative:
      let mu =
        multiplicativeSeason
        ? adjustedForecast(horizon: horizon)
        : pointForecast(
          horizon: horizon)
      let c2 = (0..<horizon).map { i in
        let c = levelTrend[i] + seasonPart[i]
        return c * c
      }
      var theta = [Double](repeating: 0, count: horizon)
      var variances = [Double](repeating: 0, count: horizon)
      for h in 0..<horizon {
        var sum = 0.0
        for j in 0..<h { sum += c2[j] * theta[h - 1 - j] }
        theta[h] = mu[h] * mu[h] + sigma2 * sum
        let v = (1 + sigma2) * theta[h] - mu[h] * mu[h]
        let scale = multiplicativeSeason ? seasonalState(h) * seasonalState(h) : 1
        variances[h] = max(0, v * scale)
      }
      return variances
    case .additive:
      // Multiplicative season with additive error: first-order variance.
      let adjusted = adjustedForecast(horizon: horizon)
      return (0..<horizon).map { h in
        var sum = 0.0
        for j in stride(from: 1, through: h, by: 1) {
          // The error of forecast day h − j enters the level as e/s and the season as e/q.
          let earlier = h - j
          let seasonRatio = seasonalState(h) / seasonalState(earlier)
          let levelRatio = adjusted[h] / adjusted[earlier]
          let c = levelTrend[j - 1] * seasonRatio + seasonPart[j - 1] * levelRatio
          sum += c * c
        }
        return sigma2 * (1 + sum)
      }
    }
  }
}
