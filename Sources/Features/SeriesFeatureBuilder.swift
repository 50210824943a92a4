import DemandCore
import Foundation

/// Builds the rows of a `FeatureLayout` for one series at a time, into buffers the caller owns.
///
/// `load` reads a series once — prefix sums of its demand, its daily discounts, the calendar of
/// the target days — into scratch arrays that are reused from series to series; `writeRow` then
/// writes the p features of one target day in O(p) with no allocation, at any stride, so rows go
/// straight into a column-major block (stride = the block's row count) or a contiguous vector
/// (stride 1).
///
/// **No look-ahead.** The row of target day `t` reads demand and censoring only on days at or
/// before its cut-off `t − h`: every window is clipped there, and the prefix sums at the cut-off
/// depend on earlier days only. Days after the cut-off may be changed freely without changing
/// the row. Days whose value is censored or not finite are *missing*: skipped in every window,
/// never read as demand and never as zero demand.
///
/// **Availability gaps** (`gaps`, runs of zeros read as the item being unavailable) are missing
/// too, but only to the rows whose cut-off is after the gap's last day, when the sale that ended
/// it is known; a row whose cut-off falls inside a gap reads that gap's days up to the cut-off as
/// the zeros they are, as if the series ended there.
///
/// A builder holds per-series scratch: use one per task.
public struct SeriesFeatureBuilder: Sendable {
  /// The layout every row follows.
  public private(set) var layout: FeatureLayout
  /// The horizons h, in days, whose rows the loaded data serve exactly: `layout.horizonDays`
  /// after `load`, a range after `load(...horizons:)` (see `forHorizon(_:)`).
  public private(set) var loadedHorizons: ClosedRange<Int> = 0...0

  // MARK: Demand history, as prefix sums over series positions dataBase ... dataBase + m - 1

  /// The first day of the loaded series.
  var seriesStart = Day(daysSinceEpoch: 0)
  /// Number of days in the loaded series.
  var seriesCount = 0
  /// Series position of `sums[0]`.
  var dataBase = 0
  /// Series positions covered by the prefix arrays (`m`); the arrays hold `m + 1` entries.
  var dataCount = 0
  /// `sums[i]` = total of the usable values at positions dataBase ..< dataBase + i.
  var sums: [Double] = [0]
  /// `observed[i]` = how many of those positions are usable (uncensored and finite).
  var observed: [Int32] = [0]
  /// `zeros[i]` = how many of those are usable and exactly 0.
  var zeros: [Int32] = [0]
  /// When the layout reads them (`FeatureLayout.readsSquares`): `squares[i]` = total of the
  /// squared usable values at positions dataBase ..< dataBase + i (otherwise not loaded).
  var squares: [Double] = [0]
  /// With `plainMonthShift`: `promotedSums[i]` = total of the usable values at positions
  /// dataBase ..< dataBase + i on which a promotion ran, `promotedObserved[i]` how many (so the
  /// plain days of a window are its totals less these; otherwise not loaded).
  var promotedSums: [Double] = [0]
  var promotedObserved: [Int32] = [0]
  /// The usable values at dataBase ..< dataBase + m, NaN where missing.
  var cleanValues: [Double] = []
  /// With profiles: `weekdaySums[i]` = total of the usable values at positions dataBase + i,
  /// dataBase + i − 7, … (the same weekday, back to the first loaded one).
  var weekdaySums: [Double] = []
  /// With profiles: how many of those positions are usable.
  var weekdayObserved: [Int32] = []
  /// The availability gaps, as series positions, oldest first (their days are missing above,
  /// see `liveGap(atCutOff:)`).
  var gaps: [Range<Int>] = []

  // MARK: Promotions, over days promotionBase ..< promotionBase + discounts.count

  var promotionBase = Day(daysSinceEpoch: 0)
  /// The discount on each day, clamped to 0 ... 0.95 (NaN read as 0).
  var discounts: [Double] = []
  /// `promotionDays[i]` = days with a discount among promotionBase ..< promotionBase + i.
  var promotionDays: [Int32] = [0]

  // MARK: Calendar of the target days, over calendarBase ..< calendarBase + calendarCount

  var targetDays: ClosedRange<Day> = Day(daysSinceEpoch: 0)...Day(daysSinceEpoch: 0)
  var calendarBase = Day(daysSinceEpoch: 0)
  var calendarCount = 0
  /// The calendar and the layout's holiday names the cache was built from.
  var cachedCalendar: CalendarContext? = nil
  var cachedHolidayNames: [String] = []
  /// Holiday flags for calendarBase − 1 ..< calendarBase + calendarCount + 1.
  var holidayFlags: [Bool] = []
  /// With named holidays: for calendarBase ..< calendarBase + calendarCount + runUpPeriods, the
  /// index in `layout.holidayNames` of the day's holiday, or −1.
  var holidayNameSlots: [Int32] = []
  /// `2 × fourierOrder` yearly terms per day, day after day.
  var yearlyTerms: [Double] = []

