import DemandCore
import Features
import Foundation
import Models
import XCTest
import _TestSupport

@testable import Forecasting

/// The SKUs' seasonal priors a training run measures over the chain, worked by hand on series
/// that are a constant plus a pattern repeating exactly (STL's seasonal is then the pattern,
/// see WeeklySeasonalModelTests), period 4, two stores.
final class SeasonPoolTests: XCTestCase {
  /// Day 100 is slot 0; 24 positions end on day 123.
  let lastDay = Day(daysSinceEpoch: 123)
  let season = SeasonPool.Season(period: 4, minimumSeasons: 2)
  let patternA = [15.0, -15, -5, 5]  // S1/P0 around 30
  let patternB = [3.0, 9, -6, -6]  // S2/P0 around 60

  func values(_ base: Double, _ pattern: [Double]) -> [Double] {
    (0..<24).map { base + pattern[$0 % 4] }
  }

  /// S1 sells P0 and P1, S2 sells P0.
  func source(s2: [Double]? = nil) -> MemorySource {
    let start = lastDay.adding(days: -23)
    func store(_ id: String, _ series: [(String, [Double])]) -> StoreHistory {
      let keys = series.map { SeriesKey(store: StoreID(id), sku: SKUID($0.0)) }
      var panel = SeriesPanel(keys: keys, start: start, dayCount: 24)
      for (i, (_, v)) in series.enumerated() {
        for t in 0..<24 { panel.values[i * 24 + t] = v[t] }
      }
      return StoreHistory(
        store: StoreID(id), panel: panel,
        covariates: keys.map { SeriesCovariates(key: $0, category: "toys") })
    }
    return MemorySource(histories: [
      StoreID("S1"): store(
        "S1", [("P0", values(30, patternA)), ("P1", values(20, [2, -2, 2, -2]))]),
      StoreID("S2"): store("S2", [("P0", s2 ?? values(60, patternB))]),
    ])
  }

  func measure(_ source: MemorySource) throws -> SeasonPool {
    try SeasonPool.measure(
      seasons: [season], cuts: [Day(daysSinceEpoch: 124), Day(daysSinceEpoch: 120)],
      source: source, stores: source.stores, from: lastDay.adding(days: -23), through: lastDay,
      cancellation: .never)
  }

  /// P0: Σ indices / Σ levels = (15 + 3, −15 + 9, −5 − 6, 5 − 6) / (30 + 60) at both cut-offs
  /// (20 and 24 positions); P1, in one store: (2, −2, 2, −2) / 20.
  func testPriorsAreTheSKUsRatioOfSumsOverStores() throws {
    let pool = try measure(source())
    for cut in [120, 124] {
      let p0 = try XCTUnwrap(
        pool.prior(sku: SKUID("P0"), season: season, cut: Day(daysSinceEpoch: Int32(cut))))
      XCTAssertEqual(p0.seriesCount, 2)
      assertClose(
        p0.relativeIndices, [18.0 / 90, -6.0 / 90, -11.0 / 90, -1.0 / 90],
        relativeTolerance: 0, absoluteTolerance: 1e-12)
      let p1 = try XCTUnwrap(
        pool.prior(sku: SKUID("P1"), season: season, cut: Day(daysSinceEpoch: Int32(cut))))
      assertClose(
        p1.relativeIndices, [0.1, -0.1, 0.1, -0.1], relativeTolerance: 0,
        absoluteTolerance: 1e-12)
    }
    XCTAssertNil(pool.prior(sku: SKUID("P9"), season: season, cut: Day(daysSinceEpoch: 124)))
    XCTAssertNil(
      pool.prior(
        sku: SKUID("P0"), season: .init(period: 5, minimumSeasons: 2),
        cut: Day(daysSinceEpoch: 124)))
  }

  /// No look-ahead: S2's last four positions changed leave the prior of cut-off 120 the same
  /// bits and change the one of 124; a fit cut at 122 reads the prior of 120, and a fit cut
  /// before every measured cut-off reads none.
  func testAPriorReadsNoDayAtOrAfterItsCutOff() throws {
    let clean = try measure(source())
    var damaged = values(60, patternB)
    damaged.replaceSubrange(20..<24, with: [500, 0, 7, 900])
    let pool = try measure(source(s2: damaged))
    let p0 = SKUID("P0")
    let early = Day(daysSinceEpoch: 120)
    XCTAssertEqual(
      pool.prior(sku: p0, season: season, cut: early),
      clean.prior(sku: p0, season: season, cut: early))
    XCTAssertNotEqual(
      pool.prior(sku: p0, season: season, cut: Day(daysSinceEpoch: 124)),
      clean.prior(sku: p0, season: season, cut: Day(daysSinceEpoch: 124)))
    XCTAssertEqual(
      pool.prior(sku: p0, season: season, cut: Day(daysSinceEpoch: 122)),
      clean.prior(sku: p0, season: season, cut: early))
    XCTAssertNil(pool.prior(sku: p0, season: season, cut: Day(daysSinceEpoch: 119)))
  }

  /// Training with a catalog of the pooled method alone: the final fit of S1/P0 reads the prior
  /// measured at the end, so its indices are 0.5 × (15, −15, −5, 5) + 0.5 × 30 ×
  /// (18, −6, −11, −1) / 90 = (10.5, −8.5, −2.5 − 11/6, 2.5 − 1/6).
  func testTrainingHandsEachFitItsSKUsPrior() throws {
    let method = SeasonallyAdjustedETSSettings(
      period: 4, minimumSeasons: 2, pooling: .fixed(share: 0.5),
      inner: AutoETSSettings(candidates: [.ann]))
    let catalog = MethodCatalog([.init(kind: "seasonal_ets_pooled", method)])
    XCTAssertEqual(SeasonPool.seasons(of: catalog), [season])
    let configuration = ForecastConfiguration(
      horizonDays: 2, backtestOrigins: 2, minimumTrainingDays: 14, newItemDays: 4,
      ensembleSize: 1)
    let result = try Trainer(catalog: catalog, configuration: configuration, ridgeSettings: nil)
      .train(source: source(), lastDay: lastDay)
    let fit = try XCTUnwrap(
      result.fittedSet.series.first {
        $0.key == SeriesKey(store: StoreID("S1"), sku: SKUID("P0"))
      })
    guard case .series(let candidate) = try XCTUnwrap(fit.chosen.first).source,
      let model = candidate.model as? SeasonallyAdjustedETS
    else { return XCTFail("S1/P0 is not served by the pooled seasonal ETS") }
    XCTAssertEqual(model.pooledShare, 0.5)
    assertClose(
      model.indices, [10.5, -8.5, -2.5 - 11.0 / 6, 2.5 - 1.0 / 6], relativeTolerance: 0,
      absoluteTolerance: 1e-9)
    // A catalog without a pooled method needs no pool.
    XCTAssertEqual(
      SeasonPool.seasons(
        of: MethodCatalog([
          .init(
            kind: "own",
            SeasonallyAdjustedETSSettings(
              period: 4, inner: AutoETSSettings(candidates: [.ann])))
        ])), [])
  }
}
