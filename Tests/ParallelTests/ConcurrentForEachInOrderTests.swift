import Foundation
import XCTest
import _Parallel

/// Items made on all cores reach the consumer in index order, at most `window` ahead of it,
/// and the first failure in index order stops the run.
final class ConcurrentForEachInOrderTests: XCTestCase {
  private struct Failure: Error, Equatable { let index: Int }

  func testItemsArriveInIndexOrderWhateverTheirCost() throws {
    for count in [0, 1, 2, 10, 100] {
      var seen: [Int] = []
      try concurrentForEachInOrder(count, window: 3) { index in
        // Early items take longest, so later ones finish first.
        if index < 3 { Thread.sleep(forTimeInterval: 0.002 * Double(3 - index)) }
        return index * index
      } consume: { index, value in
        XCTAssertEqual(value, index * index)
        seen.append(index)
      }
      XCTAssertEqual(seen, Array(0..<count), "count \(count)")
    }
  }

  func testNoMoreThanTheWindowIsProducedAhead() throws {
    let produced = Counter()
    var consumed = 0
    try concurrentForEachInOrder(50, window: 2) { index in
      produced.increment()
      return index
    } consume: { _, _ in
      consumed += 1
      // Items 0 ..< consumed + window may exist: the one just taken, then `window` more.
      XCTAssertLessThanOrEqual(produced.value, consumed + 2)
    }
    XCTAssertEqual(produced.value, 50)
  }

  func testTheFirstFailureInIndexOrderIsThrown() {
    var consumed: [Int] = []
    XCTAssertThrowsError(
      try concurrentForEachInOrder(40, window: 4) { index in
        if index == 7 || index == 9 { throw Failure(index: index) }
        return index
      } consume: { index, _ in
        consumed.append(index)
      }
    ) { error in
      XCTAssertEqual(error as? Failure, Failure(index: 7))
    }
    XCTAssertEqual(consumed, Array(0..<7))
  }

  func testAConsumerFailureStopsTheProducers() {
    let produced = Counter()
    XCTAssertThrowsError(
      try concurrentForEachInOrder(1000, window: 2) { index in
        produced.increment()
        return index
      } consume: { index, _ in
        if index == 3 { throw Failure(index: index) }
      }
    ) { error in
      XCTAssertEqual(error as? Failure, Failure(index: 3))
    }
    XCTAssertLessThan(produced.value, 1000, "items after the failure were not all made")
  }

  func testConcurrentMapKeepsIndexOrder() throws {
    XCTAssertEqual(try concurrentMap(100) { $0 * 2 }, (0..<100).map { $0 * 2 })
    XCTAssertThrowsError(
      try concurrentMap(10) { index -> Int in
        if index >= 4 { throw Failure(index: index) }
        return index
      }
    ) { error in
      XCTAssertEqual(error as? Failure, Failure(index: 4))
    }
  }
}

/// A count shared by producer threads.
private final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0

  func increment() {
    lock.lock()
    count += 1
    lock.unlock()
  }

  var value: Int {
    lock.lock()
    defer { lock.unlock() }
    return count
  }
}
