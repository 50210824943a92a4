/// How a chain's deliveries actually came, learnt from its own stock snapshots: a back-test of
/// `PendingOrders` on every past morning of the history read.
///
/// For each store/SKU and each past day t on which `PendingOrders`, from the snapshots before t
/// only, says that units u were due that morning, the units that came,
/// `arrived(t) = on_hand(t) − on_hand(t−1) + sold(t)` (floored at 0), classify the delivery:
/// - on time: at least u arrived;
/// - short: some, fewer than u (its filled share arrived / u is kept);
/// - late: none; the days k ≥ 1 from t to the next day with any arrival are counted, or, when the
///   history ends (or a snapshot is missing) first, the delivery is right-censored after the days
///   seen.
///
/// The frequencies are the chain's own (nothing is assumed about its suppliers); the delay of a
/// late delivery is estimated with the discrete hazard of the censored counts (Kaplan–Meier).
/// Units are units of the SKU; delays are whole days.
public struct DeliveryReliability: Sendable, Equatable {
  /// Deliveries whose due units all arrived on the due morning.
  public private(set) var onTimeCount = 0
  /// Deliveries of which only part came on the due morning, and the sum of their filled shares.
  public private(set) var shortCount = 0
  public private(set) var shortFilledShareSum = 0.0
  /// Deliveries of which nothing came on the due morning.
  public private(set) var lateCount = 0
  /// `lateArrivalCounts[k − 1]`: late deliveries after which units next arrived k days later.
  public private(set) var lateArrivalCounts: [Int] = []
  /// `lateCensoredCounts[k]`: late deliveries seen for k days after the due day without an
  /// arrival, then no more (end of the history or a missing snapshot).
  public private(set) var lateCensoredCounts: [Int] = []

  public init() {}

  /// Deliveries classified.
  public var deliveryCount: Int { onTimeCount + shortCount + lateCount }

  /// Adds the deliveries of one store/SKU.
  ///
  /// - Parameters:
  ///   - days: consecutive days, oldest first (`nil`: no snapshot that day); the day's snapshot
  ///     and units sold, as for `PendingOrders`.
  ///   - leadTimeDays: the SKU's lead time.
  public mutating func record(days: [PendingOrders.Day?], leadTimeDays: Int) {
    guard days.count >= 3 else { return }
    for t in 2..<days.count {
      guard let today = days[t], let before = days[t - 1] else { continue }
      let due = PendingOrders(days: days[0..<t], leadTimeDays: leadTimeDays)
        .arrivingTodayUnits
      guard due > 0 else { continue }
      let arrived = Self.arrived(today, after: before)
      if arrived >= due - 1e-9 {
        onTimeCount += 1
      } else if arrived > 0 {
        shortCount += 1
        shortFilledShareSum += arrived / due
      } else {
        lateCount += 1
        recordDelay(days: days, dueIndex: t)
      }
    }
  }

  /// Counts the days from a late delivery's due day (`dueIndex`) to the next arrival.
  private mutating func recordDelay(days: [PendingOrders.Day?], dueIndex: Int) {
    var index = dueIndex + 1
    while index < days.count, let today = days[index], let before = days[index - 1] {
      if Self.arrived(today, after: before) > 0 {
        Self.increment(&lateArrivalCounts, at: index - dueIndex - 1)
        return
      }
      index += 1
    }
    Self.increment(&lateCensoredCounts, at: index - 1 - dueIndex)
  }

  /// Adds another history's counts (another store).
  public mutating func merge(_ other: DeliveryReliability) {
    onTimeCount += other.onTimeCount
    shortCount += other.shortCount
    shortFilledShareSum += other.shortFilledShareSum
    lateCount += other.lateCount
    for (k, n) in other.lateArrivalCounts.enumerated() {
      Self.increment(&lateArrivalCounts, at: k, by: n)
    }
    for (k, n) in other.lateCensoredCounts.enumerated() {
      Self.increment(&lateCensoredCounts, at: k, by: n)
    }
  }

  /// The outcomes of a delivery due this morning, with their empirical probabilities (summing to
  /// 1): on time (filled share 1), short (the mean filled share of the short deliveries) and late
  /// by k days (filled share 0, next arrival after k days) for each delay seen; the late mass
  /// the history cannot place (censored beyond the last delay seen) has `daysToNextArrival` nil.
  /// Without any delivery seen, a single on-time outcome: the due units are taken as arrived.
  public var outcomes: [DeliveryOutcome] {
    let total = Double(deliveryCount)
    guard total > 0 else { return [DeliveryOutcome(probability: 1, filledShare: 1)] }
    var result: [DeliveryOutcome] = []
    if onTimeCount > 0 {
      result.append(DeliveryOutcome(probability: Double(onTimeCount) / total, filledShare: 1))
    }
    if shortCount > 0 {
      result.append(
        DeliveryOutcome(
          probability: Double(shortCount) / total,
          filledShare: shortFilledShareSum / Double(shortCount)))
    }
    guard lateCount > 0 else { return result }
    let late = Double(lateCount) / total
    // Discrete hazard: at risk on day k are the late deliveries neither arrived nor censored
    // before k; S is the share still waiting.
    var atRisk = lateCount - (lateCensoredCounts.first ?? 0)
    var waiting = 1.0
    for k in 1...max(lateArrivalCounts.count, 1) where atRisk > 0 {
      let arrivals = k <= lateArrivalCounts.count ? lateArrivalCounts[k - 1] : 0
      let hazard = Double(arrivals) / Double(atRisk)
      if arrivals > 0 {
        result.append(
          DeliveryOutcome(
            probability: late * waiting * hazard, filledShare: 0, daysToNextArrival: k))
      }
      waiting *= 1 - hazard
      atRisk -= arrivals + (k < lateCensoredCounts.count ? lateCensoredCounts[k] : 0)
    }
    if waiting > 1e-12 {
      result.append(DeliveryOutcome(probability: late * waiting, filledShare: 0))
    }
    return result
  }

  static func arrived(_ today: PendingOrders.Day, after before: PendingOrders.Day) -> Double {
    max(0, today.onHand - before.onHand + today.sold)
  }

  private static func increment(_ counts: inout [Int], at index: Int, by count: Int = 1) {
    if counts.count <= index { counts += Array(repeating: 0, count: index + 1 - counts.count) }
    counts[index] += count
  }
}

/// One way a delivery due this morning can turn out, and how likely it is.
public struct DeliveryOutcome: Sendable, Equatable {
  /// Probability of the outcome, in [0, 1].
  public var probability: Double
  /// Share of the due units arriving this morning, in [0, 1].
  public var filledShare: Double
  /// For what does not come this morning, days until units next arrive (1: tomorrow), or `nil`
  /// when not known to come before the next delivery due.
  public var daysToNextArrival: Int?

  public init(probability: Double, filledShare: Double, daysToNextArrival: Int? = nil) {
    self.probability = probability
    self.filledShare = filledShare
    self.daysToNextArrival = daysToNextArrival
  }
}
