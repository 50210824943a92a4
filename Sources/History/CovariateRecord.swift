import DemandCore

/// Which SKUs of its store scope a covariate row applies to.
public enum CovariateItemScope: Sendable, Hashable, Codable {
  /// Every SKU.
  case all
  /// One SKU.
  case sku(SKUID)
  /// Every SKU of one category.
  case category(String)
}

/// One value of an external regressor (a row of a covariates file): the value of `name` on
/// `day` for the SKUs of `item` in `store` (every store when `nil`).
public struct CovariateRecord: Sendable, Equatable, Codable {
  public var day: Day
  /// The store the value applies to; `nil` for every store.
  public var store: StoreID?
  public var item: CovariateItemScope
  /// The regressor's name, as the file gives it.
  public var name: String
  /// The value in the regressor's own unit; `nil` when missing (`NA` or empty in the file).
  public var value: Double?
  /// True when future values are known when forecasting (events, planned markdowns); false
  /// for values only known once they happened (temperature, fuel price).
  public var knownInAdvance: Bool

  public init(
    day: Day, store: StoreID?, item: CovariateItemScope, name: String, value: Double?,
    knownInAdvance: Bool
  ) {
    self.day = day
    self.store = store
    self.item = item
    self.name = name
    self.value = value
    self.knownInAdvance = knownInAdvance
  }
}
