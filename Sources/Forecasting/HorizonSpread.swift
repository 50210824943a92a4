import Models

/// How much wider than a series' pooled backtest errors its errors are at each step ahead:
/// the factor that turns the residual quantiles of `SeriesFit.residuals` (pooled over every
/// step of the rolling-origin backtest) into quantiles for one step.
///
/// A series' sketch pools 3 origins × 28 steps, too few points to calibrate each step on its
/// own; the *shape* of the growth is shared by the chain and measured on every backtested
/// series. With σ_s the root mean square of series s's scored backtest errors (all steps) and
/// r_{s,h} an error at step h,
///
///     factor_h = √( mean over s and origins of (r_{s,h} / σ_s)² )
///
/// made non-decreasing in h (pool-adjacent-violators, weighted by the points per step): a
/// forecast is never more certain further out. The pooled sketch's offsets are multiplied by
/// `factor_h`, so quantiles keep the series' own asymmetry and scale while bands widen with the
/// horizon. Because each σ_s pools its series' steps, the factors average about 1.
public struct HorizonSpread: Sendable, Equatable, Codable {
  /// `factors[h − 1]` scales the residual offsets of step h (dimensionless, > 0).
  public var factors: [Double]
  /// Scored points behind each factor.
  public var points: [Int]
  /// When true, the residual offsets are read relative to their median, so the p50 is the mean
  /// forecast (weekly grain: the backtest's few dozen weeks come from one part of the year, and
  /// their median error says more about that season than about the next). `nil` (daily, and
  /// every set saved before it existed) keeps the offsets as they are.
  public var centresOnMean: Bool? = nil
  /// The variance ratios of covers of 1 … horizon days (see `CoverSpread`); `nil` for sets
  /// saved before it existed, and when too few origins were scored: covers are then read as
  /// independent days.
  public var cover: CoverSpread? = nil

  public init(factors: [Double], points: [Int]) {
    precondition(factors.count == points.count, "one point count per factor")
    self.factors = factors
    self.points = points
  }

  /// The factor of step `step` (1 = the day after the last observation); 1 past the measured
  /// steps.
  public func factor(step: Int) -> Double {
    factors.indices.contains(step - 1) ? factors[step - 1] : 1
  }
}

/// The sums behind a `HorizonSpread`, added series by series and merged across stores in a
/// fixed order (so the factors do not depend on scheduling).
struct HorizonSpreadTally: Sendable {
  /// Σ (r / σ_s)² per step.
  var squares: [Double]
  /// Points per step.
  var counts: [Int]
  /// The cover sums over every series.
  var cover: CoverTally
  /// The cover sums over the fast movers alone (`fastMoverUnitsPerDay`).
  var fastCover: CoverTally
  /// Series averaging at least this many units a day over their training days are fast movers.
  var fastMoverUnitsPerDay: Double
  /// The origins' covers, for the backtest's tail coverage (`CoverTail`).
  var tails = CoverTailTally()

  init(horizon: Int, fastMoverUnitsPerDay: Double = 1) {
    squares = [Double](repeating: 0, count: horizon)
    counts = [Int](repeating: 0, count: horizon)
    cover = CoverTally(horizon: horizon)
    fastCover = CoverTally(horizon: horizon)
    self.fastMoverUnitsPerDay = fastMoverUnitsPerDay
  }

  /// Steps with fewer points leave the whole spread at 1: too few to measure a shape.
  static let minimumPointsPerStep = 50

  /// Adds the errors of one series' chosen forecast: `paths[o][h]` forecast from origin
  /// `origins[o]` (index of its first day) for step h + 1, scored against the uncensored days.
  /// `meanUnitsPerDay`, the series' average over its training days, says whether it is a fast
  /// mover (its covers also go to `fastCover`).
  mutating func add(
    paths: [[Double]], series: DemandSeries, origins: [Int], meanUnitsPerDay: Double = 0
  ) {
    var scored: [(step: Int, square: Double)] = []
    /// Each origin's scored errors, and its forecast and actual values over its uncensored first
    /// days, in step order.
    var residuals: [[Double]] = []
    var covers: [(forecast: [Double], actual: [Double])] = []
    for (path, origin) in zip(paths, origins) {
      var originResiduals: [Double] = []
      var cover: (forecast: [Double], actual: [Double]) = ([], [])
      var unbroken = true
      for (h, forecast) in path.enumerated() where origin + h < series.count {
        guard !series.censored[origin + h], forecast.isFinite else {
          unbroken = false
          continue
        }
        let r = series.values[origin + h] - forecast
        scored.append((h, r * r))
        originResiduals.append(r)
        if unbroken {
          cover.forecast.append(forecast)
          cover.actual.append(series.values[origin + h])
        }
      }
      residuals.append(originResiduals)
      covers.append(cover)
    }
    let total = scored.reduce(0) { $0 + $1.square }
    guard total > 0 else { return }
    let meanSquare = total / Double(scored.count)
    for (h, square) in scored where h < squares.count {
      squares[h] += square / meanSquare
      counts[h] += 1
    }
    tails.add(residuals: residuals, prefixes: covers)
    let sigma = meanSquare.squareRoot()
    let fast = meanUnitsPerDay >= fastMoverUnitsPerDay
    for origin in covers {
      // The origin's errors over its uncensored first days.
      let errors = zip(origin.actual, origin.forecast).map { $0 - $1 }
      cover.add(errors, sigma: sigma)
      if fast { fastCover.add(errors, sigma: sigma) }
    }
  }

