/// The stock-out outlook of a store/SKU when a delivery due this morning may have come late or
/// short: a mixture of nowcasts over the delivery's outcomes, weighted by how often each happens
/// (`DeliveryReliability`) and by what today's sales so far say about it.
///
/// For each outcome j (probability w_j, filled share φ_j, next arrival after k_j days):
/// - the units available today are A_j = snapshot + φ_j · due, and the stock must last
///   h_j = min(k_j, d) days, d the days to the next delivery due (`laterDayMeans.count + 1`);
/// - the sales so far x are evidence: sales stop when the stock is gone, so their likelihood is
///   P(X = x) while A_j − x ≥ 1, P(X ≥ x) once the stock is used up (0 ≤ A_j − x < 1), and 0
///   when more was sold than A_j held, X the sales by the cut-off before they are seen
///   (`Nowcast.salesSoFar`). The posterior weight is w_j L_j / Σ w_i L_i (the prior weights when
///   every likelihood is 0);
/// - P(stock-out) = Σ_j w_j P(Y_j > A_j − x) and E[units short] = Σ_j w_j E[(Y_j − (A_j − x))⁺],
///   Y_j the demand from the cut-off over h_j days (`Nowcast`); in an outcome whose stock is
///   used up (0 ≤ A_j − x < 1) the sales so far are censored, and Y_j is conditioned on X ≥ x
///   instead of X = x (`SoldOutNowcast`).
///
/// The next delivery due, d days ahead, may itself come late (`nextDeliveryOutcomes`, the same
/// learnt frequencies): in an outcome whose stock must last until it (h_j = d), the outlook is
/// the mixture over its outcomes, with the prior weights (today's sales say nothing about it):
/// on time or short, the stock must last d days; late by k days, d + k days (the days after d
/// read from `laterDayMeans`, as far as they reach); late beyond any delay seen, one day more
/// than the longest delay seen.
///
/// With a single outcome (nothing due, or deliveries that always came on time) and no lateness
/// of the next delivery, this is exactly the one nowcast of the stock the due units make (the
/// sold-out one when it is used up). Units are units of the SKU.
public struct DeliveryMixture: Sendable, Equatable {
  /// Chance that demand exceeds the stock before the next arrival.
  public let stockoutProbability: Double
  /// Expected units demand exceeds the stock by.
  public let expectedUnitsShort: Double
  /// Posterior chance that all the due units came this morning.
  public let onTimeProbability: Double

