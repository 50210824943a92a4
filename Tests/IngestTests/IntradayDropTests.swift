import DemandCore
import History
import XCTest

@testable import Ingest

/// Intraday drops: counted once against each other and the nightly file, kept apart from the
/// daily history, and reconciled by the nightly file so that the history is the same as without
/// them; and the time of day in transaction files.
final class IntradayDropTests: XCTestCase {
  static let header = "date,store_id,sku_id,quantity,unit_price,txn_id,time\n"
  /// The whole day 2025-03-10 (a Monday) of S001: T1 scans P001 twice, T2 buys two P002,
  /// T3 one P003 and a return of P001, T4 three P001.
  static let lines = [
    "2025-03-10,S001,P001,1,1.20,T1,08:15:00",
    "2025-03-10,S001,P001,1,1.20,T1,08:15:00",
    "2025-03-10,S001,P002,2,2.50,T2,09:40",
    "2025-03-10,S001,P003,1,3.00,T3,12:05:30",
    "2025-03-10,S001,P001,-1,1.20,T3,12:05:30",
    "2025-03-10,S001,P001,3,1.20,T4,18:59:59",
  ]
  static var fullDay: String { header + lines.joined(separator: "\n") + "\n" }
  /// Lines up to 10:00, and a cumulative export up to 13:00 (repeating the first).
  static var morning: String { header + lines[0..<3].joined(separator: "\n") + "\n" }
  static var noon: String { header + lines[0..<5].joined(separator: "\n") + "\n" }

  private func drops(_ f: IngestFixture, _ paths: [String]) throws -> [IntradayIngest.DropReport] {
    try IntradayIngest(database: f.database, options: f.options()).run(
      paths: paths.map { f.directory.path($0) })
  }

  private func everyBlock(_ f: IngestFixture) throws -> [DemandBlock] {
    let master = try f.database.masterIndex()
    return try master.stores.map(\.key).sorted().flatMap {
      try f.database.demandBlocks(
        storeKey: $0, from: Day(year: 2025, month: 1, day: 1)!, through: f.asOf)
    }
  }

  func testDropsAreCountedOnceAndTheNightlyFileLeavesTheHistoryAsWithoutThem() throws {
    let day = Day(year: 2025, month: 3, day: 10)!
    let withDrops = try IngestFixture()
    try withDrops.loadMasterData()
    let reports = try drops(
      withDrops,
      [
        try withDrops.write(Self.morning, to: "drops/0955.csv"),
        try withDrops.write(Self.noon, to: "drops/1300.csv"),
        try withDrops.write(Self.noon, to: "drops/1300-again.csv"),
      ])
    // The third is the second's bytes: skipped, reported with the second's figures.
    XCTAssertEqual(reports.map(\.rowsCounted), [3, 2, 2])
    XCTAssertEqual(reports.map(\.rowsDuplicate), [0, 3, 3])
    XCTAssertEqual(reports.map(\.stored), [true, true, false], "the same bytes are skipped whole")
    // By hand: P001 sold 1 + 1, returned 1; P002 sold 2; P003 sold 1.
    let master = try withDrops.database.masterIndex()
    let key = Dictionary(uniqueKeysWithValues: master.skus.map { ($0.record.id.rawValue, $0.key) })
    let sales = try withDrops.database.intradaySales(day: day)
    XCTAssertEqual(sales.map(\.skuKey), [key["P001"], key["P002"], key["P003"]].compactMap { $0 })
    XCTAssertEqual(sales.map(\.unitsSold), [2, 2, 1])
    XCTAssertEqual(sales.map(\.unitsReturned), [1, 0, 0])
    XCTAssertEqual(try withDrops.series("S001", "P001"), [], "drops stay out of the history")

    try withDrops.run([try withDrops.write(Self.fullDay, to: "inbox/transactions.csv")])
    XCTAssertEqual(try withDrops.database.intradaySales(day: day), [], "reconciled")

    let without = try IngestFixture()
    try without.loadMasterData()
    try without.run([try without.write(Self.fullDay, to: "inbox/transactions.csv")])
    let reference = try everyBlock(without)
    XCTAssertFalse(reference.isEmpty)
    XCTAssertEqual(try everyBlock(withDrops), reference)
    XCTAssertEqual(
      try everyBlock(withDrops).map { $0.encodedForStorage().payload },
      reference.map { $0.encodedForStorage().payload }, "byte for byte")
    // P001: 1 + 1 + 3 sold, 1 returned, as without the drops.
    XCTAssertEqual(try withDrops.series("S001", "P001").map(\.unitsSold), [5])

    // A late drop of lines the nightly file delivered counts nothing.
    let late = try drops(withDrops, [try withDrops.write(Self.fullDay, to: "drops/late.csv")])
    XCTAssertEqual(late.map(\.rowsCounted), [0])
    XCTAssertEqual(late.map(\.rowsDuplicate), [6])
  }

