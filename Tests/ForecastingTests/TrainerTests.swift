import DemandCore
import Features
import Forecasting
import Foundation
import Models
import XCTest
import _TestSupport

final class TrainerTests: XCTestCase {
  let lastDay = Day(iso: "2026-06-30")!
  let configuration = ForecastConfiguration(
    horizonDays: 7, backtestOrigins: 3, minimumTrainingDays: 14, newItemDays: 10,
    historyWindowDays: 120, ensembleSize: 2)

  static func catalog(_ extra: [MethodCatalog.Entry] = []) -> MethodCatalog {
    MethodCatalog(
      [
        .init(kind: "mean", WindowMean(window: 7)),
        .init(kind: "constant", Constant(value: 50)),
      ] + extra)
  }

  func trainer(_ catalog: MethodCatalog = catalog()) -> Trainer {
    Trainer(catalog: catalog, configuration: configuration, ridgeSettings: nil)
  }

  /// A noisy level of about 5 units a day, deterministic.
  func levelSeries(days: Int, seed: UInt64 = 1) -> [Double] {
    var random = SplitMix64(seed: seed)
    return (0..<days).map { _ in Double(3 + random.next() % 5) }
  }

  func testBacktestFitsNeverSeeTheDaysTheyAreScoredOn() throws {
    let log = FitLog()
    let catalog = Self.catalog([.init(kind: "spy", Spy(log: log))])
    let source = MemorySource.oneStore([levelSeries(days: 100)], lastDay: lastDay)
    _ = try trainer(catalog).train(source: source, lastDay: lastDay)
    // 100 days, 3 origins of 7: the backtest fit reads 100 − 21 = 79 days, once (the store is
    // in the incumbent's sample, whose backtest the series' own choice reuses); a refit of the
    // chosen model (if the spy is chosen) reads all 100, never anything in between.
    let lengths = log.recorded
    XCTAssertEqual(lengths.first, 79)
    XCTAssertTrue(lengths.dropFirst().allSatisfy { $0 == 100 }, "\(lengths)")
    XCTAssertLessThanOrEqual(lengths.count, 2, "one backtest fit and at most one refit")
  }

  /// 32 series of about 5 units a day in one category: over the sample (the only store),
  /// WindowMean(7) has a far lower pooled WAPE than Constant(50) and lower errors on every
  /// series, and there is no regression, so the mean is the category's incumbent, recorded in
  /// the training report; with 29 series there is no pooled incumbent.
  func testTheIncumbentIsChosenOnTheSampleAndReported() throws {
    let many = MemorySource.oneStore(
      (0..<32).map { levelSeries(days: 100, seed: UInt64($0 + 1)) }, lastDay: lastDay)
    let result = try trainer().train(source: many, lastDay: lastDay)
    let choice = try XCTUnwrap(result.report.incumbents?.byCategory["dairy"])
    XCTAssertEqual(choice.incumbent, "mean")
    XCTAssertEqual(choice.scope, .category)
    XCTAssertEqual(choice.series, 32)
    XCTAssertNil(choice.regressionWAPE)
    let few = MemorySource.oneStore(
      (0..<29).map { levelSeries(days: 100, seed: UInt64($0 + 1)) }, lastDay: lastDay)
    let fewResult = try trainer().train(source: few, lastDay: lastDay)
    XCTAssertEqual(fewResult.report.incumbents?.byCategory.isEmpty, true)
  }

  func testChoosesTheModelWithTheLowerBacktestErrorAndSaysWhy() throws {
    let source = MemorySource.oneStore([levelSeries(days: 100)], lastDay: lastDay)
    var single = configuration
    single.ensembleSize = 1
    let result = try Trainer(catalog: Self.catalog(), configuration: single, ridgeSettings: nil)
      .train(source: source, lastDay: lastDay)
    let fit = try XCTUnwrap(result.fittedSet.series.first)
    XCTAssertEqual(fit.kind, .single)
    XCTAssertEqual(fit.label, "WindowMean(7)")
    XCTAssertTrue(fit.reason.contains("lowest backtest RMSE"), fit.reason)
    XCTAssertTrue(fit.reason.contains("next: Constant(50.0)"), fit.reason)
    // 3 origins × 7 days, all uncensored.
    XCTAssertEqual(fit.residuals.count, 21)
  }

