import XCTest
import _TestSupport

@testable import Inventory

/// The nowcast's negative binomial against scipy. Reference values from
/// `Benchmarks/.venv/bin/python`:
/// ```
/// from scipy.stats import nbinom, norm; import numpy as np
/// def ref(f, p10, p90, x, pi, extra, h):
///     s = (p90 - p10) / (2 * norm.ppf(0.9)); a = f * f / (s * s - f); b = a / f
///     E = (1 - pi) + sum(extra) / f; d = nbinom(a + x, (b + pi) / (b + pi + E))
///     k = np.arange(0, 2000)
///     print(d.mean(), d.ppf(0.1), d.ppf(0.5), d.ppf(0.9), d.sf(h),
///           np.sum(np.maximum(k - h, 0) * d.pmf(k)))
/// ref(10, 4, 16, 6, 0.4, [], 5)       # 6.968552332764372 3 7 11 0.6458126657945747 2.414326946674234
/// ```
/// With later days (each its own forecast's negative binomial, shape α, independent of today;
/// the sum as the negative binomial with its mean and variance):
/// ```
/// def until(f, p10, p90, x, pi, extra):
///     s = (p90 - p10) / (2 * norm.ppf(0.9)); a = f * f / (s * s - f); b = a / f
///     R = nbinom(a + x, (b + pi) / (b + 1)); L = [nbinom(a, a / (a + fk)) for fk in extra]
///     m = R.mean() + sum(extra); v = R.var() + sum(l.var() for l in L)
///     return nbinom(m * m / (v - m), m / v), R, L
/// d, R, L = until(10, 4, 16, 6, 0.4, [8, 12]); k = np.arange(0, 3000)
/// print(d.mean(), d.ppf(0.1), d.ppf(0.5), d.ppf(0.9), d.sf(9),
///       np.sum(np.maximum(k - 9, 0) * d.pmf(k)))
/// # 26.968552332764368 18 26 37 0.9978206248298236 17.97035112970422
/// # (the exact sum, convolving R and L's pmfs: P(Y > 9) 0.9979648, E[(Y − 9)⁺] 17.970191)
/// ```
/// Before 2026-12-05 the later days shared today's rate (E = (1 − π) + Σ f_k / f): mean
/// 30.19706010864561, P(Y > 9) 0.9965693449050506.
final class NowcastTests: XCTestCase {
  func testTheRestOfTheDayMatchesScipysNegativeBinomial() {
    let nowcast = Nowcast(
      dayMeanUnits: 10, dayP10Units: 4, dayP90Units: 16, soldUnits: 6, elapsedShare: 0.4)
    // α = 8.389624797816003 (hand: σ = 12 / 2.5631, α = 100 / (σ² − 10)), r = α + 6.
    XCTAssertEqual(nowcast.shape, 14.389624797816003, accuracy: 1e-9)
    XCTAssertEqual(nowcast.probability, 0.673729069191636, accuracy: 1e-12)
    XCTAssertEqual(nowcast.meanUnits, 6.968552332764372, accuracy: 1e-9)
    XCTAssertEqual(nowcast.quantile(0.1), 3)
    XCTAssertEqual(nowcast.quantile(0.5), 7)
    XCTAssertEqual(nowcast.quantile(0.9), 11)
    XCTAssertEqual(nowcast.stockoutProbability(onHandUnits: 5), 0.6458126657945747, accuracy: 1e-9)
    XCTAssertEqual(nowcast.expectedUnitsShort(onHandUnits: 5), 2.414326946674234, accuracy: 1e-9)
  }

  func testDaysBeforeTheNextDeliveryAddTheirOwnForecastDemand() {
    let nowcast = Nowcast(
      dayMeanUnits: 10, dayP10Units: 4, dayP90Units: 16, soldUnits: 6, elapsedShare: 0.4,
      extraDayMeans: [8, 12])
    // By hand: the rest of today's mean 6.968552332764372 (above) plus the later days' 8 + 12;
    // today's sales above the forecast do not raise them.
    XCTAssertEqual(nowcast.meanUnits, 26.968552332764368, accuracy: 1e-8)
    XCTAssertEqual(nowcast.shape, 25.820884479719194, accuracy: 1e-8)
    XCTAssertEqual(nowcast.probability, 0.4891297585052681, accuracy: 1e-12)
    XCTAssertEqual(nowcast.quantile(0.1), 18)
    XCTAssertEqual(nowcast.quantile(0.5), 26)
    XCTAssertEqual(nowcast.quantile(0.9), 37)
    XCTAssertEqual(nowcast.stockoutProbability(onHandUnits: 9), 0.9978206248298236, accuracy: 1e-9)
    XCTAssertEqual(nowcast.expectedUnitsShort(onHandUnits: 9), 17.97035112970422, accuracy: 1e-7)
  }

