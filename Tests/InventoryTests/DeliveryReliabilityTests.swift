import XCTest

@testable import Inventory

/// The delivery reliability learnt from a hand-built snapshot history, by hand.
final class DeliveryReliabilityTests: XCTestCase {
  private typealias D = PendingOrders.Day

  /// One SKU, lead time 2, 1 unit sold a day, 17 days (index 0…16), on hand / on order:
  /// - 10 placed on day 1, due day 3, arrive day 3: on time (on hand 18 → 27);
  /// - 10 placed on day 4, due day 6, arrive day 8: late, next arrival 2 days after the due day;
  /// - 10 placed on day 7, due day 9, arrive day 9: on time (the late order does not count as
  ///   due on day 7 or 8: it is overdue);
  /// - 10 placed on day 10, due day 12, 4 arrive and the rest is cancelled (on order 10 → 0):
  ///   short, filled share 0.4;
  /// - 10 placed on day 13, due day 15, nothing arrives by day 16, the last day: late, censored
  ///   1 day after the due day.
  /// Hence 2 on time, 1 short, 2 late of 5. Delay hazard: day 1 after the due day, 2 at risk, no
  /// arrival; the censored one leaves; day 2, 1 at risk, 1 arrival (hazard 1). Outcomes: on time
  /// 2/5, short 1/5 (share 0.4), late by 2 days 2/5 × 1 × 1.
  static let history: [PendingOrders.Day?] = [
    D(onHand: 20, onOrder: 0, sold: 1), D(onHand: 19, onOrder: 10, sold: 1),
    D(onHand: 18, onOrder: 10, sold: 1), D(onHand: 27, onOrder: 0, sold: 1),
    D(onHand: 26, onOrder: 10, sold: 1), D(onHand: 25, onOrder: 10, sold: 1),
    D(onHand: 24, onOrder: 10, sold: 1), D(onHand: 23, onOrder: 20, sold: 1),
    D(onHand: 32, onOrder: 10, sold: 1), D(onHand: 41, onOrder: 0, sold: 1),
    D(onHand: 40, onOrder: 10, sold: 1), D(onHand: 39, onOrder: 10, sold: 1),
    D(onHand: 42, onOrder: 0, sold: 1), D(onHand: 41, onOrder: 10, sold: 1),
    D(onHand: 40, onOrder: 10, sold: 1), D(onHand: 39, onOrder: 10, sold: 1),
    D(onHand: 38, onOrder: 10, sold: 1),
  ]

  func testDeliveriesAreClassifiedOnTimeShortAndLate() {
    var reliability = DeliveryReliability()
    reliability.record(days: Self.history, leadTimeDays: 2)
    XCTAssertEqual(reliability.onTimeCount, 2)
    XCTAssertEqual(reliability.shortCount, 1)
    XCTAssertEqual(reliability.shortFilledShareSum, 0.4, accuracy: 1e-12)
    XCTAssertEqual(reliability.lateCount, 2)
    XCTAssertEqual(reliability.lateArrivalCounts, [0, 1])
    XCTAssertEqual(reliability.lateCensoredCounts, [0, 1])
    let outcomes = reliability.outcomes
    XCTAssertEqual(outcomes.count, 3)
    XCTAssertEqual(outcomes[0].probability, 0.4, accuracy: 1e-12)
    XCTAssertEqual(outcomes[0].filledShare, 1)
    XCTAssertEqual(outcomes[1].probability, 0.2, accuracy: 1e-12)
    XCTAssertEqual(outcomes[1].filledShare, 0.4, accuracy: 1e-12)
    XCTAssertNil(outcomes[1].daysToNextArrival)
    XCTAssertEqual(outcomes[2].probability, 0.4, accuracy: 1e-12)
    XCTAssertEqual(outcomes[2].filledShare, 0)
    XCTAssertEqual(outcomes[2].daysToNextArrival, 2)
  }

