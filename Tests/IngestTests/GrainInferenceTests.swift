import DemandCore
import Foundation
import Ingest
import XCTest
import _TestSupport

final class GrainInferenceTests: XCTestCase {
  func infer(_ text: String) throws -> Grain? {
    let directory = try TemporaryDirectory()
    return try GrainInference.infer(path: try directory.write(text, to: "demand.csv"))
  }

  func testWeeklyWhenEveryDateIsOneWeekday() throws {
    // 2025-03-02 and 2025-03-09 are Sundays.
    XCTAssertEqual(
      try infer("store_id,sku_id,date,units\nS1,P1,2025-03-02,4\nS1,P1,2025-03-09,-2\n"),
      .weekly(endingOn: .sunday))
  }

  func testDailyForConsecutiveDaysOrASingleDate() throws {
    XCTAssertEqual(
      try infer("store_id,sku_id,date,units\nS1,P1,2025-03-02,4\nS1,P1,2025-03-03,2\n"), .daily)
    XCTAssertEqual(
      try infer("store_id,sku_id,date,units\nS1,P1,2025-03-02,4\nS2,P1,2025-03-02,2\n"), .daily)
  }

  /// On a new workspace the grain is read from the first demand file before ingest's own checks:
  /// a FIFO or a link to a device must be refused from its `stat` there too, not read (a FIFO
  /// would block, `/dev/zero` never ends).
  func testAFIFOOrADeviceIsRefusedWithoutBeingRead() throws {
    let directory = try TemporaryDirectory()
    let fifo = directory.path("pipe.csv")
    XCTAssertEqual(mkfifo(fifo, 0o600), 0, "mkfifo failed")
    let device = directory.path("zero.csv")
    try FileManager.default.createSymbolicLink(atPath: device, withDestinationPath: "/dev/zero")
    for (path, kind) in [(fifo, "FIFO (named pipe)"), (device, "device")] {
      XCTAssertThrowsError(try GrainInference.infer(path: path)) { error in
        guard case .cannotRead(let failed, let reason) = error as? ImportError else {
          return XCTFail("\(error)")
        }
        XCTAssertEqual(failed, path)
        XCTAssertTrue(reason.contains("is a \(kind), not a regular file"), reason)
      }
    }
  }

  func testNotADemandFileSaysNothing() throws {
    XCTAssertNil(try infer("store_id,open_date\nS1,2020-01-01\n"))
    // A header ingest refuses (a column named twice) says nothing either: ingest reports it as
    // a failed file rather than the command stopping here.
    XCTAssertNil(try infer("store_id,Store ID,sku_id,date,units\nS1,S1,P1,2025-03-02,4\n"))
  }

  /// Ten Sundays and one Wednesday: a mix, refused naming the Wednesday's line and column.
  func testAMixIsRefusedWithFileLineAndColumn() throws {
    var text = "sku_id,store_id,date,units\n"
    let sunday = try XCTUnwrap(Day(year: 2025, month: 1, day: 5))
    for week in 0..<10 { text += "P1,S1,\(sunday.adding(days: 7 * week).iso),3\n" }
    text += "P1,S1,2025-01-08,3\n"
    XCTAssertThrowsError(try infer(text)) { error in
      guard let mixed = error as? GrainInference.MixedGrain else {
        return XCTFail("\(error)")
      }
      XCTAssertEqual(mixed.row.file, "demand.csv")
      XCTAssertEqual(mixed.row.line, 12)
      XCTAssertEqual(mixed.row.column, 3)
      XCTAssertEqual(mixed.row.columnName, "date")
      XCTAssertEqual(mixed.weekday, .sunday)
      XCTAssertTrue(mixed.description.hasPrefix("demand.csv:12: column 3 'date': "))
    }
  }
}

/// Ingest at weekly grain: negative weeks kept, rows off the week-ending weekday quarantined;
/// at daily grain a negative quantity is still refused (unchanged behaviour).
final class WeeklyIngestTests: XCTestCase {
  func testNegativeWeeksKeptAndOffGrainRowsQuarantined() throws {
    let fixture = try IngestFixture()
    try fixture.loadMasterData()
    // 2025-03-07 and 2025-03-14 are Fridays; 2025-03-12 a Wednesday.
    let file = try fixture.write(
      "store_id,sku_id,date,units\nS001,P001,2025-03-07,12.5\nS001,P001,2025-03-14,-3\n"
        + "S001,P001,2025-03-12,4\n", to: "weekly.csv")
    var options = fixture.options(maximumRejectShare: 0.5)
    options.grain = .weekly(endingOn: .friday)
    let report = try IngestRunner(database: fixture.database, options: options)
      .run(paths: [fixture.directory.path(file)])
    XCTAssertEqual(report.files.first?.rowsStored, 2)
    XCTAssertEqual(report.files.first?.rowsQuarantined, 1)
    XCTAssertEqual(report.files.first?.message, "1 rows are negative (net returns), kept")
    // The database keeps days: the two weeks sit on their Fridays, the days between are empty.
    let days = try fixture.series("S001", "P001").filter { $0.unitsSold != 0 }
    XCTAssertEqual(days.map(\.unitsSold), [12.5, -3])
    XCTAssertEqual(days.map(\.day.iso), ["2025-03-07", "2025-03-14"])
    let rejected = try fixture.quarantine("weekly.csv")
    XCTAssertEqual(rejected.first?.prefix(3), ["4", "3", "date"])
  }

  func testDailyStillRefusesNegativeUnits() throws {
    let fixture = try IngestFixture()
    try fixture.loadMasterData()
    let file = try fixture.write(
      "store_id,sku_id,date,units\nS001,P001,2025-03-07,1\nS001,P001,2025-03-14,-3\n",
      to: "daily.csv")
    let report = try fixture.run([file], maximumRejectShare: 0.6)
    XCTAssertEqual(report.files.first?.rowsQuarantined, 1)
    XCTAssertEqual(try fixture.quarantine("daily.csv").first?[3], "must not be negative (got -3.0)")
  }
}
