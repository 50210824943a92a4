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
