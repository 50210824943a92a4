import XCTest

@testable import Ingest

/// What a folder holds and ingest does not read is said, never passed over in silence: other
/// files, hidden names and ShelfCast's own quarantine files (an importer's output folder holds
/// them) are listed in the report with the reason, and the `.csv` files are read.
final class FolderSkipTests: XCTestCase {
  func testSkippedFilesAreListedWithTheirReason() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let demand = "store_id,sku_id,date,units\nS001,P001,2025-03-10,5\n"
    _ = try f.write(demand, to: "in/demand.csv")
    _ = try f.write(demand, to: "in/notes.txt")
    _ = try f.write(demand, to: "in/.demand_draft.csv")
    _ = try f.write("line,column\n", to: "in/quarantine/demand.csv.rejected.csv")
    let report = try f.run(["in"])
    XCTAssertEqual(report.files.map(\.fileName), ["demand.csv"])
    XCTAssertEqual(report.files.map(\.outcome), [.ingested])
    let folder = f.directory.path("in")
    XCTAssertEqual(
      report.skipped,
      [
        "\(folder)/.demand_draft.csv: a hidden file",
        "\(folder)/notes.txt: not a .csv file",
        "\(folder)/quarantine/demand.csv.rejected.csv: a quarantine file (rows ShelfCast "
          + "rejected), not input",
      ])
  }

  /// A folder of nothing but `.csv` files skips nothing, and says nothing.
  func testNothingSkippedLeavesTheFieldOut() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    _ = try f.write("store_id,sku_id,date,units\nS001,P001,2025-03-10,5\n", to: "in/demand.csv")
    XCTAssertNil(try f.run(["in"]).skipped)
  }
}

/// Weekly data ingested into a daily workspace (its first file had a single date, so the grain
/// was fixed daily) is read as one day's sales per week: the file's message says so.
final class WeeklyLookingFileTests: XCTestCase {
  func testAFileOfOneWeekdayOverFourWeeksIsFlagged() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    // Five Mondays, 2025-03-03 … 2025-03-31, then the same SKU daily for a week.
    let mondays = (0..<5).map { "S001,P001,2025-03-\(String(format: "%02d", 3 + 7 * $0)),35\n" }
    let weekly = try f.run([
      try f.write("store_id,sku_id,date,units\n" + mondays.joined(), to: "in/weekly.csv")
    ])
    let message = try XCTUnwrap(try weekly.file("weekly.csv").message)
    XCTAssertTrue(message.contains("every date is a monday: this looks like weekly data"), message)
    XCTAssertTrue(message.contains("'shelfcast init --grain weekly-monday'"), message)
    // Three weeks of Mondays, or two weekdays, are not flagged.
    let daily = try f.run([
      try f.write(
        "store_id,sku_id,date,units\nS001,P002,2025-03-03,2\nS001,P002,2025-03-17,2\n"
          + "S001,P002,2025-03-18,1\nS001,P002,2025-03-31,1\n", to: "in/daily.csv"),
      try f.write(
        "store_id,sku_id,date,units\nS001,P002,2025-02-03,2\nS001,P002,2025-02-17,2\n",
        to: "in/short.csv"),
    ])
    XCTAssertEqual(try daily.file("daily.csv").message, nil)
    XCTAssertEqual(try daily.file("short.csv").message, nil)
  }
}
