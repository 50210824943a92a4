import DemandCore
import Foundation

extension SeriesFeatureBuilder {
  /// Writes the features of target day `day` to `row[0]`, `row[stride]`, …,
  /// `row[(p − 1) · stride]`, in the layout's column order, and returns the row's scale.
  ///
  /// The scale is the series level at the cut-off `day − h` (mean of the uncensored days in the
  /// level window) floored at `levelFloor`, in units per day. A regression on these rows models
  /// `demand / scale`; multiply its prediction by the scale to get units.
  ///
  /// - Parameters:
  ///   - day: a day within the loaded `targetDays`.
  ///   - row: room for `(p − 1) · stride + 1` values.
  ///   - stride: the distance between consecutive features, ≥ 1.
  ///   - allowingShortHistory: when false (training, fitted values), a level window with fewer
  ///     than `minimumHistoryDays` uncensored days makes the row unavailable. When true
  ///     (forecasting a young series), the row is written from whatever history there is: the
  ///     level of the uncensored days found, or `levelFloor` when there are none.
  /// - Returns: the scale, or `nil` when the row is unavailable (nothing is written then).
  /// - Complexity: O(p), no allocation.
  public func writeRow(
    for day: Day, into row: UnsafeMutablePointer<Double>, stride: Int,
    allowingShortHistory: Bool = false
  ) -> Double? {
    precondition(targetDays.contains(day), "\(day) is outside the loaded target days")
    precondition(stride >= 1, "the stride is at least 1")
    let h = layout.horizonDays
    let target = seriesStart.days(to: day)
    let cutOff = target - h
    let live = liveGap(atCutOff: cutOff)
    let level = window(
      from: cutOff - layout.levelWindowDays + 1, through: cutOff, restoring: live)
    guard level.observed >= layout.minimumHistoryDays || allowingShortHistory else { return nil }
    let levelMean = level.observed > 0 ? level.sum / Double(level.observed) : layout.levelFloor
    let scale = max(levelMean, layout.levelFloor)
    let inverseScale = 1 / scale
    // Exactly 1 at or above the floor (levelMean × (1 / levelMean) can round to 1 − 2⁻⁵³,
    // and a column of such dust would be read as a feature with a tiny spread).
    let fallbackRatio = levelMean >= scale ? 1 : levelMean * inverseScale

    // Calendar: intercept, weekday dummies, yearly terms.
    row[0] = 1
    let weekdayColumns = layout.weekdayColumns
    if weekdayColumns > 0 {
      let weekday = day.weekdayIndex
      for index in 1...weekdayColumns { row[index * stride] = index == weekday ? 1 : 0 }
    }
    let calendarOffset = calendarBase.days(to: day)
    let order = layout.fourierOrder
    if order > 0 {
      let base = calendarOffset * 2 * order
      for j in 0..<(2 * order) {
        row[(1 + weekdayColumns + j) * stride] = yearlyTerms[base + j]
      }
    }
    var column = layout.trailingStart
    func put(_ value: Double) {
      row[column * stride] = value
      column += 1
    }
    put(holidayFlags[calendarOffset + 1] ? 1 : 0)
    put(holidayFlags[calendarOffset + 2] ? 1 : 0)
    put(holidayFlags[calendarOffset] ? 1 : 0)

    // Promotions on and around the target day, and over the 7 days ending at the cut-off.
    let promotionOffset = promotionBase.days(to: day)
    let discount = discounts[promotionOffset]
    let promotedBefore = promotionDays[promotionOffset] - promotionDays[promotionOffset - 7]
    let promotedRecently =
      promotionDays[promotionOffset - h + 1] - promotionDays[promotionOffset - h - 6]
    put(discount > 0 ? 1 : 0)
    put(discount)
    put(discount > 0 ? log(1 - discount) : 0)
    put(discount == 0 && promotedBefore > 0 ? 1 : 0)
    put(Double(promotedRecently) / 7)

    // History, relative to the scale.
    // Daily: the last 7 and 28 days. Weekly: the last 4 and 13 weeks (a month, a quarter).
    let week = window(
      from: cutOff - layout.recentPeriods + 1, through: cutOff, restoring: live)
    let month = window(
      from: cutOff - layout.longerPeriods + 1, through: cutOff, restoring: live)
    var weekdaySum = 0.0
    var weekdayCount = 0
    var weekdayLast = Double.nan
    // The same weekday (daily) or the same week of the year (weekly), 1–4 cycles back from
    // the first such position at or before the cut-off.
    let cycle = layout.cyclePeriods
    let firstWeek = (h + cycle - 1) / cycle
    for back in firstWeek..<(firstWeek + 4) {
      let position = target - cycle * back
      guard position >= dataBase, position < dataBase + dataCount else { continue }
      var value = cleanValues[position - dataBase]
      if value.isNaN, let live, live.contains(position) { value = 0 }
      guard !value.isNaN else { continue }
      if weekdayCount == 0 { weekdayLast = value }
      weekdaySum += value
      weekdayCount += 1
    }
    put(week.observed > 0 ? week.sum / Double(week.observed) * inverseScale : fallbackRatio)
    put(month.observed > 0 ? month.sum / Double(month.observed) * inverseScale : fallbackRatio)
    put(weekdayCount > 0 ? weekdayLast * inverseScale : fallbackRatio)
    put(weekdayCount > 0 ? weekdaySum / Double(weekdayCount) * inverseScale : fallbackRatio)
    put(week.observed == 0 || month.observed == 0 || weekdayCount == 0 ? 1 : 0)
    let recentZeroShare = month.observed > 0 ? Double(month.zeros) / Double(month.observed) : 0
    if layout.excessZeroShare {
      let usualZeroShare = level.observed > 0 ? Double(level.zeros) / Double(level.observed) : 0
      put(month.observed > 0 ? recentZeroShare - usualZeroShare : 0)
    } else {
      put(recentZeroShare)
    }
    put(week.days > 0 ? Double(week.days - week.observed) / Double(week.days) : 0)
    if layout.logLevel { put(log(scale)) }
    // With `weekdayShapedShifts`, the shift and the season step are scaled by the target's
    // weekday index, so that a move of the level is shared out as the week is.
    var shiftFactor = 1.0
    // The 35 days around the target a year before: a profile column, and the season step's
    // end (`seasonStep` implies `seriesProfiles`).
    var lastYear = HistoryWindow(sum: 0, observed: 0, zeros: 0, days: 0)
    if layout.seriesProfiles {
      let weekdays = sameWeekday(
        from: target - 7 * (firstWeek + 51), through: target - 7 * firstWeek, restoring: live)
      lastYear = window(from: target - 364 - 17, through: target - 364 + 17, restoring: live)
      let weekdayIndex =
        weekdays.observed >= 4
        ? weekdays.sum / Double(weekdays.observed) * inverseScale : fallbackRatio
      if layout.weekdayShapedShifts && weekdays.observed >= 4 && levelMean > 0 {
        shiftFactor = weekdays.sum / Double(weekdays.observed) / levelMean
      }
      put(weekdayIndex)
      let hasLastYear = lastYear.observed >= 14
      put(hasLastYear ? lastYear.sum / Double(lastYear.observed) * inverseScale : fallbackRatio)
      put(hasLastYear ? 0 : 1)
    }
    if layout.growthProfile {
      let now = window(from: cutOff - 90, through: cutOff, restoring: live)
      let then = window(from: cutOff - 364 - 90, through: cutOff - 364, restoring: live)
      if now.observed >= 28 && then.observed >= 28 {
        let floor = layout.levelFloor
        let nowMean = now.sum / Double(now.observed) + floor
        let thenMean = then.sum / Double(then.observed) + floor
        let growth = min(max(log(nowMean / thenMean), -Self.growthLimit), Self.growthLimit)
        if layout.credibleGrowth {
          // The delta method's variance of log(now / then): Var(mean) / mean² per window.
          let noise =
            dailyVariance(from: cutOff - 90, through: cutOff, window: now)
            / Double(now.observed) / (nowMean * nowMean)
            + dailyVariance(from: cutOff - 364 - 90, through: cutOff - 364, window: then)
            / Double(then.observed) / (thenMean * thenMean)
          put(growth * growth > noise ? (1 - noise / (growth * growth)) * growth : 0)
        } else {
          put(growth)
        }
      } else {
        put(0)
      }
    }
    let credibility =
      layout.levelCredibility || layout.seasonStep
      ? monthCredibility(cutOff: cutOff, restoring: live) : 0
    if layout.levelCredibility {
      var (monthSum, monthObserved) = (month.sum, month.observed)
      if layout.plainMonthShift {
        let cutOffOffset = promotionOffset - h
        let periods = layout.longerPeriods
        if promotionDays[cutOffOffset + 1] - promotionDays[cutOffOffset - periods + 1] > 0 {
          let plain = plainWindow(
            from: cutOff - periods + 1, through: cutOff, promotionShift: cutOffOffset - cutOff,
            restoring: live)
          if plain.observed >= 7 { (monthSum, monthObserved) = plain }
        }
      }
      put(
        monthObserved > 0
          ? credibility * shiftFactor * (monthSum / Double(monthObserved) - levelMean)
            * inverseScale : 0)
    }
    if layout.levelPromotions {
      // The level window's days that the series covers, as offsets into the promotion days.
      let firstDay = max(cutOff - layout.levelWindowDays + 1, 0)
      let cutOffOffset = promotionOffset - h
      let firstOffset = cutOffOffset - (cutOff - firstDay)
      let covered = cutOff - firstDay + 1
      put(
        covered > 0
          ? Double(promotionDays[cutOffOffset + 1] - promotionDays[firstOffset])
            / Double(covered) : 0)
    }
    if layout.levelBelowFloor { put(fallbackRatio - 1) }
    if layout.seasonStep {
      // A year before: the 35 days around the target less the 28 days ending at the cut-off.
      let then = window(from: cutOff - 364 - 27, through: cutOff - 364, restoring: live)
      put(
        then.observed >= 14 && lastYear.observed >= 14
          ? credibility * shiftFactor * inverseScale
            * (lastYear.sum / Double(lastYear.observed) - then.sum / Double(then.observed))
          : 0)
    }
    if !layout.holidayNames.isEmpty {
      let first = column
      for _ in 0..<(2 * layout.holidayNames.count) { put(0) }
      let slot = holidayNameSlots[calendarOffset]
      if slot >= 0 { row[(first + 2 * Int(slot)) * stride] = 1 }
      for ahead in 1...layout.runUpPeriods {
        let coming = holidayNameSlots[calendarOffset + ahead]
        if coming >= 0 { row[(first + 2 * Int(coming) + 1) * stride] = 1 }
      }
    }
    if !layout.regressors.isEmpty {
      let targetOffset = regressorBase.days(to: day)
      for (k, regressor) in layout.regressors.enumerated() {
        let offset = regressor.knownInAdvance ? targetOffset : targetOffset - h
        put(regressorValues[k * regressorDayCount + offset])
      }
    }
    return scale
  }

