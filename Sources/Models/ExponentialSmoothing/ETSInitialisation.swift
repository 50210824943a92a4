/// The heuristic initial states of Hyndman et al. (2008, §2.6.1), computed exactly as
/// statsmodels' `_initialization_heuristic` does, with censored days filled first.
///
/// 1. Window: the first 10 days without a season; with a season of m days, the first
///    `k·m` days with `k = max(min(c, ⌊n/m⌋), ⌈(10 + 2⌊m/2⌋)/m⌉)` (at most n), where c is
///    `initialSeasonCycles` (statsmodels' 5 by default).
/// 2. Censored days in the window are replaced by the mean of the uncensored days of the window
///    on the same day of the cycle, else of all uncensored days of the window, else of all
///    uncensored days of the series. No censored value is ever read.
/// 3. Season: a centred moving average of width m (2×m for even m) is the trend; the window is
///    detrended (minus or divided by it), the detrended values are averaged per day of the
///    cycle, and the averages are normalised to sum 0 (additive) or average 1
///    (multiplicative). The moving average then replaces the data for step 4.
/// 4. Level and trend: the intercept and slope of the least-squares line through the first 10
///    values against t = 1…10, so the level is the line's value at t = 0, the day before the
///    series starts.
///
/// A multiplicative model whose intercept is not positive (a steeply rising start) takes the
/// mean of those 10 values instead, where statsmodels would fail.
enum ETSInitialisation {
  /// The initial state for `settings` from the start of `values`, or `nil` when the series is
  /// shorter than `settings.minimumObservedDays`, has no uncensored day, or a multiplicative
  /// model meets a non-positive moving average, level or seasonal factor.
  static func heuristic(
    settings: ETSSettings, values: [Double], censored: [Bool]
  ) -> ETSState? {
    let n = values.count
    guard n >= settings.minimumObservedDays else { return nil }
    let hasSeason = settings.season != .none
    let m = hasSeason ? settings.seasonLength : 1
    let window: Int
    if hasSeason {
      let minimumDays = 10 + 2 * (m / 2)
      let cycles = max(min(settings.initialSeasonCycles, n / m), (minimumDays + m - 1) / m)
      window = min(cycles * m, n)
    } else {
      window = 10
    }
    guard let filled = filledWindow(values: values, censored: censored, count: window, period: m)
    else { return nil }
    let multiplicativeSeason = settings.season == .multiplicative
    var season = [0.0]
    var smoothed = filled
    if hasSeason {
      guard
        let decomposition = seasonalDecomposition(
          filled, period: m, multiplicative: multiplicativeSeason)
      else { return nil }
      season = decomposition.season
      smoothed = decomposition.trend
    }
    let (intercept, slope) = lineThroughFirstTen(smoothed)
    var level = intercept
    if settings.isMultiplicative && !(level > 0) {
      level = smoothed.prefix(10).reduce(0, +) / 10
      guard level > 0 else { return nil }
    }
    let trend = settings.trend == .none ? 0 : slope
    guard level.isFinite, trend.isFinite, season.allSatisfy(\.isFinite) else { return nil }
    // A zero seasonal factor (a day of the cycle with no demand in the window) would stop a
    // multiplicative filter; only `applied(to:)` can meet one, fitting needs positive data.
    if multiplicativeSeason && !season.allSatisfy({ $0 > 0 }) { return nil }
    return ETSState(level: level, trend: trend, season: season)
  }

  /// The first `count` values with censored days filled (step 2), or `nil` without any
  /// uncensored day.
  private static func filledWindow(
    values: [Double], censored: [Bool], count: Int, period: Int
  ) -> [Double]? {
    var phaseSum = [Double](repeating: 0, count: period)
    var phaseCount = [Int](repeating: 0, count: period)
    for i in 0..<count where !censored[i] {
      phaseSum[i % period] += values[i]
      phaseCount[i % period] += 1
    }
    let windowCount = phaseCount.reduce(0, +)
    var fallback = phaseSum.reduce(0, +) / Double(max(windowCount, 1))
    if windowCount == 0 {
      var sum = 0.0
      var observed = 0
      for i in values.indices where !censored[i] {
        sum += values[i]
        observed += 1
      }
      guard observed > 0 else { return nil }
      fallback = sum / Double(observed)
    }
    return (0..<count).map { i in
      guard censored[i] else { return values[i] }
      let phase = i % period
      return phaseCount[phase] > 0 ? phaseSum[phase] / Double(phaseCount[phase]) : fallback
    }
  }

  /// Step 3: the normalised seasonal states and the moving-average trend (defined days only).
  private static func seasonalDecomposition(
    _ x: [Double], period m: Int, multiplicative: Bool
  ) -> (season: [Double], trend: [Double])? {
    let half = m / 2
    let count = x.count
    guard count - 2 * half >= 10 else { return nil }
    var trend: [Double] = []
    trend.reserveCapacity(count - 2 * half)
    for i in half..<(count - half) {
      var sum = 0.0
      if m % 2 == 1 {
        for j in (i - half)...(i + half) { sum += x[j] }
      } else {
        // 2×m moving average: half weight on the two ends.
        for j in (i - half + 1)...(i + half - 1) { sum += x[j] }
        sum += 0.5 * (x[i - half] + x[i + half])
      }
      trend.append(sum / Double(m))
    }
    if multiplicative && !trend.allSatisfy({ $0 > 0 }) { return nil }
    var seasonSum = [Double](repeating: 0, count: m)
    var seasonCount = [Int](repeating: 0, count: m)
    for (k, t) in trend.enumerated() {
      let i = k + half
      seasonSum[i % m] += multiplicative ? x[i] / t : x[i] - t
      seasonCount[i % m] += 1
    }
    guard seasonCount.allSatisfy({ $0 > 0 }) else { return nil }
    var season = (0..<m).map { seasonSum[$0] / Double(seasonCount[$0]) }
    let mean = season.reduce(0, +) / Double(m)
    if multiplicative {
      guard mean > 0 else { return nil }
      season = season.map { $0 / mean }
    } else {
      season = season.map { $0 - mean }
    }
    return (season, trend)
  }

  /// Step 4: ordinary least squares of the first ten values on t = 1…10.
  private static func lineThroughFirstTen(_ y: [Double]) -> (intercept: Double, slope: Double) {
    let count = min(10, y.count)
    let meanT = Double(count + 1) / 2
    var meanY = 0.0
    for t in 0..<count { meanY += y[t] }
    meanY /= Double(count)
    var sxy = 0.0
    var sxx = 0.0
    for t in 0..<count {
      let dt = Double(t + 1) - meanT
      sxy += dt * (y[t] - meanY)
      sxx += dt * dt
    }
    let slope = sxx > 0 ? sxy / sxx : 0
    return (meanY - slope * meanT, slope)
  }
}