  // MARK: External regressors, over days regressorBase ..< regressorBase + regressorDayCount

  var regressorBase = Day(daysSinceEpoch: 0)
  var regressorDayCount = 0
  /// For each regressor of the layout in turn, `regressorDayCount` values: the value a row
  /// reads for that day (known in advance: the day's value or 0; observed: the last value at
  /// or before the day within the carry-forward, or 0).
  var regressorValues: [Double] = []

  /// A builder for `layout` with empty scratch.
  public init(layout: FeatureLayout) {
    self.layout = layout
  }

  /// Loads a series so that rows for `targetDays` can be written.
  ///
  /// Only what those rows need is read: demand from `historyReachDays + h` days before the
  /// first target through the last cut-off, discounts from 7 days before the first cut-off
  /// through the last target, and the calendar around the target days.
  ///
  /// - Parameters:
  ///   - start: the first day of `values`.
  ///   - values: units per day, oldest first.
  ///   - censored: true where the day's value is only a lower bound (stock-out), aligned with
  ///     `values`.
  ///   - gaps: the series' availability gaps (`DemandSeries.gaps`), as positions of `values`,
  ///     oldest first: missing, except to a row whose cut-off falls inside one.
  ///   - covariates: the series' promotions, including planned ones.
  ///   - calendar: the holidays.
  ///   - targetDays: the days `writeRow` will be asked for; they may lie after the series (up to
  ///     h days after its last day for a full forecast) or before it (rows then unavailable).
  ///   - horizons: the horizons h whose rows will be written (`forHorizon(_:)`); nil for the
  ///     layout's own. The data loaded are the union of what each h needs: from
  ///     `historyReachDays + max h` days before the first target through `min h` days before
  ///     the last. Every window a row reads is clipped at its own cut-off, so the extra days
  ///     change no row.
  /// - Precondition: `censored.count == values.count`; `horizons` at least 1.
  /// - Complexity: O(days read + promotion days + target days).
  public mutating func load(
    start: Day, values: UnsafeBufferPointer<Double>, censored: UnsafeBufferPointer<Bool>,
    gaps: [Range<Int>] = [], covariates: SeriesCovariates, calendar: CalendarContext,
    targetDays: ClosedRange<Day>, horizons: ClosedRange<Int>? = nil
  ) {
    precondition(censored.count == values.count, "censoring must align with the values")
    loadedHorizons = horizons ?? layout.horizonDays...layout.horizonDays
    precondition(
      loadedHorizons.lowerBound >= 1 && loadedHorizons.contains(layout.horizonDays),
      "horizons are at least 1 day and include the layout's")
    seriesStart = start
    seriesCount = values.count
    self.targetDays = targetDays
    self.gaps = gaps
    loadHistory(values: values, censored: censored)
    loadPromotions(covariates)
    if layout.plainMonthShift { loadPromotedTotals() }
    loadCalendar(calendar)
    if !layout.regressors.isEmpty { loadRegressors(covariates) }
  }

  /// Loads a series held in arrays; see the buffer form.
  public mutating func load(
    start: Day, values: [Double], censored: [Bool], gaps: [Range<Int>] = [],
    covariates: SeriesCovariates, calendar: CalendarContext, targetDays: ClosedRange<Day>,
    horizons: ClosedRange<Int>? = nil
  ) {
    values.withUnsafeBufferPointer { valueBuffer in
      censored.withUnsafeBufferPointer { censoredBuffer in
        load(
          start: start, values: valueBuffer, censored: censoredBuffer, gaps: gaps,
          covariates: covariates, calendar: calendar, targetDays: targetDays, horizons: horizons)
      }
    }
  }

  /// This builder, with the data it holds, writing the rows of horizon `horizonDays`: the
  /// layout of a direct model's other bucket, sharing one load (the arrays are shared, not
  /// copied). Its rows equal those of a builder of that layout loaded on its own.
  ///
  /// - Precondition: `horizonDays` is within `loadedHorizons`.
  public func forHorizon(_ horizonDays: Int) -> SeriesFeatureBuilder {
    precondition(
      loadedHorizons.contains(horizonDays),
      "rows of horizon \(horizonDays) need data loaded for it (\(loadedHorizons))")
    var builder = self
    builder.layout.horizonDays = horizonDays
    return builder
  }

  // MARK: - Loading

