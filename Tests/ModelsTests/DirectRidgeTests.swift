import DemandCore
import Features
import Foundation
import Models
import XCTest
import _TestSupport

/// The direct multi-horizon regression: each step from its bucket's model, tomorrow from
/// today's sales, and sets saved before buckets existed read as one bucket.
final class DirectRidgeTests: XCTestCase {
  static let start = Day(year: 2023, month: 1, day: 2)!
  static let calendar = CalendarContext(holidays: [])
  static let data = RidgePredictionTests.data
  static let bucketHorizons = [1, 2, 4, 7]

  /// One model per bucket, each fitted on the same rows' days by its own accumulator.
  static let models: [FittedRidge] = bucketHorizons.map { horizon in
    var accumulator = RidgeAccumulator(
      category: "dairy", settings: RidgeSettings(horizonDays: horizon),
      trainingDays: start...start.adding(days: 399))
    for (series, covariates) in data {
      accumulator.add(series, covariates: covariates, calendar: calendar)
    }
    do { return try accumulator.fit() } catch { preconditionFailure("\(error)") }
  }
  var direct: DirectRidge { DirectRidge(horizonModels: Self.models) }

  func testEachStepComesFromTheFirstBucketThatReachesIt() {
    XCTAssertEqual(direct.horizonDays, 7)
    XCTAssertEqual((1...7).map { direct.bucket(forStep: $0) }, [0, 1, 2, 2, 3, 3, 3])
    XCTAssertEqual(direct.stepRanges(horizon: 5).map(\.steps), [1...1, 2...2, 3...4, 5...5])
    for (series, covariates) in Self.data.prefix(5) {
      let forecast = direct.predict(
        series: series, covariates: covariates, calendar: Self.calendar, horizon: 7,
        levels: [0.1, 0.9])
      for step in 1...7 {
        // Computed independently: the bucket's own model forecasting as far as that step.
        let own = Self.models[direct.bucket(forStep: step)].predict(
          series: series, covariates: covariates, calendar: Self.calendar, horizon: step,
          levels: [0.1, 0.9])
        // The bucket writes only its own steps' rows, so its prefix sums start later: equal
        // to rounding.
        XCTAssertEqual(
          forecast.mean[step - 1], own.mean[step - 1],
          accuracy: 1e-12 * max(1, own.mean[step - 1]), "step \(step)")
        XCTAssertEqual(
          forecast.quantiles[1].values[step - 1], own.quantiles[1].values[step - 1],
          accuracy: 1e-12 * max(1, own.quantiles[1].values[step - 1]), "step \(step) p90")
      }
    }
  }

  func testABucketForecastsOnlyTheStepsAskedFor() {
    let (series, covariates) = Self.data[2]
    let model = Self.models[3]
    let all = model.predict(
      series: series, covariates: covariates, calendar: Self.calendar, horizon: 7,
      levels: [0.1, 0.9])
    let tail = model.predict(
      series: series, covariates: covariates, calendar: Self.calendar, firstStep: 5, horizon: 7,
      levels: [0.1, 0.9])
    XCTAssertEqual(tail.mean.count, 3)
    XCTAssertEqual(tail.quantiles.map(\.values.count), [3, 3])
    for (a, b) in zip(tail.mean, all.mean[4...]) {
      XCTAssertEqual(a, b, accuracy: 1e-12 * max(1, b))
    }
    for (a, b) in zip(tail.quantiles[0].values, all.quantiles[0].values[4...]) {
      XCTAssertEqual(a, b, accuracy: 1e-12 * max(1, b))
    }
    XCTAssertTrue(
      model.predict(
        series: series, covariates: covariates, calendar: Self.calendar, firstStep: 8,
        horizon: 7, levels: []
      ).mean.isEmpty)
  }

