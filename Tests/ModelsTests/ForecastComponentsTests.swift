import DemandCore
import Foundation
import Models
import XCTest
import _TestSupport

/// The parts `explain` shows of each per-series model's forecast, against values worked by hand
/// from the models' states; every model's parts add up to its mean.
final class ForecastComponentsTests: XCTestCase {
  private let start = Day(year: 2024, month: 3, day: 4)!

  /// ETS(M,Ad,M) from a fixed state over an empty series (the final state is the initial one):
  /// ℓ = 10, b = 2, φ = 0.9, season factors (1.2, 0.8, 1, 1, 1, 1, 1).
  /// Day 1: level 10, trend 0.9 × 2 = 1.8, season (10 + 1.8)(1.2 − 1) = 2.36 → 14.16 = 11.8 × 1.2.
  /// Day 2: trend (0.9 + 0.81) × 2 = 3.42, season 13.42 × (0.8 − 1) = −2.684 → 10.736.
  /// Day 3: trend (0.9 + 0.81 + 0.729) × 2 = 4.878, season 0.
  func testDampedMultiplicativeETSSplitsIntoLevelTrendAndSeason() {
    let model = FittedETS(
      settings: .madm, parameters: ETSParameters(alpha: 0.2, beta: 0.05, gamma: 0.1, phi: 0.9),
      initialState: ETSState(level: 10, trend: 2, season: [1.2, 0.8, 1, 1, 1, 1, 1]),
      series: DemandSeries(start: start, values: []))
    let parts = model.components(horizon: 3)
    XCTAssertEqual(parts.map(\.kind), [.level, .trend, .season])
    assertClose(parts[0].values, [10, 10, 10], relativeTolerance: 1e-12)
    assertClose(parts[1].values, [1.8, 3.42, 4.878], relativeTolerance: 1e-12)
    assertClose(
      parts[2].values, [2.36, -2.684, 0], relativeTolerance: 1e-12, absoluteTolerance: 1e-12)
    assertClose(
      sums(parts, horizon: 3), model.predict(horizon: 3, levels: []).mean,
      relativeTolerance: 1e-12)
    assertClose(sums(parts, horizon: 3), [14.16, 10.736, 14.878], relativeTolerance: 1e-12)
  }

  /// ETS(A,N,A): level plus the additive seasonal state; no trend part. ℓ = 5, season
  /// (1, −1, 0, 0, 0, 0, 2): days 1–8 are 6, 4, 5, 5, 5, 5, 7, 6.
  func testAdditiveETSHasNoTrendPart() {
    let model = FittedETS(
      settings: .ana, parameters: ETSParameters(alpha: 0.2, gamma: 0.1),
      initialState: ETSState(level: 5, season: [1, -1, 0, 0, 0, 0, 2]),
      series: DemandSeries(start: start, values: []))
    let parts = model.forecastComponents(horizon: 8)
    XCTAssertEqual(parts.map(\.kind), [.level, .season])
    assertClose(sums(parts, horizon: 8), [6, 4, 5, 5, 5, 5, 7, 6], relativeTolerance: 1e-12)
  }