  func testQuantilesAreCalibratedFromBacktestResidualsMonotoneAndNonNegative() throws {
    let series = levelSeries(days: 100)
    let source = MemorySource.oneStore([series], lastDay: lastDay)
    let trained = try trainer().train(source: source, lastDay: lastDay)
    let forecaster = Forecaster(fittedSet: trained.fittedSet)
    let levels = [0.05, 0.1, 0.5, 0.9, 0.95]
    let output = try forecaster.forecast(
      source: source, runDate: lastDay, horizon: 7, levels: levels)
    let forecast = try XCTUnwrap(output.first?.series.first)
    XCTAssertEqual(forecast.start, lastDay.adding(days: 1))
    for day in 0..<7 {
      let values = forecast.quantiles.map { $0.values[day] }
      XCTAssertEqual(values, values.sorted(), "day \(day)")
      XCTAssertGreaterThanOrEqual(values[0], 0)
    }
    // p90 − mean is the 90th percentile of the backtest residuals.
    let fit = try XCTUnwrap(trained.fittedSet.series.first)
    let p90 = try XCTUnwrap(forecast.quantile(0.9))
    assertClose([p90[0] - forecast.mean[0]], [fit.residuals.quantile(0.9)], relativeTolerance: 1e-6)
  }

  /// One series has far fewer backtest points per step than a horizon spread needs (50), so
  /// no spread is measured. With `medianAtMean` (weekly grain, values may be money) the set
  /// still says its p50 is the mean, and the forecast's p50 equals its mean every day; without
  /// it the p50 is the count median, a whole number (here none of the means is one).
  func testTheMedianIsTheMeanWhenAskedEvenWithoutAMeasuredSpread() throws {
    let source = MemorySource.oneStore([levelSeries(days: 100)], lastDay: lastDay)
    var atMean = configuration
    atMean.medianAtMean = true
    for medianAtMean in [true, false] {
      let trainer = Trainer(
        catalog: Self.catalog(), configuration: medianAtMean ? atMean : configuration,
        ridgeSettings: nil)
      let trained = try trainer.train(source: source, lastDay: lastDay)
      let output = try Forecaster(fittedSet: trained.fittedSet).forecast(
        source: source, runDate: lastDay, horizon: 7, levels: [0.1, 0.5, 0.9])
      let forecast = try XCTUnwrap(output.first?.series.first)
      let p50 = try XCTUnwrap(forecast.quantile(0.5))
      XCTAssertTrue(forecast.mean.allSatisfy { $0 != $0.rounded() }, "\(forecast.mean)")
      if medianAtMean {
        XCTAssertEqual(trained.fittedSet.horizonSpread?.centresOnMean, true)
        XCTAssertEqual(trained.fittedSet.horizonSpread?.factors, [])
        assertClose(p50, forecast.mean, relativeTolerance: 1e-12)
      } else {
        XCTAssertNil(trained.fittedSet.horizonSpread)
        XCTAssertTrue(p50.allSatisfy { $0 == $0.rounded() }, "\(p50)")
      }
    }
  }

  func testCensoredDaysAreNotScoredInTheBacktest() throws {
    var censored = [Bool](repeating: false, count: 100)
    for t in 90..<100 { censored[t] = true }
    let source = MemorySource.oneStore(
      [levelSeries(days: 100)], lastDay: lastDay, censored: [censored])
    let fit = try XCTUnwrap(
      try trainer().train(source: source, lastDay: lastDay).fittedSet.series.first)
    // Of the 21 scored days (79 ..< 100), the 10 censored ones are skipped.
    XCTAssertEqual(fit.residuals.count, 11)
  }

