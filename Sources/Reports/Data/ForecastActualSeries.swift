import DemandCore

/// Forecast against actual demand over a run of days, for one panel: the chain, a region or one
/// store/SKU series. Units are units sold per day.
public struct ForecastActualSeries: Sendable, Equatable {
  /// What the panel shows: `North`, `S001/P00001`, or the chain's name.
  public var name: String
  /// An optional second line under the name, such as the product and store names.
  public var caption: String
  /// The days, in any order; the chart sorts them by day and breaks its lines where a day is
  /// missing.
  public var points: [ForecastActualPoint]
  /// What the line through the band is: each point's `p50` holds the median of one series' forecast,
  /// or the mean of a sum of series (the chain, a region), which has no median of its own.
  public var centre: Centre

  /// The forecast line's statistic, named as the legend and the tooltips name it.
  public enum Centre: String, Sendable, Equatable {
    /// One series' median (p50).
    case median
    /// A sum of series' means.
    case mean

    /// The legend's text for the line.
    var legendText: String {
      self == .median ? "forecast median (p50)" : "forecast mean (sum of the series' means)"
    }

    /// The tooltip's name for the line's value.
    var shortName: String { self == .median ? "p50" : "mean" }
  }

  public init(
    name: String, caption: String = "", points: [ForecastActualPoint], centre: Centre = .median
  ) {
    self.name = name
    self.caption = caption
    self.points = points
    self.centre = centre
  }
}

/// One day of a forecast-versus-actual panel, in units per day.
public struct ForecastActualPoint: Sendable, Equatable {
  public var day: Day
  /// Units sold, or `nil` when the actual has not arrived.
  public var actual: Double?
  /// The forecast's 10th percentile.
  public var p10: Double
  /// The forecast's median (for a series whose `centre` is `.mean`, the mean of the sum).
  public var p50: Double
  /// The forecast's 90th percentile; p10 … p90 is the 80 % band.
  public var p90: Double
  /// Whether the shelf ran empty that day: `actual` is then only a lower bound on demand, and the
  /// day is shown but not scored.
  public var stockout: Bool

  public init(day: Day, actual: Double?, p10: Double, p50: Double, p90: Double, stockout: Bool) {
    self.day = day
    self.actual = actual
    self.p10 = p10
    self.p50 = p50
    self.p90 = p90
    self.stockout = stockout
  }
}
