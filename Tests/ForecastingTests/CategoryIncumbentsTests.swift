import XCTest

@testable import Forecasting

/// The pooled choice of each category's incumbent, on hand-made backtest sums.
final class CategoryIncumbentsTests: XCTestCase {
  let order = ["ridge", "seasonal_naive", "ets"]

  /// One series' backtest: actual sum 100 over 2 days, absolute error sum `error`.
  func tally(error: Double) -> BacktestTally {
    var tally = BacktestTally()
    tally.add(actual: 50 + error / 2, mean: 50)
    tally.add(actual: 50 - error / 2, mean: 50 - error)
    return tally
  }

  /// `count` series where ridge errs by `ridge(i)` and ets by `ets(i)` (seasonal naive by 90).
  func evidence(count: Int, ridge: (Int) -> Double, ets: (Int) -> Double) -> Evidence {
    var evidence = Evidence()
    for i in 0..<count {
      evidence.add([
        "ridge": tally(error: ridge(i)), "ets": tally(error: ets(i)),
        "seasonal_naive": tally(error: 90),
      ])
    }
    return evidence
  }
  typealias Evidence = CategoryIncumbents.Evidence

  func testTallyByHand() {
    let t = tally(error: 20)
    XCTAssertEqual(t.sumActual, 100)
    XCTAssertEqual(t.sumAbsoluteError, 20)
  }

  /// ets errs 20 on every series, ridge 30: pooled WAPE 0.20 against 0.30 (33 % lower, past
  /// the 5 % margin), and lower on every series (significant): ets is the incumbent.
  func testAClearlyBetterMethodBecomesTheIncumbent() {
    let chosen = CategoryIncumbents.choose(
      evidence: ["dairy": evidence(count: 30, ridge: { 30 + Double($0 % 3) }, ets: { _ in 20 })],
      order: order, margin: 0.05)
    let choice = chosen.byCategory["dairy"]
    XCTAssertEqual(choice?.incumbent, "ets")
    XCTAssertEqual(choice?.scope, .category)
    XCTAssertEqual(choice?.series, 30)
    XCTAssertEqual(choice?.pooledWAPE ?? 0, 0.20, accuracy: 1e-12)
    // Ridge: (30 + 31 + 32) × 10 / 3,000.
    XCTAssertEqual(choice?.regressionWAPE ?? 0, 0.31, accuracy: 1e-12)
  }

  /// ets 3 % better everywhere: significant, but inside the 5 % margin, so the regression
  /// stays.
  func testTheMarginProtectsTheRegression() {
    let chosen = CategoryIncumbents.choose(
      evidence: ["dairy": evidence(count: 40, ridge: { _ in 30 }, ets: { _ in 29.1 })],
      order: order, margin: 0.05)
    XCTAssertEqual(chosen.byCategory["dairy"]?.incumbent, "ridge")
  }

  /// ets is far better on the pooled sum because of one large win, but worse on most series:
  /// the log ratios are not significantly in its favour, so the regression stays.
  func testAPooledWinThatIsNotSignificantKeepsTheRegression() {
    let chosen = CategoryIncumbents.choose(
      evidence: [
        "dairy": evidence(
          count: 30, ridge: { $0 == 0 ? 3_000 : 20 }, ets: { $0 == 0 ? 10 : 22 })
      ],
      order: order, margin: 0.05)
    // Pooled: ridge (3,000 + 29 × 20) / 3,000 ≈ 1.19, ets (10 + 29 × 22) / 3,000 ≈ 0.22.
    XCTAssertEqual(chosen.byCategory["dairy"]?.incumbent, "ridge")
    XCTAssertEqual(chosen.byCategory["dairy"]?.regressionWAPE ?? 0, 3_580 / 3_000, accuracy: 1e-12)
  }

  /// Categories of 10 sampled series each (one series per store and department) have too few
  /// for their own choice; they borrow the whole sample's (40 series), marked `chain`.
  func testSmallCategoriesBorrowTheChainsChoice() {
    var byCategory: [String: Evidence] = [:]
    for name in ["d1", "d2", "d3", "d4"] {
      byCategory[name] = evidence(count: 10, ridge: { _ in 40 }, ets: { 20 + Double($0 % 2) })
    }
    let chosen = CategoryIncumbents.choose(evidence: byCategory, order: order, margin: 0.05)
    XCTAssertEqual(Set(chosen.byCategory.keys), ["d1", "d2", "d3", "d4"])
    for choice in chosen.byCategory.values {
      XCTAssertEqual(choice.incumbent, "ets")
      XCTAssertEqual(choice.scope, .chain)
      XCTAssertEqual(choice.series, 40)
    }
    // Fewer than 30 series in the whole sample: no incumbent, the regression stays default.
    let few = CategoryIncumbents.choose(
      evidence: ["d1": evidence(count: 29, ridge: { _ in 40 }, ets: { _ in 20 })], order: order,
      margin: 0.05)
    XCTAssertTrue(few.byCategory.isEmpty)
  }

  /// A category scored without a regression stays out of the chain's pool, so every key of
  /// the pool is summed over the same series (20 + 20 series with all three keys: 40).
  func testTheChainPoolTakesOnlyCategoriesWithEveryCandidate() {
    var noRegression = Evidence()
    for _ in 0..<20 {
      noRegression.add(["ets": tally(error: 20), "seasonal_naive": tally(error: 90)])
    }
    let chosen = CategoryIncumbents.choose(
      evidence: [
        "d1": evidence(count: 20, ridge: { _ in 40 }, ets: { 20 + Double($0 % 2) }),
        "d2": evidence(count: 20, ridge: { _ in 40 }, ets: { 20 + Double($0 % 2) }),
        "d3": noRegression,
      ], order: order, margin: 0.05)
    XCTAssertEqual(chosen.byCategory["d1"]?.series, 40)
    XCTAssertEqual(chosen.byCategory["d1"]?.scope, .chain)
    XCTAssertEqual(chosen.byCategory["d3"]?.incumbent, "ets")
  }

  /// Equal WAPEs go to the earlier key of `order` (the regression first).
  func testTiesGoToTheRegressionThenTheCatalogOrder() {
    let chosen = CategoryIncumbents.choose(
      evidence: ["dairy": evidence(count: 30, ridge: { _ in 20 }, ets: { _ in 20 })],
      order: order, margin: 0)
    XCTAssertEqual(chosen.byCategory["dairy"]?.incumbent, "ridge")
  }

  /// A series with a perfect forecast (error 0) has no log ratio and is left out.
  func testSeriesWithoutARatioAreLeftOut() {
    var evidence = Evidence()
    evidence.add(["ridge": tally(error: 0), "ets": tally(error: 10)])
    evidence.add(["ridge": tally(error: 5), "ets": tally(error: 10)])
    XCTAssertEqual(evidence.series, 1)
    XCTAssertEqual(evidence.seriesLogError["ets"] ?? [], [log(10)])
  }

  /// Eight stores spread evenly: the first, then every 45/8-th.
  func testSampledStores() {
    XCTAssertEqual(CategoryIncumbents.sample(storeCount: 45), [0, 5, 11, 16, 22, 28, 33, 39])
    XCTAssertEqual(CategoryIncumbents.sample(storeCount: 5), [0, 1, 2, 3, 4])
  }
}