  /// Two stores with the same history count twice as many deliveries in the same proportions.
  /// A missing snapshot on day 16 censors the last late delivery at 0 days (at risk on no day).
  /// One on day 6 as well drops day 6's delivery, and day 9's too (its placement on day 7 cannot
  /// be seen without day 6): on time 1 (day 3), short 1, late 1 (censored), each 1/3, and the
  /// late mass cannot be placed in time.
  func testStoresMergeAndMissingSnapshotsDropOrCensorDeliveries() {
    var one = DeliveryReliability()
    one.record(days: Self.history, leadTimeDays: 2)
    var two = one
    two.merge(one)
    XCTAssertEqual(two.deliveryCount, 10)
    XCTAssertEqual(two.lateArrivalCounts, [0, 2])
    for (a, b) in zip(one.outcomes, two.outcomes) {
      XCTAssertEqual(a.probability, b.probability, accuracy: 1e-12)
      XCTAssertEqual(a.daysToNextArrival, b.daysToNextArrival)
    }
    var gaps = Self.history
    gaps[16] = nil
    var missing = DeliveryReliability()
    missing.record(days: gaps, leadTimeDays: 2)
    XCTAssertEqual(missing.lateCensoredCounts, [1])
    XCTAssertEqual(missing.lateCount, 2)
    gaps[6] = nil
    var dropped = DeliveryReliability()
    dropped.record(days: gaps, leadTimeDays: 2)
    XCTAssertEqual(dropped.onTimeCount, 1)
    XCTAssertEqual(dropped.shortCount, 1)
    XCTAssertEqual(dropped.lateCount, 1)
    XCTAssertEqual(dropped.lateArrivalCounts, [])
    // The censored late delivery's mass cannot be placed: it stays "not known to come".
    let third: Double = 1.0 / 3
    XCTAssertEqual(dropped.outcomes.map(\.probability), [third, third, third])
    XCTAssertEqual(dropped.outcomes.map(\.daysToNextArrival), [nil, nil, nil])
  }

  /// Without any delivery seen the due units are taken as arrived, as before.
  func testNoHistoryMeansOnTime() {
    XCTAssertEqual(
      DeliveryReliability().outcomes, [DeliveryOutcome(probability: 1, filledShare: 1)])
  }
}

