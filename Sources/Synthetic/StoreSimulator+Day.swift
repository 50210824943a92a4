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
    let dayIndex = table.firstIndex + day
    let storeFactor =
      dayIndex < store.openIndex ? 0 : StoreSimulator.openingRamp(daysOpen: dayIndex - store.openIndex)
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
          mean *= driftLevel[sku] * context.driftRatios[driftProfile[sku]][category[sku] * 7 + weekday]
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

  /// Whether a promotion of `sku` is planned on the later day `dayIndex` (no cursor movement).
  func isPromotionPlanned(sku: Int, dayIndex: Int) -> Bool {
    var cursor = promotionCursor[sku]
    let end = promotionOffsets[sku + 1]
    while cursor < end && promotionStarts[cursor] <= dayIndex {
      if promotionEnds[cursor] >= dayIndex { return true }
      cursor += 1
    }
    return false
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
      return
    }
    if !started[sku] {
      // First day on sale: the planner's estimate is off by up to ±30 %, and the shelf is filled.
      started[sku] = true
      let lift = discountToday[sku] > 0 ? pow(1 + discountToday[sku], promotionExponent[sku]) : 1
      estimate[sku] = mean / lift * source.uniform(in: 0.7...1.3)
      onHand[sku] = orderUpToLevel(sku: sku, dayIndex: dayIndex)
    }
    let demand = source.negativeBinomial(mean: mean, size: dispersion[sku])
    let available = onHand[sku]
    let sold = min(demand, available)
    let isStockout = demand > available
    onHand[sku] = available - sold
    soldToday[sku] = sold
    stockoutToday[sku] = isStockout
    sellingSeriesDays += 1
    if isStockout { stockoutSeriesDays += 1 }

    // The planner learns from sales; on stock-out days it knows demand was at least the sales.
    let observed = isStockout ? max(Double(sold), estimate[sku] * 1.1) : Double(sold)
    estimate[sku] += 0.08 * (observed - estimate[sku])

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
    // The supplier is imperfect: 2 % of orders arrive half-filled, 4 % arrive 1–4 days late.
    let supplier = source.uniform()
    var delay = 0
    if supplier < 0.02 {
      quantity = quantity / 2 / pack * pack
    } else if supplier < 0.06 {
      delay = source.integer(in: 1...4)
    }
    guard quantity > 0 else { return }
    let arrival = dayIndex + lead + delay
    arrivals[sku &* StoreSimulator.arrivalSlots &+ (arrival & (StoreSimulator.arrivalSlots - 1))] += quantity
    onOrder[sku] += quantity
  }

  /// The planner's order-up-to level: estimated demand over lead time plus review period,
  /// scaled by the store's safety factor, plus a square-root safety stock. A promotion due when
  /// the order lands raises the estimate by 60 % — less than most promotions really lift.
  func orderUpToLevel(sku: Int, dayIndex: Int) -> Int {
    let lead = leadTimeDays[sku]
    var expected = estimate[sku] * Double(lead + reviewPeriodDays[sku])
    if isPromotionPlanned(sku: sku, dayIndex: dayIndex + lead) { expected *= 1.6 }
    let level = expected * store.safetyFactor + 1.2 * expected.squareRoot() + 1
    return Int(level.rounded(.up))
  }
}
