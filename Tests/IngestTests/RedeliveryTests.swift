import DemandCore
import History
import XCTest

@testable import Ingest

/// A re-delivered export (the same transaction lines under another file name, or overlapping an
/// earlier file) is caught by the lines' fingerprints and not counted twice.
final class RedeliveryTests: XCTestCase {
  static let header = "date,store_id,sku_id,quantity,unit_price,txn_id\n"
  /// T1 scans P001 twice (two sales), T2 buys P002; one store, one day.
  static let first =
    header + "2025-03-10,S001,P001,1,1.20,T1\n2025-03-10,S001,P001,1,1.20,T1\n"
    + "2025-03-10,S001,P002,2,2.50,T2\n"
  /// T2 again, and a new T3.
  static let overlapping =
    header + "2025-03-10,S001,P002,2,2.50,T2\n2025-03-10,S001,P003,1,3.00,T3\n"

  func testOverlappingFilesInOneCallAreCountedOnce() throws {
    for workers in [1, 2] {
      let f = try IngestFixture()
      try f.loadMasterData()
      let report = try f.run(
        [try f.write(Self.first, to: "in/a.csv"), try f.write(Self.overlapping, to: "in/b.csv")],
        workers: workers)
      let b = try report.file("b.csv")
      XCTAssertEqual(report.files.map(\.outcome), [.ingested, .ingested])
      XCTAssertEqual(
        [b.rowsRead, b.rowsValid, b.rowsQuarantined, b.rowsDuplicate, b.rowsStored],
        [2, 1, 0, 1, 1], "workers \(workers)")
      XCTAssertTrue(b.reconciles)
      XCTAssertEqual(report.totals?.rowsDuplicate, 1)
      XCTAssertEqual(try f.series("S001", "P002").map(\.unitsSold), [2])
      XCTAssertEqual(try f.series("S001", "P003").map(\.unitsSold), [1])
      XCTAssertEqual(try f.series("S001", "P001").map(\.lines), [2], "two scans are two sales")
      XCTAssertEqual(
        try f.quarantine("b.csv"),
        [
          [
            "2", "6", "txn_id",
            "duplicate of an earlier delivery (file a.csv); not counted again",
            "2025-03-10,S001,P002,2,2.50,T2",
          ]
        ])
      XCTAssertEqual(try f.database.ledger().last?.rowsDuplicate, 1)
      XCTAssertEqual(try f.database.deliveredLineTotals().lines, 4)
    }
  }

