import DemandCore

/// One store/SKU/day of the demand history, merged over every file that reported it.
public struct DailyDemand: Sendable, Equatable {
  public var day: Day
  /// Units sold, gross of returns; a lower bound on demand when `stockout` is true.
  public var unitsSold: Double
  public var unitsReturned: Double
  public var revenue: Double
  public var lines: Int
  public var promoLines: Int
  /// True when the SKU ran out that day (reported by a daily-demand file, or an end-of-day
  /// snapshot with nothing on hand), so the day's sales are censored demand.
  public var stockout: Bool
  /// End-of-day stock from an inventory snapshot, when one was ingested for that day.
  public var onHand: Double?
  public var onOrder: Double?

  public init(
    day: Day, unitsSold: Double = 0, unitsReturned: Double = 0, revenue: Double = 0, lines: Int = 0,
    promoLines: Int = 0, stockout: Bool = false, onHand: Double? = nil, onOrder: Double? = nil
  ) {
    self.day = day
    self.unitsSold = unitsSold
    self.unitsReturned = unitsReturned
    self.revenue = revenue
    self.lines = lines
    self.promoLines = promoLines
    self.stockout = stockout
    self.onHand = onHand
    self.onOrder = onOrder
  }

  /// Share of the day's transaction lines sold on promotion (0 when there were no lines).
  public var promoShare: Double { lines == 0 ? 0 : Double(promoLines) / Double(lines) }
}

/// Counts that describe what the workspace holds.
public struct HistorySummary: Sendable, Equatable, Codable {
  public var stores = 0
  public var skus = 0
  public var calendarDays = 0
  public var promotions = 0
  /// Names in the covariates (external regressors), and their stored values.
  public var covariateNames = 0
  public var covariateValues = 0
  public var filesIngested = 0
  public var filesRefused = 0
  public var demandBlocks = 0
  public var inventoryBlocks = 0
  /// Distinct store/SKU pairs with any recorded sales or stock-outs.
  public var series = 0
  public var storeSKUDays = 0
  public var firstDay: Day?
  public var lastDay: Day?
  public var unitsSold = 0.0
  public var unitsReturned = 0.0
  public var revenue = 0.0
  public var lines = 0
  public var stockoutDays = 0
  public init() {}
}
