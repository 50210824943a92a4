import DemandCore
import Features
import Models
import XCTest
import _TestSupport

/// `AvailabilityGaps.detect` against runs judged by hand, `DemandSeries.prefix` keeping only
/// the gaps a sale (or a flagged stock-out) within the prefix ends, and the feature rows reading no gap they could not
/// know at their cut-off.
final class AvailabilityGapsTests: XCTestCase {
  let start = Day(year: 2024, month: 1, day: 1)!

  /// `days` of `value` each.
  private func selling(_ value: Double, days: Int) -> [Double] {
    [Double](repeating: value, count: days)
  }

  private func detect(_ values: [Double], censored: [Bool]? = nil) -> [Range<Int>] {
    AvailabilityGaps.detect(
      values: values, censored: censored ?? [Bool](repeating: false, count: values.count))
  }

  func testARunOfZerosInADailySellerEndedByASaleIsAGap() {
    // 60 days of 5 units: p₀ = 0.5 / 61, so 7 zero days have a chance of about 1e-15.
    let values = selling(5, days: 60) + selling(0, days: 10) + selling(5, days: 5)
    XCTAssertEqual(detect(values), [60..<70])
    // Six days are too few, whatever the rate.
    XCTAssertEqual(detect(selling(5, days: 60) + selling(0, days: 6) + [5]), [])
  }

  func testARunStillGoingOnAtTheEndIsReadAsItIs() {
    XCTAssertEqual(detect(selling(5, days: 60) + selling(0, days: 30)), [])
  }

  func testARunAFlaggedStockOutEndsIsAGapTheMethodsReadAsCensored() {
    // 60 days of 5, 10 zeros, then a flagged stock-out that sold nothing: the item is wanted
    // again, so the run is a gap as if a sale had ended it.
    let values = selling(5, days: 60) + selling(0, days: 10) + [0, 0]
    var censored = [Bool](repeating: false, count: values.count)
    censored[70] = true
    censored[71] = true
    let found = AvailabilityGaps.find(values: values, censored: censored)
    XCTAssertEqual(found, [AvailabilityGaps.Gap(days: 60..<70, endedByStockout: true)])
    // A flagged day that sold something is a sale.
    var sold = values
    sold[70] = 2
    XCTAssertEqual(
      AvailabilityGaps.find(values: sold, censored: censored),
      [AvailabilityGaps.Gap(days: 60..<70, endedByStockout: false)])
    let series = DemandSeries(start: start, values: values, censored: censored)
      .markingAvailabilityGaps()
    XCTAssertEqual(series.gaps, [60..<70])
    XCTAssertEqual(series.stockoutEndedGaps, [60..<70])
    // The series keeps the zeros as sales; the per-series methods' view censors them, so a
    // seasonal naive reads the last week before the run instead of a week of zeros.
    XCTAssertEqual(series.censored.filter { $0 }.count, 2)
    let methods = series.readByMethods
    XCTAssertEqual(methods.censored, (0..<72).map { $0 >= 60 })
    XCTAssertEqual(methods.values, values)
    // A gap a sale ended leaves the methods' view as it is.
    let saleEnded = DemandSeries(start: start, values: sold, censored: censored)
      .markingAvailabilityGaps()
    XCTAssertEqual(saleEnded.readByMethods, saleEnded)
    // Until the stock-out is in the history, the run is still going on: nothing to censor.
    XCTAssertEqual(series.prefix(70).gaps, [])
    XCTAssertEqual(series.prefix(70).readByMethods.censored.filter { $0 }.count, 0)
    XCTAssertEqual(series.prefix(71).stockoutEndedGaps, [60..<70])
  }

