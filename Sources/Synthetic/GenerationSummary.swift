/// What one `ChainGenerator.write(to:progress:)` call produced.
public struct GenerationSummary: Sendable, Equatable {
  /// The directory the chain was written under.
  public var directory: String
  /// Paths of the files written, relative to `directory`, in the order they were finished.
  public var filesWritten: [String]
  /// Total size of all files written, in bytes.
  public var bytesWritten: Int
  /// Lines (sales and returns) in the `inbox/transactions_*.csv` files, headers excluded.
  public var transactionLineCount: Int
  /// Rows in the `history/demand_*.csv` files, headers excluded.
  public var historyRowCount: Int
  /// Rows in the `inventory/on_hand_*.csv` files, headers excluded.
  public var inventoryRowCount: Int
  /// Rows in `truth/expected_demand.csv`, header excluded.
  public var expectedDemandRowCount: Int
  /// Store/SKU days on which the SKU was on sale (store open, SKU launched, not discontinued).
  public var sellingSeriesDayCount: Int
  /// Selling store/SKU days on which demand exceeded the stock available.
  public var stockoutSeriesDayCount: Int
  /// Wall-clock time of the whole call, in seconds.
  public var elapsedSeconds: Double

  /// Share of selling store/SKU days with a stock-out, in `0...1`.
  public var stockoutShare: Double {
    sellingSeriesDayCount == 0 ? 0 : Double(stockoutSeriesDayCount) / Double(sellingSeriesDayCount)
  }

  /// Transaction lines written per second of wall-clock time (the whole run, not only the inbox).
  public var transactionLinesPerSecond: Double {
    elapsedSeconds > 0 ? Double(transactionLineCount) / elapsedSeconds : 0
  }
}