  /// A run of zeros in a series that sells every day, ended by a sale, is an availability gap:
  /// the series' reason says so. Its zeros were sales, so a backtest scores them (unlike the
  /// censored days above): all 21 days of the origins, 10 of them in a gap (80 ..< 90, after
  /// 56 selling days, each of 3 to 7 units). A run still going on at the end is no gap.
  func testAnEndedRunOfZerosIsAnAvailabilityGapThatIsStillScored() throws {
    var values = levelSeries(days: 100)
    for t in 80..<90 { values[t] = 0 }
    var open = levelSeries(days: 100, seed: 2)
    for t in 90..<100 { open[t] = 0 }
    let source = MemorySource.oneStore([values, open], lastDay: lastDay)
    let fits = try trainer().train(source: source, lastDay: lastDay).fittedSet.series
    XCTAssertEqual(fits.count, 2)
    XCTAssertEqual(fits[0].residuals.count, 21)
    XCTAssertTrue(
      fits[0].reason.hasSuffix("; 1 availability gap (10 days without a sale) read as unavailable"),
      fits[0].reason)
    XCTAssertFalse(fits[1].reason.contains("availability gap"), fits[1].reason)
  }

  /// After a run of zeros that flagged stock-outs end, the per-series methods forecast the rate
  /// from before the run: the item is wanted again and nothing has shown its demand since.
  /// Reading the zeros as its latest demand would forecast nothing, order nothing and keep it
  /// out of stock. A 7-day window mean, trained on 100 selling days, forecast 40 days later
  /// over 30 zero days then 10 flagged stock-outs that sold nothing: the mean of days 93 … 99
  /// (before the fix: 0, the last 7 zeros). Without the flags the run is still going on and
  /// the forecast is 0.
  func testAfterZerosThatAStockOutEndsTheMethodsForecastTheRateBeforeThem() throws {
    let selling = levelSeries(days: 100)
    let values = selling + [Double](repeating: 0, count: 40)
    let flagged = [Bool](repeating: false, count: 130) + [Bool](repeating: true, count: 10)
    let runDate = lastDay.adding(days: 40)
    let catalog = MethodCatalog([.init(kind: "mean", WindowMean(window: 7))])
    let trained = try trainer(catalog).train(
      source: MemorySource.oneStore([selling], lastDay: lastDay), lastDay: lastDay)
    func forecastMean(_ censored: [Bool]) throws -> [Double] {
      let source = MemorySource.oneStore([values], lastDay: runDate, censored: [censored])
      let output = try Forecaster(fittedSet: trained.fittedSet)
        .forecast(source: source, runDate: runDate, horizon: 7, levels: [0.5])
      return try XCTUnwrap(output.first?.series.first).mean
    }
    let before = selling[93..<100].reduce(0, +) / 7
    XCTAssertGreaterThan(before, 2)
    assertClose(
      try forecastMean(flagged), [Double](repeating: before, count: 7), relativeTolerance: 1e-12)
    XCTAssertEqual(
      try forecastMean([Bool](repeating: false, count: 140)), [Double](repeating: 0, count: 7))
  }

  func testNewItemsGetTheCategoryProfileScaledToTheirSales() throws {
    // An established SKU selling twice as much on Saturdays, and a new one with 5 days of sales.
    let established = (0..<100).map { t -> Double in
      lastDay.adding(days: t - 99).weekdayIndex == 5 ? 20 : 10
    }
    let newItem = [Double](repeating: 4, count: 5)
    let source = MemorySource.oneStore([established, newItem], lastDay: lastDay)
    let trained = try trainer().train(source: source, lastDay: lastDay)
    XCTAssertEqual(trained.fittedSet.series[1].kind, .newItem)
    let output = try Forecaster(fittedSet: trained.fittedSet)
      .forecast(source: source, runDate: lastDay, horizon: 7, levels: [0.1, 0.5, 0.9])
    let forecast = try XCTUnwrap(output.first?.series.last)
    XCTAssertTrue(forecast.isNewItem)
    XCTAssertEqual(forecast.model, "NewItem(category profile)")
    // Factors: Saturday 20·7/80 = 1.75, other days 10·7/80 = 0.875. The 5 early days
    // (2026-06-26 Fri … 06-30 Tue) include Saturday 06-27: level = mean(4/f) = (4·4/0.875 +
    // 4/1.75)/5.
    let level: Double = (4 * 4 / 0.875 + 4 / 1.75) / 5
    for (h, value) in forecast.mean.enumerated() {
      let saturday = lastDay.adding(days: h + 1).weekdayIndex == 5
      assertClose([value], [level * (saturday ? 1.75 : 0.875)], relativeTolerance: 1e-12)
    }
  }

