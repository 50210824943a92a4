/// When a store/SKU's pending orders arrive, inferred from its end-of-day stock snapshots and
/// its lead time: an order shows as a rise of `on_order` in the snapshot of the day it was
/// placed, and arrives at the opening of that day plus the lead time (the schedule
/// `ReplenishmentPolicy` plans with).
///
/// The rise of one day is taken as that day's order (a delivery and an order on the same day
/// net out: the order is then under-counted). Units are units of the SKU; days count from today.
public struct PendingOrders: Sendable, Equatable {
  /// Units pending at the last snapshot that arrive at today's opening (due today or overdue).
  public var arrivingTodayUnits: Double
  /// Days from today to the next arrival after today, 1 when units stay pending whose order was
  /// not seen (before the snapshots), or `nil` when nothing stays pending.
  public var daysToNextArrival: Int?

  /// - Parameters:
  ///   - onOrderByDay: `on_order` of the end-of-day snapshots of the days before today, oldest
  ///     first, the last one yesterday's (`nil`: no snapshot that day).
  ///   - leadTimeDays: days from an order to its arrival.
  public init(onOrderByDay: [Double?], leadTimeDays: Int) {
    let count = onOrderByDay.count
    let pending = onOrderByDay.last.flatMap { $0 } ?? 0
    var arriving = 0.0
    var next: Int? = nil
    var seen = 0.0
    if count >= 2 {
      for index in 1..<count {
        guard let before = onOrderByDay[index - 1], let after = onOrderByDay[index],
          after > before
        else { continue }
        // Placed `count - index` days before today; arrives `leadTimeDays` later.
        let daysFromToday = leadTimeDays - (count - index)
        let units = after - before
        seen += units
        if daysFromToday <= 0 {
          arriving += units
        } else {
          next = min(next ?? daysFromToday, daysFromToday)
        }
      }
    }
    arrivingTodayUnits = min(arriving, pending)
    let stillPending = pending - arrivingTodayUnits
    if stillPending > 0, next == nil || stillPending > seen - arriving {
      // Units pending from an order before the snapshots: taken to arrive tomorrow.
      next = 1
    }
    daysToNextArrival = stillPending > 0 ? next : nil
  }
}
