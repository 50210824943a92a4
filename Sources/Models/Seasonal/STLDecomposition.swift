/// Seasonal-trend decomposition by LOESS (STL: Cleveland, Cleveland, McRae and Terpenning,
/// *Journal of Official Statistics* 6(1), 1990), the non-robust form, with every smoother
/// evaluated at every position (no jumps): the decomposition statsforecast's `MSTL` and R's
/// `forecast::mstl` use for one season, and statsmodels' `STL` computes with the same
/// settings.
///
/// `values` = `seasonal` + `trend` + remainder, position by position. The inner loop, repeated
/// `innerIterations` times from a zero trend:
/// 1. each cycle-subseries of the detrended values (the positions of one slot) is smoothed by
///    LOESS of degree `seasonalDegree` over `seasonalWindow` cycles, and extended by one cycle at
///    each end;
/// 2. that smoothed series is low-pass filtered (moving averages of `period`, `period`, 3,
///    then LOESS of degree 1 over `lowPassWindow`) and the low-pass is subtracted: the seasonal;
/// 3. the deseasonalised values are smoothed by LOESS of degree 1 over `trendWindow`: the trend.
public struct STLSettings: Equatable, Sendable {
  /// Positions per cycle (52 weeks), at least 2.
  public var period: Int
  /// Cycles in the seasonal smoother's window (odd, at least 3).
  public var seasonalWindow: Int
  /// 0 (local mean) or 1 (local line) across cycles.
  public var seasonalDegree: Int
  /// Positions in the trend smoother's window (odd, above `period`).
  public var trendWindow: Int
  /// Positions in the low-pass smoother's window (odd, above `period`).
  public var lowPassWindow: Int
  public var innerIterations: Int

  /// The settings of statsforecast's `MSTL` for one season: seasonal window 11 (R's
  /// `7 + 4 × 1`), degree 0; statsmodels' defaults for the rest: the trend window is the
  /// smallest odd integer ≥ 1.5 × period / (1 − 1.5 / seasonal window), the low-pass window
  /// the smallest odd integer above the period, and 5 inner iterations.
  public init(period: Int, seasonalWindow: Int = 11, seasonalDegree: Int = 0) {
    precondition(period >= 2, "a cycle has 2 positions or more")
    precondition(seasonalWindow >= 3 && seasonalWindow % 2 == 1, "an odd window of 3 or more")
    self.period = period
    self.seasonalWindow = seasonalWindow
    self.seasonalDegree = seasonalDegree
    var trend = Int((1.5 * Double(period) / (1 - 1.5 / Double(seasonalWindow))).rounded(.up))
    if trend % 2 == 0 { trend += 1 }
    trendWindow = trend
    lowPassWindow = period % 2 == 0 ? period + 1 : period + 2
    innerIterations = 5
  }

  /// The decomposition of `values` (every value finite).
  /// - Complexity: O(innerIterations × n × (trendWindow + lowPassWindow)).
  public func decompose(_ values: [Double]) -> STLDecomposition {
    let n = values.count
    var trend = [Double](repeating: 0, count: n)
    var seasonal = [Double](repeating: 0, count: n)
    guard n >= 2 else { return STLDecomposition(seasonal: seasonal, trend: values) }
    for _ in 0..<innerIterations {
      let detrended = (0..<n).map { values[$0] - trend[$0] }
      let cycles = cycleSubseriesSmooth(detrended)
      let lowPass = LOESS.smooth(
        Self.movingAverage(
          Self.movingAverage(Self.movingAverage(cycles, period), period), 3),
        window: lowPassWindow, degree: 1)
      for i in 0..<n { seasonal[i] = cycles[period + i] - lowPass[i] }
      trend = LOESS.smooth(
        (0..<n).map { values[$0] - seasonal[$0] }, window: trendWindow, degree: 1)
    }
    return STLDecomposition(seasonal: seasonal, trend: trend)
  }

