import DemandCore
import Foundation

/// Values read on demand for a few days other than the one served (older nights asked for by
/// `?night=`, other days' intraday runs asked for by `?date=`), at most `capacity` of them: when
/// a new day comes in and the cache is full, the oldest day goes. Safe from any thread.
final class DayCache<Value: Sendable>: @unchecked Sendable {
  /// The most days kept.
  let capacity: Int
  private let lock = NSLock()
  private var values: [Day: Value] = [:]

  init(capacity: Int) {
    precondition(capacity >= 1, "a cache keeps at least one day")
    self.capacity = capacity
  }

  /// The value kept for `day`, if any.
  subscript(day: Day) -> Value? {
    lock.lock()
    defer { lock.unlock() }
    return values[day]
  }

  /// Keeps `value` for `day`, replacing the day's earlier value; a new day makes room by
  /// dropping the oldest day when the cache is full.
  func keep(_ value: Value, for day: Day) {
    lock.lock()
    defer { lock.unlock() }
    if values[day] == nil, values.count >= capacity, let oldest = values.keys.min() {
      values[oldest] = nil
    }
    values[day] = value
  }
}
