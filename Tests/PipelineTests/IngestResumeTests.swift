import DemandCore
import Foundation
import History
import Ingest
import Logging
import Pipeline
import Registry
import XCTest
import _TestSupport

/// A run killed after committing a file and before its audit entry or the end of its night:
/// the next run accounts for the file once, in the night and in the audit log. The killed run
/// is reproduced by committing through `IngestRunner` alone (the ledger row without the audit
/// entry the stage appends after it), which is the state a kill at that moment leaves.
final class IngestResumeTests: XCTestCase {
  private var directory: TemporaryDirectory!
  private let night = Day(iso: "2025-03-02")!
  private let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

  override func setUpWithError() throws {
    directory = try TemporaryDirectory(prefix: "shelfcast-resume")
    try directory.write(
      "store_id,name,region,format,open_date\nS001,Central,North,hyper,2020-01-01\n",
      to: "master/stores.csv")
    try directory.write(
      "sku_id,name,category,unit_cost,unit_price,case_pack,lead_time_days,min_order_qty\n"
        + "P001,Milk,dairy,0.60,1.20,12,2,24\n", to: "master/skus.csv")
    // Three good lines and one for a store the master data does not list.
    try directory.write(
      "date,store_id,sku_id,quantity,unit_price,promo,txn_id\n"
        + "2025-03-02,S001,P001,2,1.20,0,t1\n2025-03-02,S001,P001,1,1.20,0,t2\n"
        + "2025-03-02,S001,P001,4,1.20,0,t3\n2025-03-02,S999,P001,1,1.20,0,t4\n",
      to: "inbox/transactions_2025-03-02.csv")
  }

  override func tearDown() { directory = nil }

  private func workspace() throws -> Workspace {
    let workspace = try Workspace(path: directory.path("ws"))
    _ = try IngestStage.run(
      workspace: workspace, paths: [directory.path("master")], asOf: night, logger: logger)
    return workspace
  }

  /// Commits the inbox as a killed run would have: ledger and history, no audit entry.
  private func commitWithoutAudit(
    _ workspace: Workspace, runDate: Day?, maximumRejectShare: Double = 0.5
  ) throws -> IngestReport {
    var options = IngestOptions(
      asOf: night, quarantineDirectory: workspace.quarantineDirectory,
      manifestDirectory: workspace.manifestDirectory, maximumRejectShare: maximumRejectShare,
      logger: logger)
    options.runDate = runDate
    return try IngestRunner(database: try workspace.openDatabase(), options: options)
      .run(paths: [directory.path("inbox")])
  }

  private func ingestEntries(_ workspace: Workspace) throws -> [AuditEntry] {
    try workspace.openRegistry().audit.entries().filter { $0.action == .ingest }
  }

  func testTheNightRunAgainCountsItsFilesOnceAndAuditsThemOnce() throws {
    let workspace = try workspace()
    let killed = try commitWithoutAudit(workspace, runDate: night)
    XCTAssertEqual(killed.files.map(\.outcome), [.ingested])
    let auditedBefore = try ingestEntries(workspace).count

    let again = try IngestStage.run(
      workspace: workspace, paths: [directory.path("inbox")], asOf: night,
      maximumRejectShare: 0.5, runDate: night, logger: logger)
    let file = try XCTUnwrap(again.files.first)
    XCTAssertEqual(file.outcome, .ingested, "the night took it in, in its killed attempt")
    XCTAssertEqual(
      [file.rowsRead, file.rowsValid, file.rowsStored, file.rowsQuarantined], [4, 3, 3, 1])
    XCTAssertTrue(file.reconciles)
    XCTAssertEqual(file.quarantineFile, killed.files[0].quarantineFile)
    XCTAssertEqual(again.rowsStored, 3)
    let entries = try ingestEntries(workspace)
    XCTAssertEqual(entries.count, auditedBefore + 1, "the missing entry appended")
    XCTAssertEqual(entries.last?.subject, "transactions_2025-03-02.csv")
    XCTAssertTrue(entries.last?.details.contains("\"rows_stored\":\"3\"") ?? false)

    // A third attempt neither audits nor stores anything again.
    _ = try IngestStage.run(
      workspace: workspace, paths: [directory.path("inbox")], asOf: night,
      maximumRejectShare: 0.5, runDate: night, logger: logger)
    XCTAssertEqual(try ingestEntries(workspace).count, auditedBefore + 1)
    XCTAssertEqual(
      try workspace.openDatabase().ledger().filter { $0.status == .ingested }.count, 3,
      "stores, SKUs and the inbox file, once each")
    XCTAssertEqual(try workspace.openRegistry().audit.verify().isIntact, true)

    // The next night sees the file as an earlier night's.
    let next = try IngestStage.run(
      workspace: workspace, paths: [directory.path("inbox")], asOf: night.adding(days: 1),
      runDate: night.adding(days: 1), logger: logger)
    XCTAssertEqual(next.files.map(\.outcome), [.alreadyIngested])
    XCTAssertEqual(next.rowsStored, 0)
  }

