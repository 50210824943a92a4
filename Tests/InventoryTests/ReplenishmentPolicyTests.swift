import Inventory
import Models
import XCTest
import _TestSupport

/// Worked on a Poisson SKU selling 0.5 a day (bands 0 … 1, so each day is Poisson): lead time 3
/// days, review 4, service level 0.95. References (scipy 1.17.1):
///
///     poisson.ppf(0.95, 3.5) = 7   (order-up-to: 7 days)
///     poisson.ppf(0.95, 1.5) = 4   (reorder point: 3 days)
///     poisson.ppf(0.5, 3.5) = 3    (median demand over the cover)
///     1 - poisson.cdf(2, 1.5) = 0.19115316946194183
final class ReplenishmentPolicyTests: XCTestCase {
  let mean = [Double](repeating: 0.5, count: 28)
  let p10 = [Double](repeating: 0, count: 28)
  let p90 = [Double](repeating: 1, count: 28)

  func policy(casePack: Int = 1, moq: Int = 0, shelf: Int? = nil) -> ReplenishmentPolicy {
    ReplenishmentPolicy(
      leadTimeDays: 3, reviewDays: 4, serviceLevel: 0.95,
      rounding: OrderRounding(casePack: casePack, minimumOrderUnits: moq, shelfCapacityUnits: shelf)
    )
  }

  func testOrdersUpToTheCoverQuantileAndReportsTheRisk() {
    let decision = policy().decide(mean: mean, p10: p10, p90: p90, onHand: 2, onOrder: 0)
    XCTAssertEqual(decision.orderUpTo, 7)
    XCTAssertEqual(decision.reorderPoint, 4)
    XCTAssertEqual(decision.demandOverCover, 3)
    assertClose([decision.safetyStock], [3.5], relativeTolerance: 1e-12)
    XCTAssertEqual(decision.order.units, 5)
    XCTAssertEqual(decision.reason, "below reorder point")
    assertClose([decision.stockoutRiskPercent], [19.115316946194183], relativeTolerance: 1e-10)
    assertClose([decision.daysOfCover], [4], relativeTolerance: 1e-12)
  }

  func testReasonsInPlainWords() {
    // Position 5 ≥ reorder point 4, below 7: an ordinary top-up, or a promotion ahead.
    XCTAssertEqual(
      policy().decide(mean: mean, p10: p10, p90: p90, onHand: 5, onOrder: 0).reason,
      "below order-up-to level")
    XCTAssertEqual(
      policy().decide(
        mean: mean, p10: p10, p90: p90, onHand: 5, onOrder: 0, daysToPromotion: 5
      ).reason, "promotion starts in 5 days")
    XCTAssertEqual(
      policy().decide(mean: mean, p10: p10, p90: p90, onHand: 7, onOrder: 0).reason,
      "no order needed")
    XCTAssertEqual(
      policy().decide(mean: mean, p10: p10, p90: p90, onHand: 30, onOrder: 0).reason,
      "overstock: 60 days of cover")
    XCTAssertEqual(
      policy().decide(mean: mean, p10: p10, p90: p90, onHand: 0, onOrder: 0, isNewItem: true)
        .reason, "new item")
    // Wanted 6 units = 2 cases of 4, but a shelf of 8 with 1 on hand has room for one case.
    let capped = policy(casePack: 4, shelf: 8).decide(
      mean: mean, p10: p10, p90: p90, onHand: 1, onOrder: 0)
    XCTAssertEqual(capped.reason, "capped by shelf capacity")
    XCTAssertEqual(capped.order.units, 4)
  }

  func testWithoutDemandStockIsOverstockAndNoStockNeedsNothing() {
    let zero = [Double](repeating: 0, count: 28)
    XCTAssertEqual(
      policy().decide(mean: zero, p10: zero, p90: zero, onHand: 3, onOrder: 0).reason,
      "overstock: no demand forecast")
    // A rate decayed to 10⁻²⁰ a day (an intermittent model long after the last sale) is no
    // demand too: 40 units would be 4 × 10²¹ days of cover, past what the reason could print.
    let decayed = [Double](repeating: 1e-20, count: 28)
    let stale = policy().decide(mean: decayed, p10: zero, p90: zero, onHand: 40, onOrder: 0)
    XCTAssertEqual(stale.reason, "overstock: no demand forecast")
    XCTAssertEqual(stale.daysOfCover, .infinity)
    let empty = policy().decide(mean: zero, p10: zero, p90: zero, onHand: 0, onOrder: 0)
    XCTAssertEqual(empty.reason, "no order needed")
    XCTAssertEqual(empty.order.units, 0)
    XCTAssertEqual(empty.stockoutRiskPercent, 0)
    // An item gone quiet says so after its reason, with the rate it sold at before.
    let quiet = policy().decide(
      mean: zero, p10: zero, p90: zero, onHand: 0, onOrder: 0,
      quietRun: AvailabilityGaps.QuietRun(days: 23, unitsPerDayBefore: 4.0714))
    XCTAssertEqual(
      quiet.reason, "no order needed; no sale for 23 days (4.1 a day before): check the shelf")
    let emptied = policy().decide(
      mean: zero, p10: zero, p90: zero, onHand: 0, onOrder: 0,
      quietRun: AvailabilityGaps.QuietRun(days: 59, unitsPerDayBefore: 30, stockoutDays: 1))
    XCTAssertEqual(
      emptied.reason,
      "no order needed; no sale for 59 days before 1 day out of stock (30.0 a day before): "
        + "forecast at that rate, as for an empty shelf; check the item is still listed")
    XCTAssertEqual(quiet.order.units, 0)
  }

