import DemandCore
import Foundation
import GRDB
import History
import Logging
import Pipeline
import Registry
import XCTest
import _TestSupport

/// `shelfcast prune` (issue 6 §5): deletes exactly what is older than the keep period, and never
/// touches what it must keep (audit log, young or protected model cards and artifacts, ledger
/// and history, the served fitted set).
final class PruneTests: XCTestCase {
  private let logger = Logger(label: "test")

  func testPruneDeletesExactlyWhatIsOldAndNeverTouchesWhatItMustKeep() throws {
    let fixture = try PruneFixture()
    let before = try fixture.snapshot()
    let auditBefore = try fixture.registry(at: "2026-11-20").audit.entries()
    XCTAssertEqual(
      auditBefore.count, 17, "5 files ingested, 7 registrations, 4 promotions, 1 rejection")
    XCTAssertEqual(before.tables["forecast_block"]?.count, 8)

    // A dry run reports the same plan and changes nothing, not even the audit log.
    let dry = try prune(fixture, dryRun: true)
    XCTAssertEqual(Set(dry.files.map { relative($0.path, fixture) }), PruneFixture.expectedDeleted)
    XCTAssertEqual(dry.forecasts.blocks, 4)
    XCTAssertNil(dry.auditSeq)
    XCTAssertEqual(try fixture.snapshot(), before, "a dry run deletes nothing")

    let report = try prune(fixture, dryRun: false)
    XCTAssertEqual(report.cutoff, Day(iso: "2026-09-21"))
    XCTAssertEqual(report.modelCutoff, Day(iso: "2023-11-20"))
    XCTAssertEqual(
      Set(report.files.map { relative($0.path, fixture) }), PruneFixture.expectedDeleted)
    XCTAssertEqual(report.files, dry.files, "the real run deletes what the dry run listed")
    XCTAssertTrue(report.warnings.isEmpty, "60 days is enough for monitoring")

    // Counts and bytes per kind, the bytes summed here from the snapshot taken before.
    func bytesBefore(_ paths: [String]) -> Int {
      before.files.filter { file in
        paths.contains { file.key == $0 || file.key.hasPrefix($0 + "/") }
      }.values.reduce(0) { $0 + $1.count }
    }
    let expected: [(PruneReport.Kind, [String])] = [
      (.reportFolder, ["reports/2025-06-01", "reports/2026-09-20"]),
      (
        .manifest,
        [
          "manifests/ingest-20260822T120000Z.json", "manifests/nightly-2026-09-20.json",
          "manifests/notes.json", "manifests/nightly-2026-02-30.json",
        ]
      ),
      (
        .quarantineFile,
        ["quarantine/sales_2026-08-01.csv.rejected.csv", "quarantine/undated.csv.rejected.csv"]
      ),
      (
        .modelCard,
        ["reports/models/v0001.md", "reports/models/v0002.md", "reports/models/v0005.md"]
      ),
      (
        .modelArtifact,
        ["models/versions/v0001.json", "models/versions/v0002.json", "models/versions/v0005.json"]
      ),
    ]
    for (kind, paths) in expected {
      XCTAssertEqual(report.count(kind), paths.count, kind.rawValue)
      XCTAssertEqual(report.bytes(kind), bytesBefore(paths), kind.rawValue)
      XCTAssertGreaterThan(report.bytes(kind), 0, kind.rawValue)
    }
    let sources = Dictionary(
      uniqueKeysWithValues: report.files.map { (relative($0.path, fixture), $0.dateSource) })
    XCTAssertEqual(sources["manifests/ingest-20260822T120000Z.json"], .name)
    XCTAssertEqual(sources["manifests/notes.json"], .modified)
    XCTAssertEqual(sources["manifests/nightly-2026-02-30.json"], .modified, "no such day")
    XCTAssertEqual(sources["reports/models/v0005.md"], .registry)

    // Forecasts: the blocks whose 28 target days all end before the cutoff, for both stores.
    XCTAssertEqual(report.forecasts.blocks, 4)
    XCTAssertEqual(report.forecasts.series, 4 * 3)
    XCTAssertEqual(report.forecasts.issueDays, PruneFixture.deletedIssueDays)
    XCTAssertEqual(report.forecasts.blocksKept, 4)

    // Everything else on disk is byte-identical; the deleted paths are gone.
    let after = try fixture.snapshot()
    let deleted = Array(PruneFixture.expectedDeleted)
    XCTAssertEqual(
      after.files,
      before.files.filter { file in
        !deleted.contains { file.key == $0 || file.key.hasPrefix($0 + "/") }
      })
    for path in deleted {
      XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.root + "/" + path), path)
    }
    for kept in [
      "models/fitted-set.json", "models/versions/v0003.json", "reports/models/v0003.md",
      "models/versions/v0004.json", "reports/models/v0004.md", "models/versions/v0006.json",
      "reports/models/v0006.md", "reports/models/v0099.md", "reports/metrics.prom",
      "reports/2026-09-21/forecast.csv", "manifests/nightly-2026-09-21.json",
      "manifests/ingest-20261115T120000Z.json", "quarantine/fresh.csv.rejected.csv",
    ] {
      XCTAssertNotNil(after.files[kept], kept)
    }
    XCTAssertEqual(
      after.files["models/fitted-set.json"], before.files["models/versions/v0004.json"])

    // Every table is untouched but the forecast archive and the audit log's new entry.
    for (table, rows) in before.tables
    where !["forecast_block", "audit_entry", "audit_head"].contains(table) {
      XCTAssertEqual(after.tables[table], rows, table)
    }
    for table in ["ingested_file", "store", "sku", "calendar_day", "demand_block", "model_version"]
    {
      XCTAssertFalse(before.tables[table]?.isEmpty ?? true, "\(table) has rows to compare")
    }
    let deletedDays = Set(PruneFixture.deletedIssueDays.map(\.daysSinceEpoch))
    XCTAssertEqual(
      after.tables["forecast_block"],
      before.tables["forecast_block"]?.filter {
        !deletedDays.contains($0["issued_on"] as Int32)
      })

    // The audit log: the 17 entries as they were, then the prune's, and the chain holds.
    let audit = try fixture.registry(at: "2026-11-20").audit
    let entries = try audit.entries()
    XCTAssertEqual(Array(entries.prefix(17)), auditBefore)
    XCTAssertEqual(entries.count, 18)
    XCTAssertEqual(report.auditSeq, 18)
    let entry = try XCTUnwrap(entries.last)
    XCTAssertEqual(entry.action, .prune)
    XCTAssertEqual(entry.user, PruneFixture.actor.user)
    for field in [
      #""cutoff":"2026-09-21""#, #""keep_days":60"#, #""forecast_blocks":4"#,
      #""report_folders":2"#, #""manifests":4"#, #""quarantine_files":2"#, #""model_cards":3"#,
      #""model_artifacts":3"#, #""versions":"v0001,v0002,v0005""#,
      #""forecast_issue_days":"2026-08-01..2026-08-23""#, #""model_cutoff":"2023-11-20""#,
    ] {
      XCTAssertTrue(entry.details.contains(field), "\(field) not in \(entry.details)")
    }
    let verification = try audit.verify()
    XCTAssertTrue(verification.isIntact, "\(String(describing: verification.problem))")
    XCTAssertEqual(verification.entryCount, 18)

    // Why each protected thing was kept.
    func kept(_ kind: PruneReport.Kind, _ reason: PruneReport.KeepReason) -> Int? {
      report.kept.first { $0.kind == kind && $0.reason == reason }?.count
    }
    for kind in [PruneReport.Kind.modelCard, .modelArtifact] {
      XCTAssertEqual(kept(kind, .champion), 1, "v0004, in service since 2023-04-01")
      XCTAssertEqual(kept(kind, .rollbackTarget), 1, "v0003, out of service since 2023-04-01")
      XCTAssertEqual(kept(kind, .modelRetention), 1, "v0006, registered on the model cutoff")
      XCTAssertEqual(kept(kind, .recent), 1, "v0007")
      XCTAssertEqual(kept(kind, .unregistered), 1, "v0099.md, versions/notes.txt")
    }
    XCTAssertEqual(kept(.auditEntry, .hashChain), 17)
    XCTAssertEqual(kept(.forecastBlock, .targetsAfterCutoff), 4)
    XCTAssertEqual(kept(.ledgerEntry, .systemOfRecord), before.tables["ingested_file"]?.count)
    XCTAssertEqual(kept(.servedModel, .inService), 1)
    XCTAssertEqual(kept(.reportFolder, .recent), 2)
    XCTAssertEqual(
      kept(.reportFolder, .notPrunable), 4, "metrics.prom, backtest, 2026-02-30, a file")
    XCTAssertEqual(kept(.manifest, .recent), 3)
    XCTAssertEqual(kept(.manifest, .notPrunable), 2, "readme.txt, a hidden temporary file")
    XCTAssertEqual(kept(.quarantineFile, .recent), 2)
    XCTAssertEqual(kept(.quarantineFile, .notPrunable), 1)

    // The command line agrees, and `audit verify` passes.
    let verify = try ShelfCastProcess.run(["audit", "verify", "--workspace", fixture.root])
    XCTAssertEqual(verify.status, 0, verify.error)
    XCTAssertTrue(verify.output.contains("Audit log intact: 18 entries"), verify.output)

    // A second prune finds nothing, writes no entry and changes nothing.
    let settled = try fixture.snapshot()
    let again = try prune(fixture, dryRun: false)
    XCTAssertTrue(again.isEmpty)
    XCTAssertNil(again.auditSeq)
    XCTAssertEqual(try fixture.snapshot(), settled)
  }

  func testCommandLineDryRunPrintsThePlanAndRefusesBadArguments() throws {
    let fixture = try PruneFixture()
    let before = try fixture.snapshot()
    let base = ["prune", "--workspace", fixture.root]
    for arguments in [
      ["--keep-days", "0"], ["--keep-days", "-5"], ["--keep-days", "60", "--today", "2999-01-01"],
    ] {
      let refused = try ShelfCastProcess.run(base + arguments)
      XCTAssertEqual(refused.status, 64, "\(arguments): \(refused.error)")
    }
    let dry = try ShelfCastProcess.run(
      base + ["--keep-days", "30", "--today", "2026-11-20", "--dry-run"])
    XCTAssertEqual(dry.status, 0, dry.error)
    let lines = dry.output.split(separator: "\n").map(String.init)
    XCTAssertTrue(lines.first?.hasPrefix("Warning: keeping 30 days, fewer than the 56") == true)
    XCTAssertTrue(
      dry.output.contains("Dry run: would delete what is dated before 2026-10-21"), dry.output)
    // 30 days back from 2026-11-20 (cutoff 2026-10-21): forecast blocks issued on 2026-08-24
    // (targets through 2026-09-21) now go too; so does the 2026-09-21 report folder.
    let counts = Dictionary(
      lines.compactMap { line -> (String, String)? in
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 4, Int(fields[2]) != nil else { return nil }
        return (fields[0] + " " + fields[1], String(fields[2]))
      }, uniquingKeysWith: { first, _ in first })
    XCTAssertEqual(counts["report folders"], "3", dry.output)
    XCTAssertEqual(counts["forecast blocks"], "6", dry.output)
    XCTAssertEqual(counts["model cards"], "3", dry.output)
    XCTAssertTrue(lines.contains("reports/2026-09-21  (2026-09-21, from its name)"), dry.output)
    XCTAssertEqual(lines.last, "Nothing was deleted (dry run).")
    XCTAssertEqual(try fixture.snapshot(), before)
  }

  func testKeepDaysBelowOneIsRefusedAndBelowFiftySixWarns() throws {
    let directory = try TemporaryDirectory(prefix: "shelfcast-prune-args")
    let workspace = try Workspace(path: directory.path("ws"))
    _ = try workspace.openDatabase()
    for keepDays in [0, -1] {
      XCTAssertThrowsError(
        try PruneStage.run(
          workspace: workspace, keepDays: keepDays, today: PruneFixture.today, dryRun: false,
          logger: logger)
      ) { error in
        guard case PipelineError.invalidArgument(let message) = error else {
          return XCTFail("\(error)")
        }
        XCTAssertTrue(message.contains("at least 1"), message)
      }
    }
    for (keepDays, warnings) in [(1, 1), (55, 1), (56, 0)] {
      let report = try PruneStage.run(
        workspace: workspace, keepDays: keepDays, today: PruneFixture.today, dryRun: false,
        logger: logger)
      XCTAssertEqual(report.warnings.count, warnings, "\(keepDays) days")
      XCTAssertTrue(report.isEmpty)
      XCTAssertNil(report.auditSeq, "nothing to delete, no entry")
    }
  }

  // MARK: - Helpers

  private func prune(_ fixture: PruneFixture, dryRun: Bool) throws -> PruneReport {
    try PruneStage.run(
      workspace: fixture.workspace, keepDays: PruneFixture.keepDays, today: PruneFixture.today,
      dryRun: dryRun, logger: logger, actor: PruneFixture.actor)
  }

  private func relative(_ path: String, _ fixture: PruneFixture) -> String {
    String(path.dropFirst(fixture.root.count + 1))
  }
}
