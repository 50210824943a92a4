import DemandCore
import Foundation
import Synthetic
import XCTest

/// Generation speed at full size: 200 stores × 500 SKUs × 60 days, the last 30 as transactions.
///
/// Skipped unless `SHELFCAST_BENCH=1`; run it in release mode with `scripts/bench-generate.sh`.
/// Optional `SHELFCAST_BENCH_DAYS` and `SHELFCAST_BENCH_TRANSACTION_DAYS` change the span;
/// `SHELFCAST_BENCH_DIRECTORY` keeps the chain there instead of deleting it.
final class GenerationBenchmarkTests: XCTestCase {
  func testGenerationSpeed() throws {
    let environment = ProcessInfo.processInfo.environment
    try XCTSkipUnless(
      environment["SHELFCAST_BENCH"] == "1", "Set SHELFCAST_BENCH=1 to run the benchmark.")
    let days = environment["SHELFCAST_BENCH_DAYS"].flatMap { Int($0) } ?? 60
    let transactionDays = environment["SHELFCAST_BENCH_TRANSACTION_DAYS"].flatMap { Int($0) } ?? 30
    let configuration = ChainConfiguration(
      storeCount: 200, skuCount: 500, start: Day(year: 2025, month: 1, day: 1)!, dayCount: days,
      transactionDayCount: transactionDays, seed: 42,
      driftStart: Day(year: 2025, month: 1, day: 20)!,
      driftShare: 0.1)
    let kept = environment["SHELFCAST_BENCH_DIRECTORY"]
    let directory = kept ?? TinyChain.temporaryDirectory("bench")
    defer {
      if kept == nil { try? FileManager.default.removeItem(atPath: directory) }
    }
    let summary = try ChainGenerator(configuration: configuration).write(
      to: directory, progress: nil)
    let linesPerDay = Double(summary.transactionLineCount) / Double(transactionDays)
    print(
      """
      BENCH stores=200 skus=500 days=\(days) transaction_days=\(transactionDays)
      BENCH transaction_lines=\(summary.transactionLineCount) lines_per_day=\(Int(linesPerDay))
      BENCH history_rows=\(summary.historyRowCount) truth_rows=\(summary.expectedDemandRowCount) \
      inventory_rows=\(summary.inventoryRowCount)
      BENCH bytes=\(summary.bytesWritten) stockout_share=\(summary.stockoutShare)
      BENCH elapsed_s=\(summary.elapsedSeconds) \
      lines_per_s=\(Int(summary.transactionLinesPerSecond))
      """)
    XCTAssertGreaterThan(summary.transactionLineCount, 0)
  }
}
