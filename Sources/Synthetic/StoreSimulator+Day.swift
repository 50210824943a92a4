import Foundation

// MARK: - One day: expected demand, then demand, sales and replenishment

extension StoreSimulator {
  /// Demand multiplier of a new store `daysOpen` days after opening: customers find it over
  /// eight weeks, from 60 % to full demand.
  static func openingRamp(daysOpen: Int) -> Double {
    daysOpen >= 56 ? 1 : 0.6 + 0.4 * Double(daysOpen) / 56
  }

  /// Fills `meanToday`, `discountToday` and, on simulated days, `soldToday` and `stockoutToday`.
  mutating func computeDay(_ day: Int, table: DayTable, context: SimulationContext) {
    if isRealistic {
      computeRealisticDay(day, table: table, context: context)
      return
    }
    let dayIndex = table.firstIndex + day
    let storeFactor =
      dayIndex < store.openIndex
      ? 0 : StoreSimulator.openingRamp(daysOpen: dayIndex - store.openIndex)
    let isSimulated = dayIndex < context.simulatedDayCount
    let isDrifting = dayIndex >= context.driftStartIndex
    let weekday = table.weekdays[day]
    let rowStart = day * skuCount
    for sku in 0..<skuCount {
      var mean = baseUnits[sku] * table.skuFactors[rowStart + sku] * storeFactor
      let discount = promotionDiscount(sku: sku, dayIndex: dayIndex)
      discountToday[sku] = discount
      if mean > 0 {
        if discount > 0 { mean *= pow(1 + discount, promotionExponent[sku]) }
        if isDrifting && driftProfile[sku] >= 0 {
          mean *=
            driftLevel[sku] * context.driftRatios[driftProfile[sku]][category[sku] * 7 + weekday]
        }
      }
      meanToday[sku] = mean
      if isSimulated { simulateSales(sku: sku, mean: mean, dayIndex: dayIndex) }
    }
  }

  /// The discount of the promotion running for `sku` on `dayIndex`, or 0. Days must be asked
  /// for in increasing order (a cursor walks the store's campaigns).
  @inline(__always)
  mutating func promotionDiscount(sku: Int, dayIndex: Int) -> Double {
    var cursor = promotionCursor[sku]
    let end = promotionOffsets[sku + 1]
    while cursor < end && promotionEnds[cursor] < dayIndex { cursor += 1 }
    promotionCursor[sku] = cursor
    return cursor < end && promotionStarts[cursor] <= dayIndex ? promotionDiscounts[cursor] : 0
  }

  /// Promotion days of `sku` in `days` and the planner's extra demand for them, in days of
  /// regular demand: the planner assumes a lift of `(1 + discount)^2.5`, which is right for
  /// the least responsive SKUs and too low for the rest. Reads ahead without moving the cursor.
  func plannedPromotionExtraDays(sku: Int, days: ClosedRange<Int>) -> Double {
    var cursor = promotionCursor[sku]
    let end = promotionOffsets[sku + 1]
    var extra = 0.0
    while cursor < end && promotionStarts[cursor] <= days.upperBound {
      let overlap =
        min(promotionEnds[cursor], days.upperBound) - max(promotionStarts[cursor], days.lowerBound)
        + 1
      if overlap > 0 { extra += Double(overlap) * (pow(1 + promotionDiscounts[cursor], 2.5) - 1) }
      cursor += 1
    }
    return extra
  }

