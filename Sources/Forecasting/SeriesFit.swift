import DemandCore
import Models

/// One candidate of a series: a fitted per-series model, or the category's ridge regression,
/// with the residuals (actual − mean) of its rolling-origin backtest, sorted, for calibration.
public struct CandidateFit: Sendable, Codable {
  public enum Source: Sendable, Codable {
    case series(FittedCandidate)
    /// The category's global regression, held once in the fitted set.
    case ridge
  }
  public var source: Source
  /// Name for outputs (`ETS(A,N,A)`, `Ridge(dairy)`).
  public var name: String
  public var family: ModelFamily
  /// Backtest root mean squared error in units (`nan` without a backtest).
  public var backtestRMSE: Double
  /// Backtest residuals (actual − mean forecast).
  public var residuals: ResidualSketch
}

/// How a series is forecast: which candidates, combined how, and why.
public struct SeriesFit: Sendable, Codable {
  public enum Kind: String, Sendable, Codable {
    /// The candidate with the lowest backtest error.
    case single
    /// The per-day median of the best few candidates, which beat each of them in the backtest.
    case median
    /// Too short for a backtest: the median of every model that fitted, calibrated in-sample.
    case shortHistory = "short_history"
    /// A new item: the category's weekly profile scaled to the item's early sales.
    case newItem = "new_item"
  }
  public var key: SeriesKey
  public var category: String
  public var kind: Kind
  /// The candidates combined (one for `single`), in backtest order, best first.
  public var chosen: [CandidateFit]
  /// Every fitted candidate, kept only by backtest runs that report per family.
  public var others: [CandidateFit]
  /// Backtest residuals of the combination: what the quantiles are calibrated from.
  public var residuals: ResidualSketch
  /// Plain words: what was chosen and why.
  public var reason: String
  /// The chosen combination's backtest sums (`nil` without a backtest: short histories and new
  /// items, and sets saved before they were recorded).
  public var backtest: BacktestTally? = nil

  /// The `model` column of forecast files.
  public var label: String {
    switch kind {
    case .single: return chosen.first?.name ?? "none"
    case .median: return "Median(" + chosen.map(\.name).sorted().joined(separator: ", ") + ")"
    case .shortHistory: return "ShortHistory(" + chosen.map(\.name).joined(separator: ", ") + ")"
    case .newItem: return "NewItem(category profile)"
    }
  }
}
