import Foundation

/// Per-SKU values for a run of consecutive days that are the same in every store, computed once
/// per run before the stores are simulated in parallel.
struct DayTable: Sendable {
  /// Day index (days since `start`) of the first day in the run.
  let firstIndex: Int
  /// Number of days in the run.
  let dayCount: Int
  let skuCount: Int
  /// `skuFactors[day * skuCount + sku]`: calendar × trend × price response × launch ramp, or 0
  /// when the SKU is not on sale that day.
  let skuFactors: [Double]
  /// `shelfPrices[day * skuCount + sku]`: regular shelf price that day, in currency units.
  let shelfPrices: [Double]
  /// Weekday of each day, Monday = 0.
  let weekdays: [Int]

  /// Days over which a newly launched SKU ramps from half to full demand.
  static let launchRampDays = 28

  init(catalog: ChainCatalog, days: Range<Int>) {
    let skuCount = catalog.skus.count
    self.firstIndex = days.lowerBound
    self.dayCount = days.count
    self.skuCount = skuCount
    let start = catalog.configuration.start
    weekdays = days.map { start.adding(days: $0).weekdayIndex }
    var factors = [Double](repeating: 0, count: days.count * skuCount)
    var prices = [Double](repeating: 0, count: days.count * skuCount)
    for (skuIndex, sku) in catalog.skus.enumerated() {
      let calendarRow = catalog.calendarFactors[sku.category.rawValue]
      var price = sku.initialPrice
      var nextChange = 0
      for dayIndex in days {
        while nextChange < sku.priceChanges.count
          && sku.priceChanges[nextChange].dayIndex <= dayIndex
        {
          price = sku.priceChanges[nextChange].price
          nextChange += 1
        }
        let slot = (dayIndex - days.lowerBound) * skuCount + skuIndex
        prices[slot] = price
        guard dayIndex >= sku.launchIndex, dayIndex < sku.discontinueIndex else { continue }
        let sinceLaunch = dayIndex - sku.launchIndex
        let ramp =
          sku.launchIndex > 0 && sinceLaunch < DayTable.launchRampDays
          ? 0.5 + 0.5 * Double(sinceLaunch) / Double(DayTable.launchRampDays) : 1
        let trend = exp(sku.trendPerYear * Double(dayIndex) / 365.25)
        let priceResponse =
          price == sku.initialPrice ? 1 : pow(price / sku.initialPrice, sku.elasticity)
        factors[slot] = calendarRow[dayIndex] * trend * priceResponse * ramp
      }
    }
    skuFactors = factors
    shelfPrices = prices
  }
}