  /// The largest growth `FeatureColumn.yearOverYear` reads, in log units: a factor of 4.
  static let growthLimit = log(4.0)

  /// The sample variance of the usable days of `window` (the totals of positions `first ...
  /// last`, from `window(from:through:restoring:)`), in units² per day: live-gap days, read as
  /// zeros, add nothing to the squares and count in `window.observed`.
  func dailyVariance(from first: Int, through last: Int, window: HistoryWindow) -> Double {
    let n = Double(window.observed)
    guard n > 1 else { return 0 }
    let squared = squaresTotal(from: first, through: last)
    return max(0, squared - window.sum * window.sum / n) / (n - 1)
  }

  /// The total of the squared usable values at series positions `first ... last`, clipped to
  /// the loaded history (0 when none is loaded); a live gap's days, read as zeros, add nothing.
  @inline(__always)
  func squaresTotal(from first: Int, through last: Int) -> Double {
    let low = max(first, dataBase) - dataBase
    let high = min(last, dataBase + dataCount - 1) - dataBase + 1
    return low < high ? squares[high] - squares[low] : 0
  }

  /// The credibility Z of a 28-day mean as the current level of the series at `cutOff`
  /// (`FeatureColumn.credibleMonthShift`): from the 13 blocks of 28 days ending there, the
  /// one-way analysis of variance's within-block variance σ² and between-block mean square
  /// give τ² = max(0, (MSB − σ²) / n̄) and Z = τ² / (τ² + σ² / 28). Blocks with fewer than 7
  /// usable days are left out; with fewer than 4 blocks left Z is 0. The `restoring` days (a
  /// live gap) count as zeros.
  func monthCredibility(cutOff: Int, restoring live: ClosedRange<Int>?) -> Double {
    var blockSums = (0.0, 0.0, 0.0)  // Σ n_j, Σ sum_j, Σ sum_j² / n_j
    var squareSum = 0.0
    var blocks = 0
    for block in 0..<13 {
      let last = cutOff - 28 * block
      let first = last - 27
      let window = window(from: first, through: last, restoring: live)
      guard window.observed >= 7 else { continue }
      squareSum += squaresTotal(from: first, through: last)
      let n = Double(window.observed)
      blockSums.0 += n
      blockSums.1 += window.sum
      blockSums.2 += window.sum * window.sum / n
      blocks += 1
    }
    guard blocks >= 4 else { return 0 }
    let (total, sum, between) = blockSums
    let within = max(0, squareSum - between) / max(1, total - Double(blocks))
    let betweenMeanSquare = (between - sum * sum / total) / Double(blocks - 1)
    let perBlock = total / Double(blocks)
    let tau2 = max(0, (betweenMeanSquare - within) / perBlock)
    let noise = within / 28
    return tau2 + noise > 0 ? tau2 / (tau2 + noise) : 0
  }

