import DemandCore
import Forecasting
import Models

/// A periodic-review order-up-to policy for one store/SKU, read from the forecast's
/// distribution rather than a normal approximation.
///
/// Every review (each `reviewDays`), the store orders up to S, the `serviceLevel` quantile of
/// demand over lead time + review period (the longest a unit ordered now must last before the
/// next order arrives). The reorder point s is the same quantile over the lead time alone: with
/// the inventory position (on hand + on order) below it, a stock-out is likely before even
/// today's order arrives. Safety stock is S minus the mean demand over the cover.
///
/// At weekly grain (`daysPerPeriod` 7) the forecast is one value per week, and `leadTimeDays`
/// and `reviewDays` count forecast periods, i.e. weeks (the caller rounds the settings' days up
/// to whole weeks); `daysOfCover`, `overstockDays` and the promotion distance stay in days.
public struct ReplenishmentPolicy: Sendable, Equatable {
  /// Lead time in forecast periods: days, or weeks at weekly grain.
  public var leadTimeDays: Int
  /// Review period in forecast periods: days, or weeks at weekly grain.
  public var reviewDays: Int
  /// Days in one forecast period: 1, or 7 at weekly grain.
  public var daysPerPeriod: Int
  /// Cycle service level, 0 < level < 1 (A 0.98, B 0.95, C 0.90 by default).
  public var serviceLevel: Double
  public var rounding: OrderRounding
  /// Days of cover above which an item with nothing to order is reported as overstocked.
  public var overstockDays: Double
  /// Share of each day's forecast variance shared by every day of a cover (`CoverDemand`'s
  /// correlation; 0: days independent).
  public var coverCorrelation: Double
  /// The forecast's measured cover variance ratios (`CoverSpread`, from the fitted set's
  /// backtest), applied to every cover's variance; `nil`: days read as independent.
  public var coverSpread: CoverSpread?

  /// The smallest mean demand, in units per day, counted as demand for the days of cover:
  /// half the last digit `forecast.csv` prints (a mean below it shows as 0.000).
  public static let smallestDemandPerDay = 0.0005

  public init(
    leadTimeDays: Int, reviewDays: Int, serviceLevel: Double, rounding: OrderRounding,
    overstockDays: Double = 45, coverCorrelation: Double = 0, coverSpread: CoverSpread? = nil,
    daysPerPeriod: Int = 1
  ) {
    precondition(daysPerPeriod >= 1, "a period of at least one day")
    self.daysPerPeriod = daysPerPeriod
    precondition(leadTimeDays >= 0 && reviewDays >= 1, "a lead time ≥ 0 and a review ≥ 1 day")
    precondition(serviceLevel > 0 && serviceLevel < 1, "a service level lies in (0, 1)")
    self.leadTimeDays = leadTimeDays
    self.reviewDays = reviewDays
    self.serviceLevel = serviceLevel
    self.rounding = rounding
    self.overstockDays = overstockDays
    self.coverCorrelation = coverCorrelation
    self.coverSpread = coverSpread
  }

  /// What the policy recommends, in units unless named otherwise.
  public struct Decision: Sendable, Equatable {
    /// Median demand over lead time + review period.
    public var demandOverCover: Double
    /// Mean demand over lead time + review period.
    public var coverMeanUnits: Double
    public var safetyStock: Double
    public var reorderPoint: Double
    public var orderUpTo: Double
    public var order: OrderRounding.Order
    /// On hand over the mean daily forecast (infinite with stock and no demand, 0 without
    /// either).
    public var daysOfCover: Double
    /// P(demand over the lead time exceeds the inventory position), in percent.
    public var stockoutRiskPercent: Double
    public var reason: String

    public init(
      demandOverCover: Double, safetyStock: Double, reorderPoint: Double, orderUpTo: Double,
      order: OrderRounding.Order, daysOfCover: Double, stockoutRiskPercent: Double, reason: String,
      coverMeanUnits: Double
    ) {
      self.demandOverCover = demandOverCover
      self.coverMeanUnits = coverMeanUnits
      self.safetyStock = safetyStock
      self.reorderPoint = reorderPoint
      self.orderUpTo = orderUpTo
      self.order = order
      self.daysOfCover = daysOfCover
      self.stockoutRiskPercent = stockoutRiskPercent
      self.reason = reason
    }
  }

