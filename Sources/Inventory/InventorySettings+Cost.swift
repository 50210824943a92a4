extension InventorySettings {
  /// The cost of a unit of demand lost to a stock-out, in money per unit: `stockout_penalty` ×
  /// unit price when the penalty is set, else the margin (price − cost, at least 0).
  public func lostSaleCostPerUnit(unitPrice: Double, unitCost: Double) -> Double {
    if let stockoutPenalty { return max(0, stockoutPenalty * unitPrice) }
    return max(0, unitPrice - unitCost)
  }

  /// The cost of carrying one unit over `reviewDays` days, in money per unit: unit cost ×
  /// `holding_cost_rate` (per year) × reviewDays / 365.
  public func holdingCostPerUnit(unitCost: Double, reviewDays: Int) -> Double {
    max(0, unitCost) * holdingCostRate * Double(reviewDays) / 365
  }

  /// The service level of an item of class `abc` in `category`, and the rule that set it.
  ///
  /// In `abc` mode, the class's level (the category's when it has one). In `cost` mode, the
  /// category's own level for the class when it sets one (`abc_override`); otherwise the
  /// newsvendor critical ratio of `lostSaleCostPerUnit` against `holdingCostPerUnit` over the
  /// category's review period, clamped to `service_levels.min … max`.
  /// - Parameters:
  ///   - unitPrice, unitCost: the SKU's list price and unit cost, in money per unit.
  public func serviceLevel(
    _ abc: ABCClass, category: String, unitPrice: Double, unitCost: Double
  ) -> ChosenServiceLevel {
    switch serviceLevels.mode {
    case .abc:
      return ChosenServiceLevel(level: serviceLevel(abc, category: category), source: .abc)
    case .cost:
      if let override = categoryServiceLevel(abc, category: category) {
        return ChosenServiceLevel(level: override, source: .abcOverride)
      }
      let ratio = NewsvendorRatio.criticalRatio(
        underagePerUnit: lostSaleCostPerUnit(unitPrice: unitPrice, unitCost: unitCost),
        overagePerUnit: holdingCostPerUnit(
          unitCost: unitCost, reviewDays: reviewDays(category: category)))
      let level = min(serviceLevels.maximum, max(serviceLevels.minimum, ratio))
      return ChosenServiceLevel(level: level, source: .cost)
    }
  }

  /// The level `category` sets for class `abc`, if it sets one.
  func categoryServiceLevel(_ abc: ABCClass, category: String) -> Double? {
    let partial = categories[category]?.serviceLevels
    switch abc {
    case .a: return partial?.a
    case .b: return partial?.b
    case .c: return partial?.c
    }
  }
}
