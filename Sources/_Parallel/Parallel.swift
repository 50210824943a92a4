import Dispatch
import Foundation

/// Runs `body` for `0..<count` on all cores and returns the results in index order; the first
/// error in index order is thrown. The outcome does not depend on scheduling.
///
/// Every result is held until all are done: for large per-item results use
/// ``concurrentForEachInOrder(_:window:produce:consume:)``, which bounds them.
public func concurrentMap<T>(
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

/// Produces items `0..<count` on all cores and hands them to `consume` on the calling thread,
/// in index order, as they become ready.
///
/// At most `window` produced items wait for the consumer, so memory stays bounded whatever the
/// count, and `consume` (which may mutate the caller's state) runs on one thread while the
/// next items are produced. The first error, in index order, of `produce` or of `consume`
/// stops the run: items not yet started are skipped and the error is rethrown once every
/// producer has returned.
///
/// - Parameters:
///   - window: items produced ahead of the consumer (at least 1).
public func concurrentForEachInOrder<T: Sendable>(
  _ count: Int, window: Int, produce: @escaping @Sendable (Int) throws -> T,
  consume: (Int, T) throws -> Void
) throws {
  guard count > 0 else { return }
  let handoff = OrderedHandoff<Result<T, any Error>>(count: count, window: window)
  let producersDone = DispatchSemaphore(value: 0)
  // The producers run off this thread (concurrentPerform would make it one of them), so that
  // the consumer can take items as they come.
  DispatchQueue.global().async {
    DispatchQueue.concurrentPerform(iterations: count) { index in
      guard handoff.waitForRoom(index) else { return }
      handoff.put(index, Result { try produce(index) })
    }
    producersDone.signal()
  }
  defer { producersDone.wait() }
  do {
    for index in 0..<count { try consume(index, try handoff.take(index).get()) }
  } catch {
    handoff.cancel()
    throw error
  }
}

/// A fixed number of result slots written from concurrent iterations, each slot by exactly one
/// iteration (so no two threads touch the same element), read after all have finished.
public final class ConcurrentSlots<Element>: @unchecked Sendable {
  private var storage: [Element?]
  private let lock = NSLock()

  public init(count: Int) { storage = [Element?](repeating: nil, count: count) }

  public func set(_ index: Int, _ value: Element) {
    lock.lock()
    storage[index] = value
    lock.unlock()
  }

  public var values: [Element?] {
    lock.lock()
    defer { lock.unlock() }
    return storage
  }
}

/// Hands items from parallel producers to one consumer in index order, with at most `window`
/// items produced ahead of the consumer.
///
/// Producers must claim indices in increasing order (as `concurrentPerform` does), so the item
/// the consumer waits for is always being produced and no one waits forever.
public final class OrderedHandoff<Item: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var slots: [Item?]
  private var taken = 0
  private var cancelled = false
  private let window: Int

  public init(count: Int, window: Int) {
    slots = Array(repeating: nil, count: count)
    self.window = max(1, window)
  }

  /// Blocks until item `index` is within the window of the consumer's position.
  /// - Returns: `false` when the consumer gave up (`cancel()`): the item is not wanted.
  @discardableResult
  public func waitForRoom(_ index: Int) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while index >= taken + window && !cancelled { condition.wait() }
    return !cancelled
  }

  public func put(_ index: Int, _ item: Item) {
    condition.lock()
    slots[index] = item
    condition.broadcast()
    condition.unlock()
  }

  /// Blocks until item `index` has been put, then removes and returns it.
  public func take(_ index: Int) -> Item {
    condition.lock()
    defer { condition.unlock() }
    while slots[index] == nil { condition.wait() }
    guard let item = slots[index] else { preconditionFailure("item \(index) vanished") }
    slots[index] = nil
    taken = index + 1
    condition.broadcast()
    return item
  }

  /// Releases every waiting producer; items not yet produced will not be.
  public func cancel() {
    condition.lock()
    cancelled = true
    slots = slots.map { _ in nil }
    condition.broadcast()
    condition.unlock()
  }
}
