/// One chart of the report, named so that a reader (or a test) can find it in the HTML.
public enum ReportPanel: Sendable, Hashable {
  /// Forecast versus actual for the whole chain.
  case chain
  /// Forecast versus actual for the region with this name.
  case region(String)
  /// Forecast versus actual for one top-moving series, named by its key (`S001/P00001`).
  case topMover(String)
  /// Accuracy by calendar week.
  case accuracyByWeek
  /// Accuracy by forecast horizon.
  case accuracyByHorizon
  /// The drift tests.
  case drift
  /// The reference and recent distributions of one drifted finding, named
  /// `segment · feature`.
  case driftDistribution(String)
  /// Subgroup WAPE beside the chain's.
  case subgroup
  /// The model-life timeline: versions, retrainings and shadow periods.
  case modelLife
  /// A shadow run's WAPE per night, named by the shadow version and the champion
  /// (`v0001>v0003`).
  case shadowRun(String)

  /// The value of the chart's `data-panel` attribute (before HTML escaping): `chain`,
  /// `region:North`, `top-mover:S001/P00001`, `accuracy-week`, `accuracy-horizon`, `drift`,
  /// `subgroup`, `model-life`, `shadow-run:v0001>v0003`.
  public var identifier: String {
    switch self {
    case .chain: "chain"
    case .region(let name): "region:" + name
    case .topMover(let name): "top-mover:" + name
    case .accuracyByWeek: "accuracy-week"
    case .accuracyByHorizon: "accuracy-horizon"
    case .drift: "drift"
    case .driftDistribution(let name): "drift-distribution:" + name
    case .subgroup: "subgroup"
    case .modelLife: "model-life"
    case .shadowRun(let name): "shadow-run:" + name
    }
  }
}