  func testADropWithoutTransactionIdsIsRefused() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let report = try drops(
      f,
      [
        try f.write(
          "date,store_id,sku_id,quantity\n2025-03-10,S001,P001,1\n", to: "drops/no-ids.csv")
      ])
    XCTAssertEqual(report.map(\.stored), [false])
    XCTAssertEqual(report.map(\.refused), [true])
    XCTAssertTrue(report.first?.message?.contains("txn_id") == true)
  }

  /// A drop run at 10:00 whose export reaches 12:05 counts the lines up to the cut-off's
  /// minute and quarantines the later ones, naming their time: they were not sold by 10:00.
  func testLinesTimedAfterTheCutOffAreNotCounted() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    var options = f.options()
    options.asOf = Day(year: 2025, month: 3, day: 10)!
    options.cutoffSecondOfDay = 10 * 3600
    let lateInMinute = "2025-03-10,S001,P002,1,2.50,T9,10:00:59"
    let path = try f.write(Self.noon + lateInMinute + "\n", to: "drops/1000.csv")
    let report = try IntradayIngest(database: f.database, options: options).run(
      paths: [f.directory.path(path)])
    XCTAssertEqual(report.map(\.rowsCounted), [4])
    XCTAssertEqual(report.map(\.rowsQuarantined), [2])
    XCTAssertEqual(
      report.first?.errors.map(\.reasonText),
      [
        "time 12:05 is after the drop's cut-off 10:00 (--at); not counted as sold by then",
        "time 12:05 is after the drop's cut-off 10:00 (--at); not counted as sold by then",
      ])
    XCTAssertEqual(report.first?.errors.map(\.line), [5, 6])
  }

  /// A drop none of whose lines could be counted (each dated after the as-of day, as when the
  /// drop is run with the wrong --date) is refused and not stored: the same bytes given again
  /// on the right day are taken, not skipped as taken before.
  func testADropWithNoLineCountedCanBeGivenAgain() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let path = try f.write(Self.morning, to: "drops/0945.csv")
    var early = f.options()
    early.asOf = Day(year: 2025, month: 3, day: 9)!
    let refused = try IntradayIngest(database: f.database, options: early).run(
      paths: [f.directory.path(path)])
    XCTAssertEqual(refused.map(\.refused), [true])
    XCTAssertEqual(refused.map(\.stored), [false])
    XCTAssertEqual(refused.map(\.rowsQuarantined), [3])
    XCTAssertTrue(refused.first?.message?.contains("none of its 3 lines") == true)
    let taken = try drops(f, [path])
    XCTAssertEqual(taken.map(\.stored), [true])
    XCTAssertEqual(taken.map(\.rowsCounted), [3])
    XCTAssertEqual(taken.map(\.refused), [false])
  }

  /// Units by hour and category, from the time column and from `YYYY-MM-DDTHH:MM` dates alike.
  func testTimesAreSummedByHourAndCategory() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let stamped =
      "date,store_id,sku_id,quantity,unit_price,txn_id\n"
      + "2025-03-17T08:59,S001,P001,4,1.20,U1\n2025-03-17T09:00:01,S001,P003,1,3.00,U2\n"
    try f.run([
      try f.write(Self.fullDay, to: "inbox/a.csv"), try f.write(stamped, to: "inbox/b.csv"),
    ])
    let master = try f.database.masterIndex()
    let store = try XCTUnwrap(master.stores.first { $0.record.id.rawValue == "S001" }?.key)
    let units = try f.database.hourlyUnits(
      storeKey: store, weekdayIndex: 0, from: Day(year: 2025, month: 3, day: 1)!, through: f.asOf)
    var dairy = [Double](repeating: 0, count: 24)
    dairy[8] = 2 + 4  // P001 at 08:15 (two lines) and 08:59 (the 17th, also a Monday)
    dairy[9] = 1  // P003 at 09:00:01
    dairy[12] = 1  // P003 at 12:05; the return is not a sale
    dairy[18] = 3
    var bakery = [Double](repeating: 0, count: 24)
    bakery[9] = 2
    XCTAssertEqual(units, ["dairy": dairy, "bakery": bakery])
    // Times change nothing in the day's demand.
    XCTAssertEqual(try f.series("S001", "P001").map(\.unitsSold).filter { $0 > 0 }, [5, 4])
  }

  func testMalformedTimesNameTheFileLineAndColumn() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let bad =
      Self.header + "2025-03-10,S001,P001,1,1.20,V1,08:15\n"
      + "2025-03-10,S001,P001,1,1.20,V2,8:15\n"
      + "2025-03-10,S001,P001,1,1.20,V3,24:00\n"
    let stamped =
      "date,store_id,sku_id,quantity,unit_price,txn_id\n" + "2025-03-10T12:61,S001,P001,1,1.20,W1\n"
    try f.run(
      [try f.write(bad, to: "inbox/bad.csv"), try f.write(stamped, to: "inbox/stamped.csv")],
      maximumRejectShare: 1)
    let badRows = try f.quarantine("bad.csv")
    XCTAssertEqual(badRows.map { Array($0.prefix(3)) }, [["3", "7", "time"], ["4", "7", "time"]])
    XCTAssertEqual(
      badRows.first?[3], "'8:15' is not a time (HH:MM or HH:MM:SS, or YYYY-MM-DDTHH:MM[:SS])")
    XCTAssertEqual(
      try f.quarantine("stamped.csv").map { Array($0.prefix(4)) },
      [
        [
          "2", "1", "date",
          "'2025-03-10T12:61' is not a time (HH:MM or HH:MM:SS, or YYYY-MM-DDTHH:MM[:SS])",
        ]
      ])
  }
}