  /// Duplicates are not bad rows: a file that is all re-delivery is taken (storing nothing), even
  /// with no bad rows allowed, so the new lines of an overlapping file are never lost with it.
  func testDuplicatesDoNotCountAgainstTheRejectShare() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    try f.run([try f.write(Self.first, to: "in/a.csv")])
    let resent = Self.first.replacingOccurrences(of: "\n", with: "\r\n")
    let report = try f.run([try f.write(resent, to: "in/a_resent.csv")], maximumRejectShare: 0)
    let file = try report.file("a_resent.csv")
    XCTAssertEqual(file.outcome, .ingested)
    XCTAssertEqual([file.rowsRead, file.rowsDuplicate, file.rowsStored], [3, 3, 0])
    XCTAssertEqual(try f.series("S001", "P001").map(\.unitsSold), [2])
  }

  /// `--replace` supersedes a file: its own lines are not duplicates of the file it replaces.
  func testReplacingAFileIsNotARedelivery() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    try f.run([try f.write(Self.first, to: "in/a.csv")])
    let corrected = Self.first.replacingOccurrences(of: "P002,2,", with: "P002,5,")
    let report = try f.run([try f.write(corrected, to: "in/a.csv")], replace: true)
    let file = try report.file("a.csv")
    XCTAssertEqual(file.outcome, .ingested)
    XCTAssertEqual([file.rowsDuplicate, file.rowsStored], [0, 3])
    XCTAssertEqual(try f.series("S001", "P002").map(\.unitsSold), [5])
    XCTAssertEqual(try f.database.deliveredLineTotals().lines, 3, "the old file's lines are gone")
  }

  /// A refused file stores no fingerprints, so its lines delivered again later are counted.
  func testARefusedFileLeavesNoFingerprints() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let withBadRow = Self.first + "2025-03-10,S001,P999,1,1.00,T9\n"
    XCTAssertEqual(
      try f.run([try f.write(withBadRow, to: "in/a.csv")]).files.map(\.outcome), [.refused])
    XCTAssertEqual(try f.database.deliveredLineTotals().lines, 0)
    let report = try f.run([try f.write(Self.first, to: "in/a_fixed.csv")])
    XCTAssertEqual(try report.file("a_fixed.csv").rowsStored, 3)
  }

  /// Without a transaction id, lines cannot be told apart from new sales: no fingerprints are
  /// kept and a re-delivery with other bytes is counted again (only identical bytes are caught,
  /// by the ledger). docs/reliability.md says so.
  func testLinesWithoutTransactionIDsAreNotFingerprinted() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let noIDs = "date,store_id,sku_id,quantity\n2025-03-10,S001,P001,1\n"
    try f.run([try f.write(noIDs, to: "in/a.csv")])
    try f.run([try f.write(noIDs + "\n", to: "in/b.csv")])
    XCTAssertEqual(try f.database.deliveredLineTotals().lines, 0)
    XCTAssertEqual(try f.series("S001", "P001").map(\.unitsSold), [2])
  }

  /// Fingerprints are stored, so their values must never change between versions. Reference
  /// values from an independent Python transcription of `DeliveryFingerprint.line`:
  ///
  /// ```python
  /// M = (1 << 64) - 1
  /// def mix(z):
  ///     z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
  ///     z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
  ///     return z ^ (z >> 31)
  /// def line(store, day, sku, txn):
  ///     h = mix(0x5348454C46434153 ^ (((store & 0xffffffff) << 32) | (day & 0xffffffff)))
  ///     h = mix(h ^ ((sku & 0xffffffff) | (len(txn) << 32)))
  ///     for i in range(0, len(txn), 8):
  ///         h = mix(h ^ int.from_bytes(txn[i:i + 8], "little"))
  ///     return h
  /// # day 20167 = 2025-03-20
  /// ```
  func testFingerprintsMatchTheReference() {
    let day = Day(year: 2025, month: 3, day: 20)!
    XCTAssertEqual(day.daysSinceEpoch, 20167)
    func line(_ store: Int32, _ day: Day, _ sku: Int32, _ txn: String) -> UInt64 {
      var copy = txn
      return copy.withUTF8 {
        DeliveryFingerprint.line(storeKey: store, day: day, skuKey: sku, transaction: $0)
      }
    }
    XCTAssertEqual(line(1, day, 2, "R-1"), 0xbe73_14e4_39ba_c69d)
    XCTAssertEqual(line(1, day, 2, "S001-20261018-000001"), 0xafb0_88b6_4dad_c1ae)
    XCTAssertEqual(line(1, day, 2, ""), 0xd3a8_18c3_849f_6699)
    XCTAssertEqual(line(-3, Day(daysSinceEpoch: -1), 7, "12345678"), 0xca64_d564_1304_ed63)
  }

  /// Repeats are counted: two earlier copies of a line cover two of three lines now, and each is
  /// put down to the file that delivered it, oldest first.
  func testDuplicateFilterCountsRepeats() {
    let day = Day(year: 2025, month: 3, day: 20)!
    var filter = DuplicateFilter(earlier: [
      EarlierDelivery(
        fileID: 1, fileName: "a.csv", storeKey: 1, day: day, fingerprints: [7, 7, 8]),
      EarlierDelivery(fileID: 2, fileName: "b.csv", storeKey: 1, day: day, fingerprints: [7, 9]),
    ])
    XCTAssertTrue(filter.matchesAny([1, 9]))
    XCTAssertFalse(filter.matchesAny([1, 2]))
    XCTAssertEqual(
      [7, 7, 7, 7, 9, 9, 8, 5].map { filter.claim($0) },
      ["a.csv", "a.csv", "b.csv", nil, "b.csv", nil, "a.csv", nil])
    XCTAssertTrue(filter.isEmpty)

    var chained = DuplicateFilter(earlier: [
      EarlierDelivery(fileID: 1, fileName: "a.csv", storeKey: 1, day: day, fingerprints: [7]),
      EarlierDelivery(fileID: 2, fileName: "b.csv", storeKey: 1, day: day, fingerprints: [7]),
      EarlierDelivery(fileID: 3, fileName: "c.csv", storeKey: 1, day: day, fingerprints: [7, 7]),
    ])
    XCTAssertEqual(
      (0..<5).map { _ in chained.claim(7) }, ["a.csv", "b.csv", "c.csv", "c.csv", nil])
  }
}

