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
public struct STLSettings: Hashable, Sendable {
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
    // The smoothers' weights depend only on the lengths and windows: read once (from the
    // process's plans), then by every inner iteration.
    let lowPassPlan = LOESS.plan(count: n, window: lowPassWindow, degree: 1)
    let trendPlan = LOESS.plan(count: n, window: trendWindow, degree: 1)
    let subseriesPlans = subseriesPlans(length: n)
    for _ in 0..<innerIterations {
      let detrended = (0..<n).map { values[$0] - trend[$0] }
      let cycles = cycleSubseriesSmooth(detrended, plans: subseriesPlans)
      let lowPass = lowPassPlan.smooth(
        Self.movingAverage(
          Self.movingAverage(Self.movingAverage(cycles, period), period), 3))
      for i in 0..<n { seasonal[i] = cycles[period + i] - lowPass[i] }
      trend = trendPlan.smooth((0..<n).map { values[$0] - seasonal[$0] })
    }
    return STLDecomposition(seasonal: seasonal, trend: trend)
  }

  /// The seasonal smoother's plan of each slot's subseries (slot 0 ..< period) in a series of
  /// `n` positions: slot s holds positions s, s + period, …, so (n − s − 1) / period + 1 of them.
  func subseriesPlans(length n: Int) -> [LOESS.Plan] {
    (0..<period).map { slot in
      LOESS.plan(
        count: (n - slot - 1) / period + 1, window: seasonalWindow, degree: seasonalDegree)
    }
  }

  /// Each slot's subseries smoothed across cycles and extended by one cycle at each end:
  /// `n + 2 × period` values, the first cycle before position 0.
  /// - Parameter plans: `subseriesPlans(length: detrended.count)`.
  func cycleSubseriesSmooth(_ detrended: [Double], plans: [LOESS.Plan]) -> [Double] {
    let n = detrended.count
    var cycles = [Double](repeating: 0, count: n + 2 * period)
    for slot in 0..<period {
      let count = plans[slot].count
      let subseries = (0..<count).map { detrended[$0 * period + slot] }
      let smooth = plans[slot].smooth(subseries)
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
  /// The plan of (`count`, `window`, `degree`), made once per process: every series of a
  /// workspace's length, at every origin, reads the same one. A plan is a pure function of its
  /// key, so what the cache holds never changes a result. At most `cachedPlans` are kept (the
  /// cache is emptied when full): a trend plan of 143 positions and a 91-wide window is about
  /// 300 KB.
  static func plan(count: Int, window: Int, degree: Int) -> Plan {
    plans.value(for: PlanKey(count: count, window: window, degree: degree)) {
      Plan(count: count, window: window, degree: degree)
    }
  }

  static let cachedPlans = 64
  private struct PlanKey: Hashable, Sendable {
    var count: Int
    var window: Int
    var degree: Int
  }
  private static let plans = ProcessCache<PlanKey, Plan>(capacity: cachedPlans)

  /// STL's smoother for series of `count` values: at every position the `window` nearest
  /// positions (all of them when the window is wider than the series), tricube weights, a local
  /// mean (degree 0) or line (degree 1); a position whose weights are all 0 keeps its value.
  /// The weights depend on the positions only, so a plan made once serves every series of that
  /// length (STL's five inner iterations smooth the same lengths with the same windows). Each
  /// position's sums are taken in `estimate`'s order, so `smooth` equals `estimate` at every
  /// position to the bit.
  struct Plan: Sendable {
    let count: Int
    let degree: Int
    /// Per position: its neighbours' range in `neighbours`, `weights` and `weightedOffsets`.
    private var ranges: [Range<Int>] = []
    /// Per position: h, and the sums of w, w·d and w·d² (d: offset from the position).
    private var bandwidths: [Double] = []
    private var totals: [Double] = []
    private var sumsD: [Double] = []
    private var sumsDD: [Double] = []
    /// The 0-based index of each neighbour with a non-zero weight, its w and its w·d.
    private var neighbours: [Int] = []
    private var weights: [Double] = []
    private var weightedOffsets: [Double] = []

    /// The window slides as in STL's Fortran: all positions when it is wider than the series;
    /// otherwise the first `window`, moved one step per position once past its middle.
    init(count: Int, window: Int, degree: Int) {
      self.count = count
      self.degree = degree
      guard count >= 2 else { return }
      let capacity = count * min(window, count)
      neighbours.reserveCapacity(capacity)
      weights.reserveCapacity(capacity)
      weightedOffsets.reserveCapacity(capacity)
      bandwidths.reserveCapacity(count)
      totals.reserveCapacity(count)
      sumsD.reserveCapacity(count)
      sumsDD.reserveCapacity(count)
      ranges.reserveCapacity(count)
      let half = (window + 2) / 2
      var left = 1
      var right = min(window, count)
      for i in 0..<count {
        if window < count && i + 1 > half && right != count {
          left += 1
          right += 1
        }
        let x = i + 1
        let h = LOESS.bandwidth(x: x, left: left, right: right, window: window, count: count)
        let first = neighbours.count
        var total = 0.0
        var sumD = 0.0
        var sumDD = 0.0
        for j in left...right {
          let d = Double(j - x)
          guard let w = LOESS.weight(offset: d, bandwidth: h) else { continue }
          neighbours.append(j - 1)
          weights.append(w)
          weightedOffsets.append(w * d)
          total += w
          sumD += w * d
          sumDD += w * d * d
        }
        ranges.append(first..<neighbours.count)
        bandwidths.append(h)
        totals.append(total)
        sumsD.append(sumD)
        sumsDD.append(sumDD)
      }
    }

    /// `values` (exactly `count` of them) smoothed.
    func smooth(_ values: [Double]) -> [Double] {
      precondition(values.count == count, "a plan smooths series of its own length")
      guard count >= 2 else { return values }
      return (0..<count).map { i in
        guard totals[i] > 0 else { return values[i] }
        var sumY = 0.0
        var sumDY = 0.0
        for k in ranges[i] {
          let y = values[neighbours[k]]
          sumY += weights[k] * y
          sumDY += weightedOffsets[k] * y
        }
        return LOESS.line(
          total: totals[i], sumD: sumsD[i], sumDD: sumsDD[i], sumY: sumY, sumDY: sumDY,
          h: bandwidths[i], degree: degree, count: count)
      }
    }
  }

  /// The LOESS estimate at position `x` (1-based, may lie outside 1 … n) from the positions
  /// `left … right`; nil when every weight is 0. The local line is fitted in offsets from `x`
  /// (small numbers), in one pass without a weight buffer.
  static func estimate(
    _ values: [Double], window: Int, degree: Int, at x: Int, from left: Int, through right: Int
  ) -> Double? {
    let n = values.count
    let h = bandwidth(x: x, left: left, right: right, window: window, count: n)
    var total = 0.0
    var sumD = 0.0
    var sumDD = 0.0
    var sumY = 0.0
    var sumDY = 0.0
    for j in left...right {
      let d = Double(j - x)
      guard let w = weight(offset: d, bandwidth: h) else { continue }
      let y = values[j - 1]
      total += w
      sumD += w * d
      sumDD += w * d * d
      sumY += w * y
      sumDY += w * d * y
    }
    guard total > 0 else { return nil }
    return line(
      total: total, sumD: sumD, sumDD: sumDD, sumY: sumY, sumDY: sumDY, h: h, degree: degree,
      count: n)
  }

  /// The local mean (degree 0), or the local line's value at offset 0, from the weighted sums
  /// over a series of `count` values.
  static func line(
    total: Double, sumD: Double, sumDD: Double, sumY: Double, sumDY: Double, h: Double,
    degree: Int, count: Int
  ) -> Double {
    let meanY = sumY / total
    guard h > 0 && degree > 0 else { return meanY }
    // In offsets from x, the weighted mean position is `meanD` and the estimate at offset 0
    // is the local line's value there: meanY + slope × (0 − meanD).
    let meanD = sumD / total
    let spread = sumDD / total - meanD * meanD
    guard spread.squareRoot() > 0.001 * Double(count - 1) else { return meanY }
    let covariance = sumDY / total - meanD * meanY
    return meanY - meanD * covariance / spread
  }

  /// The half-width h of position `x`'s window `left … right` (1-based): its farthest
  /// neighbour's distance, widened by half the excess when the window is wider than the
  /// `count` values.
  static func bandwidth(x: Int, left: Int, right: Int, window: Int, count: Int) -> Double {
    var h = Double(max(x - left, right - x))
    if window > count { h += Double((window - count) / 2) }
    return h
  }

  /// The tricube weight of a neighbour `d` positions away: 1 within 0.001 h, (1 − (|d|/h)³)³
  /// out to 0.999 h, and nil (left out) beyond, as the Fortran has it.
  static func weight(offset d: Double, bandwidth h: Double) -> Double? {
    let r = abs(d)
    guard r <= 0.999 * h else { return nil }
    return r <= 0.001 * h ? 1 : pow3(1 - pow3(r / h))
  }

  static func pow3(_ v: Double) -> Double { v * v * v }
}