  private mutating func loadHistory(
    values: UnsafeBufferPointer<Double>, censored: UnsafeBufferPointer<Bool>
  ) {
    let firstTarget = seriesStart.days(to: targetDays.lowerBound)
    let lastTarget = seriesStart.days(to: targetDays.upperBound)
    let low = max(0, firstTarget - loadedHorizons.upperBound - layout.historyReachDays + 1)
    let high = min(seriesCount - 1, lastTarget - loadedHorizons.lowerBound)
    dataBase = low
    dataCount = max(0, high - low + 1)
    let m = dataCount
    resize(&sums, to: m + 1)
    resize(&observed, to: m + 1)
    resize(&zeros, to: m + 1)
    resize(&cleanValues, to: m)
    if layout.readsSquares { resize(&squares, to: m + 1) }
    var sum = 0.0
    var count: Int32 = 0
    var zeroCount: Int32 = 0
    let gaps = self.gaps
    sums.withUnsafeMutableBufferPointer { sums in
      observed.withUnsafeMutableBufferPointer { observed in
        zeros.withUnsafeMutableBufferPointer { zeros in
          cleanValues.withUnsafeMutableBufferPointer { clean in
            sums[0] = 0
            observed[0] = 0
            zeros[0] = 0
            // The bounds of the first gap not over before the position (none: Int.max), so
            // that a day costs two compares.
            var gapIndex = gaps.firstIndex { $0.upperBound > low } ?? gaps.count
            func bounds() -> (Int, Int) {
              gapIndex < gaps.count
                ? (gaps[gapIndex].lowerBound, gaps[gapIndex].upperBound) : (Int.max, Int.max)
            }
            var (gapStart, gapEnd) = bounds()
            for i in 0..<m {
              let value = values[low + i]
              if low + i >= gapEnd {
                gapIndex += 1
                (gapStart, gapEnd) = bounds()
              }
              let inGap = low + i >= gapStart
              if !censored[low + i] && !inGap && value.isFinite {
                sum += value
                count += 1
                if value == 0 { zeroCount += 1 }
                clean[i] = value
              } else {
                clean[i] = .nan
              }
              sums[i + 1] = sum
              observed[i + 1] = count
              zeros[i + 1] = zeroCount
            }
          }
        }
      }
    }
    if layout.seriesProfiles { loadWeekdaySums() }
    if layout.readsSquares { loadSquares() }
  }

  /// The running totals of the usable values on promoted days (see `promotedSums`). Positions
  /// before the first loaded discount count as plain: no row's month reaches them.
  private mutating func loadPromotedTotals() {
    let m = dataCount
    resize(&promotedSums, to: m + 1)
    resize(&promotedObserved, to: m + 1)
    // The promotion offset of data position 0.
    let shift = promotionBase.days(to: seriesStart) + dataBase
    var sum = 0.0
    var count: Int32 = 0
    for i in 0..<m {
      let offset = i + shift
      if offset >= 0, offset < discounts.count, discounts[offset] > 0 {
        let value = cleanValues[i]
        if !value.isNaN {
          sum += value
          count += 1
        }
      }
      promotedSums[i + 1] = sum
      promotedObserved[i + 1] = count
    }
  }

  /// The running totals of the squared usable values (see `squares`).
  private mutating func loadSquares() {
    let m = dataCount
    cleanValues.withUnsafeBufferPointer { clean in
      squares.withUnsafeMutableBufferPointer { squares in
        squares[0] = 0
        var total = 0.0
        for i in 0..<m {
          let value = clean[i]
          if !value.isNaN { total += value * value }
          squares[i + 1] = total
        }
      }
    }
  }

  /// The same-weekday running totals of `cleanValues` (see `weekdaySums`).
  private mutating func loadWeekdaySums() {
    let m = dataCount
    resize(&weekdaySums, to: m)
    resize(&weekdayObserved, to: m)
    cleanValues.withUnsafeBufferPointer { clean in
      weekdaySums.withUnsafeMutableBufferPointer { sums in
        weekdayObserved.withUnsafeMutableBufferPointer { observed in
          for i in 0..<m {
            let usable = !clean[i].isNaN
            sums[i] = (usable ? clean[i] : 0) + (i >= 7 ? sums[i - 7] : 0)
            observed[i] = (usable ? 1 : 0) + (i >= 7 ? observed[i - 7] : 0)
          }
        }
      }
    }
  }

