import DemandCore
import Monitoring
import XCTest

/// The accuracy metrics on cases small enough to add up by hand.
final class AccuracyMetricsTests: XCTestCase {
  static let day = Day(iso: "2026-10-15")!

  static func row(
    _ sku: String, actual: Double, mean: Double, p50: Double = 0, p10: Double, p90: Double,
    stockout: Bool = false, store: String = "S1", issuedDaysBefore: Int = 1, date: Day = day
  ) -> ForecastActualRow {
    ForecastActualRow(
      key: SeriesKey(store: StoreID(store), sku: SKUID(sku)), date: date,
      issuedOn: date.adding(days: -issuedDaysBefore), p10: p10, p50: p50, p90: p90, mean: mean,
      actual: actual, stockout: stockout, model: "M", modelVersion: "v")
  }

  /// | row | y | ŷ | e = y − ŷ | p10 … p90 | covered | scale | |e|/s |
  /// |---|---|---|---|---|---|---|---|
  /// | 1 | 10 | mean 8 | 2 | 5 … 12 | yes | 2 | 1 |
  /// | 2 | 0 | mean 1 | −1 | 0 … 3 | yes | 2 | 0.5 |
  /// | 3 | 6 | p50 9 (no mean) | −3 | 7 … 11 | no | none | — |
  /// | 4 | 4 | mean 4 | 0 | 1 … 4 | yes (ends count) | 0.5 | 0 |
  /// | 5 | 1 | mean 20 | (censored: left out) | | | | |
  ///
  /// n = 4, Σy = 20, Σ|e| = 6 → WAPE 0.3, MAE 1.5; Σe² = 4 + 1 + 9 + 0 = 14 → RMSE √3.5;
  /// Σ(ŷ − y) = −2 + 1 + 3 + 0 = 2 → bias 10 %; 3 of 4 covered → 75 %; MASE (1 + 0.5 + 0) / 3.
  func testEveryMetricOnAHandComputedCase() {
    var tally = AccuracyTally()
    tally.add(Self.row("A", actual: 10, mean: 8, p10: 5, p90: 12), scale: 2)
    tally.add(Self.row("A", actual: 0, mean: 1, p10: 0, p90: 3), scale: 2)
    tally.add(Self.row("B", actual: 6, mean: .nan, p50: 9, p10: 7, p90: 11), scale: nil)
    tally.add(Self.row("C", actual: 4, mean: 4, p10: 1, p90: 4), scale: 0.5)
    tally.add(Self.row("C", actual: 1, mean: 20, p10: 0, p90: 30, stockout: true), scale: 0.5)
    let score = tally.score
    XCTAssertEqual(score.points, 4)
    XCTAssertEqual(score.wape, 0.3, accuracy: 1e-15)
    XCTAssertEqual(score.mae, 1.5, accuracy: 1e-15)
    XCTAssertEqual(score.rmse, 3.5.squareRoot(), accuracy: 1e-15)
    XCTAssertEqual(score.biasPercent, 10, accuracy: 1e-12)
    XCTAssertEqual(score.coverage80Percent, 75, accuracy: 1e-12)
    XCTAssertEqual(score.mase, 0.5, accuracy: 1e-15)
  }

  /// Nothing scored: every metric undefined, n = 0; only censored rows change nothing.
  func testAnEmptyOrAllCensoredTallyHasUndefinedMetrics() {
    var tally = AccuracyTally()
    tally.add(Self.row("A", actual: 3, mean: 1, p10: 0, p90: 2, stockout: true), scale: 1)
    XCTAssertEqual(tally, AccuracyTally())
    let score = tally.score
    XCTAssertEqual(score.points, 0)
    for value in [score.wape, score.mae, score.rmse, score.mase, score.biasPercent] {
      XCTAssertTrue(value.isNaN)
    }
    // Sold nothing but scored: WAPE and bias undefined, MAE defined.
    tally.add(Self.row("A", actual: 0, mean: 2, p10: 0, p90: 3), scale: nil)
    XCTAssertTrue(tally.score.wape.isNaN)
    XCTAssertEqual(tally.score.mae, 2)
    XCTAssertTrue(tally.score.mase.isNaN)
  }

