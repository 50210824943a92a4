extension Alert {
  /// How urgent an alert is; ordered `info < warning < critical`.
  ///
  /// The raw values are the words written to the alert files and accepted by `--fail-on`.
  public enum Severity: String, CaseIterable, Sendable, Hashable, Codable, Comparable {
    /// Worth knowing; nothing to do now.
    case info
    /// Look at it today: a number is outside its tolerance but the run's output is usable.
    case warning
    /// Act before the output is used: it is likely wrong or incomplete.
    case critical

    /// 0 for `info`, 1 for `warning`, 2 for `critical`.
    public var rank: Int {
      switch self {
      case .info: 0
      case .warning: 1
      case .critical: 2
      }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
  }
}

extension Alert.Severity {
  /// How many of `alerts` have each severity; every severity is present, with 0 when none.
  public static func counts(of alerts: some Sequence<Alert>) -> [Alert.Severity: Int] {
    var counts = Dictionary(uniqueKeysWithValues: allCases.map { ($0, 0) })
    for alert in alerts { counts[alert.severity, default: 0] += 1 }
    return counts
  }
}