/// A daily-demand row gives a store/SKU/day's whole total: a later file's row for a cell an
/// earlier file stored is a re-delivery (a month exported again under another name), set aside
/// rather than added, and so is a transaction line for a cell a daily-demand file gave.
final class DailyDemandRedeliveryTests: XCTestCase {
  static let header = "store_id,sku_id,date,units\n"

  /// b.csv repeats a.csv's 2025-03-10 row (with another value) and brings 2025-03-11: the repeat
  /// is set aside naming a.csv, the new day is stored, and the 10th keeps a.csv's 5 units.
  func testARepeatedCellIsSetAsideAndANewOneKept() throws {
    for workers in [1, 2] {
      let f = try IngestFixture()
      try f.loadMasterData()
      let report = try f.run(
        [
          try f.write(Self.header + "S001,P001,2025-03-10,5\n", to: "in/a.csv"),
          try f.write(
            Self.header + "S001,P001,2025-03-10,6\nS001,P001,2025-03-11,4\n", to: "in/b.csv"),
        ], workers: workers)
      let b = try report.file("b.csv")
      XCTAssertEqual(report.files.map(\.outcome), [.ingested, .ingested])
      XCTAssertEqual(
        [b.rowsRead, b.rowsValid, b.rowsQuarantined, b.rowsDuplicate, b.rowsStored],
        [2, 1, 0, 1, 1], "workers \(workers)")
      XCTAssertTrue(b.reconciles)
      XCTAssertEqual(try f.series("S001", "P001").map(\.unitsSold), [5, 4])
      XCTAssertEqual(
        try f.quarantine("b.csv"),
        [
          [
            "2", "", "", "duplicate of an earlier delivery (file a.csv); not counted again",
            "S001,P001,2025-03-10,6",
          ]
        ])
    }
  }

  /// The same month sent again under a new name stores nothing (and is no bad row: the file is
  /// taken with no bad rows allowed); another SKU of the same store and day is new.
  func testAMonthSentAgainStoresNothing() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let month = Self.header + "S001,P001,2025-03-10,5\nS001,P001,2025-03-11,4\n"
    try f.run([try f.write(month, to: "in/demand_2025-03.csv")])
    let report = try f.run(
      [try f.write(month + "S001,P002,2025-03-10,2\n", to: "in/demand_2025-03_resend.csv")],
      maximumRejectShare: 0)
    let file = try report.file("demand_2025-03_resend.csv")
    XCTAssertEqual(file.outcome, .ingested)
    XCTAssertEqual([file.rowsRead, file.rowsDuplicate, file.rowsStored], [3, 2, 1])
    XCTAssertEqual(try f.series("S001", "P001").map(\.unitsSold), [5, 4])
    // Through the store's last day with sales, the 11th.
    XCTAssertEqual(try f.series("S001", "P002").map(\.unitsSold), [2, 0])
  }

  /// Transactions for a cell a daily-demand file gave are set aside; for another SKU of that
  /// day, or after the daily file was replaced by one without the cell, they count.
  func testTransactionsAfterADailyTotalAreSetAside() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    try f.run([try f.write(Self.header + "S001,P001,2025-03-10,5\n", to: "in/daily.csv")])
    let lines =
      RedeliveryTests.header + "2025-03-10,S001,P001,3,1.20,T1\n2025-03-10,S001,P002,2,2.50,T2\n"
    let report = try f.run([try f.write(lines, to: "in/tx.csv")])
    let tx = try report.file("tx.csv")
    XCTAssertEqual([tx.rowsRead, tx.rowsDuplicate, tx.rowsStored], [2, 1, 1])
    XCTAssertEqual(try f.series("S001", "P001").map(\.unitsSold), [5])
    XCTAssertEqual(try f.series("S001", "P002").map(\.unitsSold), [2])
    // A replacement of the daily file is not a re-delivery of itself.
    let replaced = try f.run(
      [try f.write(Self.header + "S001,P001,2025-03-10,7\n", to: "in/daily.csv")], replace: true)
    XCTAssertEqual(try replaced.file("daily.csv").rowsDuplicate, 0)
    XCTAssertEqual(try f.series("S001", "P001").map(\.unitsSold), [7])
  }
}
