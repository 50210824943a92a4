import DemandCore
import Foundation
import Inventory
import Pipeline
import XCTest
import _TestSupport

@testable import Serving

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The intraday expedite alerts served by the API: written by the real intraday stage on the
/// fixture's workspace (two nights run, an intraday run before the second), each answer
/// checked against `expedite.csv` read here apart from the server's reader; only finished run folders are served, and a newer run (or a
/// new version of the same run) replaces the one served whole.
final class IntradayExpediteTests: XCTestCase {
  /// Built once for the class (the tests only read it), removed after its last test.
  nonisolated(unsafe) private static var shared: ServingFixture?
  private var fixture: ServingFixture!
  /// The night served (the fixture's second) and the day of the intraday runs after it.
  private var night: Day { fixture.firstNight.adding(days: 1) }
  private var day: Day { fixture.firstNight.adding(days: 2) }

  /// The answers to the intraday paths before any intraday run: status and content type.
  nonisolated(unsafe) private static var beforeAnyRun: [(Int, String)] = []

  override func setUp() async throws {
    if Self.shared == nil {
      fixture = try ServingFixture(nights: 1)
      let server = try await RunningServer(workspace: fixture.workspace)
      for path in ["/v1/intraday/expedite", "/v1/stores/S001/intraday/expedite"] {
        let answer = try await server.get(path)
        Self.beforeAnyRun.append((answer.status, answer.contentType))
      }
      try await server.shutDown()
      // In the order of a real day: drops before the night that reconciles them.
      try runIntraday(day: night, hour: 12)
      try fixture.runNight(night)
      try runIntraday(day: day, hour: 10)
      try runIntraday(day: day, hour: 14)
      Self.shared = fixture
    }
    fixture = Self.shared
  }

  /// The instance lets go of the fixture too: XCTest keeps every test case alive until the
  /// process ends, so the last one would otherwise keep the fixture's directory.
  override func tearDown() async throws { fixture = nil }

  override class func tearDown() { shared = nil }

  /// Runs the intraday stage on `day` at `hour`:00 with the drop of the day's lines before it.
  /// Every class is nowcast and the alert threshold is tiny, so that the 2 × 8 chain has
  /// alerts to serve.
  private func runIntraday(day: Day, hour: Int) throws {
    let lines = try String(
      contentsOfFile: fixture.chain + "/inbox/transactions_\(day.iso).csv", encoding: .utf8
    ).split(separator: "\n").map(String.init)
    // Without times in the chain, the drop at `hour` takes a share of the day's lines.
    let kept = lines.count * (hour - 6) / 16
    let drop = fixture.directory.path("drops/\(day.iso)-\(hour).csv")
    try FileManager.default.createDirectory(
      atPath: fixture.directory.path("drops"), withIntermediateDirectories: true)
    try (lines.prefix(max(kept, 2)).joined(separator: "\n") + "\n").write(
      toFile: drop, atomically: true, encoding: .utf8)
    _ = try IntradayStage.run(
      workspace: fixture.workspace, paths: [drop], day: day, secondOfDay: hour * 3600,
      settings: IntradayStage.Settings(
        classes: [.a, .b, .c], alertProbability: 1e-6, minimumElapsedShare: 0),
      outDirectory: nil, logger: ServingFixture.logger)
  }

  /// `reports/D/intraday/HHMM/expedite.csv` as header and rows of fields.
  private func expedite(_ day: Day, _ cutoff: String, under reports: String? = nil) throws
    -> (header: [String], rows: [[String]])
  {
    let path =
      (reports ?? fixture.workspace.reportDirectory)
      + "/\(day.iso)/intraday/\(cutoff)/expedite.csv"
    let records = ReferenceCSV.parse(try String(contentsOfFile: path, encoding: .utf8))
      .map(\.fields)
    return (records[0], Array(records.dropFirst()))
  }

