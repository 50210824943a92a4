import Tabular

/// The alert rules: pure functions from a measurement and its thresholds to an `Alert`, or `nil`
/// when the measurement is within limits.
///
/// Conventions shared by every rule:
/// - "Beyond" is strict: a value exactly at a threshold does not raise that level.
/// - Rules with one tolerance raise a warning beyond it and a critical alert beyond
///   `criticalMultiple` (2) times it, measured the same way (so a 10 % tolerance on WAPE warns
///   above +10 % and is critical above +20 %). The drift rule takes both levels explicitly, since
///   drift statistics have conventional bands instead.
/// - The alert's `threshold` is the one the value crossed: the warning threshold for a warning,
///   the critical one for a critical alert.
/// - A measurement that cannot be judged (NaN or infinite, or a baseline of zero) gives `nil`;
///   the run that produced it should fail or report that on its own.
/// - Thresholds that make no sense (negative tolerances, non-positive budgets) are programmer
///   errors and trap.
public enum AlertRules {
  /// Critical thresholds of single-tolerance rules sit this many tolerances beyond the baseline.
  public static let criticalMultiple = 2.0

  /// The level a value reaches against a warning and a critical threshold (both strict), or `nil`.
  static func level(_ value: Double, warningAbove: Double, criticalAbove: Double) -> (
    severity: Alert.Severity, threshold: Double
  )? {
    if value > criticalAbove { return (.critical, criticalAbove) }
    if value > warningAbove { return (.warning, warningAbove) }
    return nil
  }
}

/// Numbers in alert messages: fixed decimals in the C locale, so messages are deterministic.
enum NumberText {
  /// `value` with `digits` decimals (`fixed(0.31416, 3)` is `0.314`).
  static func fixed(_ value: Double, _ digits: Int) -> String {
    let sink = ByteSink(initialCapacityBytes: 32)
    sink.appendDecimal(value, fractionDigits: digits)
    return sink.text
  }

  /// A ratio as a percentage with one decimal and a `%` sign (`percent(0.125)` is `12.5 %`).
  static func percent(_ ratio: Double) -> String { fixed(100 * ratio, 1) + " %" }
}