  /// By hand: with a Poisson forecast (spread no wider than Poisson's) the sales so far tell
  /// nothing about the rate, and the rest of the day is Poisson(f (1 − π)): mean 10 × 0.75.
  func testAPoissonForecastIgnoresTheSalesSoFar() {
    let slow = Nowcast(
      dayMeanUnits: 10, dayP10Units: 7, dayP90Units: 13, soldUnits: 0, elapsedShare: 0.25)
    let fast = Nowcast(
      dayMeanUnits: 10, dayP10Units: 7, dayP90Units: 13, soldUnits: 9, elapsedShare: 0.25)
    XCTAssertEqual(slow.meanUnits, 7.5, accuracy: 1e-4)
    XCTAssertEqual(fast.meanUnits, 7.5, accuracy: 1e-4)
    // P(Poisson(7.5) > 7) = 1 − 0.5246385…: scipy.stats.poisson(7.5).sf(7) = 0.47536...
    XCTAssertEqual(slow.stockoutProbability(onHandUnits: 7), 0.4753614, accuracy: 1e-4)
  }

  /// By hand: a profile with equal shares in 08–11 (four hours) has made 2.5 of its 4 hours'
  /// sales at 10:30, a share of 0.625.
  func testTheElapsedShareCountsTheCurrentHourProRata() {
    var shares = [Double](repeating: 0, count: 24)
    for hour in 8..<12 { shares[hour] = 1 }
    let profile = IntradayProfile(hourlyShares: shares)
    XCTAssertEqual(profile.elapsedShare(atSecondOfDay: 10 * 3600 + 1800), 0.625, accuracy: 1e-12)
    XCTAssertEqual(profile.elapsedShare(atSecondOfDay: 7 * 3600), 0)
    XCTAssertEqual(profile.elapsedShare(atSecondOfDay: 23 * 3600), 1, accuracy: 1e-12)
    // Shrinkage: 30 units all at 09 with 50 units of a flat 08–11 prior: (30 + 12.5) / 80.
    var units = [Double](repeating: 0, count: 24)
    units[9] = 30
    let learnt = IntradayProfile(units: units, prior: profile)
    XCTAssertEqual(learnt.hourlyShares[9], 42.5 / 80, accuracy: 1e-12)
    XCTAssertEqual(learnt.hourlyShares[8], 12.5 / 80, accuracy: 1e-12)
  }

  /// Sales in basket lines of 2 units: the count is of lines, every figure halved going in and
  /// doubled coming out. Reference (scipy 1.17.1), the forecast 10 (p10 4, p90 16), 6 units sold
  /// by π = 0.4, read in lines:
  /// ```
  /// u = 2.0; f, p10, p90, x, pi = 10 / u, 4 / u, 16 / u, 6 / u, 0.4
  /// s = (p90 - p10) / (2 * norm.ppf(0.9)); a = f * f / (s * s - f); b = a / f
  /// R = nbinom(a + x, (b + pi) / (b + 1)); X = nbinom(a, b / (b + pi))
  /// print(R.sf(4), u * R.mean(), u * R.ppf(0.9), X.pmf(3), X.sf(2))
  /// # 0.19839778838629674 6.110911204386055 10.0 0.17706956019703893 0.32329157444742684
  /// ```
  /// (9 units on hand cover 4 whole lines: P(R > 4). The sales so far, 3 lines: P(X = 3) and
  /// P(X ≥ 3).) With units one by one the same morning gives a higher mean (6.969, the first
  /// test's): 6 units are stronger evidence than 3 lines.
  func testLinesOfSeveralUnitsAreCountedAsLines() {
    let lines = Nowcast(
      dayMeanUnits: 10, dayP10Units: 4, dayP90Units: 16, soldUnits: 6, elapsedShare: 0.4,
      unitsPerLine: 2)
    XCTAssertEqual(lines.stockoutProbability(onHandUnits: 9), 0.19839778838629674, accuracy: 1e-9)
    XCTAssertEqual(lines.meanUnits, 6.110911204386055, accuracy: 1e-9)
    XCTAssertEqual(lines.quantile(0.9), 10)
    let sales = Nowcast.salesSoFar(
      dayMeanUnits: 10, dayP10Units: 4, dayP90Units: 16, elapsedShare: 0.4, unitsPerLine: 2)
    XCTAssertEqual(sales.probability(of: 6), 0.17706956019703893, accuracy: 1e-9)
    XCTAssertEqual(sales.probability(atLeast: 6), 0.32329157444742684, accuracy: 1e-9)
    // Fewer than one unit per line is read as one.
    let units = Nowcast(
      dayMeanUnits: 10, dayP10Units: 4, dayP90Units: 16, soldUnits: 6, elapsedShare: 0.4)
    let below = Nowcast(
      dayMeanUnits: 10, dayP10Units: 4, dayP90Units: 16, soldUnits: 6, elapsedShare: 0.4,
      unitsPerLine: 0.5)
    XCTAssertEqual(below, units)
    XCTAssertGreaterThan(units.meanUnits, lines.meanUnits)
  }
}

