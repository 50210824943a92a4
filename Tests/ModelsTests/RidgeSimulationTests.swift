import DemandCore
import Features
import Foundation
import Models
import XCTest
import _TestSupport

/// Series simulated from the ridge model's own form, shared by the ridge tests, and the test
/// that the fit recovers the simulated coefficients.
///
/// Day t of a series with scale `s_t` — the mean of all its days in `t − h − 363 … t − h`,
/// computed here by a direct running sum, independently of `SeriesFeatureBuilder` — has
///
///     y_t = s_t · (β₀ + β_weekday(t) + β_promotion · 1[promoted] + β_discount · discount_t)
///           + √s_t · σ · ε_t,   ε_t ~ N(0, 1),
///
/// which is the regression `RidgeAccumulator` fits (target y/s, weight s) with every history
/// feature's true coefficient 0. Before a cut-off has 28 days of history, `s_t` is the
/// series' base level.
struct RidgeTruth {
  var intercept = 0.8
  /// Tuesday … Sunday, relative to Monday.
  var weekday = [0.05, 0.0, 0.1, 0.25, 0.4, -0.2]
  var promotion = 0.3
  var discount = 1.5
  /// Pearson standard deviation: the standard deviation of y is σ √s.
  var sigma = 0.3
  var horizonDays = 7

  /// The mean of y / s on a day.
  func multiplier(weekday index: Int, discount depth: Double) -> Double {
    intercept + (index == 0 ? 0 : weekday[index - 1]) + (depth > 0 ? promotion : 0)
      + discount * depth
  }
}

/// A standard normal draw (Box–Muller).
func gaussian(_ generator: inout SplitMix64) -> Double {
  let u = (Double(generator.next() >> 11) + 0.5) * 0x1p-53
  let v = Double(generator.next() >> 11) * 0x1p-53
  return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
}

/// Random promotions over `days` days from `start`: about one start every 25 days, 3–7 days
/// long, 10–40 % off.
func simulatedPromotions(
  start: Day, days: Int, generator: inout SplitMix64
) -> [PromotionWindow] {
  var windows: [PromotionWindow] = []
  var day = 0
  while day < days {
    if generator.below(25) == 0 {
      let length = 3 + generator.below(5)
      let depth = Double(1 + generator.below(4)) / 10
      windows.append(
        PromotionWindow(
          start: start.adding(days: day), end: start.adding(days: day + length - 1),
          discountFraction: depth))
      day += length + 7
    } else {
      day += 1
    }
  }
  return windows
}

/// One simulated series (see `RidgeTruth`) and its covariates; `extraPromotionDays` of planned
/// promotions reach past the series end. `effect(t)` is added to the multiplier of day t (an
/// external regressor's effect, with its values in `external`).
func simulatedSeries(
  index: Int, level: Double, start: Day, days: Int, truth: RidgeTruth,
  generator: inout SplitMix64, category: String = "dairy", extraPromotionDays: Int = 28,
  external: [String: CovariateSeries] = [:], effect: (Int) -> Double = { _ in 0 }
) -> (series: DemandSeries, covariates: SeriesCovariates) {
  let key = SeriesKey(store: StoreID("S\(index / 10)"), sku: SKUID("P\(index % 10)"))
  let covariates = SeriesCovariates(
    key: key, category: category,
    promotions: simulatedPromotions(
      start: start, days: days + extraPromotionDays, generator: &generator),
    external: external)
  var values = [Double](repeating: 0, count: days)
  var runningSum = 0.0  // of days max(0, t − h − 363) ... t − h
  let h = truth.horizonDays
  for t in 0..<days {
    let cut = t - h
    if cut >= 0 { runningSum += values[cut] }
    if cut - 364 >= 0 { runningSum -= values[cut - 364] }
    let windowDays = cut < 0 ? 0 : min(cut + 1, 364)
    let scale = windowDays >= 28 ? max(runningSum / Double(windowDays), 0.1) : level
    let day = start.adding(days: t)
    let mean =
      scale
      * (truth.multiplier(weekday: day.weekdayIndex, discount: covariates.discount(on: day))
        + effect(t))
    values[t] = mean + scale.squareRoot() * truth.sigma * gaussian(&generator)
  }
  return (DemandSeries(start: start, values: values), covariates)
}

final class RidgeSimulationTests: XCTestCase {
  /// The regression fitted (almost no penalty) on 60 series of 600 days simulated from `truth`,
  /// levels 3 … 40, seed 42.
  func fitted(_ truth: RidgeTruth) throws -> FittedRidge {
    let start = Day(year: 2023, month: 1, day: 2)!
    let days = 600
    let settings = RidgeSettings(horizonDays: truth.horizonDays, penalties: [1e-9])
    var accumulator = RidgeAccumulator(
      category: "dairy", settings: settings,
      trainingDays: start...start.adding(days: days - 1))
    var generator = SplitMix64(seed: 42)
    for index in 0..<60 {
      let level = 3 + Double(generator.below(38))
      let (series, covariates) = simulatedSeries(
        index: index, level: level, start: start, days: days, truth: truth,
        generator: &generator)
      accumulator.add(series, covariates: covariates, calendar: CalendarContext(holidays: []))
    }
    return try accumulator.fit()
  }

