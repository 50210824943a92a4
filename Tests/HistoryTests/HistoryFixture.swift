import DemandCore
import History
import _TestSupport

/// A fresh workspace database in a temporary directory, with two stores and three SKUs.
///
/// Keys are whatever the database assigned; tests look them up by code, never assume them.
struct HistoryFixture {
  let directory: TemporaryDirectory
  let database: HistoryDatabase
  let storeKeys: [String: Int32]
  let skuKeys: [String: Int32]

  static let day0 = Day(year: 2025, month: 3, day: 1)!

  init() throws {
    directory = try TemporaryDirectory()
    database = try HistoryDatabase(path: directory.path("history.sqlite"))
    try database.commit(
      FileBatch(
        entry: Self.entry("stores.csv", kind: .stores, rows: 2),
        content: .stores([
          StoreRecord(
            id: StoreID("S001"), name: "Central", region: "North", format: "hyper", openDay: nil),
          StoreRecord(
            id: StoreID("S002"), name: "Harbour", region: "South", format: "super",
            openDay: Day(year: 2024, month: 6, day: 1)),
        ])))
    try database.commit(
      FileBatch(
        entry: Self.entry("skus.csv", kind: .skus, rows: 3),
        content: .skus([
          SKURecord(
            id: SKUID("P003"), name: "Eggs", category: "dairy", unitCost: 1.5, unitPrice: 3,
            casePack: 6, leadTimeDays: 3, minOrderQty: 6),
          SKURecord(
            id: SKUID("P001"), name: "Milk", category: "dairy", unitCost: 0.6, unitPrice: 1.2,
            casePack: 12, leadTimeDays: 2, minOrderQty: 24),
          SKURecord(
            id: SKUID("P002"), name: "Bread", category: "bakery", unitCost: 0.8, unitPrice: 2.5,
            casePack: 10, leadTimeDays: 1, minOrderQty: 10),
        ])))
    let master = try database.masterIndex()
    storeKeys = Dictionary(
      uniqueKeysWithValues: master.stores.map { ($0.record.id.rawValue, $0.key) })
    skuKeys = Dictionary(uniqueKeysWithValues: master.skus.map { ($0.record.id.rawValue, $0.key) })
  }

  /// A ledger entry for an ingested file; the SHA-256 is a stand-in derived from the name.
  static func entry(
    _ name: String, kind: InputKind, rows: Int, status: LedgerStatus = .ingested,
    sha256: String? = nil, first: Day? = nil, last: Day? = nil
  ) -> LedgerEntry {
    LedgerEntry(
      fileName: name, sha256: sha256 ?? "sha-of-" + name, kind: kind, bytes: 100 * rows,
      rowsRead: rows, rowsStored: status == .ingested ? rows : 0, rowsQuarantined: 0,
      firstDay: first, lastDay: last, status: status, recordedAt: "2025-03-31T06:00:00Z")
  }

  /// One SKU's figures for `demandBlock`.
  struct Line {
    var sku: String
    var sold: Double
    var returned = 0.0
    var revenue = 0.0
    var lines: Int32 = 0
    var promo: Int32 = 0
    var stockout = false
  }

  /// A block for `store` on `day0 + offset`; `lines` may come in any SKU order.
  func demandBlock(_ store: String, day offset: Int, _ lines: [Line]) -> DemandBlock {
    var block = DemandBlock(storeKey: storeKeys[store]!, day: Self.day0.adding(days: offset))
    for line in lines.sorted(by: { skuKeys[$0.sku]! < skuKeys[$1.sku]! }) {
      block.append(
        skuKey: skuKeys[line.sku]!, unitsSold: line.sold, unitsReturned: line.returned,
        revenue: line.revenue, lines: line.lines, promoLines: line.promo,
        stockout: line.stockout ? 1 : 0)
    }
    return block
  }

  /// An inventory block for `store` on `day0 + offset`: (SKU, on hand, on order).
  func inventoryBlock(_ store: String, day offset: Int, _ stock: [(String, Double, Double)])
    -> InventoryBlock
  {
    var block = InventoryBlock(storeKey: storeKeys[store]!, day: Self.day0.adding(days: offset))
    for (sku, onHand, onOrder) in stock.sorted(by: { skuKeys[$0.0]! < skuKeys[$1.0]! }) {
      block.skuKeys.append(skuKeys[sku]!)
      block.onHand.append(onHand)
      block.onOrder.append(onOrder)
    }
    return block
  }

  /// Commits demand blocks as one ingested file.
  @discardableResult
  func commitDemand(_ name: String, _ blocks: [DemandBlock], replacing: Int64? = nil) throws
    -> LedgerEntry
  {
    try database.commit(
      FileBatch(
        entry: Self.entry(name, kind: .transactions, rows: blocks.count), content: .demand(blocks),
        replacing: replacing))
  }

  func series(_ store: String, _ sku: String) throws -> [DailyDemand] {
    try database.dailySeries(store: StoreID(store), sku: SKUID(sku))
  }
}
