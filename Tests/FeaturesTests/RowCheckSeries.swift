import DemandCore
import Features
import _TestSupport

/// A random series for the checks that compare rows bit for bit: integer demand (so prefix sums
/// are exact), censored days at random, and promotions of varying depth every few days through
/// 40 days after the series (forecast days have planned promotions too).
struct RowCheckSeries {
  let values: [Double]
  let censored: [Bool]
  let promotions: [PromotionWindow]

  /// - Parameters:
  ///   - below: demand is a whole number of units in `0 ..< below`.
  ///   - censoredOneIn: about one day in this many is censored.
  ///   - promotionEvery: days from one promotion's start to the next (the first on day 5).
  ///   - promotionDays: each promotion's length.
  init(
    start: Day, count: Int, below: Int, censoredOneIn: Int, promotionEvery: Int,
    promotionDays: Int, generator: inout SplitMix64
  ) {
    values = (0..<count).map { _ in Double(generator.below(below)) }
    censored = (0..<count).map { _ in generator.below(censoredOneIn) == 0 }
    promotions = stride(from: 5, to: count + 40, by: promotionEvery).map { offset in
      PromotionWindow(
        start: start.adding(days: offset), end: start.adding(days: offset + promotionDays - 1),
        discountFraction: 0.1 + Double(offset % 4) / 10)
    }
  }
}
