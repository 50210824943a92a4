import DemandCore
import Foundation
import History
import Ingest
import Logging
import XCTest
import _TestSupport

/// Issue 7, hostile input: every file of `Tests/Fixtures/bad-input` (listed with its expected
/// outcome in `expected.csv`, made by `make_fixtures.py` there) is ingested alone, in manifest
/// order, into one workspace. For each: no crash, no hang (each ingest runs on its own thread and
/// must finish within a minute), the outcome and counts of the manifest, counts that reconcile,
/// the expected text naming file, line and column in the message or the quarantine file, and
/// nothing stored of a file that was refused or failed.
final class HostileInputTests: XCTestCase {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/bad-input").path
  static let asOf = Day(year: 2025, month: 3, day: 31)!
  static let header = "date,store_id,sku_id,quantity,unit_price,promo,txn_id"

  /// One row of `expected.csv`.
  struct Expectation {
    var file: String
    var hostility: String
    var setup: String
    var maximumRejectShare: Double
    var outcome: String
    /// `nil` where the manifest says `*`.
    var rowsRead: Int?
    var rowsStored: Int?
    var rowsQuarantined: Int?
    var rowsDuplicate: Int?
    var expectText: String
    var reportName: String

    var isHostile: Bool { !hostility.hasPrefix("none") }
  }

  static func manifest() throws -> [Expectation] {
    let text = try String(contentsOfFile: fixtures + "/expected.csv", encoding: .utf8)
    let records = ReferenceCSV.parse(text)
    guard
      records.first?.fields == [
        "file", "hostility", "setup", "max_reject_share", "outcome", "rows_read", "rows_stored",
        "rows_quarantined", "rows_duplicate", "expect_text", "report_name",
      ]
    else { throw FixtureError("unexpected manifest header: \(records.first?.fields ?? [])") }
    return try records.dropFirst().map { record in
      let f = record.fields
      guard f.count == 11, let share = Double(f[3]) else {
        throw FixtureError("bad manifest line \(record.line): \(f)")
      }
      return Expectation(
        file: f[0], hostility: f[1], setup: f[2], maximumRejectShare: share, outcome: f[4],
        rowsRead: Int(f[5]), rowsStored: Int(f[6]), rowsQuarantined: Int(f[7]),
        rowsDuplicate: Int(f[8]), expectText: f[9], reportName: f[10].isEmpty ? f[0] : f[10])
    }
  }

  func testEveryHostileFileEndsAsTheManifestSays() throws {
    let expectations = try Self.manifest()
    XCTAssertGreaterThanOrEqual(expectations.filter(\.isHostile).count, 40)
    let workspace = try TemporaryDirectory()
    let inputs = try TemporaryDirectory(prefix: "shelfcast-bad-input")
    let database = try HistoryDatabase(path: workspace.path("shelfcast.sqlite"))
    for expectation in expectations where expectation.outcome != "skip" {
      let path = try Self.makeInput(expectation, in: inputs)
      let before = try WorkspaceState(database)
      guard let report = try ingestBounded(path, expectation, database, workspace) else {
        XCTFail("\(expectation.file): ingest did not finish within a minute")
        continue
      }
      let after = try WorkspaceState(database)
      check(expectation, report, before: before, after: after)
    }
    try checkQuarantineFilesAreSpreadsheetSafe(workspace.path("quarantine"))
    // Formula-like names are master data like any other: stored exactly as delivered.
    let names = Dictionary(
      uniqueKeysWithValues: try database.masterIndex().skus.map {
        ($0.record.id.rawValue, $0.record.name)
      })
    XCTAssertEqual(names["P010"], "=HYPERLINK(\"http://evil.example\",\"open\")")
    XCTAssertEqual(names["P011"], "+SUM(1,2)")
    XCTAssertEqual(names["P014"], "\tTab")
    // The Latin-1 stores file was refused whole: neither of its stores exists.
    let stores = try database.masterIndex().stores.map(\.record.id.rawValue)
    XCTAssertFalse(stores.contains("S003") || stores.contains("S004"), "\(stores)")
  }

  // MARK: - Running one file