  func testAQuietRunIsAnImplausibleRunStillGoingOnAtTheEnd() {
    // 60 days of 5 then 10 zeros: p₀ = 0.5 / 57 over the 56 days before, (0.5 / 57)¹⁰ ≪ 1e-4;
    // 5 units a day before it.
    let quiet = AvailabilityGaps.quietRun(
      values: selling(5, days: 60) + selling(0, days: 10),
      censored: [Bool](repeating: false, count: 70))
    XCTAssertEqual(quiet, AvailabilityGaps.QuietRun(days: 10, unitsPerDayBefore: 5))
    // Six zeros are too few; a sale or a flag on the last day ends it.
    let short = selling(5, days: 60) + selling(0, days: 6)
    XCTAssertNil(
      AvailabilityGaps.quietRun(values: short, censored: [Bool](repeating: false, count: 66)))
    XCTAssertNil(
      AvailabilityGaps.quietRun(
        values: selling(5, days: 60) + selling(0, days: 10) + [2],
        censored: [Bool](repeating: false, count: 71)))
    // Zeros that two flagged stock-out days end (a delisted item whose stock ran out, or an
    // empty shelf) are a quiet run too, with those days counted apart; a flagged day that sold
    // ends it as a sale does.
    var flagged = [Bool](repeating: false, count: 72)
    flagged[70] = true
    flagged[71] = true
    XCTAssertEqual(
      AvailabilityGaps.quietRun(
        values: selling(5, days: 60) + selling(0, days: 12), censored: flagged),
      AvailabilityGaps.QuietRun(days: 10, unitsPerDayBefore: 5, stockoutDays: 2))
    XCTAssertNil(
      AvailabilityGaps.quietRun(
        values: selling(5, days: 60) + selling(0, days: 10) + [0, 1], censored: flagged))
    // Longer than a gap can be (183 days), the run is read as it is, so it is an ordinary quiet
    // run to the last day.
    var long = [Bool](repeating: false, count: 245)
    long[243] = true
    long[244] = true
    XCTAssertEqual(
      AvailabilityGaps.quietRun(
        values: selling(5, days: 60) + selling(0, days: 185), censored: long),
      AvailabilityGaps.QuietRun(days: 185, unitsPerDayBefore: 5))
    // Every other day sold 2: p₀ = ½, so 13 zeros are plausible and 14 are not; the rate is
    // the mean of the 56 days before, 1 a day.
    let alternating = (0..<60).map { $0 % 2 == 0 ? 2.0 : 0 }
    XCTAssertNil(
      AvailabilityGaps.quietRun(
        values: alternating + selling(0, days: 12), censored: [Bool](repeating: false, count: 72)
      ))
    XCTAssertEqual(
      AvailabilityGaps.quietRun(
        values: alternating + selling(0, days: 13), censored: [Bool](repeating: false, count: 73)),
      AvailabilityGaps.QuietRun(days: 14, unitsPerDayBefore: 1))
  }

  func testARunAStockOutEndsIsAGapEvenTheSameDaysAYearEarlier() {
    // Off in days 100 ..< 130 and again 364 days later: the second run, ended by a sale, is a
    // season; ended by a flagged stock-out, the item is wanted again and it is a gap.
    var values = selling(4, days: 600)
    for t in 100..<130 { values[t] = 0 }
    for t in 464..<494 { values[t] = 0 }
    XCTAssertEqual(detect(values), [100..<130])
    values[494] = 0
    var censored = [Bool](repeating: false, count: values.count)
    censored[494] = true
    XCTAssertEqual(detect(values, censored: censored), [100..<130, 464..<494])
  }

  func testAnIntermittentSeriesNeedsALongerRun() {
    // Sales on every other day: 28 zeros among the 56 days before the run, p₀ = 28.5 / 57 = ½.
    // ½ᴸ ≤ 1e-4 from L = 14 (½¹³ = 1.2e-4, ½¹⁴ = 6.1e-5).
    let alternating = (0..<60).map { $0 % 2 == 0 ? 2.0 : 0 }
    // The run starts after the last sale of the alternating days (a zero at index 59).
    XCTAssertEqual(detect(alternating + selling(0, days: 12) + [2]), [])
    XCTAssertEqual(detect(alternating + selling(0, days: 13) + [2]), [59..<73])
    // 59 ..< 73 is 14 zeros: the alternating series' last zero and 13 more.
  }

  func testTooLittleHistoryBeforeARunJudgesNothing() {
    // 27 usable days before the run: no rate.
    var censored = [Bool](repeating: false, count: 80)
    for t in 0..<29 { censored[t] = true }
    let values = selling(5, days: 56) + selling(0, days: 20) + selling(5, days: 4)
    XCTAssertEqual(detect(values, censored: censored), [])
    XCTAssertEqual(detect(values), [56..<76])
  }

