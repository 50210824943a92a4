import DemandCore
import Features
import XCTest
import _TestSupport

/// No feature of the row for target day t may see demand or censoring after its cut-off t − h.
///
/// For every target t in a range, and h in every default horizon bucket (1, 2, 4, 7, 14, 28):
/// build the row from the series, then
/// overwrite every value at days ≥ t − h + 1 (new random values, NaN, infinities) and flip their
/// censoring at random, reload, and require the row for t to be bit-for-bit the same (or
/// unavailable both times). Integer demand keeps prefix sums exact, so any difference is a
/// dependence, not rounding. Target days run past the series end, as forecasts do.
final class NoLookAheadTests: XCTestCase {
  let start = Day(year: 2023, month: 1, day: 2)!

  func testNoFeatureReadsPastTheCutOff() {
    var generator = SplitMix64(seed: 2024)
    let count = 460
    let values = (0..<count).map { _ in Double(generator.below(30)) }
    let censored = (0..<count).map { _ in generator.below(8) == 0 }
    let promotions = stride(from: 5, to: count + 40, by: 23).map { offset in
      PromotionWindow(
        start: start.adding(days: offset), end: start.adding(days: offset + 4),
        discountFraction: 0.1 + Double(offset % 4) / 10)
    }
    let covariates = SeriesCovariates(key: testKey, category: "dairy", promotions: promotions)
    let calendar = CalendarContext(holidays: [
      Day(year: 2023, month: 12, day: 25)!, Day(year: 2024, month: 1, day: 1)!,
    ])
    var checkedRows = 0
    for h in [1, 2, 4, 7, 14, 28] {
      let layout = FeatureLayout(
        horizonDays: h, fourierOrder: 2, minimumHistoryDays: 14, seriesProfiles: true)
      let targets = start...start.adding(days: count - 1 + h)
      var original = SeriesFeatureBuilder(layout: layout)
      original.load(
        start: start, values: values, censored: censored, covariates: covariates,
        calendar: calendar, targetDays: targets)
      for t in 0..<(count + h) {
        let day = start.adding(days: t)
        let expected = original.row(for: day)
        var changedValues = values
        var changedCensoring = censored
        for position in max(0, t - h + 1)..<count {
          switch generator.below(4) {
          case 0: changedValues[position] = .nan
          case 1: changedValues[position] = 1e6
          case 2: changedValues[position] = -.infinity
          default: changedValues[position] = Double(generator.below(1000))
          }
          changedCensoring[position] = generator.below(2) == 0
        }
        var perturbed = SeriesFeatureBuilder(layout: layout)
        perturbed.load(
          start: start, values: changedValues, censored: changedCensoring,
          covariates: covariates, calendar: calendar, targetDays: targets)
        let observed = perturbed.row(for: day)
        XCTAssertEqual(
          observed?.bits, expected?.bits,
          "h \(h): the row for day \(t) saw days ≥ \(t - h + 1) in "
            + differingColumns(observed, expected, layout))
        if expected != nil { checkedRows += 1 }
        // The same with a forecast's lenient rows, which exist even without history.
        XCTAssertEqual(
          perturbed.row(for: day, allowingShortHistory: true)?.bits,
          original.row(for: day, allowingShortHistory: true)?.bits,
          "lenient, h \(h), day \(t): "
            + differingColumns(
              perturbed.row(for: day, allowingShortHistory: true),
              original.row(for: day, allowingShortHistory: true), layout))
      }
    }
    // The comparison must have covered real rows, not only unavailable ones.
    XCTAssertGreaterThan(checkedRows, 6 * 400)
  }

  /// The names of the columns that differ, for failure messages.
  func differingColumns(
    _ observed: WrittenRow?, _ expected: WrittenRow?, _ layout: FeatureLayout
  ) -> String {
    guard let observed, let expected else { return "availability" }
    var names = zip(layout.names, zip(observed.features, expected.features))
      .filter { $0.1.0.bitPattern != $0.1.1.bitPattern }.map(\.0)
    if observed.scale.bitPattern != expected.scale.bitPattern { names.append("scale") }
    return names.joined(separator: ", ")
  }
}