  /// The pooled weekly model of `PooledSeasonTests` (w = 0.5; own indices (15, −15, −5, 5),
  /// level 30, prior (0.2, −0.2, 0.1, −0.1)): the store's own part is 0.5 × own =
  /// (7.5, −7.5, −2.5, 2.5) and the SKU's 0.5 × 30 × prior = (3, −3, 1.5, −1.5), read at the slots
  /// of the forecast days (the series ends at slot 0 + 13 = slot 1).
  func testThePooledIndexSplitsIntoTheStoresAndTheSKUsParts() throws {
    let series = DemandSeries(
      start: Day(daysSinceEpoch: 100), values: (0..<13).map { 30 + [15.0, -15, -5, 5][$0 % 4] })
    let model = try SeasonallyAdjustedETSSettings(
      period: 4, pooling: .fixed(share: 0.5), inner: AutoETSSettings(candidates: [.ann])
    ).fit(series, prior: SeasonPrior(relativeIndices: [0.2, -0.2, 0.1, -0.1], seriesCount: 2))
    let parts = model.components(horizon: 4)
    XCTAssertEqual(parts.map(\.kind), [.level, .seasonalIndexOwn, .seasonalIndexSKU])
    // Forecast days are positions 113 … 116: slots 1, 2, 3, 0.
    assertClose(parts[1].values, [-7.5, -2.5, 2.5, 7.5], relativeTolerance: 1e-12)
    assertClose(parts[2].values, [-3, 1.5, -1.5, 3], relativeTolerance: 1e-12)
    assertClose(
      sums(parts, horizon: 4), model.predict(horizon: 4, levels: []).mean,
      relativeTolerance: 1e-12)
    // Applied to the same series, the parts are the same (the SKU's share travels with it).
    XCTAssertEqual(model.applied(to: series).components(horizon: 4), parts)

    // A set saved before the shares were kept: the index is shown whole.
    var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(model)) as! [String: Any]
    XCTAssertNotNil(json.removeValue(forKey: "pooledIndices"))
    let old = try JSONDecoder().decode(
      SeasonallyAdjustedETS.self, from: JSONSerialization.data(withJSONObject: json))
    let oldParts = old.components(horizon: 4)
    XCTAssertEqual(oldParts.map(\.kind), [.level, .seasonalIndex])
    assertClose(oldParts[1].values, [-10.5, -1, 1, 10.5], relativeTolerance: 1e-12)
    // An unpooled model writes no share at all, as before.
    let own = try SeasonallyAdjustedETSSettings(
      period: 4, pooling: .none, inner: AutoETSSettings(candidates: [.ann])
    ).fit(series, prior: nil)
    XCTAssertFalse(
      String(decoding: try JSONEncoder().encode(own), as: UTF8.self).contains("pooled"))
  }

  /// The seasonal naive's one part is the last uncensored value of the slot; the moving
  /// average's the mean of its window; Croston's the SBA rate.
  func testSingleValueModels() throws {
    // Period 3, days 0 … 6: slot 0 holds 4 (day 6), slot 1 holds 2 (day 4; day 7 is absent),
    // slot 2 holds 9 (day 5; the censored 50 on day 2 is never read). Forecast from day 7 = slot 1.
    let values: [Double] = [1, 2, 50, 3, 2, 9, 4]
    let censored = [false, false, true, false, false, false, false]
    let series = DemandSeries(start: start, values: values, censored: censored)
    let naive = try SeasonalNaiveSettings(period: 3).fit(series)
    let naiveParts = naive.forecastComponents(horizon: 4)
    XCTAssertEqual(naiveParts.map(\.kind), [.lastSeasonValue])
    XCTAssertEqual(naiveParts[0].values, [2, 9, 4, 2])

    // Window 4 over the uncensored values 1, 2, 3, 2, 9, 4: (3 + 2 + 9 + 4) / 4 = 4.5.
    let average = try MovingAverageSettings(windowDays: 4).fit(series)
    XCTAssertEqual(
      average.forecastComponents(horizon: 2), [.init(kind: .recentMean, values: [4.5, 4.5])])

    // Croston–SBA with both α = 1: the last size 4, the last interval 1 uncensored day (every
    // day sold), SBA factor 1 − 1/2: 4 × 0.5 / 1 = 2 units a day.
    let croston = try CrostonSBASettings(sizeAlpha: 1, intervalAlpha: 1).fit(series)
    let crostonParts = croston.forecastComponents(horizon: 2)
    XCTAssertEqual(crostonParts.map(\.kind), [.intermittentRate])
    assertClose(crostonParts[0].values, [2, 2], relativeTolerance: 1e-12)
  }

  private func sums(_ parts: [ForecastComponent], horizon: Int) -> [Double] {
    (0..<horizon).map { step in parts.reduce(0) { $0 + $1.values[step] } }
  }
}
