import DemandCore
import Forecasting
import Tabular

/// `backtest/holdout.csv` written store by store while the backtest runs, so that a chain's
/// held-out rows (windows × holdout days × series: 11 million rows for 4 windows of 28 days on
/// 100,000 series) are never all in memory. Readers see the file only whole: it is renamed into
/// place by `commit()`, and a backtest that fails leaves the previous file.
final class BacktestHoldoutFile {
  private let stream: AtomicFile.Stream
  private let sink = ByteSink(initialCapacityBytes: 1 << 20, spreadsheetSafe: true)
  private let withTruth: Bool
  /// Maps the backtest's day numbers to dates (a weekly workspace's week numbers to their
  /// week-ending dates); `nil`: they are dates already.
  private let dateOf: ((Day) -> Day)?

  /// Opens the file's temporary and writes its header.
  init(path: String, withTruth: Bool, dateOf: ((Day) -> Day)? = nil) throws {
    stream = try AtomicFile.Stream(path: path)
    self.withTruth = withTruth
    self.dateOf = dateOf
    ForecastFiles.appendHoldoutHeader(withTruth: withTruth, to: sink)
    try flush()
  }

  /// Appends one store's rows (the backtester's `holdoutSink`).
  func append(_ rows: [Backtester.HoldoutRow]) throws {
    var dated = rows  // copied only when dates are mapped
    if let dateOf {
      for index in dated.indices {
        dated[index].origin = dateOf(dated[index].origin)
        dated[index].day = dateOf(dated[index].day)
      }
    }
    ForecastFiles.appendHoldoutRows(dated, withTruth: withTruth, to: sink)
    try flush()
  }

  /// Syncs the file and renames it into place.
  func commit() throws { try stream.commit() }

  private func flush() throws {
    try stream.append(sink)
    sink.removeAll()
  }
}
