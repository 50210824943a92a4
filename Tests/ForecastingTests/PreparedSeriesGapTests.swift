import DemandCore
import Features
import XCTest

@testable import Forecasting

/// Availability gaps are found in daily histories only: a weekly one (whose "days" are weeks) reads
/// its runs of zero weeks as they are.
final class PreparedSeriesGapTests: XCTestCase {
  func testOnlyDailyHistoriesGetAvailabilityGaps() {
    let key = SeriesKey(store: StoreID("S1"), sku: SKUID("P1"))
    var panel = SeriesPanel(keys: [key], start: Day(iso: "2026-01-01")!, dayCount: 80)
    // 60 periods of 4, 10 of 0, 10 of 4: a gap of 10 at daily grain (p₀ = 0.5 / 57).
    for t in 0..<80 { panel.values[t] = (60..<70).contains(t) ? 0 : 4 }
    let covariates = [SeriesCovariates(key: key, category: "dairy")]
    let daily = StoreHistory(store: StoreID("S1"), panel: panel, covariates: covariates)
    XCTAssertEqual(daily.preparedSeries()[0].series.gaps, [60..<70])
    XCTAssertEqual(
      daily.preparedSeries()[0].gapNote,
      "; 1 availability gap (10 days without a sale) read as unavailable")
    let weekly = StoreHistory(
      store: StoreID("S1"), panel: panel, covariates: covariates,
      grain: .weekly(endingOn: .friday))
    XCTAssertEqual(weekly.preparedSeries()[0].series.gaps, [])
    XCTAssertEqual(weekly.preparedSeries()[0].gapNote, "")
  }
}
