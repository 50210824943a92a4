import XCTest

@testable import Inventory

/// Item 0 (class A) demands 3 units a day, item 1 (class C) as many units as the day's index.
/// Reviews over a 6-day run:
///
///     item 0, day 0, cover 3 days, S = 10: demand 9 ≤ 10, covered
///     item 0, day 3, cover 3 days, S = 5:  demand 9 > 5, not covered
///     item 1, day 0, cover 2 days, S = 1:  demand 0 + 1 = 1 ≤ 1, covered
///     item 1, day 5, cover 2 days:         runs past day 5, left out
///
/// A at 0.98: 2 reviews, 1 covered (50 %) against 98 %; C at 0.90: 1 of 1 (100 %) against 90 %.
/// The policy expected 9 and 6 units over A's covers (15 against 18 demanded: ratio 1.2) and 2
/// over C's (1 demanded: 0.5).
final class TailCoverageTests: XCTestCase {
  func testCountsCoveredReviewsPerClassAndLevel() {
    let reviews = [
      TailObservation(
        item: 0, day: 0, coverDays: 3, serviceLevel: 0.98, orderUpTo: 10, coverMeanUnits: 9),
      TailObservation(
        item: 1, day: 0, coverDays: 2, serviceLevel: 0.9, orderUpTo: 1, coverMeanUnits: 2),
      TailObservation(
        item: 0, day: 3, coverDays: 3, serviceLevel: 0.98, orderUpTo: 5, coverMeanUnits: 6),
      TailObservation(
        item: 1, day: 5, coverDays: 2, serviceLevel: 0.9, orderUpTo: 100, coverMeanUnits: 50),
    ]
    let rows = TailCoverage.measure(
      policy: "shelfcast", reviews: reviews, days: 6, classes: [.a, .c],
      demand: { item, day in item == 0 ? 3 : day })
    XCTAssertEqual(rows.map(\.abcClass), [.a, .c])
    XCTAssertEqual(rows.map(\.serviceLevelGroup), [0.98, 0.9])
    XCTAssertEqual(rows.map(\.reviews), [2, 1])
    XCTAssertEqual(rows.map(\.covered), [1, 1])
    XCTAssertEqual(rows[0].coveredPercent, 50)
    XCTAssertEqual(rows[0].targetPercent, 98, accuracy: 1e-12)
    XCTAssertEqual(rows[1].coveredPercent, 100)
    XCTAssertEqual(rows.map(\.demandUnits), [18, 1])
    XCTAssertEqual(rows.map(\.coverMeanUnits), [15, 2])
    XCTAssertEqual(rows.map(\.demandToMeanRatio), [1.2, 0.5])
    let csv = String(decoding: SimulationFiles.tailCoverageCSV(rows), as: UTF8.self)
    XCTAssertEqual(
      csv,
      SimulationFiles.tailCoverageHeader + "\n"
        + "shelfcast,A,0.98,2,1,0.5000,0.9800,-0.4800,18,15.0,1.2000\n"
        + "shelfcast,C,0.90,1,1,1.0000,0.9000,0.1000,1,2.0,0.5000\n")
  }

  /// comparison.csv writes relative changes and fill-rate differences as ratios: −46.738 %
  /// becomes `…_change,-0.46738`, 4.028 points `…_difference,0.04028`; levels keep their unit.
  func testComparisonMeasuresAreWrittenAsRatios() {
    XCTAssertEqual(
      SimulationFiles.fileMeasure("stockout_events_vs_baseline_pct").name,
      "stockout_events_vs_baseline_change")
    XCTAssertEqual(SimulationFiles.fileMeasure("stockout_events_vs_baseline_pct").scale, 0.01)
    XCTAssertEqual(
      SimulationFiles.fileMeasure("fill_rate_vs_baseline_points").name,
      "fill_rate_vs_baseline_difference")
    XCTAssertEqual(SimulationFiles.fileMeasure("total_cost_oracle").name, "total_cost_oracle")
    XCTAssertEqual(SimulationFiles.fileMeasure("total_cost_oracle").scale, 1)
  }
}