/// The stock-out outlook as a mixture over the delivery's outcomes.
///
/// Reference from `Benchmarks/.venv/bin/python` (scipy 1.17.1):
/// ```
/// from scipy.stats import nbinom, norm; import numpy as np
/// f, p10, p90, x, pi, s, u = 10, 4, 16, 4, 0.5, 4, 20
/// sd = (p90 - p10) / (2 * norm.ppf(0.9)); a = f * f / (sd * sd - f); b = a / f
/// X = nbinom(a, b / (b + pi))                     # sales by the cut-off
/// # the demand to the next delivery: until() of NowcastTests (the rest of today, then each
/// # later day its own forecast's negative binomial; the sum by its mean and variance)
/// def Y(extra):
///     return until(f, p10, p90, x, pi, extra)[0] if extra else nbinom(a + x, (b + pi) / (b + 1))
/// k = np.arange(0, 3000); short = lambda d, h: np.sum(np.maximum(k - h, 0) * d.pmf(k))
/// # on time 0.8 (24 units, 2 days), short 0.1 (share 0.5: 14 units, 2 days), late 0.1 (next
/// # arrival tomorrow: 4 units, 1 day); 4 sold: the late case has used its stock up, so its
/// # sales are censored: soldout() of SoldOutNowcastTests gives (0.9956129948001462,
/// # 5.53309078267234) for it (with X = x it was Y([]).sf(0), short(Y([]), 0)).
/// w = np.array([0.8 * X.pmf(x), 0.1 * X.pmf(x), 0.1 * X.sf(x - 1)]); w /= w.sum()
/// P = [Y([10]).sf(20), Y([10]).sf(10), 0.9956129948001462]
/// S = [short(Y([10]), 20), short(Y([10]), 10), 5.53309078267234]
/// print(np.dot(w, P), np.dot(w, S), w[0])
/// # 0.46849214956774876 2.530618474713666 0.5938312683265058
/// # (with the stock-outs before the cut-off left out of the late case, 0.9888570632357686 for
/// # it, as before 2026-12-05: 0.4662495868391728)
/// # (with X = x in the late case and the later days sharing today's rate, E = (1 - pi) +
/// # sum(extra) / f, as before 2026-12-05: 0.4473545609439846 2.146483456572002)
/// ```
final class DeliveryMixtureTests: XCTestCase {
  /// The next delivery due may come late: the stock must then last until it comes. 6 sold by
  /// the cut-off (π = 0.4) leave 24 of a snapshot of 30, nothing due this morning, the next
  /// delivery due tomorrow; on time 0.9, late by 2 days 0.1 (the stock must last today's rest
  /// and two more days, means 8 and 12). Reference: until() of NowcastTests (scipy 1.17.1):
  /// ```
  /// d, R, L = until(10, 4, 16, 6, 0.4, [8, 12]); d1, _, _ = until(10, 4, 16, 6, 0.4, [8])
  /// k = np.arange(0, 3000); short = lambda d, h: np.sum(np.maximum(k - h, 0) * d.pmf(k))
  /// print(0.9 * R.sf(24) + 0.1 * d.sf(24), 0.9 * short(R, 24) + 0.1 * short(d, 24))
  /// # 0.06068889266039174 0.4590148506200039
  /// # late 1 day 0.05 and later than any delay seen 0.05 (one day more than the longest, 1):
  /// print(0.9 * R.sf(24) + 0.05 * d1.sf(24) + 0.05 * d.sf(24))  # 0.03247607807665663
  /// ```
  func testALateNextDeliveryLengthensTheDaysTheStockMustLast() {
    func outlook(_ next: [DeliveryOutcome]) -> DeliveryMixture {
      DeliveryMixture(
        dayMeanUnits: 10, dayP10Units: 4, dayP90Units: 16, soldUnits: 6, elapsedShare: 0.4,
        snapshotUnits: 30, dueUnits: 0, laterDayMeans: [8, 12],
        daysToNextDelivery: 1, outcomes: [], nextDeliveryOutcomes: next)
    }
    let late = outlook([
      DeliveryOutcome(probability: 0.9, filledShare: 1),
      DeliveryOutcome(probability: 0.1, filledShare: 0, daysToNextArrival: 2),
    ])
    XCTAssertEqual(late.stockoutProbability, 0.06068889266039174, accuracy: 1e-9)
    XCTAssertEqual(late.expectedUnitsShort, 0.4590148506200039, accuracy: 1e-8)
    let unseen = outlook([
      DeliveryOutcome(probability: 0.9, filledShare: 1),
      DeliveryOutcome(probability: 0.05, filledShare: 0, daysToNextArrival: 1),
      DeliveryOutcome(probability: 0.05, filledShare: 0),
    ])
    XCTAssertEqual(unseen.stockoutProbability, 0.03247607807665663, accuracy: 1e-9)
    // Without the next delivery's lateness the stock must last today only, R.sf(24).
    let onTime = Nowcast(
      dayMeanUnits: 10, dayP10Units: 4, dayP90Units: 16, soldUnits: 6, elapsedShare: 0.4)
    XCTAssertEqual(
      outlook([]).stockoutProbability, onTime.stockoutProbability(onHandUnits: 24),
      accuracy: 1e-12)
    XCTAssertLessThan(onTime.stockoutProbability(onHandUnits: 24), late.stockoutProbability)
  }

  func testTheMixtureMatchesScipy() {
    let outlook = DeliveryMixture(
      dayMeanUnits: 10, dayP10Units: 4, dayP90Units: 16, soldUnits: 4, elapsedShare: 0.5,
      snapshotUnits: 4, dueUnits: 20, laterDayMeans: [10],
      outcomes: [
        DeliveryOutcome(probability: 0.8, filledShare: 1),
        DeliveryOutcome(probability: 0.1, filledShare: 0.5),
        DeliveryOutcome(probability: 0.1, filledShare: 0, daysToNextArrival: 1),
      ])
    XCTAssertEqual(outlook.stockoutProbability, 0.46849214956774876, accuracy: 1e-9)
    XCTAssertEqual(outlook.expectedUnitsShort, 2.530618474713666, accuracy: 1e-8)
    XCTAssertEqual(outlook.onTimeProbability, 0.5938312683265058, accuracy: 1e-9)
    // Selling more than the snapshot rules the late case out: only on time and short remain,
    // 0.8 : 0.1, and the outlook rises no further than on time's and short's.
    let sold = DeliveryMixture(
      dayMeanUnits: 10, dayP10Units: 4, dayP90Units: 16, soldUnits: 5, elapsedShare: 0.5,
      snapshotUnits: 4, dueUnits: 20, laterDayMeans: [10],
      outcomes: [
        DeliveryOutcome(probability: 0.8, filledShare: 1),
        DeliveryOutcome(probability: 0.1, filledShare: 0.5),
        DeliveryOutcome(probability: 0.1, filledShare: 0, daysToNextArrival: 1),
      ])
    XCTAssertEqual(sold.onTimeProbability, 0.8 / 0.9, accuracy: 1e-12)
  }