  /// A new item that sold out on each of its days (20 a day, every day flagged) is forecast
  /// from those sales, a lower bound on its demand: level = mean(20 / f) over the 3 days
  /// (06-28 Sun … 06-30 Tue, none a Saturday, f = 0.875), so 20 / 0.875 · 0.875 = 20 on other
  /// days and 40 on Saturdays; it was forecast 0, and so never ordered.
  func testANewItemThatSoldOutEveryDayIsForecastAtWhatItSold() throws {
    let established = (0..<100).map { t -> Double in
      lastDay.adding(days: t - 99).weekdayIndex == 5 ? 20 : 10
    }
    let source = MemorySource.oneStore(
      [established, [20, 20, 20]], lastDay: lastDay,
      censored: [[Bool](repeating: false, count: 100), [true, true, true]])
    let trained = try trainer().train(source: source, lastDay: lastDay)
    let output = try Forecaster(fittedSet: trained.fittedSet)
      .forecast(source: source, runDate: lastDay, horizon: 7, levels: [0.1, 0.5, 0.9])
    let forecast = try XCTUnwrap(output.first?.series.last)
    XCTAssertTrue(forecast.isNewItem)
    for (h, value) in forecast.mean.enumerated() {
      let saturday = lastDay.adding(days: h + 1).weekdayIndex == 5
      assertClose([value], [saturday ? 40 : 20], relativeTolerance: 1e-12)
    }
  }

  func testTrainingIsDeterministicAndTheSetRoundTrips() throws {
    let source = MemorySource.oneStore(
      [levelSeries(days: 100, seed: 1), levelSeries(days: 60, seed: 2), [0, 0, 1, 0, 2]],
      lastDay: lastDay)
    let first = try trainer().train(source: source, lastDay: lastDay).fittedSet.encoded()
    let second = try trainer().train(source: source, lastDay: lastDay).fittedSet.encoded()
    XCTAssertEqual(first, second)
    let decoded = try FittedSet.decode(first, catalog: Self.catalog(), path: "memory")
    XCTAssertEqual(try decoded.encoded(), first)
  }

