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
/// With a single outcome (nothing due, or deliveries that always came on time) this is exactly the
/// one nowcast of the stock the due units make (the sold-out one when it is used up). Units are
/// units of the SKU.
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
  ///   - laterDayMeans: forecast means of the full days after today before the next delivery due.
  ///   - outcomes: the due delivery's outcomes (`DeliveryReliability.outcomes`).
  public init(
    dayMeanUnits: Double, dayP10Units: Double, dayP90Units: Double, soldUnits: Double,
    elapsedShare: Double, snapshotUnits: Double, dueUnits: Double, laterDayMeans: [Double],
    outcomes: [DeliveryOutcome]
  ) {
    let sold = max(soldUnits, 0)
    let cases = dueUnits > 0 ? outcomes.filter { $0.probability > 0 } : []
    // One outcome's stock-out probability and expected units short, from the stock it leaves
    // after the sales so far and its days to the next arrival. Outcomes with the same horizon
    // share one nowcast (and one sold-out outlook).
    var nowcasts: [Int: Nowcast] = [:]
    var soldOuts: [Int: SoldOutNowcast] = [:]
    func outlook(onHand: Double, daysToNextArrival: Int?) -> (probability: Double, short: Double) {
      let days = min(daysToNextArrival ?? .max, laterDayMeans.count + 1)
      // The later days' means, read only when a nowcast is not yet cached.
      let later = { Array(laterDayMeans.prefix(days - 1)) }
      if (0..<1).contains(onHand) {
        // The stock is used up in this outcome: the sales so far are censored.
        let soldOut =
          soldOuts[days]
          ?? SoldOutNowcast(
            dayMeanUnits: dayMeanUnits, dayP10Units: dayP10Units, dayP90Units: dayP90Units,
            soldUnits: sold, elapsedShare: elapsedShare, extraDayMeans: later())
        soldOuts[days] = soldOut
        return (soldOut.stockoutProbability, soldOut.expectedUnitsShort)
      }
      let nowcast =
        nowcasts[days]
        ?? Nowcast(
          dayMeanUnits: dayMeanUnits, dayP10Units: dayP10Units, dayP90Units: dayP90Units,
          soldUnits: sold, elapsedShare: elapsedShare, extraDayMeans: later())
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
      elapsedShare: elapsedShare)
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
