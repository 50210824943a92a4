import DemandCore
import Foundation
import Synthetic
import XCTest

/// A small chain of the realistic profile, generated once per test run, and its files read
/// into dense arrays indexed by series (`store × skuCount + sku`) and day (from `start`).
enum RealisticChain {
  /// 8 stores × 40 SKUs × 400 days (the last 14 as transactions) from a Monday, 25 % of series
  /// drifting from day 250.
  static let configuration = ChainConfiguration(
    storeCount: 8, skuCount: 40, start: Day(year: 2025, month: 1, day: 6)!, dayCount: 400,
    transactionDayCount: 14, seed: 99, driftStart: Day(year: 2025, month: 9, day: 13)!,
    driftShare: 0.25, profile: .realistic)

  static var seriesCount: Int { configuration.storeCount * configuration.skuCount }
  static var driftIndex: Int { configuration.start.days(to: configuration.driftStart!) }

  static let shared: (directory: String, summary: GenerationSummary) = {
    let directory = TinyChain.temporaryDirectory("realistic")
    TinyChain.removeAtExit(directory)
    do {
      let summary = try ChainGenerator(configuration: configuration).write(
        to: directory, progress: nil)
      return (directory, summary)
    } catch {
      fatalError("The realistic chain could not be generated: \(error)")
    }
  }()

  /// `truth/expected_demand.csv` as arrays over the whole timeline.
  struct Truth {
    var expected: [[Double]]
    var p10: [[Int]]
    var p50: [[Int]]
    var p90: [[Int]]
  }

  /// The sales files (history and transaction-day sales) as arrays over the simulated days.
  struct Sales {
    var units: [[Int]]
    var stockout: [[Bool]]
    /// Whether the files hold a row for the series and day (they do when units > 0 or flagged).
    var hasRow: [[Bool]]
  }

  /// The series index of a store id (`S001`) and SKU id (`P00001`).
  static func series(store: Substring, sku: Substring) throws -> Int {
    let storeIndex = try XCTUnwrap(Int(store.dropFirst())) - 1
    let skuIndex = try XCTUnwrap(Int(sku.dropFirst())) - 1
    return storeIndex * configuration.skuCount + skuIndex
  }

  /// Data rows of a CSV file without quoted fields, split at commas.
  static func rows(_ path: String) throws -> [[Substring]] {
    try TinyChain.lines(path).dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
  }

  static func day(_ text: Substring) throws -> Int {
    configuration.start.days(to: try XCTUnwrap(Day(iso: text)))
  }

  static let truth: Truth = {
    let days = configuration.dayCount + ChainConfiguration.futureDayCount
    var truth = Truth(
      expected: Array(repeating: Array(repeating: .nan, count: days), count: seriesCount),
      p10: Array(repeating: Array(repeating: -1, count: days), count: seriesCount),
      p50: Array(repeating: Array(repeating: -1, count: days), count: seriesCount),
      p90: Array(repeating: Array(repeating: -1, count: days), count: seriesCount))
    do {
      for row in try rows(shared.directory + "/truth/expected_demand.csv") {
        let series = try series(store: row[0], sku: row[1])
        let day = try day(row[2])
        truth.expected[series][day] = try XCTUnwrap(Double(row[3]))
        truth.p10[series][day] = try XCTUnwrap(Int(row[4]))
        truth.p50[series][day] = try XCTUnwrap(Int(row[5]))
        truth.p90[series][day] = try XCTUnwrap(Int(row[6]))
      }
    } catch {
      fatalError("The realistic chain's truth could not be read: \(error)")
    }
    return truth
  }()

  static let sales: Sales = {
    let days = configuration.dayCount
    var sales = Sales(
      units: Array(repeating: Array(repeating: 0, count: days), count: seriesCount),
      stockout: Array(repeating: Array(repeating: false, count: days), count: seriesCount),
      hasRow: Array(repeating: Array(repeating: false, count: days), count: seriesCount))
    let directory = shared.directory
    let paths =
      TinyChain.files(under: directory).filter { $0.hasPrefix("history/") }
      + ["truth/transaction_day_sales.csv"]
    do {
      for path in paths {
        for row in try rows(directory + "/" + path) {
          let series = try series(store: row[0], sku: row[1])
          let day = try day(row[2])
          sales.units[series][day] = try XCTUnwrap(Int(row[3]))
          sales.stockout[series][day] = row[4] == "1"
          sales.hasRow[series][day] = true
        }
      }
    } catch {
      fatalError("The realistic chain's sales could not be read: \(error)")
    }
    return sales
  }()
}