  /// Merging two tallies equals adding all their rows to one.
  func testMergingEqualsAddingEverything() {
    let rows = [
      Self.row("A", actual: 10, mean: 8, p10: 5, p90: 12),
      Self.row("B", actual: 3, mean: 5, p10: 1, p90: 4),
      Self.row("C", actual: 7, mean: 7.5, p10: 6, p90: 9),
    ]
    var all = AccuracyTally()
    var first = AccuracyTally()
    var second = AccuracyTally()
    for (i, row) in rows.enumerated() {
      all.add(row, scale: 2)
      if i < 1 { first.add(row, scale: 2) } else { second.add(row, scale: 2) }
    }
    first.merge(second)
    XCTAssertEqual(first.score, all.score)
  }

  /// Units 0, 0, 3, 5, 2, 0, 4, 6, 1, 5, 3, 2, 0, 7, 2, 9 (days 0 … 15), first sale on day 2,
  /// days 3 and 13 censored. Pairs (t − 7, t) from t = 9: t = 9 |5 − 3| = 2, t = 10 dropped
  /// (day 3 censored), t = 11 |2 − 2| = 0, t = 12 |0 − 0| = 0, t = 13 dropped, t = 14
  /// |2 − 6| = 4, t = 15 |9 − 1| = 8 → s = 14 / 5 = 2.8.
  func testSeasonalNaiveScaleByHand() {
    let units: [Double] = [0, 0, 3, 5, 2, 0, 4, 6, 1, 5, 3, 2, 0, 7, 2, 9]
    var censored = [Bool](repeating: false, count: units.count)
    censored[3] = true
    censored[13] = true
    XCTAssertEqual(
      try XCTUnwrap(SeasonalNaiveScale.scale(units: units, stockout: censored)), 2.8,
      accuracy: 1e-15)
    // Without censoring: (2 + 2 + 0 + 0 + 3 + 4 + 8) / 7.
    XCTAssertEqual(
      try XCTUnwrap(
        SeasonalNaiveScale.scale(
          units: units, stockout: [Bool](repeating: false, count: units.count))), 19.0 / 7,
      accuracy: 1e-15)
    // Never sold, a single week after the first sale, a flat weekly pattern: no scale.
    let none = [Bool](repeating: false, count: 14)
    XCTAssertNil(SeasonalNaiveScale.scale(units: [Double](repeating: 0, count: 14), stockout: none))
    XCTAssertNil(
      SeasonalNaiveScale.scale(units: [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6], stockout: none))
    XCTAssertNil(
      SeasonalNaiveScale.scale(units: (0..<14).map { Double($0 % 7 + 1) }, stockout: none))
  }

  /// Buckets 1–7, 8–14, 15–28 and 29+; weeks as Python's `date.isocalendar()` gives them
  /// (`python3 -c "import datetime; print(datetime.date(2026,12,31).isocalendar())"`, …).
  func testHorizonBucketsAndISOWeeks() {
    XCTAssertEqual(
      [1, 7, 8, 14, 15, 28, 29, 91].map { HorizonBucket.name(horizonDays: $0) },
      [
        "01-07 days", "01-07 days", "08-14 days", "08-14 days", "15-28 days", "15-28 days",
        "29+ days", "29+ days",
      ])
    let expected = [
      ("2026-12-31", "2026-W53"), ("2027-01-01", "2026-W53"), ("2027-01-03", "2026-W53"),
      ("2027-01-04", "2027-W01"), ("2024-12-30", "2025-W01"), ("2021-01-03", "2020-W53"),
      ("2020-12-31", "2020-W53"), ("2026-10-15", "2026-W42"), ("2026-03-02", "2026-W10"),
    ]
    for (day, week) in expected { XCTAssertEqual(Day(iso: day)?.isoWeek, week, day) }
  }
}