  func testTheLatestFinishedRunIsServedPagedFilteredAndAsCSV() async throws {
    // Before any intraday run: 404 with a problem body, chain-wide and per store.
    XCTAssertEqual(Self.beforeAnyRun.map(\.0), [404, 404])
    XCTAssertEqual(
      Self.beforeAnyRun.map(\.1), Array(repeating: "application/problem+json", count: 2))
    let started = try await RunningServer(workspace: fixture.workspace)
    let (header, rows) = try expedite(day, "1400")
    XCTAssertGreaterThan(rows.count, 3, "the tiny threshold leaves alerts to page through")
    let column = { (name: String) in try XCTUnwrap(header.firstIndex(of: name)) }
    let (store, sku, probability, short, days) = (
      try column("store_id"), try column("sku_id"), try column("stockout_probability"),
      try column("expected_units_short"), try column("days_to_delivery")
    )

    let all = try await started.json(
      Components.Schemas.ExpeditePage.self, "/v1/intraday/expedite?page_size=1000")
    XCTAssertEqual(all.date, day.iso, "the newest day's run")
    XCTAssertEqual(all.cutoff, "1400", "its latest cut-off")
    XCTAssertEqual(all.total, rows.count)
    XCTAssertEqual(all.items.map(\.storeId), rows.map { $0[store] })
    XCTAssertEqual(all.items.map(\.skuId), rows.map { $0[sku] })
    XCTAssertEqual(all.items.map(\.stockoutProbability), rows.map { Double($0[probability])! })
    XCTAssertEqual(all.items.map(\.expectedUnitsShort), rows.map { Double($0[short])! })
    XCTAssertEqual(all.items.map(\.daysToDelivery), rows.map { Int($0[days])! })
    let written = try FileManager.default.attributesOfItem(
      atPath: fixture.workspace.reportDirectory + "/\(day.iso)/intraday/1400/expedite.csv")
    let modified = try XCTUnwrap(written[.modificationDate] as? Date)
    let formatter = ISO8601DateFormatter()
    XCTAssertEqual(
      all.generatedAt,
      formatter.string(
        from: Date(timeIntervalSince1970: modified.timeIntervalSince1970.rounded(.down))))

    // One store, paged: the same rows in the file's order.
    let s002 = rows.filter { $0[store] == "S002" }
    let second = try await started.json(
      Components.Schemas.ExpeditePage.self,
      "/v1/stores/S002/intraday/expedite?page=2&page_size=2")
    XCTAssertEqual(second.total, s002.count)
    XCTAssertEqual(second.store, "S002")
    XCTAssertEqual(second.items.map(\.skuId), s002.dropFirst(2).prefix(2).map { $0[sku] })
    let filtered = try await started.json(
      Components.Schemas.ExpeditePage.self, "/v1/intraday/expedite?store=S002&page_size=1000")
    XCTAssertEqual(filtered.items.map(\.skuId), s002.map { $0[sku] })

    // CSV: the file's header and the page's lines, as written.
    let csv = try await started.get(
      "/v1/stores/S001/intraday/expedite?page_size=3", headers: ["Accept": "text/csv"])
    XCTAssertEqual(csv.status, 200)
    XCTAssertTrue(csv.contentType.hasPrefix("text/csv"), csv.contentType)
    let text = try String(
      contentsOfFile: fixture.workspace.reportDirectory + "/\(day.iso)/intraday/1400/expedite.csv",
      encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init)
    let expected = [lines[0]] + lines.dropFirst().filter { $0.hasPrefix("S001,") }.prefix(3)
    XCTAssertEqual(
      String(decoding: csv.body, as: UTF8.self), expected.joined(separator: "\n") + "\n")

    // An earlier day by `date`: its own run.
    let (_, earlier) = try expedite(night, "1200")
    let older = try await started.json(
      Components.Schemas.ExpeditePage.self,
      "/v1/intraday/expedite?date=\(night.iso)&page_size=1000")
    XCTAssertEqual(older.date, night.iso)
    XCTAssertEqual(older.cutoff, "1200")
    XCTAssertEqual(older.items.map(\.skuId), earlier.map { $0[sku] })

    for (path, status) in [
      ("/v1/intraday/expedite?date=\(day.adding(days: 1).iso)", 404),
      ("/v1/intraday/expedite?date=2026-02-30", 400),
      ("/v1/intraday/expedite?page_size=0", 400),
      ("/v1/intraday/expedite?store=S999", 404),
      ("/v1/stores/S999/intraday/expedite", 404),
    ] {
      let answer = try await started.get(path)
      XCTAssertEqual(answer.status, status, path)
      XCTAssertEqual(answer.contentType, "application/problem+json", path)
    }
    try await started.shutDown()
  }

  func testMerchandisersReadOnlyTheirStoresAlerts() async throws {
    let server = try await RunningServer(
      workspace: fixture.workspace, tokens: try TwoRoles.tokens())
    let (analyst, merchandiser) = (TwoRoles.analyst, TwoRoles.merchandiser)
    for (path, headers, status) in [
      ("/v1/intraday/expedite", [:], 401),
      ("/v1/intraday/expedite", analyst, 200),
      ("/v1/intraday/expedite", merchandiser, 403),
      ("/v1/intraday/expedite?store=S001", merchandiser, 200),
      ("/v1/intraday/expedite?store=S002", merchandiser, 403),
      ("/v1/stores/S001/intraday/expedite", merchandiser, 200),
      ("/v1/stores/S002/intraday/expedite", merchandiser, 403),
      ("/v1/stores/S002/intraday/expedite", analyst, 200),
    ] {
      let answer = try await server.get(path, headers: headers)
      XCTAssertEqual(answer.status, status, "\(path) \(headers)")
    }
    try await server.shutDown()
  }

