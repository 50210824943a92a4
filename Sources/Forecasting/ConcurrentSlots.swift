import Foundation

/// A fixed number of result slots written from concurrent iterations, each slot by exactly one
/// iteration (so no two threads touch the same element), read after all have finished.
final class ConcurrentSlots<Element>: @unchecked Sendable {
  private var storage: [Element?]
  private let lock = NSLock()

  init(count: Int) { storage = [Element?](repeating: nil, count: count) }

  func set(_ index: Int, _ value: Element) {
    lock.lock()
    storage[index] = value
    lock.unlock()
  }

  var values: [Element?] { storage }
}

/// Runs `body` for `0..<count` on all cores, collecting values or the first error in index
/// order (the run is deterministic whatever the scheduling).
func concurrentMap<T>(
  _ count: Int, _ body: @Sendable (Int) throws -> T
) throws -> [T] {
  let slots = ConcurrentSlots<Result<T, any Error>>(count: count)
  DispatchQueue.concurrentPerform(iterations: count) { index in
    slots.set(index, Result { try body(index) })
  }
  return try slots.values.map { slot in
    guard let slot else { preconditionFailure("every iteration stores a result") }
    return try slot.get()
  }
}
