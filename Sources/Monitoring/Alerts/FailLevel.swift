/// The `--fail-on` level: the least severe alert that makes a run's exit code non-zero.
public enum FailLevel: String, CaseIterable, Sendable, Hashable, Codable {
  /// Warnings and critical alerts fail the run.
  case warning
  /// Only critical alerts fail the run.
  case critical

  /// The least severe alert that reaches this level.
  public var minimumSeverity: Alert.Severity {
    switch self {
    case .warning: .warning
    case .critical: .critical
    }
  }

  /// Whether any of `alerts` is at least as severe as this level (never, for no alerts;
  /// `info` alerts never reach a level).
  public func isReached(by alerts: some Sequence<Alert>) -> Bool {
    alerts.contains { $0.severity >= minimumSeverity }
  }
}