  func testARunTheSameDaysAYearEarlierIsASeason() {
    // Off in days 100 ..< 130 and again 364 days later: the first is a gap, the second a
    // season (the first counts as the zeros it was).
    var values = selling(4, days: 600)
    for t in 100..<130 { values[t] = 0 }
    for t in 464..<494 { values[t] = 0 }
    XCTAssertEqual(detect(values), [100..<130])
    // Off only in the second year: a gap (the year before sold).
    var once = selling(4, days: 600)
    for t in 464..<494 { once[t] = 0 }
    XCTAssertEqual(detect(once), [464..<494])
  }

  func testARunLongerThanHalfAYearIsNotAGap() {
    let values = selling(3, days: 60) + selling(0, days: 183) + [3]
    XCTAssertEqual(detect(values), [])
    XCTAssertEqual(detect(selling(3, days: 60) + selling(0, days: 182) + [3]), [60..<242])
  }

  func testAPrefixKeepsOnlyTheGapsASaleWithinItEnds() {
    let values = selling(5, days: 60) + selling(0, days: 10) + selling(5, days: 5)
    let series = DemandSeries(start: start, values: values).markingAvailabilityGaps()
    XCTAssertEqual(series.gaps, [60..<70])
    XCTAssertEqual(series.gapDayCount, 10)
    // A gap's days are sales: never censored.
    XCTAssertEqual(series.censored, [Bool](repeating: false, count: 75))
    // Through the last zero: the sale that ends the run is not in the prefix.
    let open = series.prefix(70)
    XCTAssertEqual(open.gaps, [])
    // With it: the gap, as the prefix finds it on its own.
    let closed = series.prefix(71)
    XCTAssertEqual(closed.gaps, [60..<70])
    XCTAssertEqual(
      closed, DemandSeries(start: start, values: Array(values[..<71])).markingAvailabilityGaps())
    XCTAssertEqual(
      open, DemandSeries(start: start, values: Array(values[..<70])).markingAvailabilityGaps())
  }

  /// The prefix rule on random series: the gaps of the first n days are those the whole series'
  /// detection gives that end before day n, for every n.
  func testGapsOfEveryPrefixAreThoseOfTheWholeSeriesEndedWithinIt() {
    var generator = SplitMix64(seed: 11)
    var stockoutEnded = 0
    defer { XCTAssertGreaterThan(stockoutEnded, 5, "gaps that stock-outs end must be checked too") }
    for _ in 0..<20 {
      let (values, censored) = gappySeries(count: 500, generator: &generator)
      let whole = DemandSeries(start: start, values: values, censored: censored)
        .markingAvailabilityGaps()
      XCTAssertFalse(whole.gaps.isEmpty, "the series must have gaps to check")
      stockoutEnded += whole.stockoutEndedGaps.count
      for n in stride(from: 0, through: 500, by: 7) {
        let alone = DemandSeries(
          start: start, values: Array(values[..<n]), censored: Array(censored[..<n])
        ).markingAvailabilityGaps()
        XCTAssertEqual(whole.prefix(n), alone, "prefix \(n)")
      }
    }
  }

  /// No feature row reads past its cut-off once gaps are found on the series: for every target
  /// t, the days from t − h + 1 on are rewritten (other values, zeros, censoring), the gaps found
  /// again on the rewritten series, and the row must be bit for bit the same. A row whose
  /// cut-off falls inside a gap must read it as zeros, since the sale that ends it comes later.
  func testRowsWithGapsDoNotReadPastTheirCutOff() {
    var generator = SplitMix64(seed: 5)
    let count = 420
    let (values, censored) = gappySeries(count: count, generator: &generator)
    let covariates = SeriesCovariates(key: key, category: "dairy")
    let calendar = CalendarContext(holidays: [])
    var checked = 0
    var insideGaps = 0
    for h in [1, 7, 28] {
      let layout = FeatureLayout(
        horizonDays: h, fourierOrder: 2, minimumHistoryDays: 14, seriesProfiles: true,
        growthProfile: true, excessZeroShare: true, levelCredibility: true,
        levelPromotions: true, levelBelowFloor: true, seasonStep: true,
        weekdayShapedShifts: true, plainMonthShift: true, logLevel: false, credibleGrowth: true)
      let targets = start...start.adding(days: count - 1 + h)
      let series = DemandSeries(start: start, values: values, censored: censored)
        .markingAvailabilityGaps()
      var original = SeriesFeatureBuilder(layout: layout)
      original.load(
        start: start, values: series.values, censored: series.censored, gaps: series.gaps,
        covariates: covariates, calendar: calendar, targetDays: targets)
      for t in stride(from: 0, to: count + h, by: 3) {
        let day = start.adding(days: t)
        var changed = values
        var changedCensoring = censored
        for position in max(0, t - h + 1)..<count {
          switch generator.below(3) {
          case 0: changed[position] = 0
          case 1: changed[position] = Double(generator.below(20))
          default: changedCensoring[position] = generator.below(2) == 0
          }
        }
        let perturbedSeries = DemandSeries(
          start: start, values: changed, censored: changedCensoring
        )
        .markingAvailabilityGaps()
        var perturbed = SeriesFeatureBuilder(layout: layout)
        perturbed.load(
          start: start, values: perturbedSeries.values, censored: perturbedSeries.censored,
          gaps: perturbedSeries.gaps, covariates: covariates, calendar: calendar,
          targetDays: targets)
        let expected = rowBits(original, day)
        XCTAssertEqual(rowBits(perturbed, day), expected, "h \(h), target \(t)")
        if expected != nil { checked += 1 }
        if series.gaps.contains(where: { $0.contains(t - h) }) { insideGaps += 1 }
      }
    }
    XCTAssertGreaterThan(checked, 300)
    XCTAssertGreaterThan(insideGaps, 10, "some cut-offs must fall inside gaps")
  }