  /// The decision for a SKU with `onHand` and `onOrder` units and a daily forecast starting
  /// tomorrow (`mean`, `p10`, `p90` aligned; extended by repeating its last week when the cover
  /// is longer than the forecast).
  /// - Parameters:
  ///   - daysToPromotion: days until the next planned promotion starts, if one does.
  ///   - isNewItem: the forecast is a new item's category profile.
  ///   - daysUntilReview: days until the SKU's next review (0: today is one). On a review day it
  ///     is ordered up to S whenever the position is below S. On other days it is ordered only
  ///     when the position is below the service-level quantile of demand until the next review's
  ///     order can arrive (lead time + days until review): an out-of-cycle order that saves a
  ///     likely stock-out.
  ///   - quietRun: the item's history ends in a run of zero sales its rate makes implausible;
  ///     the reason then ends `; no sale for N days (X a day before): check the shelf`.
  public func decide(
    mean: [Double], p10: [Double], p90: [Double], onHand: Double, onOrder: Double,
    daysToPromotion: Int? = nil, isNewItem: Bool = false, daysUntilReview: Int = 0,
    quietRun: AvailabilityGaps.QuietRun? = nil
  ) -> Decision {
    precondition(!mean.isEmpty && p10.count == mean.count && p90.count == mean.count)
    let coverDays = leadTimeDays + reviewDays
    func extended(_ path: [Double]) -> [Double] {
      guard path.count < coverDays else { return path }
      // The last week: 7 days, or the last week at weekly grain.
      let week = Array(path.suffix(daysPerPeriod == 1 ? 7 : 1))
      return path + (0..<(coverDays - path.count)).map { week[$0 % week.count] }
    }
    let (m, lo, hi) = (extended(mean), extended(p10), extended(p90))
    let (rho, spread) = (coverCorrelation, coverSpread)
    let cover = CoverDemand(
      mean: m, p10: lo, p90: hi, days: coverDays, correlation: rho, spread: spread)
    let lead = CoverDemand(
      mean: m, p10: lo, p90: hi, days: leadTimeDays, correlation: rho, spread: spread)
    let orderUpTo = cover.quantile(serviceLevel)
    let reorderPoint = lead.quantile(serviceLevel)
    let position = max(0, onHand) + max(0, onOrder)
    let due: Bool
    if daysUntilReview <= 0 {
      due = true
    } else {
      let gapDays = min(coverDays, leadTimeDays + daysUntilReview)
      due =
        position
        < CoverDemand(
          mean: m, p10: lo, p90: hi, days: gapDays, correlation: rho, spread: spread
        )
        .quantile(serviceLevel)
    }
    let wantedUnits = due ? orderUpTo - position : 0
    let order = rounding.order(wantedUnits: wantedUnits, positionUnits: position)
    let dailyMean = mean.reduce(0, +) / Double(mean.count) / Double(daysPerPeriod)
    // A mean that forecast.csv prints as 0.000 (a decayed intermittent rate of 10⁻¹⁰ a day) is
    // no demand: its cover would be billions of days, and past 9.2 × 10¹⁸ not even a whole
    // number the reason could print.
    let daysOfCover =
      dailyMean >= Self.smallestDemandPerDay
      ? max(0, onHand) / dailyMean : (onHand > 0 ? .infinity : 0)
    let risk = 100 * (1 - lead.probabilityAtMost(position))
    var reason: String
    if order.units > 0 && isNewItem {
      reason = "new item"
    } else if order.cappedByShelf {
      reason = "capped by shelf capacity"
    } else if order.units > 0 && position < reorderPoint {
      reason = "below reorder point"
    } else if order.units > 0 && daysUntilReview > 0 {
      // Out of cycle, above the reorder point: what is on hand and on order will likely not
      // last until the next review's order arrives.
      reason =
        "out of cycle: will not last until the next review's order (review in "
        + "\(daysUntilReview) day\(daysUntilReview == 1 ? "" : "s")) arrives"
    } else if order.units > 0, let days = daysToPromotion, days <= coverDays * daysPerPeriod {
      reason = "promotion starts in \(days) day" + (days == 1 ? "" : "s")
    } else if order.units > 0 {
      reason = "below order-up-to level"
    } else if daysOfCover > overstockDays {
      reason =
        daysOfCover.isFinite
        ? "overstock: \(Int(daysOfCover.rounded())) days of cover" : "overstock: no demand forecast"
    } else {
      reason = "no order needed"
    }
    if let note = rounding.note(order, wantedUnits: wantedUnits) { reason += "; " + note }
    if let quietRun {
      let rate = "\((quietRun.unitsPerDayBefore * 10).rounded() / 10) a day before"
      let flagged = quietRun.stockoutDays
      reason +=
        flagged == 0
        ? "; no sale for \(quietRun.days) days (\(rate)): check the shelf"
        : "; no sale for \(quietRun.days) days before \(flagged) day"
          + (flagged == 1 ? "" : "s") + " out of stock (\(rate)): forecast at that rate, as "
          + "for an empty shelf; check the item is still listed"
    }
    return Decision(
      demandOverCover: cover.quantile(0.5), safetyStock: max(0, orderUpTo - cover.mean),
      reorderPoint: reorderPoint, orderUpTo: orderUpTo, order: order, daysOfCover: daysOfCover,
      stockoutRiskPercent: risk, reason: reason, coverMeanUnits: cover.mean)
  }
}