/// Pending orders from snapshots and sales, by hand.
final class PendingOrdersTests: XCTestCase {
  private typealias D = PendingOrders.Day

  /// Lead time 3, four days (oldest first). Day 2: 40 ordered (on order 0 → 40, nothing
  /// arrived: 20 − 25 + 5 = 0). Day 4: 25 ordered while 10 arrived (on hand 18 → 24 with 4 sold:
  /// arrived 10; on order 40 → 55: placed 55 − 40 + 10 = 25). Pending 55 = 25 (day 4, due in 2
  /// days) + 30 of day 2's 40 (due today: placed 3 days before today).
  func testOrdersAreDueLeadTimeDaysAfterTheyWerePlaced() {
    let pending = PendingOrders(
      days: [
        D(onHand: 25, onOrder: 0, sold: 3), D(onHand: 20, onOrder: 40, sold: 5),
        D(onHand: 18, onOrder: 40, sold: 2), D(onHand: 24, onOrder: 55, sold: 4),
      ], leadTimeDays: 3)
    XCTAssertEqual(pending.arrivingTodayUnits, 30)
    XCTAssertEqual(pending.daysToNextArrival, 2)
  }

  /// Units pending before the snapshots read, or overdue, are taken as arriving tomorrow.
  func testOlderOrOverdueUnitsArriveTomorrow() {
    let older = PendingOrders(
      days: [D(onHand: 9, onOrder: 30, sold: 1), D(onHand: 8, onOrder: 30, sold: 1)],
      leadTimeDays: 5)
    XCTAssertEqual(older.arrivingTodayUnits, 0)
    XCTAssertEqual(older.daysToNextArrival, 1)
    // Placed 3 days before today with lead time 1: overdue.
    let overdue = PendingOrders(
      days: [
        D(onHand: 9, onOrder: 0, sold: 1), D(onHand: 8, onOrder: 12, sold: 1),
        D(onHand: 7, onOrder: 12, sold: 1), D(onHand: 6, onOrder: 12, sold: 1),
      ], leadTimeDays: 1)
    XCTAssertEqual(overdue.arrivingTodayUnits, 0)
    XCTAssertEqual(overdue.daysToNextArrival, 1)
    let nothing = PendingOrders(days: [D(onHand: 5, onOrder: 0, sold: 0), nil], leadTimeDays: 2)
    XCTAssertEqual(nothing.arrivingTodayUnits, 0)
    XCTAssertNil(nothing.daysToNextArrival)
  }
}

