import Synchronization

/// A process-wide cache for values that are pure functions of their keys (a smoother's weights,
/// a decomposition's noise factors), so what it holds never changes a result. At most
/// `capacity` entries are kept; a full cache is emptied, not pruned (the keys a run uses are
/// few and repeat, so this is rare and cheap).
final class ProcessCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
  let capacity: Int
  private let entries = Mutex<[Key: Value]>([:])

  init(capacity: Int) {
    precondition(capacity >= 1, "room for one entry at least")
    self.capacity = capacity
  }

  /// The value of `key`, made by `make` (outside the lock) when not kept. Two threads asking
  /// for the same new key at once may both make it; they make the same value.
  func value(for key: Key, making make: () -> Value) -> Value {
    if let kept = entries.withLock({ $0[key] }) { return kept }
    let made = make()
    entries.withLock { cache in
      if cache.count >= capacity { cache.removeAll() }
      cache[key] = made
    }
    return made
  }
}
