extension Alert {
  /// Which rule raised an alert. The raw values are stable snake_case words written to the alert
  /// files; renaming one is a breaking change for whatever reads them.
  public enum Kind: String, CaseIterable, Sendable, Hashable, Codable {
    /// An input feature's distribution moved away from the training window's.
    case drift
    /// Accuracy (WAPE) is worse than the baseline by more than the tolerance.
    case accuracyDegraded = "accuracy_degraded"
    /// Forecasts run systematically high or low.
    case bias
    /// One segment's accuracy is much worse than the whole chain's.
    case subgroupGap = "subgroup_gap"
    /// An input file the run expects is not there.
    case inputMissing = "input_missing"
    /// Ingest quarantined too large a share of the rows it read.
    case ingestRejections = "ingest_rejections"
    /// A stage or the whole run took longer than its time budget.
    case timeBudget = "time_budget"
  }
}

extension Alert.Kind {
  /// Operational alerts say the job itself went wrong (an input missing or refused, a run too
  /// slow); the others say the forecast needs attention (accuracy, bias, subgroups, drift).
  public var isOperational: Bool {
    switch self {
    case .inputMissing, .ingestRejections, .timeBudget: true
    case .drift, .accuracyDegraded, .bias, .subgroupGap: false
    }
  }
}
