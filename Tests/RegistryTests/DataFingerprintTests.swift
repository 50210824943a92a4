import DemandCore
import Features
import Forecasting
import Foundation
import Registry
import XCTest

/// The demand fingerprint against hashlib (Fixtures/reference.py), and what changes it.
final class DataFingerprintTests: XCTestCase {
  struct Reference: Decodable {
    struct Fingerprint: Decodable {
      struct Store: Decodable {
        var store: String
        var skus: [String]
        var values: [[Double]]
        var censored: [[Int]]
      }
      var stores: [Store]
      var start: String
      var days: Int
      var sha256: String
    }
    var fingerprint: Fingerprint
  }

  /// Stores held in memory, read over any window inside their panel.
  struct PanelSource: StoreHistorySource {
    var panels: [StoreID: SeriesPanel]
    var stores: [StoreID]
    var calendar: CalendarContext { CalendarContext(holidays: []) }

    func history(of store: StoreID, from start: Day, through end: Day) throws -> StoreHistory {
      let panel = panels[store]!
      return StoreHistory(
        store: store, panel: panel,
        covariates: panel.keys.map { SeriesCovariates(key: $0, category: "dairy") })
    }
  }

  private func referenceSource() throws -> (PanelSource, Reference.Fingerprint) {
    let url = try XCTUnwrap(
      Bundle.module.url(forResource: "reference", withExtension: "json", subdirectory: "Fixtures"))
    let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
      .fingerprint
    var panels: [StoreID: SeriesPanel] = [:]
    let start = try XCTUnwrap(Day(iso: reference.start))
    for store in reference.stores {
      let id = StoreID(store.store)
      var panel = SeriesPanel(
        keys: store.skus.map { SeriesKey(store: id, sku: SKUID($0)) }, start: start,
        dayCount: reference.days)
      panel.values = store.values.flatMap { $0 }
      panel.censored = store.censored.flatMap { $0 }.map { $0 == 1 }
      panels[id] = panel
    }
    return (
      PanelSource(panels: panels, stores: reference.stores.map { StoreID($0.store) }), reference
    )
  }

  private func fingerprint(_ source: PanelSource, readOrder: [String]) throws -> DataFingerprint {
    let fingerprinting = FingerprintingSource(source)
    let day = Day(iso: "2026-03-01")!
    for store in readOrder {
      _ = try fingerprinting.history(of: StoreID(store), from: day, through: day.adding(days: 2))
    }
    return try XCTUnwrap(fingerprinting.fingerprint())
  }

  func testMatchesTheIndependentReferenceWhateverTheReadOrder() throws {
    let (source, reference) = try referenceSource()
    // S2 read first, S1 twice (the training reads a store for the regression and again per
    // series): the fingerprint follows the source's store order and the first read.
    let fingerprint = try fingerprint(source, readOrder: ["S2", "S1", "S1"])
    XCTAssertEqual(fingerprint.sha256, reference.sha256)
    XCTAssertEqual(fingerprint.firstDay, Day(iso: "2026-03-01"))
    XCTAssertEqual(fingerprint.lastDay, Day(iso: "2026-03-03"))
    XCTAssertEqual(fingerprint.stores, 2)
    XCTAssertEqual(fingerprint.series, 3)
  }

  func testOneValueOrOneStockOutChangesIt() throws {
    let (source, reference) = try referenceSource()
    var changedValue = source
    changedValue.panels[StoreID("S2")]?.values[1] += 1
    var changedFlag = source
    changedFlag.panels[StoreID("S1")]?.censored[0] = true
    let fingerprints = try [changedValue, changedFlag].map {
      try fingerprint($0, readOrder: ["S1", "S2"]).sha256
    }
    XCTAssertFalse(fingerprints.contains(reference.sha256))
    XCTAssertNotEqual(fingerprints[0], fingerprints[1])
  }

  func testNothingReadIsNoFingerprint() throws {
    let (source, _) = try referenceSource()
    XCTAssertNil(FingerprintingSource(source).fingerprint())
  }
}