/// The outlook of a SKU whose stock ran out by the cut-off (sales censored, X ≥ x), against a
/// reference computed another way: integrating over the rate λ with scipy
/// (`Benchmarks/.venv/bin/python`, scipy 1.17.1), not summing over the sales as the code does:
/// ```
/// from scipy.stats import norm, gamma, poisson, nbinom; from scipy.integrate import quad
/// import numpy as np
/// def soldout(f, p10, p90, x, pi, extra):
///     s = (p90 - p10) / (2 * norm.ppf(0.9)); a = f * f / (s * s - f); b = a / f
///     g = gamma(a, scale=1 / b); lo, hi = g.ppf(1e-13), g.ppf(1 - 1e-13)
///     q = lambda h: quad(lambda l: g.pdf(l) * h(l), lo, hi, epsabs=0, epsrel=1e-13,
///                        limit=500)[0]
///     px = q(lambda l: poisson(l * pi).sf(x - 1))
///     # no stock-out: the demand so far exactly x, none after it
///     none = q(lambda l: poisson(l * pi).pmf(x) * np.exp(-l * (1 - pi))) / px * np.prod(
///         [nbinom(a, a / (a + fk)).pmf(0) for fk in extra])
///     return 1 - none, q(lambda l: poisson(l * pi).sf(x - 1) * l * (1 - pi)) / px + sum(extra)
/// soldout(10, 4, 16, 4, 0.5, [])    # (0.9956129948001462, 5.53309078267234)
/// soldout(10, 4, 16, 4, 0.5, [10])  # (0.9999939364137058, 15.533090782672339)
/// ```
/// With X = x instead (the nowcast before, scipy `nbinom(a + x, (b + pi) / (b + pi + E))`):
/// P(Y ≥ 1) 0.9803820134399426 and mean 4.626576541501329 for the first. Before 2026-12-05
/// the probability left out the stock-outs before the cut-off (X > x): P(Y ≥ 1 | X ≥ x),
/// 0.9888570632357686 and 0.999984598568827.
final class SoldOutNowcastTests: XCTestCase {
  func testCensoredSalesMatchTheIntegralOverTheRate() {
    let today = SoldOutNowcast(
      dayMeanUnits: 10, dayP10Units: 4, dayP90Units: 16, soldUnits: 4, elapsedShare: 0.5)
    XCTAssertEqual(today.stockoutProbability, 0.9956129948001462, accuracy: 1e-9)
    XCTAssertEqual(today.expectedUnitsShort, 5.53309078267234, accuracy: 1e-8)
    let twoDays = SoldOutNowcast(
      dayMeanUnits: 10, dayP10Units: 4, dayP90Units: 16, soldUnits: 4, elapsedShare: 0.5,
      extraDayMeans: [10])
    XCTAssertEqual(twoDays.stockoutProbability, 0.9999939364137058, accuracy: 1e-9)
    XCTAssertEqual(twoDays.expectedUnitsShort, 15.533090782672339, accuracy: 1e-7)
    // The demand so far is at least the sales: above the nowcast that takes X = x.
    let exact = Nowcast(
      dayMeanUnits: 10, dayP10Units: 4, dayP90Units: 16, soldUnits: 4, elapsedShare: 0.5)
    XCTAssertEqual(exact.stockoutProbability(onHandUnits: 0), 0.9803820134399426, accuracy: 1e-9)
    XCTAssertGreaterThan(today.stockoutProbability, exact.stockoutProbability(onHandUnits: 0))
    XCTAssertGreaterThan(today.expectedUnitsShort, exact.meanUnits)
  }

  /// By hand: with nothing sold (X ≥ 0 holds always) the sales say nothing, so Y is the
  /// forecast's own: E[Y] = f (1 − π) = 10 × 0.6; and the shelf was empty all day, so there is
  /// no stock-out only if nobody asked all day: P = 1 − P(X + Y = 0) = 1 − (β / (β + 1))^α, the
  /// gamma's Laplace transform at 1 (scipy's integral above: 0.9986178301557488);
  /// α = 8.389624797816003, β = α / 10.
  func testNothingSoldGivesTheForecastsOwnDemand() {
    let outlook = SoldOutNowcast(
      dayMeanUnits: 10, dayP10Units: 4, dayP90Units: 16, soldUnits: 0, elapsedShare: 0.4)
    let alpha = 8.389624797816003
    let beta = alpha / 10
    XCTAssertEqual(outlook.expectedUnitsShort, 6, accuracy: 1e-9)
    XCTAssertEqual(
      outlook.stockoutProbability, 1 - pow(beta / (beta + 1), alpha), accuracy: 1e-9)
  }

  /// A very fast mover's empty shelf with nothing sold: P(X = j) / P(X = 0) passes e^1400 on the
  /// way to the mode (α ≈ 704, β ≈ 0.0704, π = 0.5), beyond a Double; the sum is rescaled, and
  /// the outlook is still the forecast's own, by hand E[Y] = 10,000 × 0.5 and P(Y ≥ 1) = 1.
  func testAVeryFastMoversEmptyShelfDoesNotOverflow() {
    let outlook = SoldOutNowcast(
      dayMeanUnits: 10_000, dayP10Units: 9_500, dayP90Units: 10_500, soldUnits: 0,
      elapsedShare: 0.5)
    XCTAssertEqual(outlook.expectedUnitsShort, 5_000, accuracy: 1e-6)
    XCTAssertEqual(outlook.stockoutProbability, 1, accuracy: 1e-12)
  }
}
