import DemandCore
import Features
import LinearAlgebra
import Models
import XCTest
import _TestSupport

/// How `RidgeAccumulator` turns series into sufficient statistics.
final class RidgeAccumulatorTests: XCTestCase {
  let start = Day(year: 2023, month: 1, day: 2)!
  let calendar = CalendarContext(holidays: [Day(year: 2023, month: 12, day: 25)!])

  /// `count` simulated series of `days` days.
  func category(count: Int, days: Int, seed: UInt64) -> [(DemandSeries, SeriesCovariates)] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { index in
      let level = 2 + Double(generator.below(30))
      let simulated = simulatedSeries(
        index: index, level: level, start: start, days: days, truth: RidgeTruth(),
        generator: &generator)
      // Censor about one day in twelve, as stock-outs would.
      var series = simulated.series
      for day in series.values.indices where generator.below(12) == 0 {
        series.censored[day] = true
      }
      return (series, simulated.covariates)
    }
  }

  func testMergingStoresEqualsAccumulatingEverythingAtOnce() throws {
    let data = category(count: 12, days: 300, seed: 5)
    // Small blocks, so that both ways flush many times, at different rows.
    let settings = RidgeSettings(horizonDays: 7, blockRows: 97)
    let days = start...start.adding(days: 299)
    var together = RidgeAccumulator(category: "dairy", settings: settings, trainingDays: days)
    for (series, covariates) in data {
      together.add(series, covariates: covariates, calendar: calendar)
    }
    var merged = RidgeAccumulator(category: "dairy", settings: settings, trainingDays: days)
    for store in 0..<3 {
      var shard = RidgeAccumulator(category: "dairy", settings: settings, trainingDays: days)
      for (series, covariates) in data[(store * 4)..<(store * 4 + 4)] {
        shard.add(series, covariates: covariates, calendar: calendar)
      }
      merged = merged.merged(with: shard)
    }
    XCTAssertEqual(merged.rowCount, together.rowCount)
    XCTAssertEqual(merged.seriesCount, 12)
    let (a, b) = (try merged.fit(), try together.fit())
    XCTAssertEqual(a.trainingRows, b.trainingRows)
    XCTAssertEqual(a.validationRows, b.validationRows)
    XCTAssertGreaterThan(a.validationRows, 0)
    // Tolerance: the same sums in a different order; relative rounding stays near 1e-14, and
    // through a well-conditioned solve the coefficients keep ~1e-12.
    assertClose(a.coefficients, b.coefficients, relativeTolerance: 1e-9, absoluteTolerance: 1e-12)
    assertClose(a.dispersions, b.dispersions, relativeTolerance: 1e-9)
    assertClose(
      a.selection.validationSumsOfSquares, b.selection.validationSumsOfSquares,
      relativeTolerance: 1e-9)
    XCTAssertEqual(a.penalty, b.penalty)
  }

  func testCensoredTargetDaysAreExcluded() throws {
    let (series, covariates) = try XCTUnwrap(category(count: 1, days: 200, seed: 9).first)
    var clean = series
    clean.censored = [Bool](repeating: false, count: series.count)
    let settings = RidgeSettings(horizonDays: 7, validationDays: 0)
    // Censoring the last training day, with an absurd value, gives exactly the statistics of a
    // window that ends a day earlier: the day is no target, and no later row reads it.
    var lastCensored = clean
    lastCensored.censored[199] = true
    lastCensored.values[199] = 1e9
    var withCensoredEnd = RidgeAccumulator(
      category: "dairy", settings: settings, trainingDays: start...start.adding(days: 199))
    withCensoredEnd.add(lastCensored, covariates: covariates, calendar: calendar)
    var shorter = RidgeAccumulator(
      category: "dairy", settings: settings, trainingDays: start...start.adding(days: 198))
    shorter.add(clean, covariates: covariates, calendar: calendar)
    XCTAssertEqual(try withCensoredEnd.fit().coefficients, try shorter.fit().coefficients)
    XCTAssertEqual(withCensoredEnd.rowCount, shorter.rowCount)
    // A censored day in the middle removes its own row only; its absurd value reaches no sum.
    var middleCensored = clean
    middleCensored.censored[120] = true
    middleCensored.values[120] = 1e9
    var full = RidgeAccumulator(
      category: "dairy", settings: settings, trainingDays: start...start.adding(days: 199))
    full.add(clean, covariates: covariates, calendar: calendar)
    var withHole = RidgeAccumulator(
      category: "dairy", settings: settings, trainingDays: start...start.adding(days: 199))
    withHole.add(middleCensored, covariates: covariates, calendar: calendar)
    XCTAssertEqual(withHole.rowCount, full.rowCount - 1)
    XCTAssertEqual(full.rowCount, 200 - 7 - 27, "days 34 … 199 have 28 days of history")
    let model = try withHole.fit()
    XCTAssertLessThan(withHole.training.targetSumOfSquares, 1e6, "1e9² / s never entered")
    XCTAssertTrue(model.coefficients.allSatisfy(\.isFinite))
  }

  func testDaysAfterTheFitEndAreNeverRead() throws {
    // The same series, and the same series continued by 60 absurd days: identical statistics.
    let (series, covariates) = try XCTUnwrap(category(count: 1, days: 240, seed: 13).first)
    var longer = series
    longer.values += [Double](repeating: 1e9, count: 60)
    longer.censored += [Bool](repeating: false, count: 60)
    let days = start...start.adding(days: 239)
    var a = RidgeAccumulator(category: "dairy", settings: RidgeSettings(), trainingDays: days)
    var b = a
    a.add(series, covariates: covariates, calendar: calendar)
    b.add(longer, covariates: covariates, calendar: calendar)
    let (fitA, fitB) = (try a.fit(), try b.fit())
    XCTAssertEqual(fitA, fitB)
  }

  func testYearlyTermsNeedTwoYearsOfTrainingDays() {
    func width(_ days: Int, _ policy: RidgeSettings.YearlyTerms) -> Int {
      RidgeAccumulator(
        category: "dairy", settings: RidgeSettings(yearlyTerms: policy),
        trainingDays: start...start.adding(days: days - 1)
      ).layout.count
    }
    // 23 columns less the log level, 6 more with three yearly pairs, 3 more with the default
    // profile columns, 1 with the growth column, 1 with the credibility-weighted shift, 1 with
    // the level's promotion share, 1 with the level below the floor and 1 with the season step.
    XCTAssertEqual(width(729, .automatic), 30)
    XCTAssertEqual(width(730, .automatic), 36)
    XCTAssertEqual(width(100, .always), 36)
    XCTAssertEqual(width(1000, .never), 30)
  }

  func testValidationRowsAreTheLastDaysAndSplitByLevel() throws {
    let data = category(count: 6, days: 200, seed: 21)
    let settings = RidgeSettings(horizonDays: 7, validationDays: 28)
    var accumulator = RidgeAccumulator(
      category: "dairy", settings: settings, trainingDays: start...start.adding(days: 199))
    XCTAssertEqual(accumulator.validationStart, start.adding(days: 172))
    for (series, covariates) in data {
      accumulator.add(series, covariates: covariates, calendar: calendar)
    }
    let model = try accumulator.fit()
    let uncensoredValidation = data.reduce(0) { total, item in
      total + (172..<200).filter { !item.0.censored[$0] }.count
    }
    XCTAssertEqual(model.validationRows, uncensoredValidation)
    XCTAssertEqual(model.trainingRows + model.validationRows, accumulator.rowCount)
    XCTAssertEqual(model.selection.candidates, settings.penalties)
    XCTAssertEqual(model.dispersions.count, 5)
  }

  func testNoTrainingRowsIsATypedError() {
    var accumulator = RidgeAccumulator(
      category: "frozen", settings: RidgeSettings(),
      trainingDays: start...start.adding(days: 99))
    // 30 days: never 28 days of history h = 28 days before a target.
    accumulator.add(
      DemandSeries(start: start, values: [Double](repeating: 5, count: 30)),
      covariates: SeriesCovariates(
        key: SeriesKey(store: StoreID("S"), sku: SKUID("P")),
        category: "frozen"),
      calendar: calendar)
    XCTAssertThrowsError(try accumulator.fit()) { error in
      XCTAssertEqual(error as? RidgeError, .noTrainingRows(category: "frozen", validationRows: 0))
    }
  }

  /// A history too short for a training fit before the validation days (a chain of a few
  /// months) is fitted on all its rows with the largest penalty: exactly what settings without
  /// validation days give on the same rows.
  func testTooFewTrainingRowsFitAllRowsWithoutSelection() throws {
    // Rows start 55 days in (28 ahead of 28 of history): after the validation start (day 42 of
    // 70, day 54 of 82), so none is a training row.
    for days in [70, 82] {
      let data = category(count: 6, days: days, seed: 31)
      let window = start...start.adding(days: days - 1)
      func fitted(_ settings: RidgeSettings) throws -> FittedRidge {
        var accumulator = RidgeAccumulator(
          category: "dairy", settings: settings, trainingDays: window)
        for (series, covariates) in data {
          accumulator.add(series, covariates: covariates, calendar: calendar)
        }
        return try accumulator.fit()
      }
      let short = try fitted(RidgeSettings(validationDays: 28))
      let reference = try fitted(RidgeSettings(validationDays: 0))
      XCTAssertGreaterThan(short.trainingRows, 0, "\(days) days")
      XCTAssertEqual(short.validationRows, 0, "\(days) days")
      XCTAssertEqual(short.trainingRows, reference.trainingRows, "\(days) days")
      XCTAssertEqual(short.penalty, RidgeSettings().penalties.max(), "\(days) days")
      XCTAssertEqual(short.penalty, reference.penalty, "\(days) days")
      assertClose(
        short.coefficients, reference.coefficients, relativeTolerance: 1e-12,
        absoluteTolerance: 1e-12)
      assertClose(short.dispersions, reference.dispersions, relativeTolerance: 1e-12)
    }
  }

  func testSettingsValidationNamesTheField() {
    XCTAssertNoThrow(try RidgeSettings().validate())
    XCTAssertThrowsError(try RidgeSettings(penalties: []).validate()) { error in
      guard case .invalidSettings(let field, _) = error as? RidgeError else {
        return XCTFail("\(error)")
      }
      XCTAssertEqual(field, "penalties")
    }
    XCTAssertThrowsError(try RidgeSettings(levelBucketEdges: [2, 1]).validate())
  }
}
