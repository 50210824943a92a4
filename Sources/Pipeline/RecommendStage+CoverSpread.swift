import Forecasting

extension RecommendStage {
  /// The cover variance ratios (`CoverSpread`) of the set that issued a forecast, so that the
  /// night and `shelfcast recommend` (which reads the archived forecast) size the same covers:
  /// the session's model in service when it is `modelVersion` and already read (the night's),
  /// else that registered version's, read from its artifact's header alone (no series decoded),
  /// else an unregistered set in service; `nil` when the version is none of these (an
  /// unregistered set replaced since) or its set has none (sets trained before the ratios
  /// existed: days read as independent).
  /// - Throws: registry errors reading a registered version's artifact.
  static func coverSpread(of modelVersion: String, session: WorkspaceSession) throws
    -> CoverSpread?
  {
    if let serving = session.loadedServing, serving.modelVersion == modelVersion {
      return serving.fittedSet.horizonSpread?.cover
    }
    if (try? session.registry.show(modelVersion)) != nil {
      return try session.registry.loadHorizonSpread(modelVersion)?.cover
    }
    if let serving = try? session.serving(), serving.modelVersion == modelVersion {
      return serving.fittedSet.horizonSpread?.cover
    }
    return nil
  }
}
