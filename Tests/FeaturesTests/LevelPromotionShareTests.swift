import DemandCore
import Foundation
import XCTest
import _TestSupport

@testable import Features

/// The level's promotion share (`FeatureColumn.levelPromotionShare`), checked by hand.
final class LevelPromotionShareTests: XCTestCase {
  let start = Day(year: 2024, month: 1, day: 1)!

  func layout(horizon: Int) -> FeatureLayout {
    FeatureLayout(horizonDays: horizon, seriesProfiles: true, levelPromotions: true)
  }

  /// The column of the row for `target` (days after `start`), a series of `days` days of 5
  /// units with `promotions`.
  func share(
    days: Int, promotions: [PromotionWindow], target: Int, horizon: Int
  ) throws -> Double {
    let layout = layout(horizon: horizon)
    var builder = SeriesFeatureBuilder(layout: layout)
    let day = start.adding(days: target)
    builder.load(
      start: start, values: [Double](repeating: 5, count: days),
      censored: [Bool](repeating: false, count: days),
      covariates: SeriesCovariates(key: testKey, category: "dairy", promotions: promotions),
      calendar: CalendarContext(holidays: []), targetDays: day...day)
    return try XCTUnwrap(builder.row(for: day)).value(.levelPromotionShare, in: layout)
  }

  func window(_ first: Int, _ last: Int) -> PromotionWindow {
    PromotionWindow(
      start: start.adding(days: first), end: start.adding(days: last), discountFraction: 0.2)
  }

  /// 500 days; promotions on days 200 … 206 and 300 … 320 (28 days), and one on 470 … 476,
  /// after the cut-off. The row for day 480 at horizon 7 has its cut-off on day 473, so its
  /// level window is days 110 … 473: it holds 7 + 21 + 4 = 32 promoted days of 364.
  func testTheShareCountsThePromotedDaysOfTheLevelWindowUpToTheCutOff() throws {
    let promotions = [window(200, 206), window(300, 320), window(470, 476)]
    XCTAssertEqual(
      try share(days: 500, promotions: promotions, target: 480, horizon: 7), 32.0 / 364,
      accuracy: 1e-15)
    // At horizon 1 the cut-off is day 479: days 116 … 479 hold all 7 + 21 + 7 = 35.
    XCTAssertEqual(
      try share(days: 500, promotions: promotions, target: 480, horizon: 1), 35.0 / 364,
      accuracy: 1e-15)
  }

  /// A series younger than the window: the share is over the days it covers. 100 days, a
  /// promotion on days 10 … 19; the row for day 60 at horizon 1 covers days 0 … 59: 10 of 60.
  func testAYoungSeriesCountsTheDaysItCovers() throws {
    XCTAssertEqual(
      try share(days: 100, promotions: [window(10, 19)], target: 60, horizon: 1), 10.0 / 60,
      accuracy: 1e-15)
  }

  /// The column follows the credibility column in daily layouts with profiles only; layouts
  /// saved before it existed decode without it.
  func testLayoutAndDecoding() throws {
    let full = FeatureLayout(
      horizonDays: 1, seriesProfiles: true, growthProfile: true, levelCredibility: true,
      levelPromotions: true)
    XCTAssertEqual(full.names.suffix(2), ["credible_shift_28", "level_promotion_share"])
    XCTAssertFalse(FeatureLayout(horizonDays: 1, levelPromotions: true).levelPromotions)
    XCTAssertFalse(full.at(.weekly(endingOn: .friday)).levelPromotions)
    XCTAssertFalse(try decodedWithout(["levelPromotions"], from: full).levelPromotions)
  }
}
