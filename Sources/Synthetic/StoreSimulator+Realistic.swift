import Foundation

// MARK: - One day in the realistic profile

extension StoreSimulator {
  /// The realistic profile's `computeDay`: fills `meanToday` (the mean of the day's demand
  /// mixture), `realistic.nbMeanToday`, `discountToday` (the listed discount, as the files show
  /// it) and, on simulated days, `soldToday` and `stockoutToday`.
  ///
  /// The negative binomial mean is base × the SKU's day factor (`DayTable`) × the opening ramp
  /// × the store's weekday shape × the series' hidden multiplier
  /// (`RealisticSeriesState.step`) × drift; it is 0 on off-shelf days.
  mutating func computeRealisticDay(_ day: Int, table: DayTable, context: SimulationContext) {
    let dayIndex = table.firstIndex + day
    let storeFactor =
      dayIndex < store.openIndex
      ? 0 : StoreSimulator.openingRamp(daysOpen: dayIndex - store.openIndex)
    let isSimulated = dayIndex < context.simulatedDayCount
    let isDrifting = dayIndex >= context.driftStartIndex
    let weekday = table.weekdays[day]
    let weekdayFactor = realistic.weekly[weekday]
    let rowStart = day * skuCount
    for sku in 0..<skuCount {
      discountToday[sku] = promotionDiscount(sku: sku, dayIndex: dayIndex)
      let hidden = realistic.step(
        sku: sku, dayIndex: dayIndex, promotionExponent: promotionExponent[sku], source: &source)
      var mean = baseUnits[sku] * table.skuFactors[rowStart + sku] * storeFactor * weekdayFactor
      mean *= hidden
      if mean > 0 && isDrifting && driftProfile[sku] >= 0 {
        mean *= driftLevel[sku] * realistic.driftRatios[driftProfile[sku]][weekday]
      }
      realistic.nbMeanToday[sku] = mean
      meanToday[sku] = realistic.mixture(sku: sku).mean
      if isSimulated { simulateSales(sku: sku, mean: mean, dayIndex: dayIndex) }
    }
  }
}