  private mutating func loadPromotions(_ covariates: SeriesCovariates) {
    let h = loadedHorizons.upperBound
    // afterPromotion looks 7 days before the target; recentPromotionShare 6 days before the
    // cut-off, levelPromotionShare the level window before it.
    // The plain month's shift, the 28 days ending at the cut-off.
    let reach =
      layout.levelPromotions
      ? h + layout.levelWindowDays : layout.plainMonthShift ? h + 27 : h + 6
    promotionBase = targetDays.lowerBound.adding(days: -max(7, reach))
    let count = promotionBase.days(to: targetDays.upperBound) + 1
    discounts.removeAll(keepingCapacity: true)
    discounts.append(contentsOf: repeatElement(0, count: count))
    let last = targetDays.upperBound
    for window in covariates.promotions {
      if window.start > last { break }
      guard window.end >= promotionBase else { continue }
      let fraction = window.discountFraction.isNaN ? 0 : min(max(window.discountFraction, 0), 0.95)
      let from = max(0, promotionBase.days(to: window.start))
      let through = min(count - 1, promotionBase.days(to: window.end))
      guard from <= through else { continue }
      for offset in from...through where fraction > discounts[offset] {
        discounts[offset] = fraction
      }
    }
    promotionDays.removeAll(keepingCapacity: true)
    promotionDays.reserveCapacity(count + 1)
    var running: Int32 = 0
    promotionDays.append(0)
    for discount in discounts {
      if discount > 0 { running += 1 }
      promotionDays.append(running)
    }
  }

  /// Resolves each regressor's values from the first cut-off through the last target day: a
  /// known-in-advance value as is (missing = 0), an observed one carried forward from the last
  /// value at or before each day (looking back at most `observedCarryForwardDays`).
  private mutating func loadRegressors(_ covariates: SeriesCovariates) {
    let h = loadedHorizons.upperBound
    regressorBase = targetDays.lowerBound.adding(days: -h)
    regressorDayCount = regressorBase.days(to: targetDays.upperBound) + 1
    let count = regressorDayCount
    regressorValues.removeAll(keepingCapacity: true)
    regressorValues.reserveCapacity(layout.regressors.count * count)
    let carry = ExternalRegressor.observedCarryForwardDays
    for regressor in layout.regressors {
      guard let series = covariates.external[regressor.name] else {
        regressorValues.append(contentsOf: repeatElement(0, count: count))
        continue
      }
      if regressor.knownInAdvance {
        for offset in 0..<count {
          let value = series.value(on: regressorBase.adding(days: offset))
          regressorValues.append(value.isNaN ? 0 : value)
        }
        continue
      }
      // The last value at or before the first day, then day by day.
      var last = Double.nan
      var lastOffset = Int.min / 2
      for back in stride(from: carry, through: 1, by: -1) {
        let value = series.value(on: regressorBase.adding(days: -back))
        if !value.isNaN {
          last = value
          lastOffset = -back
        }
      }
      for offset in 0..<count {
        let value = series.value(on: regressorBase.adding(days: offset))
        if !value.isNaN {
          last = value
          lastOffset = offset
        }
        regressorValues.append(!last.isNaN && offset - lastOffset <= carry ? last : 0)
      }
    }
  }

  private mutating func loadCalendar(_ calendar: CalendarContext) {
    let count = targetDays.lowerBound.days(to: targetDays.upperBound) + 1
    let covered =
      cachedCalendar == calendar && cachedHolidayNames == layout.holidayNames
      && calendarBase <= targetDays.lowerBound
      && calendarBase.days(to: targetDays.upperBound) < calendarCount
    if covered { return }
    cachedCalendar = calendar
    cachedHolidayNames = layout.holidayNames
    calendarBase = targetDays.lowerBound
    calendarCount = count
    holidayFlags = (-1...count).map { calendar.isHoliday(calendarBase.adding(days: $0)) }
    if !layout.holidayNames.isEmpty {
      let slots = Dictionary(
        layout.holidayNames.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { a, _ in a })
      holidayNameSlots = (0..<(count + layout.runUpPeriods)).map { offset in
        calendar.name(on: calendarBase.adding(days: offset)).flatMap { slots[$0] } ?? -1
      }
    }
    let order = layout.fourierOrder
    yearlyTerms = [Double](repeating: 0, count: 2 * order * count)
    let weekly = layout.grain != .daily
    let periodsPerYear = layout.grain.periodsPerYear
    for offset in 0..<count where order > 0 {
      // Daily: the day of the year over 365.25 days. Weekly: positions are week numbers, and
      // the phase is the week number over 52.18 weeks (a yearly cycle that drifts by a day a
      // year against the calendar, as a 52-week season cannot match it exactly).
      let day = calendarBase.adding(days: offset)
      let position = weekly ? Double(day.daysSinceEpoch) : Double(day.dayOfYear)
      for k in 1...order {
        let angle = 2 * Double.pi * Double(k) * position / periodsPerYear
        yearlyTerms[offset * 2 * order + 2 * (k - 1)] = sin(angle)
        yearlyTerms[offset * 2 * order + 2 * (k - 1) + 1] = cos(angle)
      }
    }
  }
}

/// Makes `array` hold `count` elements, keeping its storage when it is large enough (the
/// contents are then overwritten by the caller).
private func resize<Element: Numeric>(_ array: inout [Element], to count: Int) {
  if array.count > count {
    array.removeLast(array.count - count)
  } else if array.count < count {
    array.append(contentsOf: repeatElement(0, count: count - array.count))
  }
}
