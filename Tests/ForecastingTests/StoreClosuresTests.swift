import DemandCore
import Features
import Models
import XCTest

@testable import Forecasting

/// Holidays a store was closed on last time are forecast closed (`StoreClosures`).
final class StoreClosuresTests: XCTestCase {
  let lastDay = Day(iso: "2026-11-30")!
  let christmas = Day(iso: "2025-12-25")!
  let calendar = CalendarContext(named: [
    (Day(iso: "2025-12-25")!, "christmas"), (Day(iso: "2026-12-25")!, "christmas"),
    (Day(iso: "2025-11-27")!, "thanksgiving"), (Day(iso: "2026-11-26")!, "thanksgiving"),
  ])

  /// Three series over the 500 days to `lastDay`, selling 2, 3 and 4 a day, with `edit`
  /// applied to the panel (value and censoring at a day).
  func store(_ edit: (inout SeriesPanel, Int, Int) -> Void = { _, _, _ in }) -> [PreparedSeries] {
    let days = 500
    let keys = (0..<3).map { SeriesKey(store: StoreID("S1"), sku: SKUID("P\($0)")) }
    var panel = SeriesPanel(keys: keys, start: lastDay.adding(days: 1 - days), dayCount: days)
    for series in 0..<3 {
      for day in 0..<days { panel.values[series * days + day] = Double(2 + series) }
    }
    // Closed on Christmas 2025 (no sales anywhere).
    let closed = panel.start.days(to: christmas)
    for series in 0..<3 { panel.values[series * days + closed] = 0 }
    edit(&panel, days, closed)
    return (0..<3).map {
      PreparedSeries(
        panel: panel, index: $0, covariates: SeriesCovariates(key: keys[$0], category: "c"))
    }
  }

  /// The closed steps of a daily store of `series` over `horizon` days after `lastDay`.
  func closedSteps(
    _ series: [PreparedSeries], horizon: Int = 28, calendar: CalendarContext? = nil
  ) -> [Int]? {
    StoreClosures(
      series: series, lastDay: lastDay, horizon: horizon, calendar: calendar ?? self.calendar,
      grain: nil)?.closedSteps
  }

  /// Christmas 2026 is 25 days after the last day: step 24. Thanksgiving 2025, on which the
  /// store sold as usual, is not a closure, nor is 2026's (before the window anyway).
  func testAHolidayTheStoreWasClosedOnLastTimeIsClosed() {
    XCTAssertEqual(closedSteps(store()), [24])
    // Weekly grain has no closures (its steps are weeks).
    XCTAssertNil(
      StoreClosures(
        series: store(), lastDay: lastDay, horizon: 28, calendar: calendar,
        grain: .weekly(endingOn: .friday)))
    // A horizon that stops before Christmas has no closed step.
    XCTAssertEqual(closedSteps(store(), horizon: 24), [])
  }

  /// One series selling that day, or one censored that day (a stock-out, so the store was
  /// open), and the day is not a closure.
  func testAnySaleOrStockOutThatDayMeansOpen() {
    let sold = store { panel, days, closed in panel.values[days + closed] = 1 }
    XCTAssertEqual(closedSteps(sold), [])
    let censored = store { panel, days, closed in panel.censored[2 * days + closed] = true }
    XCTAssertEqual(closedSteps(censored), [])
  }

  /// A store that sold nothing for the week after the holiday either was not closed for the
  /// holiday: a quiet spell is not a closure.
  func testAQuietSpellIsNotAClosure() {
    let quiet = store { panel, days, closed in
      for series in 0..<3 {
        for day in closed...(closed + 7) { panel.values[series * days + day] = 0 }
      }
    }
    XCTAssertEqual(closedSteps(quiet), [])
  }

  /// A store selling 3 a day (1 in each series) has days without a sale by chance (e⁻³ ≈ 5 %
  /// of them, read as Poisson); below 7 a day, an empty holiday is not read as a closure.
  func testAThinStoreCannotTellAClosure() {
    let thin = store { panel, days, closed in
      for index in panel.values.indices where index % days != closed { panel.values[index] = 1 }
    }
    XCTAssertEqual(closedSteps(thin), [])
  }

  /// Unnamed holidays are never matched with an earlier occurrence.
  func testUnnamedHolidaysAreNotClosures() {
    let unnamed = CalendarContext(holidays: [christmas, Day(iso: "2026-12-25")!])
    XCTAssertEqual(closedSteps(store(), horizon: 28, calendar: unnamed), [])
  }

  /// The closed steps' mean and every quantile are 0; the other days are unchanged.
  func testAppliedZeroesTheClosedStepsOnly() throws {
    let closures = try XCTUnwrap(
      StoreClosures(
        series: store(), lastDay: lastDay, horizon: 28, calendar: calendar, grain: .daily))
    let forecast = SeriesForecast(
      key: SeriesKey(store: StoreID("S1"), sku: SKUID("P0")), start: lastDay.adding(days: 1),
      mean: [Double](repeating: 2, count: 28),
      quantiles: [0.1, 0.5, 0.9].map {
        QuantilePath(level: $0, values: [Double](repeating: 4 * $0, count: 28))
      }, model: "m", isNewItem: false)
    let closed = closures.applied(to: forecast)
    XCTAssertEqual(closed.mean[24], 0)
    XCTAssertEqual(closed.quantiles.map { $0.values[24] }, [0, 0, 0])
    XCTAssertEqual(closed.mean.filter { $0 != 0 }.count, 27)
    XCTAssertEqual(closed.quantiles[2].values[23], 3.6, accuracy: 1e-12)
  }

  /// An explanation of a forecast over the closure says why its day is 0: the closure (the
  /// holiday, the day it was last closed) on its step, and every candidate's weight 0 there,
  /// so that Σ weight × value is the issued 0 on that day and unchanged on the others.
  func testAnExplanationShowsTheClosureAndWeighsNoModelThatDay() throws {
    let closures = try XCTUnwrap(
      StoreClosures(series: store(), lastDay: lastDay, horizon: 28, calendar: calendar, grain: nil))
    let key = SeriesKey(store: StoreID("S1"), sku: SKUID("P0"))
    let served = SeriesForecast(
      key: key, start: lastDay.adding(days: 1), mean: [Double](repeating: 2, count: 28),
      quantiles: [], model: "ETS(A,N,A)", isNewItem: false)
    var explanation = SeriesExplanation(
      key: key, category: "c", runDate: lastDay, served: served, role: .noRegression,
      regressionBuckets: [], days: [])
    explanation.candidates = [
      CandidateExplanation(
        model: "ETS(A,N,A)", isRegression: false, path: [Double](repeating: 2, count: 28),
        components: [], weights: [Double](repeating: 1, count: 28))
    ]
    let closed = explanation.closed(by: closures)
    XCTAssertEqual(
      closed.closures,
      [
        StoreClosure(
          holiday: "christmas", day: Day(iso: "2026-12-25")!, step: 24, lastClosedDay: christmas)
      ])
    XCTAssertEqual(closed.closure(dayIndex: 24)?.holiday, "christmas")
    XCTAssertNil(closed.closure(dayIndex: 23))
    XCTAssertEqual(closed.candidates[0].weights[24], 0)
    XCTAssertEqual(closed.candidates[0].weights.filter { $0 == 1 }.count, 27)
    // A forecast shorter than the closure's step carries no closure.
    var short = explanation
    short.served.mean = [2, 2]
    XCTAssertEqual(short.closed(by: closures).closures, [])
    XCTAssertEqual(explanation.closed(by: nil).closures, [])
  }
}
