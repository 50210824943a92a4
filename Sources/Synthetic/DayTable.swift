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
  /// when the SKU is not on sale that day. In the realistic profile the calendar part is the
  /// SKU's own yearly cycle × the category's holiday effects × the category's mild weekday
  /// tilt (the store's weekday shape comes on top), and the price response includes the
  /// unlisted price changes.
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
    let realistic = catalog.realistic
    let daysOfYear = days.map { Double(start.adding(days: $0).dayOfYear) }
    for (skuIndex, sku) in catalog.skus.enumerated() {
      let calendarRow = catalog.calendarFactors[sku.category.rawValue]
      let holidayRow = catalog.calendar.effects[sku.category.rawValue]
      var price = sku.initialPrice
      var nextChange = 0
      var hiddenPrice = 1.0
      var nextHiddenChange = 0
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
        guard let realistic else {
          factors[slot] = calendarRow[dayIndex] * trend * priceResponse * ramp
          continue
        }
        let hiddenChanges = realistic.hiddenPriceChanges[skuIndex]
        while nextHiddenChange < hiddenChanges.count
          && hiddenChanges[nextHiddenChange].dayIndex <= dayIndex
        {
          hiddenPrice = hiddenChanges[nextHiddenChange].relativePrice
          nextHiddenChange += 1
        }
        let hiddenResponse = hiddenPrice == 1 ? 1 : pow(hiddenPrice, sku.elasticity)
        let weekday = weekdays[dayIndex - days.lowerBound]
        let calendar =
          realistic.yearly(sku: skuIndex, dayOfYear: daysOfYear[dayIndex - days.lowerBound])
          * holidayRow[dayIndex] * realistic.categoryTilt[sku.category.rawValue][weekday]
        factors[slot] = calendar * trend * priceResponse * hiddenResponse * ramp
      }
    }
    skuFactors = factors
    shelfPrices = prices
  }
}
