/// Fits a set of ETS models to each series and keeps the one with the smallest AICc.
///
/// The default candidates suit daily retail demand with a weekly cycle:
///
/// - `ETS(A,N,N)`: no weekly pattern (slow movers, white noise);
/// - `ETS(A,N,A)`: a stable weekly pattern of fixed size, the workhorse;
/// - `ETS(A,Ad,A)`: the same with a damped drift (ramping or fading items);
/// - `ETS(M,N,M)`: a weekly pattern proportional to the level (fast movers);
/// - `ETS(M,Ad,M)`: the same with a damped drift.
///
/// Undamped trends are left out: over a 28-day horizon they extrapolate too boldly (FPP3 §8.2,
/// Gardner & McKenzie 1985). Models with a multiplicative error or season are skipped for a
/// series with any uncensored value at or below zero, where they are undefined; so
/// intermittent series choose among the three additive models. AICc values are comparable
/// across the candidates because every likelihood is that of the data `y` (the multiplicative
/// ones include the Jacobian term `−Σ log ŷ`) and every model is initialised by the same
/// heuristic.
public struct AutoETSSettings: ForecastMethod, Hashable {
  /// The models tried, in order; ties in AICc go to the earlier one.
  public var candidates: [ETSSettings]

  /// - Precondition: `candidates` is not empty.
  public init(candidates: [ETSSettings] = AutoETSSettings.retailCandidates) {
    precondition(!candidates.isEmpty, "AutoETS needs at least one candidate model")
    self.candidates = candidates
  }

  /// `ETS(A,N,N)`, `ETS(A,N,A)`, `ETS(A,Ad,A)`, `ETS(M,N,M)`, `ETS(M,Ad,M)`, weekly season.
  public static let retailCandidates: [ETSSettings] = [.ann, .ana, .aada, .mnm, .madm]

  public var name: String { "AutoETS" }
  public var family: ModelFamily { .exponentialSmoothing }

  /// Fits every applicable candidate and returns the one with the smallest AICc.
  ///
  /// - Throws: the error of the first candidate when none can be fitted (for the default
  ///   candidates, `ModelError.tooShort` below 10 uncensored days, where `ETS(A,N,N)` fails).
  /// - Complexity: the sum of the candidates' fits.
  public func fit(_ series: DemandSeries) throws(ModelError) -> FittedAutoETS {
    var hasNonPositive = false
    for (value, isCensored) in zip(series.values, series.censored) where !isCensored {
      if value <= 0 {
        hasNonPositive = true
        break
      }
    }
    var best: FittedETS?
    var scores: [FittedAutoETS.Score] = []
    var firstError: ModelError?
    for candidate in candidates {
      if hasNonPositive && candidate.isMultiplicative {
        scores.append(.init(model: candidate.name, aicc: nil))
        continue
      }
      do {
        let fitted = try candidate.fit(series)
        scores.append(.init(model: candidate.name, aicc: fitted.aicc))
        if fitted.aicc.isFinite, fitted.aicc < (best?.aicc ?? .infinity) { best = fitted }
      } catch {
        scores.append(.init(model: candidate.name, aicc: nil))
        if firstError == nil { firstError = error }
      }
    }
    guard let best else {
      throw firstError ?? .nonPositiveData(model: name)
    }
    return FittedAutoETS(chosen: best, scores: scores)
  }
}

/// The ETS model AutoETS chose for one series, with the AICc of every candidate.
///
/// It forecasts, filters and reports exactly as `chosen` does; `name` is the chosen model's
/// (`ETS(M,N,M)`).
public struct FittedAutoETS: FittedModel, Equatable {
  /// One candidate's result.
  public struct Score: Sendable, Codable, Equatable {
    /// The candidate's name, `ETS(A,N,A)`.
    public var model: String
    /// Its AICc, or `nil` when it was skipped (multiplicative on non-positive data) or failed.
    public var aicc: Double?
  }

  /// The candidate with the smallest AICc.
  public private(set) var chosen: FittedETS
  /// Every candidate's AICc, in the order tried.
  public let scores: [Score]

  public var name: String { chosen.name }
  public var family: ModelFamily { .exponentialSmoothing }
  public var fittedValues: [Double] { chosen.fittedValues }

  public func predict(horizon: Int, levels: [Double]) -> ModelForecast {
    chosen.predict(horizon: horizon, levels: levels)
  }

  /// The chosen model applied to `series` (`FittedETS.applied(to:)`); the scores are kept.
  public func applied(to series: DemandSeries) -> FittedAutoETS {
    FittedAutoETS(chosen: chosen.applied(to: series), scores: scores)
  }
}

extension FittedAutoETS {
  public func compacted() -> Self {
    var copy = self
    copy.chosen = chosen.compacted()
    return copy
  }
}
