import DemandCore
import Foundation
import Synthetic
import XCTest

/// The tiny chain behaves like a retail chain: stock-outs, slow movers, a new store, drift,
/// and transactions that add up to the day's sales.
final class DemandBehaviourTests: XCTestCase {
  private var directory: String { TinyChain.shared.directory }
  private var configuration: ChainConfiguration { TinyChain.configuration }

  /// Sales rows of the history and the transaction days, keyed by store/SKU/date.
  private func salesRows() throws -> [String: (units: Int, stockout: Bool)] {
    var rows: [String: (Int, Bool)] = [:]
    let paths =
      TinyChain.files(under: directory).filter { $0.hasPrefix("history/") }
      + ["truth/transaction_day_sales.csv"]
    for path in paths {
      for row in try TinyChain.records(directory + "/" + path).rows {
        rows["\(row[0])/\(row[1])/\(row[2])"] = (try XCTUnwrap(Int(row[3])), row[4] == "1")
      }
    }
    return rows
  }

  private func expectedDemand() throws -> [String: Double] {
    var expected: [String: Double] = [:]
    for row in try TinyChain.records(directory + "/truth/expected_demand.csv").rows {
      expected["\(row[0])/\(row[1])/\(row[2])"] = try XCTUnwrap(Double(row[3]))
    }
    return expected
  }

  func testStockoutsOccurOnAFewPercentOfSellingDays() throws {
    let summary = TinyChain.shared.summary
    XCTAssertGreaterThan(summary.sellingSeriesDayCount, 1_500)
    XCTAssertGreaterThan(summary.stockoutShare, 0.005)
    XCTAssertLessThan(summary.stockoutShare, 0.15)
    let flagged = try salesRows().values.filter(\.stockout).count
    XCTAssertEqual(flagged, summary.stockoutSeriesDayCount)
  }

  func testOnStockoutDaysSalesFallShortOfExpectedDemand() throws {
    let expected = try expectedDemand()
    let stockouts = try salesRows().filter { $0.value.stockout }
    XCTAssertFalse(stockouts.isEmpty)
    let short = stockouts.filter { key, value in Double(value.units) < (expected[key] ?? 0) }
    XCTAssertGreaterThan(Double(short.count) / Double(stockouts.count), 0.6)
  }

  func testManySeriesAreIntermittentAndSomeSellDozens() throws {
    var totals: [String: (sum: Double, days: Int)] = [:]
    let lastDay = configuration.lastDay.iso
    for (key, mean) in try expectedDemand() where mean > 0 && String(key.suffix(10)) <= lastDay {
      let series = String(key.dropLast(11))  // "S001/P00001"
      totals[series, default: (0, 0)].sum += mean
      totals[series, default: (0, 0)].days += 1
    }
    let means = totals.values.map { $0.sum / Double($0.days) }
    let slow = means.filter { $0 < 1 }.count
    XCTAssertGreaterThan(Double(slow) / Double(means.count), 0.15, "slow movers: \(means.sorted())")
    XCTAssertGreaterThan(means.max() ?? 0, 10, "a fast mover")
  }

  func testTheNewStoreSellsNothingBeforeItOpens() throws {
    let stores = try TinyChain.records(directory + "/master/stores.csv").rows
    let newStore = try XCTUnwrap(stores.last)
    let openDate = newStore[4]
    XCTAssertGreaterThan(openDate, configuration.start.iso)
    XCTAssertLessThan(openDate, configuration.lastDay.iso)
    let sales = try salesRows().keys.filter { $0.hasPrefix(newStore[0] + "/") }
    XCTAssertFalse(sales.isEmpty)
    XCTAssertTrue(sales.allSatisfy { String($0.suffix(10)) >= openDate })
    for (key, mean) in try expectedDemand() where key.hasPrefix(newStore[0] + "/") {
      if String(key.suffix(10)) < openDate { XCTAssertEqual(mean, 0, key) }
    }
  }

  func testTransactionsAddUpToTheDaysSales() throws {
    let sales = try salesRows()
    for offset in 0..<configuration.transactionDayCount {
      let date = configuration.firstTransactionDay.adding(days: offset).iso
      var sold: [String: Int] = [:]
      var returns = 0
      var lines = 0
      for row in try TinyChain.records(directory + "/inbox/transactions_\(date).csv").rows {
        XCTAssertEqual(row.count, 7)
        XCTAssertEqual(row[0], date)
        XCTAssertTrue(
          row[6].hasPrefix("\(row[1])-\(date.replacingOccurrences(of: "-", with: ""))-"))
        let quantity = try XCTUnwrap(Int(row[3]))
        XCTAssertNotNil(Double(row[4]))
        XCTAssertTrue(row[5] == "0" || row[5] == "1")
        lines += 1
        if quantity > 0 { sold["\(row[1])/\(row[2])/\(date)", default: 0] += quantity }
        if quantity < 0 { returns += 1 }
      }
      let daySales = sales.filter { $0.key.hasSuffix(date) && $0.value.units > 0 }
      XCTAssertEqual(sold, daySales.mapValues(\.units), date)
      XCTAssertLessThan(Double(returns), 0.05 * Double(lines) + 2)
    }
  }

