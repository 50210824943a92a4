import DemandCore
import Foundation
import Synthetic
import XCTest

/// The files of the tiny chain: names, headers, identifiers and coverage of dates.
final class ChainFilesTests: XCTestCase {
  private var directory: String { TinyChain.shared.directory }
  private var configuration: ChainConfiguration { TinyChain.configuration }

  func testWritesTheExpectedFiles() {
    let files = TinyChain.files(under: directory)
    for path in [
      "README.md", "chain.json", "master/stores.csv", "master/skus.csv", "master/calendar.csv",
      "master/promotions.csv", "truth/expected_demand.csv", "truth/drifted_series.csv",
      "truth/demand_dispersion.csv", "truth/transaction_day_sales.csv",
      "history/demand_2025-01.csv", "history/demand_2025-02.csv",
      "history/demand_2025-03.csv",
    ] {
      XCTAssertTrue(files.contains(path), "missing \(path)")
    }
    let inbox = files.filter { $0.hasPrefix("inbox/") }
    let inventory = files.filter { $0.hasPrefix("inventory/") }
    let transactionDays = (0..<7).map { configuration.firstTransactionDay.adding(days: $0).iso }
    XCTAssertEqual(inbox, transactionDays.map { "inbox/transactions_\($0).csv" })
    XCTAssertEqual(inventory, transactionDays.map { "inventory/on_hand_\($0).csv" })
    XCTAssertEqual(Set(TinyChain.shared.summary.filesWritten), Set(files))
  }

  func testHeadersAreExact() throws {
    let expected: [String: String] = [
      "master/stores.csv": "store_id,name,region,format,open_date",
      "master/skus.csv":
        "sku_id,name,category,unit_cost,unit_price,case_pack,lead_time_days,min_order_qty",
      "master/calendar.csv": "date,holiday",
      "master/promotions.csv": "store_id,sku_id,start_date,end_date,discount_pct",
      "history/demand_2025-02.csv": "store_id,sku_id,date,units,stockout",
      "truth/expected_demand.csv": "store_id,sku_id,date,expected_units",
      "truth/drifted_series.csv": "store_id,sku_id",
      "truth/demand_dispersion.csv": "sku_id,nb_size_intercept,nb_size_per_unit",
      "truth/transaction_day_sales.csv": "store_id,sku_id,date,units,stockout",
      "inbox/transactions_\(configuration.lastDay.iso).csv":
        "date,store_id,sku_id,quantity,unit_price,promo,txn_id",
      "inventory/on_hand_\(configuration.lastDay.iso).csv": "store_id,sku_id,on_hand,on_order",
    ]
    for (path, header) in expected {
      XCTAssertEqual(try TinyChain.lines(directory + "/" + path).first, header, path)
    }
  }

  func testIdentifiersAreZeroPadded() throws {
    let stores = try TinyChain.records(directory + "/master/stores.csv").rows
    XCTAssertEqual(stores.map { $0[0] }, ["S001", "S002", "S003"])
    let skus = try TinyChain.records(directory + "/master/skus.csv").rows
    XCTAssertEqual(skus.first?[0], "P00001")
    XCTAssertEqual(skus.last?[0], "P00012")
    XCTAssertTrue(stores.allSatisfy { $0[1].hasPrefix("Store ") && $0.count == 5 })
  }

  func testSKUMasterDataIsPlausibleAndExercisesQuoting() throws {
    let path = directory + "/master/skus.csv"
    let rows = try TinyChain.records(path).rows
    XCTAssertEqual(rows.count, 12)
    for row in rows {
      XCTAssertEqual(row.count, 8, "\(row)")
      let cost = try XCTUnwrap(Double(row[3]))
      let price = try XCTUnwrap(Double(row[4]))
      XCTAssertLessThan(cost, price)
      XCTAssertTrue((1...24).contains(try XCTUnwrap(Int(row[5]))))
      XCTAssertTrue((2...14).contains(try XCTUnwrap(Int(row[6]))))
      XCTAssertEqual(try XCTUnwrap(Int(row[7])) % (try XCTUnwrap(Int(row[5]))), 0)
    }
    XCTAssertGreaterThanOrEqual(Set(rows.map { $0[2] }).count, 8, "several categories")
    // Larger chains must contain names with commas and quotes, written quoted.
    let big = ChainConfiguration(
      storeCount: 1, skuCount: 200, start: configuration.start, dayCount: 5,
      transactionDayCount: 1, seed: 1)
    let bigDirectory = TinyChain.temporaryDirectory("names")
    defer { TinyChain.remove(bigDirectory) }
    _ = try ChainGenerator(configuration: big).write(to: bigDirectory, progress: nil)
    let text = try String(contentsOfFile: bigDirectory + "/master/skus.csv", encoding: .utf8)
    XCTAssertTrue(text.contains("\"\""), "some names contain quotes")
    let names = try TinyChain.records(bigDirectory + "/master/skus.csv").rows.map { $0[1] }
    XCTAssertTrue(names.contains { $0.contains(",") })
    XCTAssertTrue(names.contains { $0.contains("\"") })
  }

  func testCalendarCoversNinetyOneFutureDays() throws {
    let rows = try TinyChain.records(directory + "/master/calendar.csv").rows
    XCTAssertEqual(rows.first?[0], configuration.start.iso)
    XCTAssertEqual(rows.last?[0], configuration.lastDay.adding(days: 91).iso)
    XCTAssertEqual(rows.count, configuration.dayCount + 91)
    let holidays = Dictionary(rows.filter { $0[1] != "" }.map { ($0[0], $0[1]) }) { a, _ in a }
    XCTAssertEqual(holidays["2025-02-14"], "Valentine's Day")
    XCTAssertEqual(holidays["2025-04-20"], "Easter Sunday")
    XCTAssertEqual(holidays["2025-04-18"], "Good Friday")
  }

  func testExpectedDemandCoversEveryStoreSKUAndDay() throws {
    let rows = try TinyChain.records(directory + "/truth/expected_demand.csv").rows
    XCTAssertEqual(rows.count, 3 * 12 * (configuration.dayCount + 91))
    XCTAssertEqual(TinyChain.shared.summary.expectedDemandRowCount, rows.count)
    XCTAssertEqual(
      rows.first.map { Array($0[0...2]) }, ["S001", "P00001", configuration.start.iso])
    XCTAssertEqual(rows.last?[2], configuration.lastDay.adding(days: 91).iso)
    for row in rows.prefix(500) {
      let decimals = row[3].split(separator: ".").last ?? ""
      XCTAssertEqual(decimals.count, 3, "three decimals in \(row)")
    }
  }

  func testPromotionsIncludePlannedFutureOnes() throws {
    let rows = try TinyChain.records(directory + "/master/promotions.csv").rows
    let last = configuration.lastDay.iso
    let horizon = configuration.horizonEnd.iso
    XCTAssertTrue(
      rows.contains { $0[2] > last && $0[2] <= horizon }, "a promotion starts in the future")
    XCTAssertTrue(rows.contains { $0[2] <= last }, "a promotion in the simulated days")
    for row in rows {
      XCTAssertLessThanOrEqual(row[2], row[3])
      XCTAssertTrue((5...50).contains(try XCTUnwrap(Int(row[4]))))
    }
  }

  func testChainJSONRoundTripsTheConfiguration() throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/chain.json"))
    XCTAssertEqual(try JSONDecoder().decode(ChainConfiguration.self, from: data), configuration)
  }
}
