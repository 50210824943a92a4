import Models

/// How often a backtest cover's demand stayed within the order-up-to level read from its
/// forecast, per mover class, cover length and service level: issue 20's tail coverage measured
/// on the training's backtest instead of in simulation (`training-report.json`, `coverTails`).
public struct CoverTail: Sendable, Codable, Equatable {
  /// Which covers a row counts.
  public enum Movers: String, Sendable, Codable {
    /// Covers averaging at least the fast-mover threshold a day (they read the fast movers'
    /// cover ratios).
    case fast
    case slow
  }
  public var movers: Movers
  /// Cover length, in forecast periods (days, or weeks at weekly grain).
  public var coverDays: Int
  /// The service level the order-up-to level was read at.
  public var serviceLevel: Double
  /// Backtest covers scored.
  public var covers: Int
  /// Share of them whose units sold stayed within the level, a ratio.
  public var coveredShare: Double
}

/// The backtest covers behind `CoverTail`, kept from the series' backtests until the chain's
/// step factors and cover ratios are known (a cover's distribution needs both).
///
/// Each record is one origin of one series' chosen forecast: its 10 %, 50 % and 90 % residual
/// offsets read, as the forecast reads them (`SeriesFit.calibrated`), from the sketch of the
/// *other* origins' residuals (so no cover is scored against a band its own errors made), and
/// its forecast and actual values over its uncensored first days. Records are appended series by
/// series and merged in store order, so the figures do not depend on scheduling.
struct CoverTailTally: Sendable {
  /// Three offsets (10 %, 50 %, 90 %) per record, in units.
  private var offsets: [Float] = []
  /// `starts[i] ..< starts[i + 1]` indexes record i's days in `forecasts` and `actuals`.
  private var starts: [Int] = [0]
  private var forecasts: [Float] = []
  private var actuals: [Float] = []

  /// The cover lengths (ascending) and service levels reported.
  static let lengthsDays = [7, 14]
  static let serviceLevels = [0.9, 0.95, 0.98]

  var recordCount: Int { starts.count - 1 }

  /// Adds one series' origins.
  /// - Parameters:
  ///   - residuals: every scored residual (actual − forecast) of each origin.
  ///   - prefixes: each origin's forecast and actual values over its uncensored first days.
  mutating func add(residuals: [[Double]], prefixes: [(forecast: [Double], actual: [Double])]) {
    guard residuals.count >= 2 else { return }
    // Origins shorter than the shortest cover add nothing; days past the longest are not kept.
    let (shortest, longest) = (Self.lengthsDays.first ?? 1, Self.lengthsDays.last ?? 1)
    for (o, prefix) in prefixes.enumerated() where prefix.forecast.count >= shortest {
      var others: [Float] = []
      for (i, values) in residuals.enumerated() where i != o {
        others.append(contentsOf: values.lazy.map { Float($0) })
      }
      guard !others.isEmpty else { continue }
      let sketch = ResidualSketch(sorted: others.sorted())
      for level in [0.1, 0.5, 0.9] {
        offsets.append(
          Float(sketch.quantile(conformalLevel(level, residualCount: sketch.count))))
      }
      forecasts.append(contentsOf: prefix.forecast.prefix(longest).lazy.map { Float($0) })
      actuals.append(contentsOf: prefix.actual.prefix(longest).lazy.map { Float($0) })
      starts.append(forecasts.count)
    }
  }

  mutating func merge(_ other: CoverTailTally) {
    let base = forecasts.count
    offsets.append(contentsOf: other.offsets)
    starts.append(contentsOf: other.starts.dropFirst().map { $0 + base })
    forecasts.append(contentsOf: other.forecasts)
    actuals.append(contentsOf: other.actuals)
  }

  /// The tails of the covers of `lengthsDays`, read as an order-up-to level reads them
  /// (`CoverSpread.coverMoments`, times `cover`'s ratio), with the bands the forecast would have
  /// issued: p = max(0, f + offset · factor_h) around f = max(0, forecast), the offsets relative
  /// to the median when `spread.centresOnMean`. A cover is covered when its units sold do not
  /// exceed the level's quantile: u = P(Y < sold) is below the level (`transform`). Groups with
  /// no cover are left out.
  func tails(spread: HorizonSpread, cover: CoverSpread) -> [CoverTail] {
    let lengths = Self.lengthsDays
    // transforms[fast][length]
    var transforms = [[[Double]]](
      repeating: [[Double]](repeating: [], count: lengths.count), count: 2)
    for record in 0..<recordCount {
      let range = starts[record]..<starts[record + 1]
      let centre = spread.centresOnMean == true ? Double(offsets[3 * record + 1]) : 0
      let low = Double(offsets[3 * record]) - centre
      let high = Double(offsets[3 * record + 2]) - centre
      var mean: [Double] = []
      var p10: [Double] = []
      var p90: [Double] = []
      var sold = 0.0
      var next = 0
      for (step, index) in range.enumerated() where next < lengths.count {
        let f = max(0, Double(forecasts[index]))
        let factor = spread.factor(step: step + 1)
        mean.append(f)
        p10.append(max(0, f + low * factor))
        p90.append(max(0, f + high * factor))
        sold += Double(actuals[index])
        let days = step + 1
        guard lengths[next] == days else { continue }
        let moments = CoverSpread.coverMoments(mean: mean, p10: p10, p90: p90, days: days)
        let unitsPerDay = moments.mean / Double(days)
        let variance = moments.variance * cover.varianceRatio(days: days, unitsPerDay: unitsPerDay)
        let isFast = cover.fast.map { unitsPerDay >= $0.minimumUnitsPerDay } ?? false
        transforms[isFast ? 1 : 0][next].append(
          Self.transform(actual: sold, mean: moments.mean, variance: variance))
        next += 1
      }
    }
    var rows: [CoverTail] = []
    for (fast, movers) in [(1, CoverTail.Movers.fast), (0, .slow)] {
      for (index, days) in lengths.enumerated() where !transforms[fast][index].isEmpty {
        let values = transforms[fast][index]
        for level in Self.serviceLevels {
          let covered = values.reduce(0) { $0 + ($1 < level ? 1 : 0) }
          rows.append(
            CoverTail(
              movers: movers, coverDays: days, serviceLevel: level, covers: values.count,
              coveredShare: Double(covered) / Double(values.count)))
        }
      }
    }
    return rows
  }

  /// u = P(Y < actual) for Y the cover's negative binomial with `mean` and `variance`: the
  /// actual fits under the smallest count whose cumulative probability reaches a level t (the
  /// order-up-to level read at t) exactly when u < t. A cover without expected demand is a point
  /// mass at 0.
  static func transform(actual: Double, mean: Double, variance: Double) -> Double {
    // The largest whole count below the actual (fractional units, as money, round up).
    let below = (actual - 1e-9).rounded(.up) - 1
    guard below >= 0 else { return 0 }
    guard mean > 0 else { return 1 }
    return CountDistribution.cumulativeProbability(
      atMost: below, mean: mean, dispersion: CoverSpread.dispersion(mean: mean, variance: variance)
    )
  }
}