  func testInventoryIsEmptyAfterEveryStockout() throws {
    let sales = try salesRows()
    var stockoutsChecked = 0
    for offset in 0..<configuration.transactionDayCount {
      let date = configuration.firstTransactionDay.adding(days: offset).iso
      let rows = try TinyChain.records(directory + "/inventory/on_hand_\(date).csv").rows
      XCTAssertGreaterThan(rows.count, 20)
      for row in rows {
        let onHand = try XCTUnwrap(Int(row[2]))
        let onOrder = try XCTUnwrap(Int(row[3]))
        XCTAssertTrue(onHand >= 0 && onOrder >= 0, "\(row)")
        if sales["\(row[0])/\(row[1])/\(date)"]?.stockout == true {
          XCTAssertEqual(onHand, 0, "stock left after a stock-out: \(row)")
          stockoutsChecked += 1
        }
      }
    }
    let flagged = sales.filter(\.value.stockout).keys.filter { key in
      String(key.suffix(10)) >= configuration.firstTransactionDay.iso
    }
    XCTAssertEqual(stockoutsChecked, flagged.count, "every stock-out series is listed")
  }

  func testTransactionLinesAreMostlySingleUnitsWithSomeReturns() throws {
    var quantities: [Int] = []
    for offset in 0..<configuration.transactionDayCount {
      let date = configuration.firstTransactionDay.adding(days: offset).iso
      let rows = try TinyChain.records(directory + "/inbox/transactions_\(date).csv").rows
      quantities += try rows.map { try XCTUnwrap(Int($0[3])) }
    }
    XCTAssertEqual(TinyChain.shared.summary.transactionLineCount, quantities.count)
    let single = quantities.filter { $0 == 1 }.count
    XCTAssertGreaterThan(Double(single) / Double(quantities.count), 0.6)
    XCTAssertTrue(quantities.contains { $0 < 0 }, "returns")
    XCTAssertTrue(quantities.allSatisfy { $0 != 0 && $0 <= 6 && $0 >= -2 })
  }

  func testDriftListsAboutTheConfiguredShare() throws {
    let rows = try TinyChain.records(directory + "/truth/drifted_series.csv").rows
    let share = Double(rows.count) / Double(configuration.storeCount * configuration.skuCount)
    XCTAssertEqual(share, configuration.driftShare, accuracy: 0.2)
  }

  func testDriftedSeriesChangeLevelFromTheDriftStart() throws {
    // Four weeks either side of the drift start: the weekly profile averages out, the level
    // change (×0.6 or ×1.5) does not.
    let driftStart = try XCTUnwrap(configuration.driftStart)
    let expected = try expectedDemand()
    let drifted = Set(
      try TinyChain.records(directory + "/truth/drifted_series.csv").rows.map {
        "\($0[0])/\($0[1])"
      })
    var driftedChanges: [Double] = []
    var steadyChanges: [Double] = []
    for store in ["S001", "S002"] {
      for sku in (1...configuration.skuCount).map({ String(format: "P%05d", $0) }) {
        let series = "\(store)/\(sku)/"
        let before = (1...28).map { expected[series + driftStart.adding(days: -$0).iso] ?? 0 }
        let after = (0..<28).map { expected[series + driftStart.adding(days: $0).iso] ?? 0 }
        guard before.allSatisfy({ $0 > 0 }), after.allSatisfy({ $0 > 0 }) else { continue }
        let change = abs(log(after.reduce(0, +) / before.reduce(0, +)))
        if drifted.contains("\(store)/\(sku)") {
          driftedChanges.append(change)
        } else {
          steadyChanges.append(change)
        }
      }
    }
    let median = { (values: [Double]) in values.sorted()[values.count / 2] }
    XCTAssertFalse(driftedChanges.isEmpty)
    XCTAssertGreaterThan(median(driftedChanges), median(steadyChanges) + 0.2)
  }

  func testPromotionsLiftExpectedDemand() throws {
    let expected = try expectedDemand()
    let promotions = try TinyChain.records(directory + "/master/promotions.csv").rows
    var lifted = 0
    var compared = 0
    for row in promotions {
      guard let start = Day(iso: row[2]), start.adding(days: -7) >= configuration.start else {
        continue
      }
      let key = "\(row[0])/\(row[1])/"
      let during = expected[key + start.iso] ?? 0
      let weekBefore = expected[key + start.adding(days: -7).iso] ?? 0
      guard weekBefore > 0 else { continue }
      compared += 1
      if during > weekBefore { lifted += 1 }
    }
    XCTAssertGreaterThan(compared, 5)
    XCTAssertGreaterThan(Double(lifted) / Double(compared), 0.8)
  }
}
