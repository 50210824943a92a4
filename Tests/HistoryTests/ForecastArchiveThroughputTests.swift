import DemandCore
import Foundation
import History
import XCTest
import _TestSupport

/// Size and speed of the forecast archive at chain scale (200 stores × 500 SKUs = 100,000 series,
/// 28 days ahead: 2.8 million store/SKU/days a night), printed, never asserted (no timing
/// assertions in tests). Skipped unless `ARCHIVE_BENCHMARK=1`; run it in release:
///
///     ARCHIVE_BENCHMARK=1 swift test -c release --filter ForecastArchiveThroughputTests
final class ForecastArchiveThroughputTests: XCTestCase {
  func testOneNightOfAHundredThousandSeries() throws {
    try XCTSkipUnless(
      ProcessInfo.processInfo.environment["ARCHIVE_BENCHMARK"] == "1", "set ARCHIVE_BENCHMARK=1")
    let directory = try TemporaryDirectory()
    let report = try ForecastArchiveBenchmark.run(
      databasePath: directory.path("archive.sqlite"), stores: 200, skus: 500, days: 28, nights: 3)
    print(report)
  }
}

/// The measurement itself: master data, then `nights` nightly issues, one re-issue, and the
/// monitor's read of one store's 28-day window.
enum ForecastArchiveBenchmark {
  static func run(databasePath: String, stores: Int, skus: Int, days: Int, nights: Int) throws
    -> String
  {
    let database = try HistoryDatabase(path: databasePath)
    let storeIDs = (0..<stores).map { StoreID(String(format: "S%04d", $0)) }
    let skuIDs = (0..<skus).map { SKUID(String(format: "P%05d", $0)) }
    try database.commit(
      FileBatch(
        entry: entry("stores.csv", .stores),
        content: .stores(
          storeIDs.map {
            StoreRecord(id: $0, name: "", region: "R", format: "super", openDay: nil)
          })))
    try database.commit(
      FileBatch(
        entry: entry("skus.csv", .skus),
        content: .skus(
          skuIDs.map {
            SKURecord(
              id: $0, name: "", category: "c", unitCost: 1, unitPrice: 2, casePack: 1,
              leadTimeDays: 1, minOrderQty: 0)
          })))
    var generator = SplitMix64(seed: 5)
    let first = Day(iso: "2026-01-01")!
    let clock = ContinuousClock()
    var lines: [String] = []
    var night = 0
    func issue(_ issuedOn: Day) throws -> (Duration, HistoryDatabase.ArchiveReceipt) {
      var blocks: [ForecastBlock] = []
      for store in storeIDs {
        var block = ForecastBlock(
          store: store, issuedOn: issuedOn, firstTargetDay: issuedOn.adding(days: 1),
          dayCount: days, modelVersion: "0123456789ab")
        for sku in skuIDs {
          // Levels from 0.05 to ~40 units a day, a weekly shape, quantiles around the mean.
          let level = 0.05 * Double(1 + generator.below(800))
          let mean = (0..<days).map { level * (1 + 0.3 * Double(($0 + night) % 7 == 5 ? 1 : 0)) }
          block.append(
            sku: sku, model: generator.below(3) == 0 ? "Ridge(c)" : "ETS(A,N,A)",
            p10: mean.map { max(0, $0 - 1.3 * $0.squareRoot() - 0.5) },
            p50: mean.map { max(0, $0 - 0.2) }, p90: mean.map { $0 + 1.3 * $0.squareRoot() + 0.5 },
            mean: mean)
        }
        blocks.append(block)
      }
      var receipt: HistoryDatabase.ArchiveReceipt?
      let elapsed = try clock.measure { receipt = try database.archiveForecasts(blocks) }
      night += 1
      return (elapsed, receipt!)
    }
    for n in 0..<nights {
      let (elapsed, receipt) = try issue(first.adding(days: n))
      lines.append(
        "night \(n + 1): \(receipt.series) series × \(days) days archived in \(elapsed), "
          + "payload \(receipt.payloadBytes / 1_000_000) MB")
    }
    let (again, receipt) = try issue(first)
    lines.append("re-issue of night 1: \(again), replaced \(receipt.replaced) blocks")
    var read = 0
    let readTime = try clock.measure {
      read = try database.archivedForecasts(
        store: storeIDs[0], targetDays: first...first.adding(days: days - 1)
      ).reduce(0) { $0 + $1.count }
    }
    lines.append("one store's window: \(read) series-issues read in \(readTime)")
    let fileBytes =
      (try? FileManager.default.attributesOfItem(atPath: databasePath)[.size] as? Int)
      ?? 0
    let walBytes =
      (try? FileManager.default.attributesOfItem(atPath: databasePath + "-wal")[.size] as? Int)
      ?? 0
    lines.append(
      "database \(fileBytes / 1_000_000) MB + WAL \(walBytes / 1_000_000) MB after \(nights) nights"
    )
    return lines.joined(separator: "\n")
  }

  private static func entry(_ name: String, _ kind: InputKind) -> LedgerEntry {
    LedgerEntry(
      fileName: name, sha256: name, kind: kind, bytes: 0, rowsRead: 0, rowsStored: 0,
      rowsQuarantined: 0, firstDay: nil, lastDay: nil, status: .ingested,
      recordedAt: "2026-01-01T00:00:00Z")
  }
}
