import Foundation
import XCTest

/// Runs the built `shelfcast` binary, as operations would, and checks output and exit codes.
final class CommandLineTests: XCTestCase {
  private var directory: URL!

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("shelfcast-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: directory)
  }

  func testHelpListsEveryCommand() throws {
    let result = try run(["--help"])
    XCTAssertEqual(result.status, 0)
    for command in ["ingest", "history", "status", "version", "generate"] {
      XCTAssertTrue(result.output.contains(command), "help does not mention \(command)")
    }
    XCTAssertTrue(result.output.contains("Exit codes"))
  }

  func testEverySubcommandHasHelp() throws {
    for command in ["ingest", "history", "status", "version", "generate"] {
      let result = try run([command, "--help"])
      XCTAssertEqual(result.status, 0, "\(command) --help failed")
      XCTAssertTrue(result.output.contains("USAGE: shelfcast \(command)"), result.output)
    }
  }

  func testRejectShareOutsideRangeIsAUsageError() throws {
    let result = try run([
      "ingest", "--workspace", directory.path, "--max-reject-share", "5", directory.path,
    ])
    XCTAssertEqual(result.status, 64)
    XCTAssertTrue(
      result.error.contains("Please give --max-reject-share between 0 and 1"), result.error)
  }

  func testIngestThenHistoryAndExitCodes() throws {
    let inbox = directory.appendingPathComponent("in")
    try write(
      "store_id,name,region,format,open_date\nS001,Store 1,North,supermarket,2020-01-01\n",
      to: inbox.appendingPathComponent("stores.csv"))
    try write(
      "sku_id,name,category,unit_cost,unit_price,case_pack,lead_time_days,min_order_qty\n"
        + "P00001,Milk,dairy,0.5,1.2,12,2,0\n",
      to: inbox.appendingPathComponent("skus.csv"))
    try write(
      "date,store_id,sku_id,quantity,unit_price,promo,txn_id\n"
        + "2026-01-05,S001,P00001,2,1.20,0,T1\n2026-01-05,S001,P00001,-1,1.20,0,T2\n"
        + "2026-01-07,S001,P00001,3,1.00,1,T3\n",
      to: inbox.appendingPathComponent("transactions_2026-01-05.csv"))
    let workspace = directory.appendingPathComponent("ws").path
    let first = try run(["ingest", "--workspace", workspace, "--as-of", "2026-02-01", inbox.path])
    XCTAssertEqual(first.status, 0, first.error)
    XCTAssertTrue(
      first.output.contains("3 files, 5 rows read, 5 stored, 0 quarantined"), first.output)

    let history = try run([
      "history", "--workspace", workspace, "--store", "S001", "--sku", "P00001",
    ])
    XCTAssertEqual(history.status, 0, history.error)
    // Hand-computed: day 5 sold 2, returned 1, revenue 2×1.20 − 1×1.20; day 6 zero-filled;
    // day 7 sold 3 at 1.00, both of its one line on promotion.
    XCTAssertEqual(
      history.output,
      """
      # S001 / P00001: 3 days (2026-01-05 … 2026-01-07)
      date,units_sold,units_returned,revenue,lines,promo_share,stockout,on_hand,on_order
      2026-01-05,2,1,1.20,2,0.00,0,,
      2026-01-06,0,0,0.00,0,0.00,0,,
      2026-01-07,3,0,3.00,1,1.00,0,,

      """)

    // A file that is all bad rows is refused: exit code 2, nothing stored.
    try write(
      "date,store_id,sku_id,quantity\n2026-01-08,S999,P00001,1\n",
      to: inbox.appendingPathComponent("transactions_2026-01-08.csv"))
    let refused = try run(["ingest", "--workspace", workspace, "--as-of", "2026-02-01", inbox.path])
    XCTAssertEqual(refused.status, 2)
    XCTAssertTrue(refused.output.contains("refused"), refused.output)
    XCTAssertTrue(refused.output.contains("store 'S999' is not in the master data"), refused.output)

    // Asking for a store the master data does not have is a usage error, not a crash or exit 1.
    let unknown = try run([
      "history", "--workspace", workspace, "--store", "S999", "--sku", "P00001",
    ])
    XCTAssertEqual(unknown.status, 64)
    XCTAssertTrue(unknown.error.contains("Store 'S999' is not in the master data"), unknown.error)
  }

  func testReadingCommandsNeedAnExistingWorkspace() throws {
    let missing = directory.appendingPathComponent("no/such/workspace").path
    for arguments in [
      ["status", "--workspace", missing],
      ["history", "--workspace", missing, "--store", "S001", "--sku", "P00001"],
    ] {
      let result = try run(arguments)
      XCTAssertEqual(result.status, 64, arguments.joined(separator: " "))
      XCTAssertTrue(result.error.contains("is not a ShelfCast workspace"), result.error)
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: missing), "a read created the workspace")
  }

  func testGenerateRefusesANonEmptyFolder() throws {
    let out = directory.appendingPathComponent("chain")
    try write("keep me\n", to: out.appendingPathComponent("notes.txt"))
    let result = try run([
      "generate", "--stores", "2", "--skus", "5", "--start", "2026-01-01", "--days", "10",
      "--transaction-days", "2", "--out", out.path,
    ])
    XCTAssertEqual(result.status, 64)
    XCTAssertTrue(result.error.contains("already contains files"), result.error)
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: out.path), ["notes.txt"])
  }

  // MARK: - Helpers

  private func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
  }

  private struct Result {
    var status: Int32
    var output: String
    var error: String
  }

  /// The `shelfcast` executable built next to the test bundle.
  private var executable: URL {
    // SwiftPM builds the executable into the same folder as the test bundle.
    var url = Bundle.main.bundleURL
    if !FileManager.default.fileExists(atPath: url.appendingPathComponent("shelfcast").path) {
      url = Bundle(for: CommandLineTests.self).bundleURL.deletingLastPathComponent()
    }
    return url.appendingPathComponent("shelfcast")
  }

  private func run(_ arguments: [String]) throws -> Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    let errData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
      error: String(decoding: errData, as: UTF8.self))
  }
}