  /// - Parameters:
  ///   - dayMeanUnits, dayP10Units, dayP90Units: today's forecast (mean, 10 % and 90 %).
  ///   - soldUnits: units sold today so far.
  ///   - elapsedShare: the share of a day's sales usually made by now.
  ///   - snapshotUnits: on hand at the end of yesterday.
  ///   - dueUnits: units due this morning.
  ///   - laterDayMeans: forecast means of the full days after today, at least up to the day
  ///     before the next delivery due; the days after (from the due day on) are read when that
  ///     delivery may come late.
  ///   - daysToNextDelivery: days from today to the next delivery due (`nil`:
  ///     `laterDayMeans.count + 1`, and no lateness of it is weighed).
  ///   - outcomes: the due delivery's outcomes (`DeliveryReliability.outcomes`).
  ///   - nextDeliveryOutcomes: the next due delivery's outcomes (none: it comes on time).
  ///   - unitsPerLine: the SKU's units per basket line (`Nowcast`).
  public init(
    dayMeanUnits: Double, dayP10Units: Double, dayP90Units: Double, soldUnits: Double,
    elapsedShare: Double, snapshotUnits: Double, dueUnits: Double, laterDayMeans: [Double],
    daysToNextDelivery: Int? = nil, outcomes: [DeliveryOutcome],
    nextDeliveryOutcomes: [DeliveryOutcome] = [], unitsPerLine: Double = 1
  ) {
    let sold = max(soldUnits, 0)
    let cases = dueUnits > 0 ? outcomes.filter { $0.probability > 0 } : []
    let dueDays = max(1, min(daysToNextDelivery ?? .max, laterDayMeans.count + 1))
    // The next delivery's outcomes as days the stock must last: d for on time and short, d + k
    // for late by k, one day more than the longest delay seen for lateness beyond any seen; no
    // further than the means read.
    let readableDays = laterDayMeans.count + 1
    let longestDelayDays = nextDeliveryOutcomes.compactMap(\.daysToNextArrival).max() ?? 0
    let nextCases: [(probability: Double, days: Int)] =
      daysToNextDelivery == nil
      ? []
      : nextDeliveryOutcomes.filter { $0.probability > 0 }.map { outcome in
        let delayDays =
          outcome.filledShare > 0 ? 0 : outcome.daysToNextArrival ?? longestDelayDays + 1
        return (outcome.probability, min(dueDays + delayDays, readableDays))
      }
    let nextTotal = nextCases.reduce(0) { $0 + $1.probability }
    // Only a next delivery that may come late changes the days the stock must last.
    let weighsLateness = nextTotal > 0 && nextCases.contains { $0.days != dueDays }
    // One outcome's stock-out probability and expected units short, from the stock it leaves
    // after the sales so far and its days to the next arrival. Outcomes with the same horizon
    // share one nowcast (and one sold-out outlook).
    var nowcasts: [Int: Nowcast] = [:]
    var soldOuts: [Int: SoldOutNowcast] = [:]
    func outlook(onHand: Double, daysToNextArrival: Int?) -> (probability: Double, short: Double) {
      let days = min(daysToNextArrival ?? .max, dueDays)
      guard days == dueDays, weighsLateness else {
        return horizonOutlook(onHand: onHand, days: days)
      }
      var probability = 0.0
      var short = 0.0
      for next in nextCases {
        let one = horizonOutlook(onHand: onHand, days: next.days)
        probability += next.probability / nextTotal * one.probability
        short += next.probability / nextTotal * one.short
      }
      return (probability, short)
    }
    func horizonOutlook(onHand: Double, days: Int) -> (probability: Double, short: Double) {
      // The later days' means, read only when a nowcast is not yet cached.
      let later = { Array(laterDayMeans.prefix(days - 1)) }
      if (0..<1).contains(onHand) {
        // The stock is used up in this outcome: the sales so far are censored.
        let soldOut =
          soldOuts[days]
          ?? SoldOutNowcast(
            dayMeanUnits: dayMeanUnits, dayP10Units: dayP10Units, dayP90Units: dayP90Units,
            soldUnits: sold, elapsedShare: elapsedShare, extraDayMeans: later(),
            unitsPerLine: unitsPerLine)
        soldOuts[days] = soldOut
        return (soldOut.stockoutProbability, soldOut.expectedUnitsShort)
      }
      let nowcast =
        nowcasts[days]
        ?? Nowcast(
          dayMeanUnits: dayMeanUnits, dayP10Units: dayP10Units, dayP90Units: dayP90Units,
          soldUnits: sold, elapsedShare: elapsedShare, extraDayMeans: later(),
          unitsPerLine: unitsPerLine)
      nowcasts[days] = nowcast
      return (
        nowcast.stockoutProbability(onHandUnits: onHand),
        nowcast.expectedUnitsShort(onHandUnits: onHand)
      )
    }
    guard cases.count > 1 else {
      let single = outlook(
        onHand: snapshotUnits + (cases.first?.filledShare ?? 1) * dueUnits - soldUnits,
        daysToNextArrival: cases.first?.daysToNextArrival)
      stockoutProbability = single.probability
      expectedUnitsShort = single.short
      onTimeProbability = cases.first.map { $0.filledShare >= 1 ? 1 : 0 } ?? 1
      return
    }
    let sales = Nowcast.salesSoFar(
      dayMeanUnits: dayMeanUnits, dayP10Units: dayP10Units, dayP90Units: dayP90Units,
      elapsedShare: elapsedShare, unitsPerLine: unitsPerLine)
    let exactly = sales.probability(of: sold)
    let atLeast = sales.probability(atLeast: sold)
    var weights = cases.map { outcome -> Double in
      let left = snapshotUnits + outcome.filledShare * dueUnits - soldUnits
      let likelihood = left >= 1 ? exactly : left >= 0 ? atLeast : 0
      return outcome.probability * likelihood
    }
    var total = weights.reduce(0, +)
    if !(total > 0) || !total.isFinite {
      weights = cases.map(\.probability)
      total = weights.reduce(0, +)
    }
    var probability = 0.0
    var short = 0.0
    var onTime = 0.0
    for (outcome, weight) in zip(cases, weights) where weight > 0 {
      let share = weight / total
      let one = outlook(
        onHand: snapshotUnits + outcome.filledShare * dueUnits - soldUnits,
        daysToNextArrival: outcome.daysToNextArrival)
      probability += share * one.probability
      short += share * one.short
      if outcome.filledShare >= 1 { onTime += share }
    }
    stockoutProbability = min(max(probability, 0), 1)
    expectedUnitsShort = short
    onTimeProbability = onTime
  }
}
