/// One finding of a nightly run that an operator should see: what kind of problem, how bad, where,
/// the measured value beside the threshold it crossed, and what to do about it.
///
/// Alerts are plain values; `AlertRules` makes them from measurements and `AlertFiles` writes
/// them to `alerts.csv` and `alerts.json`. `value` and `threshold` are in the unit of the rule
/// that made the alert (a WAPE ratio, a bias in percent, a share of rows, seconds, a drift
/// statistic); the rule's documentation names it.
public struct Alert: Sendable, Equatable, Hashable {
  /// How urgent the finding is.
  public var severity: Severity
  /// Which rule found it.
  public var kind: Kind
  /// Where: `chain`, a store, a category, a file path or a stage name, as the rule was given it.
  public var segment: String
  /// The measured value, in the rule's unit.
  public var value: Double
  /// The threshold `value` crossed to reach `severity`, in the same unit.
  public var threshold: Double
  /// What an operator should do next, as one sentence.
  public var suggestedAction: String
  /// A one-line description with the numbers, for logs and e-mails.
  public var message: String

  public init(
    severity: Severity, kind: Kind, segment: String, value: Double, threshold: Double,
    suggestedAction: String, message: String
  ) {
    self.severity = severity
    self.kind = kind
    self.segment = segment
    self.value = value
    self.threshold = threshold
    self.suggestedAction = suggestedAction
    self.message = message
  }
}

// MARK: - Report order

extension Alert {
  /// The order of the alert files: most severe first, then by kind (raw value), segment and
  /// message, then value and threshold, so any list of alerts has exactly one report order.
  public static func precedesInReport(_ lhs: Alert, _ rhs: Alert) -> Bool {
    if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
    if lhs.kind != rhs.kind { return lhs.kind.rawValue < rhs.kind.rawValue }
    if lhs.segment != rhs.segment { return lhs.segment < rhs.segment }
    if lhs.message != rhs.message { return lhs.message < rhs.message }
    if let precedes = totalOrderPrecedes(lhs.value, rhs.value) { return precedes }
    if let precedes = totalOrderPrecedes(lhs.threshold, rhs.threshold) { return precedes }
    return lhs.suggestedAction < rhs.suggestedAction
  }

  /// `alerts` in report order (see `precedesInReport`).
  public static func inReportOrder(_ alerts: some Sequence<Alert>) -> [Alert] {
    alerts.sorted(by: precedesInReport)
  }

  /// Whether `lhs` comes first in IEEE 754 total order (NaNs included), or `nil` when neither
  /// does.
  private static func totalOrderPrecedes(_ lhs: Double, _ rhs: Double) -> Bool? {
    let below = lhs.isTotallyOrdered(belowOrEqualTo: rhs)
    let above = rhs.isTotallyOrdered(belowOrEqualTo: lhs)
    return below == above ? nil : below
  }
}