  /// Each slot's subseries smoothed across cycles and extended by one cycle at each end:
  /// `n + 2 × period` values, the first cycle before position 0.
  func cycleSubseriesSmooth(_ detrended: [Double]) -> [Double] {
    let n = detrended.count
    var cycles = [Double](repeating: 0, count: n + 2 * period)
    for slot in 0..<period {
      let count = (n - slot - 1) / period + 1
      let subseries = (0..<count).map { detrended[$0 * period + slot] }
      let smooth = LOESS.smooth(subseries, window: seasonalWindow, degree: seasonalDegree)
      let before =
        LOESS.estimate(
          subseries, window: seasonalWindow, degree: seasonalDegree, at: 0,
          from: 1, through: min(seasonalWindow, count)) ?? smooth[0]
      let after =
        LOESS.estimate(
          subseries, window: seasonalWindow, degree: seasonalDegree, at: count + 1,
          from: max(1, count - seasonalWindow + 1), through: count) ?? smooth[count - 1]
      cycles[slot] = before
      for m in 0..<count { cycles[(m + 1) * period + slot] = smooth[m] }
      cycles[(count + 1) * period + slot] = after
    }
    return cycles
  }

  /// The moving averages of `length` consecutive values: `values.count − length + 1` of them.
  static func movingAverage(_ values: [Double], _ length: Int) -> [Double] {
    guard values.count >= length else { return [] }
    var sum = values[0..<length].reduce(0, +)
    var averages = [sum / Double(length)]
    averages.reserveCapacity(values.count - length + 1)
    for j in length..<values.count {
      sum += values[j] - values[j - length]
      averages.append(sum / Double(length))
    }
    return averages
  }
}

/// An STL decomposition: one seasonal and one trend value per position.
public struct STLDecomposition: Equatable, Sendable {
  public var seasonal: [Double]
  public var trend: [Double]
}

/// STL's LOESS smoother on equally spaced positions 1 … n (the 1-based positions of the
/// original Fortran, kept so that its extrapolations at 0 and n + 1 read as written).
enum LOESS {
  /// The smoothed value at every position: the `window` nearest positions (all of them when
  /// the window is wider than the series), tricube weights, a local mean (degree 0) or line
  /// (degree 1). A position whose weights are all 0 keeps its value.
  static func smooth(_ values: [Double], window: Int, degree: Int) -> [Double] {
    let n = values.count
    guard n >= 2 else { return values }
    var smoothed = [Double](repeating: 0, count: n)
    if window >= n {
      for i in 0..<n {
        smoothed[i] =
          estimate(values, window: window, degree: degree, at: i + 1, from: 1, through: n)
          ?? values[i]
      }
      return smoothed
    }
    let half = (window + 2) / 2
    var left = 1
    var right = window
    for i in 0..<n {
      if i + 1 > half && right != n {
        left += 1
        right += 1
      }
      smoothed[i] =
        estimate(values, window: window, degree: degree, at: i + 1, from: left, through: right)
        ?? values[i]
    }
    return smoothed
  }

  /// The LOESS estimate at position `x` (1-based, may lie outside 1 … n) from the positions
  /// `left … right`; nil when every weight is 0. The local line is fitted in offsets from `x`
  /// (small numbers), in one pass without a weight buffer.
  static func estimate(
    _ values: [Double], window: Int, degree: Int, at x: Int, from left: Int, through right: Int
  ) -> Double? {
    let n = values.count
    var h = Double(max(x - left, right - x))
    if window > n { h += Double((window - n) / 2) }
    let h9 = 0.999 * h
    let h1 = 0.001 * h
    var total = 0.0
    var sumD = 0.0
    var sumDD = 0.0
    var sumY = 0.0
    var sumDY = 0.0
    for j in left...right {
      let d = Double(j - x)
      let r = abs(d)
      guard r <= h9 else { continue }
      let w = r <= h1 ? 1 : pow3(1 - pow3(r / h))
      let y = values[j - 1]
      total += w
      sumD += w * d
      sumDD += w * d * d
      sumY += w * y
      sumDY += w * d * y
    }
    guard total > 0 else { return nil }
    let meanY = sumY / total
    guard h > 0 && degree > 0 else { return meanY }
    // In offsets from x, the weighted mean position is `meanD` and the estimate at offset 0
    // is the local line's value there: meanY + slope × (0 − meanD).
    let meanD = sumD / total
    let spread = sumDD / total - meanD * meanD
    guard spread.squareRoot() > 0.001 * Double(n - 1) else { return meanY }
    let covariance = sumDY / total - meanD * meanY
    return meanY - meanD * covariance / spread
  }

  private static func pow3(_ v: Double) -> Double { v * v * v }
}