  mutating func merge(_ other: HorizonSpreadTally) {
    for h in squares.indices where h < other.squares.count {
      squares[h] += other.squares[h]
      counts[h] += other.counts[h]
    }
    cover.merge(other.cover)
    fastCover.merge(other.fastCover)
    tails.merge(other.tails)
  }

  /// The backtest's cover tails read with `spread` (its factors and cover ratios); empty
  /// without cover ratios.
  func coverTails(_ spread: HorizonSpread?) -> [CoverTail] {
    guard let spread, let cover = spread.cover else { return [] }
    return tails.tails(spread: spread, cover: cover)
  }

  /// The cover variance ratios of every series, with the fast movers' own when they have
  /// enough origins; `nil` when not even 2-day covers of all series have.
  func coverSpread() -> CoverSpread? {
    guard var spread = cover.spread() else { return nil }
    if let fast = fastCover.spread() {
      spread.fast = CoverSpread.FastMovers(
        ratios: fast.ratios, points: fast.points, minimumUnitsPerDay: fastMoverUnitsPerDay)
    }
    return spread
  }

  /// The factors, or `nil` when some step has fewer than `minimumPointsPerStep` points.
  func spread() -> HorizonSpread? {
    guard !counts.isEmpty, counts.allSatisfy({ $0 >= Self.minimumPointsPerStep }) else {
      return nil
    }
    let meanSquares = zip(squares, counts).map { $0 / Double($1) }
    let monotone = Self.nonDecreasing(meanSquares, weights: counts.map(Double.init))
    var spread = HorizonSpread(factors: monotone.map { $0.squareRoot() }, points: counts)
    spread.cover = coverSpread()
    return spread
  }

  /// The weighted least-squares non-decreasing fit of `values` (pool adjacent violators).
  static func nonDecreasing(_ values: [Double], weights: [Double]) -> [Double] {
    var blocks: [(mean: Double, weight: Double, count: Int)] = []
    for (value, weight) in zip(values, weights) {
      blocks.append((value, weight, 1))
      while blocks.count >= 2, blocks[blocks.count - 2].mean > blocks[blocks.count - 1].mean {
        let right = blocks.removeLast()
        let left = blocks.removeLast()
        let weight = left.weight + right.weight
        blocks.append(
          (
            (left.mean * left.weight + right.mean * right.weight) / weight, weight,
            left.count + right.count
          ))
      }
    }
    return blocks.flatMap { repeatElement($0.mean, count: $0.count) }
  }
}

/// The sums behind a `CoverSpread`: per cover length n (index n − 1), over origins whose first
/// n days are uncensored, Σ (Σ_{h<n} r_h / σ_s)², Σ Σ_{h<n} (r_h / σ_s)² and the origins.
struct CoverTally: Sendable {
  var squares: [Double]
  var daySquares: [Double]
  var counts: [Int]

  init(horizon: Int) {
    squares = [Double](repeating: 0, count: horizon)
    daySquares = squares
    counts = [Int](repeating: 0, count: horizon)
  }

  /// Adds one origin's errors over its uncensored first days, `sigma` its series' error RMS.
  mutating func add(_ errors: [Double], sigma: Double) {
    var sum = 0.0
    var sumOfSquares = 0.0
    for (n, r) in errors.enumerated() where n < squares.count {
      let z = r / sigma
      sum += z
      sumOfSquares += z * z
      squares[n] += sum * sum
      daySquares[n] += sumOfSquares
      counts[n] += 1
    }
  }

  mutating func merge(_ other: CoverTally) {
    for n in squares.indices where n < other.squares.count {
      squares[n] += other.squares[n]
      daySquares[n] += other.daySquares[n]
      counts[n] += other.counts[n]
    }
  }

  /// The ratios over the lengths with at least `HorizonSpreadTally.minimumPointsPerStep`
  /// origins (from 1 day up to the first that has fewer), made non-decreasing and at least 1;
  /// `nil` when not even 2-day covers have.
  func spread() -> CoverSpread? {
    let measured = counts.prefix { $0 >= HorizonSpreadTally.minimumPointsPerStep }.count
    guard measured >= 2 else { return nil }
    let raw = (0..<measured).map { n in daySquares[n] > 0 ? squares[n] / daySquares[n] : 1 }
    let points = Array(counts.prefix(measured))
    let monotone = HorizonSpreadTally.nonDecreasing(raw, weights: points.map(Double.init))
    return CoverSpread(ratios: monotone.map { max(1, $0) }, points: points)
  }
}