  /// Receives deliveries, draws demand, sells what is on the shelf and reorders.
  @inline(__always)
  mutating func simulateSales(sku: Int, mean: Double, dayIndex: Int) {
    let slot = sku &* StoreSimulator.arrivalSlots &+ (dayIndex & (StoreSimulator.arrivalSlots - 1))
    let arriving = arrivals[slot]
    if arriving != 0 {
      arrivals[slot] = 0
      onHand[sku] += arriving
      onOrder[sku] -= arriving
    }
    guard mean > 0 else {
      soldToday[sku] = 0
      stockoutToday[sku] = false
      // Stock of a discontinued SKU goes back to the supplier on its last day.
      if dayIndex >= discontinueIndex[sku] { onHand[sku] = 0 }
      return
    }
    if !started[sku] {
      // First day on sale: the planner's estimate is off by up to ±15 %, and the shelf is filled.
      started[sku] = true
      // It knows the SKU's usual level, not today's calendar or promotion effects.
      estimate[sku] =
        baseUnits[sku] * StoreSimulator.openingRamp(daysOpen: dayIndex - store.openIndex)
        * source.uniform(in: 0.85...1.15)
      meanAbsoluteError[sku] = 0.5 * estimate[sku] + 0.5
      onHand[sku] = orderUpToLevel(sku: sku, dayIndex: dayIndex)
    }
    let demand: Int
    if isRealistic {
      demand = realistic.mixture(sku: sku).draw(&source)
    } else {
      // Many independent shoppers make fast movers relatively less bursty than slow movers.
      let size = dispersion[sku] * (1 + mean / StoreSimulator.dispersionGrowthUnits)
      demand = source.negativeBinomial(mean: mean, size: size)
    }
    let available = onHand[sku]
    let sold = min(demand, available)
    let trueStockout = demand > available
    // In the realistic profile the flag misses some stock-outs, and so does the planner.
    let isStockout =
      trueStockout
      && (!isRealistic || source.uniform() < RealisticSeriesState.stockoutFlagShare)
    onHand[sku] = available - sold
    soldToday[sku] = sold
    stockoutToday[sku] = isStockout
    sellingSeriesDays += 1
    if trueStockout { stockoutSeriesDays += 1 }

    // The planner learns from sales (exponential smoothing of level and absolute error),
    // dividing promotion-day sales by its assumed lift; on stock-out days it knows demand was
    // at least the sales and guesses a little more.
    var observed = Double(sold)
    if discountToday[sku] > 0 { observed /= pow(1 + discountToday[sku], 2.5) }
    if isStockout { observed = max(observed, estimate[sku] * 1.1) }
    let error = observed - estimate[sku]
    estimate[sku] += StoreSimulator.smoothing * error
    meanAbsoluteError[sku] += StoreSimulator.smoothing * (abs(error) - meanAbsoluteError[sku])

    let period = reviewPeriodDays[sku]
    let lead = leadTimeDays[sku]
    guard (dayIndex + reviewPhase[sku]) % period == 0,
      dayIndex + lead + 7 < discontinueIndex[sku]
    else { return }
    let target = orderUpToLevel(sku: sku, dayIndex: dayIndex)
    let position = onHand[sku] + onOrder[sku]
    guard position < target else { return }
    let pack = casePack[sku]
    var quantity = max(minimumOrderUnits[sku], (target - position + pack - 1) / pack * pack)
    // The supplier is imperfect: 3 % of orders arrive half-filled, 6 % arrive 1–4 days late.
    let supplier = source.uniform()
    var delay = 0
    if supplier < 0.03 {
      quantity = quantity / 2 / pack * pack
    } else if supplier < 0.09 {
      delay = source.integer(in: 1...4)
    }
    guard quantity > 0 else { return }
    let arrival = dayIndex + lead + delay
    arrivals[sku &* StoreSimulator.arrivalSlots &+ (arrival & (StoreSimulator.arrivalSlots - 1))] +=
      quantity
    onOrder[sku] += quantity
  }

  /// The planner's order-up-to level: estimated demand over lead time plus review period
  /// (promotion days in that window counted with the planner's lift), plus safety stock of
  /// `z · 1.25 · MAD · √(cover days)` with the store's `z` (its safety factor). The planner
  /// ignores weekly and yearly seasonality and holidays.
  func orderUpToLevel(sku: Int, dayIndex: Int) -> Int {
    let coverDays = leadTimeDays[sku] + reviewPeriodDays[sku]
    let promotionDays = plannedPromotionExtraDays(
      sku: sku, days: (dayIndex + 1)...(dayIndex + coverDays))
    let expected = estimate[sku] * (Double(coverDays) + promotionDays)
    let safety = store.safetyFactor * 1.25 * meanAbsoluteError[sku] * Double(coverDays).squareRoot()
    return Int((expected + safety + 1).rounded(.up))
  }
}