  /// A chain whose deliveries always came on time learns a single on-time outcome, and the
  /// outlook is then exactly the one nowcast of the stock the due units make (the alerts before
  /// the mixture), for any sales, stock, due units and horizon; when that stock is used up (less
  /// than one unit left) it is the sold-out outlook, and otherwise exactly the nowcast of before.
  func testAlwaysOnTimeDeliveriesGiveTheSameOutlookAsBefore() {
    var history = DeliveryReliabilityTests.history
    // Every delivery comes on its due day and in full: days 3, 6, 9, 12 and 15.
    history[6] = PendingOrders.Day(onHand: 34, onOrder: 0, sold: 1)
    history[7] = PendingOrders.Day(onHand: 33, onOrder: 10, sold: 1)
    history[8] = PendingOrders.Day(onHand: 32, onOrder: 10, sold: 1)
    history[12] = PendingOrders.Day(onHand: 48, onOrder: 0, sold: 1)
    history[13] = PendingOrders.Day(onHand: 47, onOrder: 10, sold: 1)
    history[14] = PendingOrders.Day(onHand: 46, onOrder: 10, sold: 1)
    history[15] = PendingOrders.Day(onHand: 55, onOrder: 0, sold: 1)
    history[16] = PendingOrders.Day(onHand: 54, onOrder: 0, sold: 1)
    var reliability = DeliveryReliability()
    reliability.record(days: history, leadTimeDays: 2)
    XCTAssertEqual(reliability.onTimeCount, 5)
    XCTAssertEqual(reliability.deliveryCount, 5)
    XCTAssertEqual(reliability.outcomes, [DeliveryOutcome(probability: 1, filledShare: 1)])
    var soldOutCases = 0
    defer { XCTAssertEqual(soldOutCases, 6) }  // (0, 0) with 0 sold, (4, 0) with 4: 3 horizons
    for sold in [0.0, 3, 4, 9, 30] {
      for (snapshot, due) in [(0.0, 0.0), (4, 0), (4, 20), (0, 12), (15, 6)] {
        for later in [[], [8.0], [8, 12, 9]] {
          let before = Nowcast(
            dayMeanUnits: 10, dayP10Units: 4, dayP90Units: 16, soldUnits: sold,
            elapsedShare: 0.4, extraDayMeans: later)
          let onHand = snapshot + due - sold
          let after = DeliveryMixture(
            dayMeanUnits: 10, dayP10Units: 4, dayP90Units: 16, soldUnits: sold,
            elapsedShare: 0.4, snapshotUnits: snapshot, dueUnits: due, laterDayMeans: later,
            outcomes: reliability.outcomes)
          if onHand >= 0 && onHand < 1 {
            soldOutCases += 1
            let soldOut = SoldOutNowcast(
              dayMeanUnits: 10, dayP10Units: 4, dayP90Units: 16, soldUnits: sold,
              elapsedShare: 0.4, extraDayMeans: later)
            XCTAssertEqual(after.stockoutProbability, soldOut.stockoutProbability)
            XCTAssertEqual(after.expectedUnitsShort, soldOut.expectedUnitsShort)
            continue
          }
          XCTAssertEqual(after.stockoutProbability, before.stockoutProbability(onHandUnits: onHand))
          XCTAssertEqual(after.expectedUnitsShort, before.expectedUnitsShort(onHandUnits: onHand))
        }
      }
    }
  }
}
