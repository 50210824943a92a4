/// The newsvendor's critical ratio: the service level at which one more unit of stock costs as
/// much as it saves.
///
/// A unit stocked beyond the period's demand is carried to the next review at the holding cost
/// `overage`; a unit of demand without stock is a lost sale at `underage`. The expected cost is
/// least at the order-up-to level S with P(demand ≤ S) = underage / (underage + overage)
/// (Silver, Pyke & Thomas, *Inventory and Production Management in Supply Chains*, 4th ed.,
/// §9.6; with lost sales the ratio counts the margin, not the price).
public enum NewsvendorRatio {
  /// underage / (underage + overage), in 0 … 1; 0 when both costs are 0.
  /// - Parameters:
  ///   - underagePerUnit: cost of a unit of demand lost to a stock-out (money per unit, ≥ 0).
  ///   - overagePerUnit: cost of carrying a unit left over to the next review (money per unit,
  ///     ≥ 0).
  public static func criticalRatio(underagePerUnit: Double, overagePerUnit: Double) -> Double {
    precondition(underagePerUnit >= 0 && overagePerUnit >= 0, "costs are not negative")
    let total = underagePerUnit + overagePerUnit
    return total > 0 ? underagePerUnit / total : 0
  }
}
