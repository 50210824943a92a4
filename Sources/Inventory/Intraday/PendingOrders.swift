/// When a store/SKU's pending orders arrive, reconstructed from its end-of-day stock snapshots,
/// its daily sales and its lead time (the schedule `ReplenishmentPolicy` plans with).
///
/// Between two snapshots, `arrived = on_hand(t) − on_hand(t−1) + sold(t)` and
/// `placed = on_order(t) − on_order(t−1) + arrived` (both floored at 0). The units pending at the
/// last snapshot are the latest placements (deliveries come oldest order first); each is due
/// `leadTimeDays` after the day it was placed. Units due today arrive at today's opening;
/// overdue units, and pending units older than the snapshots read, are taken to arrive
/// tomorrow. Units are units of the SKU; days count from today.
public struct PendingOrders: Sendable, Equatable {
  /// One day's end-of-day snapshot and that day's units sold.
  public struct Day: Sendable, Equatable {
    public var onHand: Double
    public var onOrder: Double
    public var sold: Double
    public init(onHand: Double, onOrder: Double, sold: Double) {
      self.onHand = onHand
      self.onOrder = onOrder
      self.sold = sold
    }
  }

  /// Units pending at the last snapshot that arrive at today's opening.
  public var arrivingTodayUnits: Double
  /// Days from today to the next arrival after today, or `nil` when nothing stays pending.
  public var daysToNextArrival: Int?

  /// - Parameters:
  ///   - days: the days before today, oldest first, the last one yesterday (`nil`: no snapshot).
  ///   - leadTimeDays: days from an order to its arrival.
  public init(days: [Day?], leadTimeDays: Int) {
    self.init(days: days[...], leadTimeDays: leadTimeDays)
  }

  /// The same from a slice of the days (the last one yesterday).
  init(days: ArraySlice<Day?>, leadTimeDays: Int) {
    let count = days.count
    let first = days.startIndex
    var remaining = days.last.flatMap { $0 }?.onOrder ?? 0
    var arriving = 0.0
    var next: Int? = nil
    var index = count - 1
    while remaining > 0, index >= 1, let today = days[first + index],
      let before = days[first + index - 1]
    {
      let arrived = max(0, today.onHand - before.onHand + today.sold)
      let placed = max(0, today.onOrder - before.onOrder + arrived)
      let units = min(placed, remaining)
      if units > 0 {
        remaining -= units
        // Placed on day `index`, `count - index` days before today.
        let due = leadTimeDays - (count - index)
        if due == 0 {
          arriving += units
        } else {
          next = min(next ?? max(due, 1), max(due, 1))
        }
      }
      index -= 1
    }
    if remaining > 0 { next = 1 }
    arrivingTodayUnits = arriving
    daysToNextArrival = next
  }
}