  /// Ingests `path` on a thread of its own and waits at most a minute: a hang fails the test
  /// instead of stalling it.
  func ingestBounded(
    _ path: String, _ expectation: Expectation, _ database: HistoryDatabase,
    _ workspace: TemporaryDirectory
  ) throws -> IngestReport? {
    var options = IngestOptions(
      asOf: Self.asOf, quarantineDirectory: workspace.path("quarantine"),
      manifestDirectory: workspace.path("manifests"),
      maximumRejectShare: expectation.maximumRejectShare, workers: 2,
      clock: { Date(timeIntervalSince1970: 1_743_400_800) },
      logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    switch expectation.setup {
    case "changed-while-reading":
      options.afterReadingFile = { path in
        let handle = FileHandle(forWritingAtPath: path)
        handle?.seekToEndOfFile()
        handle?.write(Data("2025-03-10,S001,P001,1,1.20,0,late-1\n".utf8))
        try? handle?.close()
      }
    case "replaced-before-reading":
      options.beforeReadingFile = { path in
        try? Data("store_id,sku_id,date,units\nS001,P001,2025-03-10,1\n".utf8).write(
          to: URL(fileURLWithPath: path))
      }
    default: break
    }
    let runner = IngestRunner(database: database, options: options)
    let box = ResultBox()
    let done = DispatchSemaphore(value: 0)
    Thread {
      box.set(Result { try runner.run(paths: [path]) })
      done.signal()
    }.start()
    guard done.wait(timeout: .now() + 60) == .success else { return nil }
    return try box.get().get()
  }

  func check(
    _ e: Expectation, _ report: IngestReport, before: WorkspaceState, after: WorkspaceState
  ) {
    let name = e.file
    guard report.files.count == 1, let file = report.files.first else {
      XCTFail("\(name): \(report.files.count) file reports: \(report.files.map(\.fileName))")
      return
    }
    XCTAssertEqual(file.fileName, e.reportName, name)
    XCTAssertEqual(file.outcome.rawValue, e.outcome, "\(name): \(file.message ?? "")")
    XCTAssertTrue(file.reconciles, "\(name): counts do not reconcile: \(file)")
    XCTAssertEqual(report.totals?.reconciles, true, name)
    let counts = [file.rowsRead, file.rowsStored, file.rowsQuarantined, file.rowsDuplicate]
    for (actual, expected) in zip(
      counts, [e.rowsRead, e.rowsStored, e.rowsQuarantined, e.rowsDuplicate])
    {
      if let expected {
        XCTAssertEqual(actual, expected, "\(name): read/stored/quarantined/dup \(counts)")
      }
    }
    if !e.expectText.isEmpty {
      let texts = [file.message ?? ""] + Self.quarantineTexts(of: file)
      XCTAssertTrue(
        texts.contains { $0.contains(e.expectText) },
        "\(name): '\(e.expectText)' not in \(texts.prefix(4))")
    }
    switch file.outcome {
    case .ingested:
      XCTAssertEqual(after.summary.filesIngested, before.summary.filesIngested + 1, name)
      if file.kind == .transactions {
        XCTAssertEqual(after.summary.lines - before.summary.lines, file.rowsStored, name)
        XCTAssertEqual(after.deliveredLines - before.deliveredLines, file.rowsStored, name)
      }
    case .refused:
      var expected = before
      expected.summary.filesRefused += 1
      expected.ledgerRows += 1
      XCTAssertEqual(after, expected, "\(name): a refused file changed the workspace")
    case .failed, .alreadyIngested:
      XCTAssertEqual(after, before, "\(name): a file not taken in changed the workspace")
    }
  }

  /// The file's quarantine entries as `file:line: column N 'name': reason`, and the file's text.
  static func quarantineTexts(of file: FileReport) -> [String] {
    guard let path = file.quarantineFile,
      let text = try? String(contentsOfFile: path, encoding: .utf8)
    else { return [] }
    let located = ReferenceCSV.parse(text).dropFirst().map { record -> String in
      let f = record.fields
      var place: [String] = []
      if !f[1].isEmpty { place.append("column \(f[1])") }
      if !f[2].isEmpty { place.append("'\(f[2])'") }
      return "\(file.fileName):\(f[0]): "
        + (place.isEmpty ? "" : place.joined(separator: " ") + ": ")
        + f[3]
    }
    return located + [text]
  }

  /// No cell of any quarantine file starts with what a spreadsheet would run as a formula.
  func checkQuarantineFilesAreSpreadsheetSafe(_ folder: String) throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: folder)
    XCTAssertGreaterThan(names.count, 20)
    for name in names {
      let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
      for record in ReferenceCSV.parse(text) {
        for field in record.fields {
          if let first = field.unicodeScalars.first {
            XCTAssertFalse(
              "=+-@\t\r".unicodeScalars.contains(first),
              "\(name):\(record.line): cell '\(field.prefix(40))' could run as a formula")
          }
        }
      }
    }
  }

  // MARK: - Making the inputs

  /// Copies or makes the input of `e` in `inputs` and returns the path to give to ingest.
  static func makeInput(_ e: Expectation, in inputs: TemporaryDirectory) throws -> String {
    let path = inputs.path(e.file)
    let manager = FileManager.default
    switch e.setup {
    case "committed", "changed-while-reading", "replaced-before-reading":
      try manager.copyItem(atPath: fixtures + "/" + e.file, toPath: path)
    case "generated-binary":
      try inputs.write(bytes: randomBytes(seed: 7, count: 1 << 16), to: e.file)
    case "generated-binary-after-header":
      try inputs.write(
        bytes: Array((header + "\n").utf8) + randomBytes(seed: 8, count: 1 << 16), to: e.file)
    case "generated-long-line":
      let start = "2025-03-10,S001,P001,1,1.20,0,long-"
      let long = start + String(repeating: "x", count: 10_000_000 - start.utf8.count)
      try inputs.write(
        [
          header, "2025-03-10,S001,P001,1,1.20,0,long-1", long,
          "2025-03-10,S001,P001,1,1.20,0,long-2",
        ]
        .joined(separator: "\n") + "\n", to: e.file)
    case "generated-long-first-line":
      try inputs.write(
        String(repeating: "x", count: 10_000_000) + "\n2025-03-10,S001,P001,1\n", to: e.file)
    case "fifo":
      guard mkfifo(path, 0o600) == 0 else { throw FixtureError("mkfifo \(path) failed") }
    case "directory":
      try inputs.write(
        [header, "2025-03-10,S001,P001,1,1.20,0,inner-1", "2025-03-10,S001,P002,1,2.50,0,inner-2"]
          .joined(separator: "\n") + "\n", to: e.file + "/inner_tx.csv")
      try manager.createDirectory(
        atPath: path + "/nested.csv", withIntermediateDirectories: true)
    case let setup where setup.hasPrefix("symlink:"):
      let target = String(setup.dropFirst("symlink:".count))
      if !target.hasPrefix("/"), target != e.file,
        manager.fileExists(atPath: fixtures + "/" + target),
        !manager.fileExists(atPath: inputs.path(target))
      {
        try manager.copyItem(atPath: fixtures + "/" + target, toPath: inputs.path(target))
      }
      try manager.createSymbolicLink(atPath: path, withDestinationPath: target)
    default:
      throw FixtureError("\(e.file): unknown setup '\(e.setup)'")
    }
    return path
  }

  static func randomBytes(seed: UInt64, count: Int) -> [UInt8] {
    var random = SplitMix64(seed: seed)
    return (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
  }
}

/// What a file may change in the workspace: the history's totals, the ledger and the
/// delivered-line fingerprints.
struct WorkspaceState: Equatable {
  var summary: HistorySummary
  var ledgerRows: Int
  var deliveredLines: Int
  var stores: Int
  var skus: Int

  init(_ database: HistoryDatabase) throws {
    summary = try database.summary()
    ledgerRows = try database.ledger().count
    deliveredLines = try database.deliveredLineTotals().lines
    let master = try database.masterIndex()
    stores = master.stores.count
    skus = master.skus.count
  }
}

/// The result of an ingest run on another thread.
final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private var result: Result<IngestReport, Error>?

  func set(_ value: Result<IngestReport, Error>) {
    lock.lock()
    result = value
    lock.unlock()
  }

  func get() throws -> Result<IngestReport, Error> {
    lock.lock()
    defer { lock.unlock() }
    guard let result else { throw FixtureError("no result") }
    return result
  }
}