  /// A row whose cut-off is after a gap reads the level without the gap's zeros; one inside it
  /// reads them. By hand: 5 units a day, a 10-day gap, level window of 364 days.
  func testTheLevelSkipsAGapOnlyOnceItHasEnded() throws {
    let values = selling(5, days: 60) + selling(0, days: 10) + selling(5, days: 30)
    let series = DemandSeries(start: start, values: values).markingAvailabilityGaps()
    let layout = FeatureLayout(horizonDays: 1, fourierOrder: 0, minimumHistoryDays: 14)
    var builder = SeriesFeatureBuilder(layout: layout)
    builder.load(
      start: start, values: series.values, censored: series.censored, gaps: series.gaps,
      covariates: SeriesCovariates(key: key, category: "dairy"),
      calendar: CalendarContext(holidays: []), targetDays: start...start.adding(days: 100))
    var row = [Double](repeating: 0, count: layout.count)
    // Cut-off day 64, inside the gap: 60 days of 5 and 5 zeros, level 300 / 65.
    let inside = try XCTUnwrap(builder.writeRow(for: start.adding(days: 65), into: &row))
    XCTAssertEqual(inside, 300.0 / 65, accuracy: 1e-12)
    // Cut-off day 80, after it: 71 selling days, level 5.
    let after = try XCTUnwrap(builder.writeRow(for: start.adding(days: 81), into: &row))
    XCTAssertEqual(after, 5, accuracy: 1e-12)
  }

  private let key = SeriesKey(store: StoreID("S1"), sku: SKUID("P1"))

  private func rowBits(_ builder: SeriesFeatureBuilder, _ day: Day) -> [UInt64]? {
    var row = [Double](repeating: .nan, count: builder.layout.count)
    guard let scale = builder.writeRow(for: day, into: &row) else { return nil }
    return row.map(\.bitPattern) + [scale.bitPattern]
  }

  /// A selling series (1–9 units a day, a zero one day in five) with zero runs of 3–40 days
  /// every 40–90 days and a flagged stock-out one day in 30.
  private func gappySeries(count: Int, generator: inout SplitMix64) -> ([Double], [Bool]) {
    var values: [Double] = []
    var censored: [Bool] = []
    var nextRun = 40 + generator.below(50)
    while values.count < count {
      if values.count == nextRun {
        let length = 3 + generator.below(38)
        for _ in 0..<length where values.count < count {
          values.append(0)
          censored.append(false)
        }
        // Half of the runs end in flagged stock-outs that sold nothing.
        if generator.below(2) == 0 {
          for _ in 0..<(1 + generator.below(3)) where values.count < count {
            values.append(0)
            censored.append(true)
          }
        }
        nextRun = values.count + 40 + generator.below(50)
        continue
      }
      values.append(generator.below(5) == 0 ? 0 : Double(1 + generator.below(9)))
      censored.append(generator.below(30) == 0)
    }
    return (values, censored)
  }
}