  func testOnlyFinishedRunFoldersAreServedAndTheSwitchIsWhole() throws {
    // A copy of the reports folder's intraday runs, changed here step by step.
    let reports = fixture.directory.path("reports-copy")
    let source = fixture.workspace.reportDirectory + "/\(day.iso)/intraday/1400"
    let target = reports + "/\(day.iso)/intraday/1400"
    try FileManager.default.createDirectory(
      atPath: reports + "/\(day.iso)/intraday", withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: source, toPath: target)
    let catalog = IntradayCatalog(reportDirectory: reports, logger: ServingFixture.logger)
    XCTAssertTrue(catalog.refresh())
    XCTAssertEqual(catalog.current?.location.cutoff, "1400")
    XCTAssertFalse(catalog.refresh(), "nothing changed")
    let (header, rows) = try expedite(day, "1400", under: reports)
    XCTAssertEqual(catalog.current?.rows.count, rows.count)

    // A later cut-off being written (no alerts.json yet), and a later day's folder left by a
    // killed run: neither is served.
    let later = reports + "/\(day.iso)/intraday/1430"
    try FileManager.default.createDirectory(atPath: later, withIntermediateDirectories: true)
    let fewer =
      ([header] + rows.prefix(1)).map { $0.joined(separator: ",") }
      .joined(separator: "\n") + "\n"
    try fewer.write(toFile: later + "/expedite.csv", atomically: true, encoding: .utf8)
    let killed = reports + "/\(day.adding(days: 1).iso)/intraday/0800"
    try FileManager.default.createDirectory(atPath: killed, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: target + "/expedite.csv", toPath: killed + "/expedite.csv")
    XCTAssertFalse(catalog.refresh())
    XCTAssertEqual(catalog.current?.location.cutoff, "1400")
    XCTAssertEqual(catalog.current?.rows.count, rows.count)

    // alerts.json, written last, finishes the folder: the switch is to the whole new file.
    try FileManager.default.copyItem(
      atPath: target + "/alerts.json", toPath: later + "/alerts.json")
    XCTAssertTrue(catalog.refresh())
    XCTAssertEqual(catalog.current?.location.cutoff, "1430")
    XCTAssertEqual(catalog.current?.rows.map(\.value.skuId), [rows[0][1]])

    // A run of the same cut-off again replaces expedite.csv by rename: the new version is read.
    let two =
      ([header] + rows.prefix(2)).map { $0.joined(separator: ",") }
      .joined(separator: "\n") + "\n"
    try two.write(toFile: later + "/expedite.csv", atomically: true, encoding: .utf8)
    XCTAssertTrue(catalog.refresh())
    XCTAssertEqual(catalog.current?.location.cutoff, "1430")
    XCTAssertEqual(catalog.current?.rows.map(\.value.skuId), rows.prefix(2).map { $0[1] })
    XCTAssertEqual(
      catalog.current?.rows.map(\.value.stockoutProbability),
      rows.prefix(2).map { Double($0[header.firstIndex(of: "stockout_probability")!])! })
  }
}

extension IntradayExpediteTests {
  /// Readers taking the served run while the same cut-off is written again and again (two
  /// versions of `expedite.csv` in turn, each by rename) see one version whole every time.
  func testReadersDuringRewritesSeeOneVersionWhole() throws {
    let reports = fixture.directory.path("reports-rewrites")
    let folder = reports + "/\(day.iso)/intraday/1400"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let source = fixture.workspace.reportDirectory + "/\(day.iso)/intraday/1400"
    try FileManager.default.copyItem(
      atPath: source + "/alerts.json", toPath: folder + "/alerts.json")
    let lines = try String(contentsOfFile: source + "/expedite.csv", encoding: .utf8)
      .split(separator: "\n").map(String.init)
    XCTAssertGreaterThan(lines.count, 3)
    // Version A: every row; version B: the first row only.
    let versions = [lines, Array(lines.prefix(2))].map { $0.joined(separator: "\n") + "\n" }
    let skus = [lines, Array(lines.prefix(2))].map { version in
      version.dropFirst().map { String($0.split(separator: ",")[1]) }
    }
    try versions[0].write(toFile: folder + "/expedite.csv", atomically: true, encoding: .utf8)
    let catalog = IntradayCatalog(reportDirectory: reports, logger: ServingFixture.logger)
    XCTAssertTrue(catalog.refresh())
    let seen = LockedCounts()
    let done = Flag()
    let readers = DispatchGroup()
    for _ in 0..<2 {
      DispatchQueue.global().async(group: readers) {
        while !done.isSet {
          guard let run = catalog.current else { continue }
          let read = run.rows.map(\.value.skuId)
          seen.add(skus.firstIndex(of: read) ?? -1)
        }
      }
    }
    for round in 1...40 {
      try versions[round % 2].write(
        toFile: folder + "/expedite.csv", atomically: true, encoding: .utf8)
      catalog.refresh()
      XCTAssertEqual(catalog.current?.rows.map(\.value.skuId), skus[round % 2], "round \(round)")
    }
    done.set()
    readers.wait()
    XCTAssertEqual(seen.count(-1), 0, "an answer that is neither version")
    XCTAssertGreaterThan(seen.count(0) + seen.count(1), 0)
  }
}

/// Counts by key, from any thread.
final class LockedCounts: @unchecked Sendable {
  private let lock = NSLock()
  private var counts: [Int: Int] = [:]
  func add(_ key: Int) {
    lock.lock()
    counts[key, default: 0] += 1
    lock.unlock()
  }
  func count(_ key: Int) -> Int {
    lock.lock()
    defer { lock.unlock() }
    return counts[key] ?? 0
  }
}
