import DemandCore
import Features
import XCTest

@testable import Forecasting

/// At weekly grain a regressor is read on each week's ending date, one value per week, and the
/// weekly view passes the base source's regressors on.
final class PeriodCovariateTests: XCTestCase {
  struct Source: StoreHistorySource {
    var stores: [StoreID] { [] }
    var calendar: CalendarContext { CalendarContext(holidays: []) }
    var regressors: [ExternalRegressor] {
      [ExternalRegressor(name: "markdown", knownInAdvance: true)]
    }
    func history(of store: StoreID, from start: Day, through end: Day) throws -> StoreHistory {
      StoreHistory(
        store: store, panel: SeriesPanel(keys: [], start: start, dayCount: 0), covariates: [])
    }
  }

  func testAWeeksValueIsItsEndingDatesValue() {
    let grain = Grain.weekly(endingOn: .friday)
    let view = PeriodHistorySource(base: Source(), grain: grain)
    XCTAssertEqual(view.regressors, Source().regressors)
    // Friday 2012-01-06, then daily values 1, 2, … through Friday 2012-01-20 (15 days).
    let friday = Day(year: 2012, month: 1, day: 6)!
    let daily = CovariateSeries(firstDay: friday, values: (1...15).map(Double.init))
    let weekly = view.periodValues(daily)
    XCTAssertEqual(weekly.firstDay, PeriodHistorySource.day(grain.period(of: friday)))
    XCTAssertEqual(weekly.values, [1, 8, 15], "the values of 01-06, 01-13 and 01-20")
  }
}
