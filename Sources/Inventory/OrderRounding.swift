/// Turns a wanted quantity into an orderable one: whole case packs, at least the minimum order
/// quantity, at most what the shelf holds.
public struct OrderRounding: Sendable, Equatable {
  /// Units per case (≥ 1).
  public var casePack: Int
  /// Smallest order in units when ordering at all (0: none).
  public var minimumOrderUnits: Int
  /// Most units the store can hold (on hand + on order after the order), when known.
  public var shelfCapacityUnits: Int?

  public init(casePack: Int, minimumOrderUnits: Int, shelfCapacityUnits: Int? = nil) {
    precondition(casePack >= 1, "a case holds at least one unit")
    precondition(minimumOrderUnits >= 0, "a minimum order is not negative")
    self.casePack = casePack
    self.minimumOrderUnits = minimumOrderUnits
    self.shelfCapacityUnits = shelfCapacityUnits
  }

  /// The order for `wantedUnits` with `positionUnits` already on hand or on order.
  public struct Order: Sendable, Equatable {
    public var units: Int
    public var cases: Int
    /// True when the shelf capacity lowered the order.
    public var cappedByShelf: Bool
    /// True when the minimum order quantity raised it.
    public var raisedToMinimum: Bool

    public init(units: Int, cases: Int, cappedByShelf: Bool, raisedToMinimum: Bool) {
      self.units = units
      self.cases = cases
      self.cappedByShelf = cappedByShelf
      self.raisedToMinimum = raisedToMinimum
    }
  }

  /// What the rounding did to an order for `wantedUnits`, for the order's reason: `nil` when
  /// it ordered what was needed (or nothing); else the need in whole units and what made it
  /// larger ("needs 1 unit, rounded up to 1 case of 24", "needs 3 units, raised to the minimum
  /// order of 12", "needs 3 units, raised to the minimum order of 40 (48: whole cases of 16)").
  /// A shelf cap is said by the reason itself.
  public func note(_ order: Order, wantedUnits: Double) -> String? {
    guard order.units > 0, !order.cappedByShelf else { return nil }
    let needed = Int(wantedUnits.rounded(.up))
    guard order.units > needed else { return nil }
    let need = "needs \(needed) unit" + (needed == 1 ? "" : "s")
    if order.raisedToMinimum {
      let minimum = need + ", raised to the minimum order of \(minimumOrderUnits)"
      // A minimum that is not a whole number of cases is rounded up to one.
      return order.units > minimumOrderUnits
        ? minimum + " (\(order.units): whole cases of \(casePack))" : minimum
    }
    return need + ", rounded up to \(order.cases) case" + (order.cases == 1 ? "" : "s")
      + " of \(casePack)"
  }

  /// Rounds `wantedUnits` up to whole cases, raises it to the minimum order (rounded up to whole
  /// cases too), then lowers it to whole cases that fit the shelf beside `positionUnits`. A
  /// wanted quantity of zero or less orders nothing.
  public func order(wantedUnits: Double, positionUnits: Double) -> Order {
    guard wantedUnits > 0 else {
      return Order(units: 0, cases: 0, cappedByShelf: false, raisedToMinimum: false)
    }
    var cases = Int((wantedUnits / Double(casePack)).rounded(.up))
    var raised = false
    let minimumCases = (minimumOrderUnits + casePack - 1) / casePack
    if cases < minimumCases {
      cases = minimumCases
      raised = true
    }
    var capped = false
    if let capacity = shelfCapacityUnits {
      let room = max(0, Double(capacity) - max(0, positionUnits))
      let fitting = Int((room / Double(casePack)).rounded(.down))
      if cases > fitting {
        // The minimum order does not fit beside the stock: nothing is ordered (an order below
        // the minimum would be refused).
        cases = fitting < minimumCases ? 0 : fitting
        capped = true
        raised = false
      }
    }
    return Order(
      units: cases * casePack, cases: cases, cappedByShelf: capped, raisedToMinimum: raised)
  }
}
