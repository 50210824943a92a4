import DemandCore
import Features
import XCTest
import _TestSupport

/// The regressor columns: a known-in-advance regressor reads its value on the target day
/// (missing = 0), an observed one its last value at or before the cut-off within 28 days
/// (else 0), and neither changes when values after what it may read change.
final class ExternalRegressorFeatureTests: XCTestCase {
  let start = Day(year: 2024, month: 1, day: 1)!
  let event = ExternalRegressor(name: "event", knownInAdvance: true)
  let temperature = ExternalRegressor(name: "temperature", knownInAdvance: false)

  func layout(h: Int) -> FeatureLayout {
    FeatureLayout(horizonDays: h, minimumHistoryDays: 14, regressors: [event, temperature])
  }

  /// Rows of days 100, 101 and 140 (h = 3) against values worked out by hand.
  func testColumnsReadTheTargetDayOrTheCutOff() throws {
    let layout = layout(h: 3)
    XCTAssertEqual(layout.names.suffix(2), ["x_event", "x_temperature_lag"])
    XCTAssertEqual(layout.count, 25)
    var eventValues = [Double](repeating: 0, count: 200)
    eventValues[100] = 1
    eventValues[101] = .nan
    // Temperature on days 90 and 96 only: day 97 (cut-off of 100) carries 96's value; day 98
    // (cut-off of 101) too; day 137 (cut-off of 140) is 41 days after 96, beyond 28: 0.
    var temperatures = [Double](repeating: .nan, count: 200)
    temperatures[90] = 5
    temperatures[96] = -2.5
    temperatures[99] = 40  // after the cut-off of day 100 and of day 101
    let covariates = SeriesCovariates(
      key: testKey, category: "dairy",
      external: [
        "event": CovariateSeries(firstDay: start, values: eventValues),
        "temperature": CovariateSeries(firstDay: start, values: temperatures),
      ])
    var builder = SeriesFeatureBuilder(layout: layout)
    builder.load(
      start: start, values: [Double](repeating: 3, count: 180),
      censored: [Bool](repeating: false, count: 180), covariates: covariates,
      calendar: CalendarContext(holidays: []),
      targetDays: start.adding(days: 100)...start.adding(days: 140))
    func tail(_ offset: Int) -> [Double]? {
      builder.row(for: start.adding(days: offset)).map { Array($0.features.suffix(2)) }
    }
    XCTAssertEqual(tail(100), [1, -2.5])
    XCTAssertEqual(tail(101), [0, -2.5], "a missing known value reads 0")
    XCTAssertEqual(tail(102), [0, 40], "day 99 is the cut-off of day 102")
    XCTAssertEqual(tail(140), [0, 0], "day 99's value is 38 days before day 137")
    XCTAssertEqual(tail(130), [0, 40], "day 127 is 28 days after day 99")
  }

  /// For every target and horizon, changing the observed regressor after the cut-off and the
  /// known one on any day but the target leaves the row unchanged, bit for bit.
  func testNoRegressorColumnReadsWhatItMayNot() {
    var generator = SplitMix64(seed: 7)
    let count = 120
    let values = (0..<count).map { _ in Double(generator.below(20)) }
    let censored = [Bool](repeating: false, count: count)
    let eventValues = (0..<(count + 40)).map { _ in Double(generator.below(2)) }
    let temperatures = (0..<(count + 40)).map { _ in
      generator.below(3) == 0 ? Double.nan : Double(generator.below(30))
    }
    func covariates(_ e: [Double], _ t: [Double]) -> SeriesCovariates {
      SeriesCovariates(
        key: testKey, category: "dairy",
        external: [
          "event": CovariateSeries(firstDay: start, values: e),
          "temperature": CovariateSeries(firstDay: start, values: t),
        ])
    }
    var checked = 0
    for h in [1, 4, 14, 28] {
      let layout = layout(h: h)
      let targets = start.adding(days: 30)...start.adding(days: count - 1 + h)
      var original = SeriesFeatureBuilder(layout: layout)
      original.load(
        start: start, values: values, censored: censored,
        covariates: covariates(eventValues, temperatures), calendar: CalendarContext(holidays: []),
        targetDays: targets)
      for t in 30..<(count + h) {
        var e = eventValues
        var temps = temperatures
        for day in e.indices where day != t { e[day] = Double(generator.below(5)) }
        for day in max(0, t - h + 1)..<temps.count { temps[day] = Double(generator.below(900)) }
        var perturbed = SeriesFeatureBuilder(layout: layout)
        perturbed.load(
          start: start, values: values, censored: censored, covariates: covariates(e, temps),
          calendar: CalendarContext(holidays: []), targetDays: targets)
        let day = start.adding(days: t)
        XCTAssertEqual(
          perturbed.row(for: day)?.bits, original.row(for: day)?.bits,
          "h \(h), target \(t)")
        // And the known regressor on the target day itself is read.
        e[t] = 7
        perturbed.load(
          start: start, values: values, censored: censored, covariates: covariates(e, temps),
          calendar: CalendarContext(holidays: []), targetDays: targets)
        if let row = perturbed.row(for: day) {
          XCTAssertEqual(row.features[row.features.count - 2], 7)
        }
        checked += 1
      }
    }
    XCTAssertGreaterThan(checked, 400)
  }
}