  func testTomorrowReadsTodaysSalesAndLaterStepsOnlyWhatTheirBucketMayRead() {
    let (series, covariates) = Self.data[3]
    var changed = series
    changed.values[changed.values.count - 1] += 40
    let before = direct.predict(
      series: series, covariates: covariates, calendar: Self.calendar, horizon: 7, levels: [])
    let after = direct.predict(
      series: changed, covariates: covariates, calendar: Self.calendar, horizon: 7, levels: [])
    // Step 1 (bucket 1, cut-off = today) and step 2 (bucket 2, cut-off = today) see the sale.
    XCTAssertGreaterThan(after.mean[0], before.mean[0])
    XCTAssertNotEqual(after.mean[1], before.mean[1])
    // Steps 5–7 belong to the 7-day bucket, whose rows read up to 7 days before the target:
    // steps 5 and 6 read through today − 2 and today − 1, so today's sale is invisible to them.
    XCTAssertEqual(after.mean[4], before.mean[4])
    XCTAssertEqual(after.mean[5], before.mean[5])
    // The single 7-day model reads nothing after today − 6 for step 1: unchanged.
    let single = Self.models[3].predict(
      series: series, covariates: covariates, calendar: Self.calendar, horizon: 1, levels: [])
    let singleAfter = Self.models[3].predict(
      series: changed, covariates: covariates, calendar: Self.calendar, horizon: 1, levels: [])
    XCTAssertEqual(single.mean, singleAfter.mean)
  }

  func testASingleRidgeSavedBeforeBucketsDecodesAsOneBucket() throws {
    let single = Self.models[3]
    let decoded = try JSONDecoder().decode(DirectRidge.self, from: JSONEncoder().encode(single))
    XCTAssertEqual(decoded.horizonModels, [single])
    XCTAssertEqual(decoded.bucketHorizons, [7])
    let roundTrip = try JSONDecoder().decode(
      DirectRidge.self, from: JSONEncoder().encode(direct))
    XCTAssertEqual(roundTrip, direct)
  }

  func testSettingsSavedBeforeBucketsReadAsOneModelForEveryStep() throws {
    var object =
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(RidgeSettings()))
      as? [String: Any] ?? [:]
    XCTAssertEqual(
      object["horizonBuckets"] as? [Int], [1, 2, 3, 4, 5, 6, 7, 9, 11, 14, 17, 21, 24])
    object.removeValue(forKey: "horizonBuckets")
    let old = try JSONDecoder().decode(
      RidgeSettings.self, from: JSONSerialization.data(withJSONObject: object))
    XCTAssertEqual(old.horizonBuckets, [])
    XCTAssertEqual(old.bucketHorizons, [28])
    XCTAssertEqual(
      RidgeSettings().bucketHorizons, [1, 2, 3, 4, 5, 6, 7, 9, 11, 14, 17, 21, 24, 28])
    XCTAssertEqual(RidgeSettings(horizonDays: 5).bucketHorizons, [1, 2, 3, 4, 5])
  }

  func testBucketsWithDescendingHorizonsAreRefusedWhenDecoding() throws {
    let object: [String: Any] = [
      "category": "dairy",
      "horizonModels": [
        try JSONSerialization.jsonObject(with: JSONEncoder().encode(Self.models[1])),
        try JSONSerialization.jsonObject(with: JSONEncoder().encode(Self.models[0])),
      ],
    ]
    XCTAssertThrowsError(
      try JSONDecoder().decode(
        DirectRidge.self, from: JSONSerialization.data(withJSONObject: object)),
      "descending horizons are refused, not trapped")
  }
}

extension DirectRidgeTests {
  /// New fits have no log-level column at either grain (`FeatureLayout.logLevel`); a fitted
  /// layout decides for itself, so sets saved with the column keep it.
  func testNewFitsHaveNoLogLevelColumn() {
    for settings in [RidgeSettings(), RidgeSettings.weekly(endingOn: .friday)] {
      let layout = settings.layout(trainingDayCount: 800)
      XCTAssertFalse(layout.logLevel)
      XCTAssertNil(layout.index(of: .logLevel))
    }
  }
}
