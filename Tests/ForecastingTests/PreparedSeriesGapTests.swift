import DemandCore
import Features
import Models
import XCTest
import _TestSupport

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

  /// A store's daily series whose sales end in an implausible run of zeros, with the days and
  /// the rate before it (the 56 days before the run, by hand); the days before a series' first
  /// sale are not read (a launch is no fall). Weekly histories name none.
  func testAStoreNamesTheSeriesGoneQuiet() {
    let keys = ["P1", "P2", "P3"].map { SeriesKey(store: StoreID("S1"), sku: SKUID($0)) }
    var panel = SeriesPanel(keys: keys, start: Day(iso: "2026-01-01")!, dayCount: 100)
    for t in 0..<100 {
      // P1 sells 3, 4, 5, 3, 4, 5, … then nothing from day 90; P2 sells to the end.
      panel.values[t] = t < 90 ? Double(3 + t % 3) : 0
      panel.values[100 + t] = 2
      // P3 launched on day 60 and sold 1 a day until day 95: 5 zeros are plausible.
      panel.values[200 + t] = (60..<95).contains(t) ? 1 : 0
    }
    let covariates = keys.map { SeriesCovariates(key: $0, category: "dairy") }
    let daily = StoreHistory(store: StoreID("S1"), panel: panel, covariates: covariates)
    // Days 34 ..< 90: 56 days, t % 3 = 1, 2, 0, … from 34 (34 % 3 = 1): 19 fours, 19 fives and
    // 18 threes: (76 + 95 + 54) / 56.
    let rate: Double = 225.0 / 56
    XCTAssertEqual(
      daily.quietRuns(), [keys[0]: AvailabilityGaps.QuietRun(days: 10, unitsPerDayBefore: rate)])
    let weekly = StoreHistory(
      store: StoreID("S1"), panel: panel, covariates: covariates,
      grain: .weekly(endingOn: .friday))
    XCTAssertEqual(weekly.quietRuns(), [:])
  }

  /// The quiet runs read only the last `quietRunWindowDays`: a history that starts 600 days
  /// back names the same series, with the same figures, as a read of those days alone (what
  /// `recommend` does for an archived forecast, and the night takes from its forecast).
  func testQuietRunsReadTheSameDaysFromALongerHistory() throws {
    var random = SplitMix64(seed: 3)
    let keys = (0..<40).map { SeriesKey(store: StoreID("S1"), sku: SKUID("P\($0)")) }
    let days = 600
    var values: [[Double]] = []
    for i in keys.indices {
      // Every series sells 1 to 6 a day with a spell of zeros somewhere; half of them are still
      // in it at the end.
      let spellStart = 80 + Int(random.next() % 480)
      let spellEnd = i % 2 == 0 ? days : min(days, spellStart + 7 + Int(random.next() % 40))
      values.append(
        (0..<days).map { t in
          (spellStart..<spellEnd).contains(t) ? 0 : Double(1 + random.next() % 6)
        })
    }
    let lastDay = Day(iso: "2026-06-30")!
    let source = MemorySource.oneStore(values, lastDay: lastDay)
    let long = try source.history(
      of: StoreID("S1"), from: lastDay.adding(days: 1 - days), through: lastDay)
    let window = try source.history(
      of: StoreID("S1"), from: lastDay.adding(days: 1 - StoreHistory.quietRunWindowDays),
      through: lastDay)
    let runs = long.quietRuns()
    XCTAssertGreaterThan(runs.count, 10)
    XCTAssertEqual(runs, window.quietRuns())
  }
}