  func testARefusedFormatVersionNamesTheFile() throws {
    let data = Data(#"{"formatVersion": 99}"#.utf8)
    XCTAssertThrowsError(try FittedSet.decode(data, catalog: Self.catalog(), path: "/w/set.json")) {
      XCTAssertEqual(
        $0 as? ForecastError,
        .incompatibleFittedSet(
          path: "/w/set.json", reason: "format version 99, this build reads 1 (JSON), 2 and 3"))
    }
  }

  func testForecastBeyondTheTrainedHorizonIsRefused() throws {
    let source = MemorySource.oneStore([levelSeries(days: 100)], lastDay: lastDay)
    let trained = try trainer().train(source: source, lastDay: lastDay)
    XCTAssertThrowsError(
      try Forecaster(fittedSet: trained.fittedSet)
        .forecast(source: source, runDate: lastDay, horizon: 8, levels: [0.5]))
  }

  /// The yearly terms are decided from the days of history the final fit has (the backtest fit
  /// then gets the same: RidgeFitGroupTests): a 730-day window over 300 days of sales has none;
  /// a source that cannot say where its history starts is taken to fill its window.
  func testYearlyTermsFollowTheHistoryNotTheWindow() throws {
    let window = ForecastConfiguration(
      horizonDays: 7, backtestOrigins: 3, minimumTrainingDays: 14, newItemDays: 10,
      historyWindowDays: 730, ensembleSize: 2)
    var settings = RidgeSettings(horizonDays: 7, horizonBuckets: [], validationDays: 14)
    settings.fourierOrder = 2
    var source = MemorySource.oneStore(
      (0..<12).map { levelSeries(days: 300, seed: UInt64($0 + 1)) }, lastDay: lastDay)
    let trainer = Trainer(catalog: Self.catalog(), configuration: window, ridgeSettings: settings)

    source.firstDay = lastDay.adding(days: -299)
    let short = try trainer.train(source: source, lastDay: lastDay)
    let shortRidge = try XCTUnwrap(short.fittedSet.regressions["dairy"])
    XCTAssertEqual(shortRidge.horizonModels.map(\.layout.fourierOrder), [0])

    source.firstDay = nil
    let unknown = try trainer.train(source: source, lastDay: lastDay)
    let unknownRidge = try XCTUnwrap(unknown.fittedSet.regressions["dairy"])
    XCTAssertEqual(unknownRidge.horizonModels.map(\.layout.fourierOrder), [2])
  }

  /// The origins a series is backtested on, by hand: horizon 7, 3 origins, 14 days of training
  /// before the earliest.
  func testBacktestOriginCountLeavesTheMinimumTrainingBeforeEachOrigin() {
    XCTAssertEqual(configuration.backtestOriginCount(seriesDays: 100), 3)
    XCTAssertEqual(configuration.backtestOriginCount(seriesDays: 35), 3)  // 35 − 21 = 14
    XCTAssertEqual(configuration.backtestOriginCount(seriesDays: 34), 2)  // 34 − 14 = 20
    XCTAssertEqual(configuration.backtestOriginCount(seriesDays: 21), 1)
    XCTAssertEqual(configuration.backtestOriginCount(seriesDays: 20), 0)
  }

  /// A chain whose history holds two of the three origins: the category regression's backtest
  /// fit ends before the earlier of those two, as the series' own fits do, so the regression is
  /// backtested and can serve. Ending it three horizons back (52 − 21 = 31 days) would leave it
  /// no row (the first is 7 + 28 − 1 = 34 days in) and the chain without a regression.
  func testAShortChainsRegressionIsBacktestedOnTheOriginsItsSeriesHave() throws {
    let short = ForecastConfiguration(
      horizonDays: 7, backtestOrigins: 3, minimumTrainingDays: 35, newItemDays: 10,
      historyWindowDays: 730, ensembleSize: 2)
    XCTAssertEqual(short.backtestOriginCount(seriesDays: 52), 2)
    let log = FitLog()
    let catalog = Self.catalog([.init(kind: "spy", Spy(log: log))])
    var source = MemorySource.oneStore(
      (0..<12).map { levelSeries(days: 52, seed: UInt64($0 + 1)) }, lastDay: lastDay)
    source.firstDay = lastDay.adding(days: -51)
    let trainer = Trainer(
      catalog: catalog, configuration: short,
      ridgeSettings: RidgeSettings(horizonDays: 7, horizonBuckets: [], validationDays: 14))
    let result = try trainer.train(source: source, lastDay: lastDay, keepAllCandidates: true)
    // Every series' own fits end 52 − 14 = 38 days in, before its earlier origin.
    XCTAssertEqual(log.recorded.filter { $0 < 52 }, [Int](repeating: 38, count: 12))
    XCTAssertNotNil(result.fittedSet.regressions["dairy"])
    for series in result.fittedSet.series {
      let ridge = (series.chosen + series.others).first { $0.family == .ridge }
      XCTAssertNotNil(ridge, "\(series.key)")
      XCTAssertTrue(ridge?.backtestRMSE.isFinite ?? false, "\(series.key)")
    }
  }

  /// Each holiday of the training window gets its own day effect beside the shared one.
  /// 12 series of about 5 units a day, 400 days; "Closed" every 50 days sells a fifth of that
  /// (−80 %), "Feast" 25 days later twice (+100 %). By construction, the regression's target
  /// (units / level) on those days differs from a plain day's by −0.8 and +1.0 times a plain
  /// day's; a holiday after the last day gets no column.
  func testEachHolidayOfTheWindowGetsItsOwnEffect() throws {
    let days = 400
    let first = lastDay.adding(days: 1 - days)
    let closed = stride(from: 20, to: days, by: 50).map { first.adding(days: $0) }
    let feast = closed.map { $0.adding(days: 25) }.filter { $0 <= lastDay }
    let series = (0..<12).map { index in
      levelSeries(days: days, seed: UInt64(index + 1)).enumerated().map { offset, value in
        let day = first.adding(days: offset)
        return closed.contains(day) ? 0.2 * value : feast.contains(day) ? 2 * value : value
      }
    }
    var source = MemorySource.oneStore(series, lastDay: lastDay)
    source.calendar = CalendarContext(
      named: closed.map { (day: $0, name: "Closed") } + feast.map { (day: $0, name: "Feast") }
        + [(day: lastDay.adding(days: 3), name: "Future")])
    let configuration = ForecastConfiguration(
      horizonDays: 7, backtestOrigins: 3, minimumTrainingDays: 14, newItemDays: 10,
      historyWindowDays: 730, ensembleSize: 2)
    // Almost no penalty and no prior rows, so that the effects are not shrunk (a ridge shrinks
    // every standardised coefficient by about 1 / (1 + λ)).
    var settings = RidgeSettings(
      horizonDays: 7, horizonBuckets: [], penalties: [1e-6], validationDays: 14)
    settings.holidayPriorRows = 0
    let trainer = Trainer(
      catalog: Self.catalog(), configuration: configuration, ridgeSettings: settings)
    let result = try trainer.train(source: source, lastDay: lastDay)
    let model = try XCTUnwrap(result.fittedSet.regressions["dairy"]?.horizonModels.first)
    XCTAssertEqual(model.layout.holidayNames, ["Closed", "Feast"])
    func coefficient(_ column: FeatureColumn) throws -> Double {
      model.coefficients[try XCTUnwrap(model.layout.index(of: column))]
    }
    // A plain day's target is about 1 (units / level); the level counts the holidays too.
    let shared = try coefficient(.holiday)
    XCTAssertEqual(shared + (try coefficient(.namedHoliday("Closed"))), -0.8, accuracy: 0.08)
    XCTAssertEqual(shared + (try coefficient(.namedHoliday("Feast"))), 1.0, accuracy: 0.1)

    // With prior rows, each holiday's own effect keeps about m / (m + n) of its estimate: here
    // "Closed" is on m = 12 series × 7 days of training rows (day 20 is before the first row).
    settings.holidayPriorRows = 50
    let shrunk = try Trainer(
      catalog: Self.catalog(), configuration: configuration, ridgeSettings: settings
    ).train(source: source, lastDay: lastDay)
    let shrunkModel = try XCTUnwrap(shrunk.fittedSet.regressions["dairy"]?.horizonModels.first)
    let own = try coefficient(.namedHoliday("Closed"))
    let shrunkOwn =
      shrunkModel.coefficients[try XCTUnwrap(shrunkModel.layout.index(of: .namedHoliday("Closed")))]
    XCTAssertEqual(shrunkOwn / own, 84.0 / (84 + 50), accuracy: 0.06)

    // Unnamed, the two share one effect, between them.
    source.calendar = CalendarContext(holidays: closed + feast)
    let unnamed = try trainer.train(source: source, lastDay: lastDay)
    let plain = try XCTUnwrap(unnamed.fittedSet.regressions["dairy"]?.horizonModels.first)
    XCTAssertEqual(plain.layout.holidayNames, [])
    let sharedOnly = plain.coefficients[try XCTUnwrap(plain.layout.index(of: .holiday))]
    XCTAssertEqual(sharedOnly, 0.1, accuracy: 0.1)
  }
}
