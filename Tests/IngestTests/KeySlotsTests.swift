import DemandCore
import XCTest
import _TestSupport

@testable import Ingest

/// The packed store/day/SKU keys and the open-addressing table that aggregates by them.
final class KeySlotsTests: XCTestCase {
  let first = Day(year: 1900, month: 1, day: 1)!
  let last = Day(year: 2199, month: 12, day: 31)!

  func testPackAndUnpackAtTheCorners() {
    for store in [0, 1, KeySlots.maximumStores - 1] {
      for day in [first, Day(year: 2025, month: 3, day: 1)!, last] {
        for sku in [0, 77, KeySlots.maximumSKUs - 1] {
          let unpacked = KeySlots.unpack(KeySlots.pack(store: store, day: day, sku: sku))
          XCTAssertEqual(unpacked.store, store)
          XCTAssertEqual(unpacked.day, day)
          XCTAssertEqual(unpacked.sku, sku)
        }
      }
    }
  }

  func testKeyOrderIsStoreThenDayThenSKU() {
    var random = SplitMix64(seed: 7)
    var triples: [(store: Int, day: Int, sku: Int)] = []
    for _ in 0..<2_000 {
      triples.append(
        (random.below(50), random.below(first.days(to: last) + 1), random.below(5_000)))
    }
    let byKey = triples.sorted {
      KeySlots.pack(store: $0.store, day: first.adding(days: $0.day), sku: $0.sku)
        < KeySlots.pack(store: $1.store, day: first.adding(days: $1.day), sku: $1.sku)
    }
    let byTuple = triples.sorted { ($0.store, $0.day, $0.sku) < ($1.store, $1.day, $1.sku) }
    XCTAssertTrue(zip(byKey, byTuple).allSatisfy { $0 == $1 })
  }

  func testEntriesSurviveGrowth() {
    var slots = KeySlots(expectedEntries: 1)
    var random = SplitMix64(seed: 99)
    var keys: [UInt64] = []
    var seen = Set<UInt64>()
    while keys.count < 20_000 {
      let key = KeySlots.pack(
        store: random.below(300), day: first.adding(days: random.below(1_000)),
        sku: random.below(100))
      if seen.insert(key).inserted { keys.append(key) }
    }
    for (i, key) in keys.enumerated() {
      let (index, isNew) = slots.entry(for: key)
      XCTAssertTrue(isNew)
      XCTAssertEqual(index, i)
    }
    XCTAssertEqual(slots.count, keys.count)
    for (i, key) in keys.enumerated() {
      let (index, isNew) = slots.entry(for: key)
      if isNew || index != i { return XCTFail("key \(i) lost after growth") }
    }
    // Visiting cells store by store and day by day, SKUs ascending, yields every key in order.
    var visited: [UInt64] = []
    var cells = 0
    slots.forEachStoreDay { store, day, members in
      cells += 1
      for (entry, sku) in members {
        XCTAssertEqual(slots.keys[entry], KeySlots.pack(store: store, day: day, sku: sku))
        visited.append(slots.keys[entry])
      }
    }
    XCTAssertEqual(visited, keys.sorted())
    XCTAssertEqual(cells, Set(keys.map { $0 >> 27 }).count)
  }
}
