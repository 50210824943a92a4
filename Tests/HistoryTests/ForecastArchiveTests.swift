import DemandCore
import History
import XCTest

/// The forecast archive: what goes in comes back bit for bit, found by target day, and a night
/// issued again replaces the earlier issue.
final class ForecastArchiveTests: XCTestCase {
  let day0 = HistoryFixture.day0

  /// A block of `store` issued on `day0 + issued` for the `days` days after it; each SKU's paths
  /// are `base + h` (p10 0, p50 base/2 + h, p90 2·base + h, mean base + h).
  func block(
    _ store: String, issued: Int, days: Int = 3, version: String = "abc123def456",
    _ skus: [(String, Double)]
  ) -> ForecastBlock {
    var block = ForecastBlock(
      store: StoreID(store), issuedOn: day0.adding(days: issued),
      firstTargetDay: day0.adding(days: issued + 1), dayCount: days, modelVersion: version)
    for (sku, base) in skus {
      let h = (0..<days).map(Double.init)
      block.append(
        sku: SKUID(sku), model: "Model(\(sku))", p10: h.map { _ in 0 },
        p50: h.map { base / 2 + $0 }, p90: h.map { 2 * base + $0 }, mean: h.map { base + $0 })
    }
    return block
  }

  func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }

  /// SKU keys are P003 < P001 < P002 (insertion order), ids P001 < P002 < P003: the stored order
  /// is by key, the returned one by id, with every value following its series. The three float
  /// encodings all occur: p10 all zero, p50 sparse, p90 and mean raw; a NaN mean and −0.0 keep
  /// their bits.
  func testRoundTripKeepsEveryBitAndReturnsSeriesInSKUOrder() throws {
    let f = try HistoryFixture()
    var written = ForecastBlock(
      store: StoreID("S001"), issuedOn: day0, firstTargetDay: day0.adding(days: 1), dayCount: 4,
      modelVersion: "0123456789ab")
    written.append(
      sku: SKUID("P002"), model: "ETS(A,N,A)", p10: [0, 0, 0, 0], p50: [0, 0, 0, 1.25],
      p90: [3.5, 4.25, 1e-7, 7], mean: [1.5, -0.0, .nan, 2.125])
    written.append(
      sku: SKUID("P003"), model: "Median(ETS(A,N,A), Ridge(dairy))", p10: [0, 0, 0, 0],
      p50: [0, 0, 0, 0], p90: [1, 2, 3, 4], mean: [0.25, 0.5, 0.75, 1])
    written.append(
      sku: SKUID("P001"), model: "ETS(A,N,A)", p10: [0, 0, 0, 0], p50: [0, 0, 0, 0],
      p90: [9, 9, 9, 9.5], mean: [5, 6, 7, 8])
    let receipt = try f.database.archiveForecasts([written])
    XCTAssertEqual(receipt.blocks, 1)
    XCTAssertEqual(receipt.series, 3)
    XCTAssertEqual(receipt.replaced, 0)
    let read = try f.database.archivedForecasts(
      store: StoreID("S001"), targetDays: day0...day0.adding(days: 30))
    XCTAssertEqual(read.count, 1)
    let block = try XCTUnwrap(read.first)
    XCTAssertEqual(block.skus, [SKUID("P001"), SKUID("P002"), SKUID("P003")])
    XCTAssertEqual(
      block.models, ["ETS(A,N,A)", "ETS(A,N,A)", "Median(ETS(A,N,A), Ridge(dairy))"])
    XCTAssertEqual(block.issuedOn, day0)
    XCTAssertEqual(block.firstTargetDay, day0.adding(days: 1))
    XCTAssertEqual(block.dayCount, 4)
    XCTAssertEqual(block.modelVersion, "0123456789ab")
    // Written order P002, P003, P001 → read order P001 (written 2), P002 (0), P003 (1).
    for (readIndex, writtenIndex) in [(0, 2), (1, 0), (2, 1)] {
      for column in [\ForecastBlock.p10, \.p50, \.p90, \.mean] {
        XCTAssertEqual(
          bits(Array(block.path(column, series: readIndex))),
          bits(Array(written.path(column, series: writtenIndex))), "series \(readIndex)")
      }
    }
    XCTAssertEqual(block.horizonDays(atOffset: 0), 1)
    XCTAssertEqual(block.horizonDays(atOffset: 3), 4)
  }

  /// Issues on days 0, 5 and 10, each for the 3 days after: targets 1–3, 6–8 and 11–13.
  func testAWindowFindsEveryIssueWithATargetDayInIt() throws {
    let f = try HistoryFixture()
    try f.database.archiveForecasts(
      [0, 5, 10].map { block("S001", issued: $0, [("P001", 4)]) })
    func issues(_ from: Int, _ to: Int) throws -> [Day] {
      try f.database.archivedForecasts(
        store: StoreID("S001"), targetDays: day0.adding(days: from)...day0.adding(days: to)
      ).map(\.issuedOn)
    }
    XCTAssertEqual(try issues(3, 6), [day0, day0.adding(days: 5)])
    XCTAssertEqual(try issues(4, 5), [])
    XCTAssertEqual(try issues(8, 11), [day0.adding(days: 5), day0.adding(days: 10)])
    XCTAssertEqual(try issues(13, 40), [day0.adding(days: 10)])
    XCTAssertEqual(try issues(14, 40), [])
    XCTAssertEqual(
      try f.database.archivedForecasts(
        store: StoreID("S002"), targetDays: day0...day0.adding(days: 40)), [])
    XCTAssertThrowsError(
      try f.database.archivedForecasts(store: StoreID("S404"), targetDays: day0...day0)
    ) { XCTAssertEqual($0 as? HistoryError, .unknownStore("S404")) }
  }

  /// Re-running a night replaces that store's issue and leaves other stores and nights alone.
  func testIssuingTheSameStoreAndNightAgainReplacesIt() throws {
    let f = try HistoryFixture()
    try f.database.archiveForecasts([
      block("S001", issued: 0, [("P001", 4), ("P002", 1)]),
      block("S002", issued: 0, [("P003", 2)]),
      block("S001", issued: 1, [("P001", 5)]),
    ])
    let again = try f.database.archiveForecasts([
      block("S001", issued: 0, days: 5, version: "fedcba987654", [("P003", 8)])
    ])
    XCTAssertEqual(again.replaced, 1)
    let window = day0.adding(days: 1)...day0.adding(days: 1)
    let s001 = try f.database.archivedForecasts(store: StoreID("S001"), targetDays: window)
    XCTAssertEqual(s001.map(\.issuedOn), [day0])
    XCTAssertEqual(s001.first?.skus, [SKUID("P003")])
    XCTAssertEqual(s001.first?.modelVersion, "fedcba987654")
    XCTAssertEqual(s001.first?.dayCount, 5)
    XCTAssertEqual(s001.first?.mean, [8, 9, 10, 11, 12])
    let s002 = try f.database.archivedForecasts(store: StoreID("S002"), targetDays: window)
    XCTAssertEqual(s002.first?.mean, [2, 3, 4])
    XCTAssertEqual(try f.database.forecastIssueDays(), [day0, day0.adding(days: 1)])
  }

  /// One bad block refuses the whole call: nothing of the good blocks before it is stored.
  func testAnUnknownIdOrARepeatedSKURefusesTheWholeArchive() throws {
    let f = try HistoryFixture()
    let good = block("S001", issued: 0, [("P001", 4)])
    XCTAssertThrowsError(
      try f.database.archiveForecasts([good, block("S001", issued: 1, [("P404", 1)])])
    ) {
      XCTAssertEqual($0 as? HistoryError, .unknownSKU("P404"))
    }
    XCTAssertThrowsError(
      try f.database.archiveForecasts([good, block("S404", issued: 1, [("P001", 1)])])
    ) {
      XCTAssertEqual($0 as? HistoryError, .unknownStore("S404"))
    }
    XCTAssertThrowsError(
      try f.database.archiveForecasts([good, block("S002", issued: 1, [("P001", 1), ("P001", 2)])])
    ) {
      guard case .corruptBlock(let detail) = $0 as? HistoryError else {
        return XCTFail("\($0)")
      }
      XCTAssertTrue(detail.contains("P001 appears twice"), detail)
    }
    XCTAssertEqual(try f.database.forecastIssueDays(), [])
  }

  /// Days with any demand block of the store, from the index; other stores' days do not count.
  func testDaysWithDemandListTheStoresRecordedDays() throws {
    let f = try HistoryFixture()
    try f.commitDemand(
      "a.csv",
      [
        f.demandBlock("S001", day: 0, [.init(sku: "P001", sold: 1)]),
        f.demandBlock("S001", day: 2, [.init(sku: "P002", sold: 0, stockout: true)]),
        f.demandBlock("S002", day: 1, [.init(sku: "P001", sold: 3)]),
      ])
    try f.commitDemand("b.csv", [f.demandBlock("S001", day: 2, [.init(sku: "P001", sold: 2)])])
    XCTAssertEqual(
      try f.database.daysWithDemand(
        store: StoreID("S001"), from: day0, through: day0.adding(days: 3)),
      [day0, day0.adding(days: 2)])
    XCTAssertEqual(
      try f.database.daysWithDemand(
        store: StoreID("S001"), from: day0.adding(days: 1), through: day0.adding(days: 1)), [])
  }
}