  /// The total and count of the usable days among series positions `first ... last` on which
  /// no promotion ran (`discounts[position + promotionShift]` is 0), clipped to the loaded
  /// history, with the `restoring` days (a live gap) read as zeros: `window(from:through:
  /// restoring:)` less the promoted days' running totals (`promotedSums`).
  func plainWindow(
    from first: Int, through last: Int, promotionShift: Int, restoring live: ClosedRange<Int>?
  ) -> (sum: Double, observed: Int) {
    let all = window(from: first, through: last, restoring: live)
    let low = max(first, dataBase)
    let high = min(last, dataBase + dataCount - 1)
    guard low <= high else { return (0, 0) }
    let (a, b) = (low - dataBase, high - dataBase + 1)
    var promoted = Int(promotedObserved[b] - promotedObserved[a])
    if let live {
      // The gap's days read as zeros count as observed in `all`; those promoted are not plain.
      let from = max(low, live.lowerBound)
      let through = min(high, live.upperBound)
      if from <= through {
        for position in from...through where discounts[position + promotionShift] > 0 {
          promoted += 1
        }
      }
    }
    return (all.sum - (promotedSums[b] - promotedSums[a]), all.observed - promoted)
  }

  /// The days of the availability gap that holds the cut-off `cutOff` (a series position), up
  /// to it: a row reads them as zeros, since the sale that ends the gap is after its cut-off.
  /// Nil when the cut-off is in no gap.
  @inline(__always)
  func liveGap(atCutOff cutOff: Int) -> ClosedRange<Int>? {
    guard !gaps.isEmpty else { return nil }
    return gaps.withUnsafeBufferPointer { gaps in
      for gap in gaps where gap.contains(cutOff) { return gap.lowerBound...cutOff }
      return nil
    }
  }

