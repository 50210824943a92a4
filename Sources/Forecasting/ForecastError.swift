import DemandCore

/// What stops a training, forecast or backtest run, with the context to fix it.
public enum ForecastError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A configuration value is out of range.
  case invalidConfiguration(setting: String, value: String, expected: String)
  /// No series has enough history to train on.
  case noHistory(reason: String)
  /// The fitted set was trained for a different horizon or is unreadable.
  case incompatibleFittedSet(path: String, reason: String)
  /// A fitted set is needed and none was saved yet.
  case noFittedSet(path: String)
  /// The ridge regression of a category could not be solved.
  case regressionFailed(category: String, reason: String)
  /// The store has no demand history of the SKU in the window a forecast after `runDate`
  /// reads, so nothing was forecast for it.
  case seriesNotFound(key: SeriesKey, runDate: Day)

  public var description: String {
    switch self {
    case .invalidConfiguration(let setting, let value, let expected):
      return "The setting \(setting) is \(value); expected \(expected)."
    case .noHistory(let reason):
      return "Nothing to train on: \(reason)."
    case .incompatibleFittedSet(let path, let reason):
      return "The fitted set \(path) cannot be used: \(reason). Run `shelfcast train` again."
    case .noFittedSet(let path):
      return "No fitted set at \(path). Run `shelfcast train --workspace DIR` first."
    case .regressionFailed(let category, let reason):
      return "The ridge regression for category \(category) failed: \(reason)."
    case .seriesNotFound(let key, let runDate):
      return "Store \(key.store) has no demand history of SKU \(key.sku) up to \(runDate.iso), "
        + "so no forecast was made for it; check the store and SKU, or give a later date."
    }
  }
}