  /// A file the night refused (1 bad row of 4 is over a 1 % limit) before it was killed: the
  /// night run again reports the same refusal, with one ledger row and one audit entry, and
  /// the next night refuses the file again on its own account.
  func testARefusalByAKilledNightIsRecordedOnce() throws {
    let workspace = try workspace()
    let killed = try commitWithoutAudit(workspace, runDate: night, maximumRejectShare: 0.01)
    XCTAssertEqual(killed.files.map(\.outcome), [.refused])
    let refusals = {
      try workspace.openDatabase().ledger().filter { $0.status == .refused }.count
    }
    let refusalEntries = {
      try self.ingestEntries(workspace).filter {
        $0.details.contains("\"outcome\":\"refused\"")
      }.count
    }
    for _ in 0..<2 {
      let again = try IngestStage.run(
        workspace: workspace, paths: [directory.path("inbox")], asOf: night,
        maximumRejectShare: 0.01, runDate: night, logger: logger)
      let file = try XCTUnwrap(again.files.first)
      XCTAssertEqual(file.outcome, .refused)
      XCTAssertEqual([file.rowsRead, file.rowsQuarantined, file.rowsStored], [4, 1, 0])
      XCTAssertTrue(file.reconciles)
      XCTAssertTrue(again.hasRejectedFiles)
      XCTAssertEqual(try refusals(), 1)
      XCTAssertEqual(try refusalEntries(), 1)
    }
    _ = try IngestStage.run(
      workspace: workspace, paths: [directory.path("inbox")], asOf: night,
      maximumRejectShare: 0.01, runDate: night.adding(days: 1), logger: logger)
    XCTAssertEqual(try refusals(), 2)
    XCTAssertEqual(try refusalEntries(), 2)
  }

  /// `shelfcast ingest` (no run date) killed between the commit and the audit entry: the next
  /// ingest finds the file already ingested and appends the entry it lacks, once.
  func testAPlainIngestKilledBeforeItsAuditEntryIsAuditedByTheNext() throws {
    let workspace = try workspace()
    _ = try commitWithoutAudit(workspace, runDate: nil)
    let auditedBefore = try ingestEntries(workspace).count
    for _ in 0..<2 {
      let again = try IngestStage.run(
        workspace: workspace, paths: [directory.path("inbox")], asOf: night, logger: logger)
      XCTAssertEqual(again.files.map(\.outcome), [.alreadyIngested])
    }
    let entries = try ingestEntries(workspace)
    XCTAssertEqual(entries.count, auditedBefore + 1)
    XCTAssertTrue(entries.last?.details.contains("\"rows_read\":\"4\"") ?? false)
    XCTAssertTrue(entries.last?.details.contains("\"outcome\":\"ingested\"") ?? false)
  }

  /// The same bytes under two names in one night: the second is a duplicate of the first, not
  /// a file resumed from a killed attempt.
  func testTheSameFileTwiceInOneNightIsStillADuplicate() throws {
    let workspace = try workspace()
    try FileManager.default.copyItem(
      atPath: directory.path("inbox/transactions_2025-03-02.csv"),
      toPath: directory.path("inbox/transactions_2025-03-02_copy.csv"))
    let report = try IngestStage.run(
      workspace: workspace, paths: [directory.path("inbox")], asOf: night,
      maximumRejectShare: 0.5, runDate: night, logger: logger)
    XCTAssertEqual(report.files.map(\.outcome), [.ingested, .alreadyIngested])
    XCTAssertEqual(report.rowsStored, 3)
  }

  /// The workspace's root is canonical: `..` collapsed and symbolic links resolved.
  func testWorkspaceAndReportPathsAreCanonical() throws {
    let real = try Workspace(path: directory.path("real"))
    try FileManager.default.createSymbolicLink(
      atPath: directory.path("alias"), withDestinationPath: directory.path("real"))
    let viaLink = try Workspace(path: directory.path("alias"))
    XCTAssertEqual(viaLink.root, real.root)
    XCTAssertEqual(try Workspace(path: directory.path("real/x/../")).root, real.root)
    XCTAssertFalse(real.root.contains("/../"))
    XCTAssertEqual(real.outputDirectory(nil), real.root + "/reports")
    XCTAssertEqual(real.outputDirectory(directory.path("alias/out/../r")), real.root + "/r")
    let relative = real.outputDirectory("some/out")
    XCTAssertTrue(relative.hasPrefix("/"), relative)
    XCTAssertTrue(relative.hasSuffix("/some/out"), relative)
  }
}