  /// Totals over the positions `last`, `last − 7`, … down to `first` (one weekday), clipped to
  /// the loaded history, with the `restoring` days (a live gap) read as zeros.
  ///
  /// - Precondition: `last − first` is a multiple of 7.
  @inline(__always)
  func sameWeekday(
    from first: Int, through last: Int, restoring live: ClosedRange<Int>? = nil
  ) -> (sum: Double, observed: Int) {
    var high = last - dataBase
    while high >= dataCount { high -= 7 }
    guard high >= 0, last >= first else { return (0, 0) }
    var restored = 0
    if let live {
      // Positions ≡ last (mod 7) within first ... last, the live days and the loaded data.
      let low = max(first, live.lowerBound, dataBase)
      let top = min(last, live.upperBound, dataBase + high)
      if low <= top {
        let lastInRange = top - ((top - last) % 7 + 7) % 7
        let firstInRange = low + ((last - low) % 7 + 7) % 7
        if firstInRange <= lastInRange { restored = (lastInRange - firstInRange) / 7 + 1 }
      }
    }
    let below = first - dataBase - 7
    guard below >= 0 else { return (weekdaySums[high], Int(weekdayObserved[high]) + restored) }
    guard below < high else { return (0, 0) }
    return (
      weekdaySums[high] - weekdaySums[below],
      Int(weekdayObserved[high] - weekdayObserved[below]) + restored
    )
  }

  /// Writes the features of target day `day` into `row` (stride 1) and returns the row's scale;
  /// see `writeRow(for:into:stride:allowingShortHistory:)`.
  ///
  /// - Precondition: `row.count == layout.count`.
  public func writeRow(
    for day: Day, into row: inout [Double], allowingShortHistory: Bool = false
  ) -> Double? {
    precondition(row.count == layout.count, "the row holds one value per column")
    return row.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return nil }
      return writeRow(
        for: day, into: base, stride: 1, allowingShortHistory: allowingShortHistory)
    }
  }

  /// Totals over series positions `first ... last`, clipped to the loaded history, with the
  /// `restoring` days (a live gap, see `liveGap(atCutOff:)`) read as the zeros they are.
  @inline(__always)
  func window(
    from first: Int, through last: Int, restoring live: ClosedRange<Int>? = nil
  ) -> HistoryWindow {
    let low = max(first, dataBase)
    let high = min(last, dataBase + dataCount - 1)
    guard low <= high else { return HistoryWindow(sum: 0, observed: 0, zeros: 0, days: 0) }
    let (a, b) = (low - dataBase, high - dataBase + 1)
    var restored = 0
    if let live { restored = max(0, min(high, live.upperBound) - max(low, live.lowerBound) + 1) }
    return HistoryWindow(
      sum: sums[b] - sums[a], observed: Int(observed[b] - observed[a]) + restored,
      zeros: Int(zeros[b] - zeros[a]) + restored, days: high - low + 1)
  }
}

/// Totals of the usable days in a window of a series' history.
struct HistoryWindow {
  /// Sum of the usable values, in units.
  var sum: Double
  /// Number of usable (uncensored, finite) days.
  var observed: Int
  /// Number of usable days with value 0.
  var zeros: Int
  /// Number of days of the window the series covers, usable or not.
  var days: Int
}
