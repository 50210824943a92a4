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
    let fitWithPrior: @Sendable (DemandSeries, SeasonPrior?) throws(ModelError) -> any FittedModel
    /// The season of the SKU priors this method reads; nil: it reads none.
    let pooledSeason: SeasonPool.Season?

    public init<Method: ForecastMethod>(kind: String, _ method: Method) {
      self.kind = kind
      self.method = method
      decode = { decoder in try Method.Fitted(from: decoder) }
      fitWithPrior = { series, _ throws(ModelError) in try method.fit(series) }
      pooledSeason = nil
    }

    public init<Method: SeasonPooledMethod>(kind: String, _ method: Method) {
      self.kind = kind
      self.method = method
      decode = { decoder in try Method.Fitted(from: decoder) }
      fitWithPrior = { series, prior throws(ModelError) in try method.fit(series, prior: prior) }
      pooledSeason =
        method.pooling != .none
        ? SeasonPool.Season(period: method.period, minimumSeasons: method.minimumSeasons) : nil
    }

    /// Fits `series` as the per-series methods read it (`DemandSeries.readByMethods`);
    /// `prior` is read only by a method with a `pooledSeason`.
    func fit(_ series: DemandSeries, prior: SeasonPrior? = nil) throws(ModelError)
      -> any FittedModel
    {
      try fitWithPrior(series.readByMethods, prior)
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
