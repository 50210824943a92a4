import DemandCore
import Foundation
import Logging
import Pipeline
import XCTest
import _TestSupport

/// One audit entry per delivery: a copy of a file under another name, in the same call as the
/// original and after a file an earlier call took (as a night's inbox holds yesterday's files),
/// wrote a second `ingest` entry for the same bytes.
final class IngestAuditTests: XCTestCase {
  func testACopyInTheSameCallAddsNoSecondEntry() throws {
    let directory = try TemporaryDirectory()
    try directory.write(
      "store_id,name,region,format,open_date\nS001,Central,North,hyper,2020-01-01\n",
      to: "in/stores.csv")
    try directory.write(
      "sku_id,name,category,unit_cost,unit_price,case_pack,lead_time_days,min_order_qty\n"
        + "P001,Milk,dairy,0.60,1.20,12,2,24\n", to: "in/skus.csv")
    let header = "date,store_id,sku_id,quantity,unit_price,promo,txn_id\n"
    try directory.write(header + "2025-03-10,S001,P001,2,1.20,0,T1\n", to: "in/tx_0310.csv")
    let workspace = try Workspace(path: directory.path("ws"))
    let asOf = try XCTUnwrap(Day(iso: "2025-03-31"))
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    _ = try IngestStage.run(
      workspace: workspace, paths: [directory.path("in")], asOf: asOf, logger: logger)
    let next = header + "2025-03-11,S001,P001,3,1.20,0,T2\n"
    try directory.write(next, to: "in/tx_0311.csv")
    try directory.write(next, to: "in/tx_0311_copy.csv")
    let report = try IngestStage.run(
      workspace: workspace, paths: [directory.path("in")], asOf: asOf, logger: logger)
    XCTAssertEqual(
      report.files.filter { $0.fileName.hasPrefix("tx_0311") }.map(\.outcome),
      [.ingested, .alreadyIngested])
    let subjects = try workspace.openRegistry().audit.entries().filter { $0.action == .ingest }
      .map(\.subject)
    XCTAssertEqual(subjects.filter { $0.hasPrefix("tx_0311") }, ["tx_0311.csv"])
    XCTAssertEqual(subjects.filter { $0 == "tx_0310.csv" }.count, 1)
  }
}
