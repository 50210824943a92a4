import Models

/// The per-series methods a training run fits, each with the tag its fitted models are stored
/// under, so a saved fitted set can be decoded without knowing the concrete types in advance.
public struct MethodCatalog: Sendable {
  /// One method and how to decode what it fits.
  public struct Entry: Sendable {
    /// Stable tag written into fitted sets (`"ets"`); renaming it breaks saved sets.
    public let kind: String
    public let method: any ForecastMethod
    let decode: @Sendable (any Decoder) throws -> any FittedModel
    let fit: @Sendable (DemandSeries) throws(ModelError) -> any FittedModel

    public init<Method: ForecastMethod>(kind: String, _ method: Method) {
      self.kind = kind
      self.method = method
      decode = { decoder in try Method.Fitted(from: decoder) }
      fit = { series throws(ModelError) in try method.fit(series) }
    }
  }

  public let entries: [Entry]
  /// Days in one period of the series the methods are set up for: 1 (daily) or 7 (weekly).
  /// A fitted set trained at another grain is refused when decoded through this catalog, since
  /// the same kind (`seasonal_naive`) means another season at another grain.
  public let daysPerPeriod: Int

  /// - Precondition: kinds and method names are unique (they become file tags and columns).
  public init(_ entries: [Entry], daysPerPeriod: Int = 1) {
    precondition(Set(entries.map(\.kind)).count == entries.count, "method kinds must be unique")
    precondition(
      Set(entries.map(\.method.name)).count == entries.count, "method names must be unique")
    self.entries = entries
    self.daysPerPeriod = daysPerPeriod
  }

  public func entry(kind: String) -> Entry? { entries.first { $0.kind == kind } }
}
