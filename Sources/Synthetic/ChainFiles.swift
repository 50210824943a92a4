import DemandCore
import Tabular

/// The files of a chain being written: master data once, then day by day the rows of every
/// store, interleaved so each file is ordered by date, then store, then SKU.
struct ChainFiles {
  let root: String
  /// Relative paths of closed files, in the order they were finished.
  private(set) var written: [String] = []
  private(set) var bytesWritten = 0
  private var expectedDemand: OutputFile?
  private var transactionDaySales: OutputFile?
  private var historyMonth: (year: Int, month: Int, file: OutputFile)?

  init(root: String) { self.root = root }

  // MARK: - Whole files

  /// Writes the master data, the drift list, `chain.json` and `README.md`.
  mutating func writeMasterData(_ catalog: ChainCatalog) throws(GeneratorError) {
    try writeWhole("master/stores.csv", MasterDataWriter.stores(catalog))
    try writeWhole("master/skus.csv", MasterDataWriter.skus(catalog))
    try writeWhole("master/calendar.csv", MasterDataWriter.calendar(catalog))
    try writeWhole("master/promotions.csv", MasterDataWriter.promotions(catalog))
    try writeWhole("truth/drifted_series.csv", MasterDataWriter.driftedSeries(catalog).sink)
    try writeWhole("truth/demand_dispersion.csv", MasterDataWriter.demandDispersion(catalog))
    if let realistic = catalog.realistic {
      try writeWhole("truth/bulk_buys.csv", MasterDataWriter.bulkBuys(catalog, realistic))
    }
    let json = ByteSink()
    json.append(utf8: try MasterDataWriter.configurationJSON(catalog.configuration))
    try writeWhole("chain.json", json)
    let readme = ByteSink()
    readme.append(utf8: ChainReadme.text(catalog.configuration))
    try writeWhole("README.md", readme)
  }

  private mutating func writeWhole(_ relativePath: String, _ sink: ByteSink) throws(GeneratorError)
  {
    let file = try OutputFile(root: root, relativePath: relativePath)
    try file.write(sink)
    try close(file)
  }

  private mutating func close(_ file: OutputFile) throws(GeneratorError) {
    try file.close()
    written.append(file.relativePath)
    bytesWritten += file.byteCount
  }

  // MARK: - Day by day

  /// Opens the truth files that grow run by run.
  mutating func openTruth(_ profile: GeneratorProfile) throws(GeneratorError) {
    let expected = try OutputFile(root: root, relativePath: "truth/expected_demand.csv")
    switch profile {
    case .simple: try expected.write("store_id,sku_id,date,expected_units\n")
    case .realistic: try expected.write("store_id,sku_id,date,expected_units,p10,p50,p90\n")
    }
    expectedDemand = expected
    let sales = try OutputFile(root: root, relativePath: "truth/transaction_day_sales.csv")
    try sales.write("store_id,sku_id,date,units,stockout\n")
    transactionDaySales = sales
  }

  /// Appends the rows every store produced for `run` into output `buffer`, day by day in
  /// store order.
  mutating func writeRun(
    _ run: Range<Int>, stores: [StoreSlot], buffer: Int, catalog: ChainCatalog
  ) throws(GeneratorError) {
    let configuration = catalog.configuration
    for dayIndex in run {
      let day = dayIndex - run.lowerBound
      let date = configuration.start.adding(days: dayIndex)
      if let expectedDemand {
        try append(.expectedDemand, day: day, of: stores, buffer: buffer, to: expectedDemand)
      }
      if dayIndex < configuration.historyDayCount {
        let file = try historyFile(for: date)
        try append(.history, day: day, of: stores, buffer: buffer, to: file)
      } else if dayIndex < configuration.dayCount {
        if let transactionDaySales {
          try append(
            .transactionDaySales, day: day, of: stores, buffer: buffer, to: transactionDaySales)
        }
        let inventory = try OutputFile(
          root: root, relativePath: "inventory/on_hand_\(date.iso).csv")
        try inventory.write("store_id,sku_id,on_hand,on_order\n")
        try append(.inventory, day: day, of: stores, buffer: buffer, to: inventory)
        try close(inventory)
        let transactions = try OutputFile(
          root: root, relativePath: "inbox/transactions_\(date.iso).csv")
        try transactions.write(
          configuration.timestamps
            ? "date,store_id,sku_id,quantity,unit_price,promo,txn_id,time\n"
            : "date,store_id,sku_id,quantity,unit_price,promo,txn_id\n")
        try append(.transactions, day: day, of: stores, buffer: buffer, to: transactions)
        try close(transactions)
      }
    }
  }

  private func append(
    _ kind: RowKind, day: Int, of stores: [StoreSlot], buffer: Int, to file: OutputFile
  ) throws(GeneratorError) {
    for slot in stores {
      let output = slot.outputs[buffer]
      try file.write(output.sink(kind), range: output.range(of: kind, day: day))
    }
  }

  /// The open history file for the month of `date`, closing the previous month's.
  private mutating func historyFile(for date: Day) throws(GeneratorError) -> OutputFile {
    let civil = date.civil
    if let open = historyMonth, open.year == civil.year, open.month == civil.month {
      return open.file
    }
    if let open = historyMonth {
      historyMonth = nil
      try close(open.file)
    }
    let name = "history/demand_\(civil.year)-\(zeroPadded(civil.month, width: 2)).csv"
    let file = try OutputFile(root: root, relativePath: name)
    try file.write("store_id,sku_id,date,units,stockout\n")
    historyMonth = (civil.year, civil.month, file)
    return file
  }

  /// Closes every file still open.
  mutating func finish() throws(GeneratorError) {
    if let open = historyMonth {
      historyMonth = nil
      try close(open.file)
    }
    if let file = transactionDaySales {
      transactionDaySales = nil
      try close(file)
    }
    if let file = expectedDemand {
      expectedDemand = nil
      try close(file)
    }
  }
}
