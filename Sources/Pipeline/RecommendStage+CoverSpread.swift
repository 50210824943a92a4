import Forecasting

extension RecommendStage {
  /// The cover variance ratios (`CoverSpread`) of the set that issued a forecast, so that the
  /// night and `shelfcast recommend` (which reads the archived forecast) size the same covers:
  /// the model in service when it is `modelVersion`, else that registered version's set; `nil`
  /// when the version is neither (an unregistered set replaced since) or its set has none
  /// (sets trained before the ratios existed: days read as independent).
  /// - Throws: registry errors reading a registered version's artifact.
  static func coverSpread(of modelVersion: String, session: WorkspaceSession) throws
    -> CoverSpread?
  {
    if let serving = try? session.serving(), serving.modelVersion == modelVersion {
      return serving.fittedSet.horizonSpread?.cover
    }
    guard (try? session.registry.show(modelVersion)) != nil else { return nil }
    return try session.registry.loadFittedSet(modelVersion).horizonSpread?.cover
  }
}