  func testFitRecoversSimulatedWeekdayAndPromotionEffects() throws {
    let truth = RidgeTruth()
    let model = try fitted(truth)
    XCTAssertEqual(model.layout.fourierOrder, 0, "600 days are less than two years")
    XCTAssertEqual(model.solver, .cholesky)
    // Tolerances: with ~34,000 rows of mean scale ~20 and σ = 0.3, the standard error of a
    // weekday contrast is about 0.3 / √(4,800 · 20) · √2 ≈ 0.0015 (the history features, whose
    // true effect is 0, inflate it a little); 0.01 is over five standard errors.
    for (offset, effect) in truth.weekday.enumerated() {
      let estimate = try XCTUnwrap(model.coefficient(.weekday(offset + 1)))
      XCTAssertEqual(estimate, effect, accuracy: 0.01, "weekday \(offset + 1)")
    }
    // Promotion flag, discount and log relative price are nearly collinear within promotions,
    // so compare the identified quantity: the lift at each simulated depth.
    let flag = try XCTUnwrap(model.coefficient(.promotion))
    let depth = try XCTUnwrap(model.coefficient(.discount))
    let logPrice = try XCTUnwrap(model.coefficient(.logRelativePrice))
    for discount in [0.1, 0.2, 0.3, 0.4] {
      let lift = flag + depth * discount + logPrice * log(1 - discount)
      XCTAssertEqual(
        lift, truth.promotion + truth.discount * discount, accuracy: 0.02,
        "lift at \(discount) off")
    }
    // The intercept absorbs the history features' means (≈ 1, and log-level ≈ 3) times their
    // estimation errors, so what is identified is the intercept plus each history column's
    // coefficient times its mean: the multiplier of a plain Monday at average history.
    let means = try XCTUnwrap(model.trainingMeans)
    let history: Set<FeatureColumn> = [
      .recentMean, .monthMean, .sameWeekdayLast, .sameWeekdayMean, .lagFallback,
      .recentZeroShare, .recentExcessZeroShare, .recentCensoredShare, .logLevel, .weekdayIndex,
      .lastYearMean, .lastYearMissing, .yearOverYear, .credibleMonthShift,
    ]
    var plainMonday = model.coefficient(.intercept) ?? .nan
    for (index, column) in model.layout.columns.enumerated() where history.contains(column) {
      plainMonday += model.coefficients[index] * means[index]
    }
    XCTAssertEqual(plainMonday, truth.intercept, accuracy: 0.02)
    // History features have no true effect: their coefficients stay near 0.
    for column in [FeatureColumn.recentMean, .monthMean, .sameWeekdayLast, .sameWeekdayMean] {
      let estimate = try XCTUnwrap(model.coefficient(column))
      XCTAssertEqual(estimate, 0, accuracy: 0.05, "\(column)")
    }
    // The dispersion is σ² = 0.09 wherever the buckets have data (levels 3 … 40+: buckets
    // 2 … 4). Each is a mean of a few hundred squared residuals from the 1,680 validation rows,
    // with a standard error near 0.09 · √(2 / 400) ≈ 0.006: 0.02 is over three of them.
    for bucket in 2...4 {
      XCTAssertEqual(
        model.dispersions[bucket], truth.sigma * truth.sigma, accuracy: 0.02, "bucket \(bucket)")
    }
  }

  /// A deeper discount that lifts sales less (truth: 0.3 − 0.5 × depth) is what the sign
  /// constraints refuse to learn: the discount's coefficient must be ≥ 0 and the log relative
  /// price's ≤ 0, so both are held at 0, and the flag alone carries the promotions' mean lift,
  /// 0.3 − 0.5 × 0.25 = 0.175 (depths 10–40 % equally likely, so 25 % on average).
  /// Unconstrained, the same rows give the discount −0.40, the log relative price +0.08 and the
  /// flag 0.30: a lift that falls with the depth.
  func testPromotionColumnsKeepTheirSigns() throws {
    var truth = RidgeTruth()
    truth.discount = -0.5
    let model = try fitted(truth)
    XCTAssertEqual(model.coefficient(.discount), 0)
    XCTAssertEqual(model.coefficient(.logRelativePrice), 0)
    XCTAssertEqual(try XCTUnwrap(model.coefficient(.promotion)), 0.175, accuracy: 0.03)
    for column in model.layout.columns {
      guard let sign = column.requiredSign, let value = model.coefficient(column) else {
        continue
      }
      XCTAssertGreaterThanOrEqual(value * sign, 0, "\(column)")
    }
  }
}