  func testCasePacksAndMinimumOrder() {
    // Wanted 7 − 2 = 5 units: one case of 6; with an MOQ of 10, two cases.
    XCTAssertEqual(
      policy(casePack: 6).decide(mean: mean, p10: p10, p90: p90, onHand: 2, onOrder: 0).order
        .units, 6)
    XCTAssertEqual(
      policy(casePack: 6, moq: 10).decide(mean: mean, p10: p10, p90: p90, onHand: 2, onOrder: 0)
        .order.units, 12)
  }

  func testACoverLongerThanTheForecastRepeatsItsLastWeek() {
    let long = ReplenishmentPolicy(
      leadTimeDays: 30, reviewDays: 7, serviceLevel: 0.95,
      rounding: OrderRounding(casePack: 1, minimumOrderUnits: 0))
    let decision = long.decide(mean: mean, p10: p10, p90: p90, onHand: 0, onOrder: 0)
    // 37 days at 0.5: Poisson(18.5); scipy poisson.ppf(0.95, 18.5) = 26.
    XCTAssertEqual(decision.orderUpTo, 26)
  }
}

extension ReplenishmentPolicyTests {
  /// Between reviews (2 days to the next) the SKU is ordered only when its position is below
  /// the quantile over lead time + 2 days, Poisson(2.5): scipy 1.17.1 poisson.ppf(0.95, 2.5) = 5;
  /// then up to the same S (7) as on a review day.
  func testBetweenReviewsOrdersOnlyWhenAStockoutIsLikelyBeforeTheNextOrderArrives() {
    let atTrigger = policy().decide(
      mean: mean, p10: p10, p90: p90, onHand: 5, onOrder: 0, daysUntilReview: 2)
    XCTAssertEqual(atTrigger.order.units, 0)
    XCTAssertEqual(atTrigger.orderUpTo, 7)
    let below = policy().decide(
      mean: mean, p10: p10, p90: p90, onHand: 3, onOrder: 1, daysUntilReview: 2)
    XCTAssertEqual(below.order.units, 3)
    // Position 4 is not below the reorder point (4, over the lead time alone): the order is an
    // out-of-cycle one, and says so; position 2 is below it.
    XCTAssertEqual(
      below.reason,
      "out of cycle: will not last until the next review's order (review in 2 days) arrives")
    XCTAssertEqual(
      policy().decide(mean: mean, p10: p10, p90: p90, onHand: 2, onOrder: 0, daysUntilReview: 2)
        .reason, "below reorder point")
    // The same position on a review day tops up to S.
    XCTAssertEqual(
      policy().decide(mean: mean, p10: p10, p90: p90, onHand: 5, onOrder: 0).order.units, 2)
  }
}

extension ReplenishmentPolicyTests {
  /// The textbook normal case: a fast mover selling 50 ± 10 a day (80 % band 50 ∓ 1.2816 · 10),
  /// lead time 4, review 7, service level 95 %, z = 1.6449. Over the cover (11 days) μ = 550,
  /// σ = √1100 = 33.17, so S = μ + zσ = 604.55 and safety stock zσ = 54.55; over the lead time
  /// μ = 200, σ = 20, reorder point 232.90. The count distribution (NB with those moments; scipy
  /// 1.17.1 nbinom.ppf(0.95, n, p) with n = μ²/(σ² − μ)) gives whole units 605 and 234: the
  /// normal's values rounded up, a unit higher where the count's right skew shows.
  func testAFastMoverMatchesTheTextbookNormalPolicyToTheUnit() {
    let z = 1.2815515655446004
    let mean = [Double](repeating: 50, count: 28)
    let policy = ReplenishmentPolicy(
      leadTimeDays: 4, reviewDays: 7, serviceLevel: 0.95,
      rounding: OrderRounding(casePack: 1, minimumOrderUnits: 0))
    let decision = policy.decide(
      mean: mean, p10: mean.map { $0 - z * 10 }, p90: mean.map { $0 + z * 10 }, onHand: 300,
      onOrder: 0)
    XCTAssertEqual(decision.orderUpTo, 605)
    XCTAssertEqual(decision.reorderPoint, 234)
    XCTAssertEqual(decision.orderUpTo, 550 + 1.6448536269514722 * 1100.0.squareRoot(), accuracy: 1)
    XCTAssertEqual(decision.reorderPoint, 200 + 1.6448536269514722 * 20, accuracy: 1.2)
    XCTAssertEqual(decision.safetyStock, 55, accuracy: 1e-9)
    XCTAssertEqual(decision.order.units, 305)
  }
}
