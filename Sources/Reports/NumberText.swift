/// Numbers as the report prints them: fixed decimals, computed from integers so the same value
/// always gives the same text on every platform and locale.
public enum NumberText {
  /// `value` rounded half away from zero to `digits` decimals (0 … 9); `n/a` when not a number,
  /// `∞` or `−∞` when infinite. Negative values that round to zero print without a sign.
  public static func fixed(_ value: Double, digits: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "∞" : "−∞") }
    let digits = max(0, min(9, digits))
    var scale: UInt64 = 1
    for _ in 0..<digits { scale *= 10 }
    let scaled = (abs(value) * Double(scale)).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9.0e15 else { return String(value) }
    let units = UInt64(scaled)
    let sign = value < 0 && units != 0 ? "-" : ""
    let whole = String(units / scale)
    guard digits > 0 else { return sign + whole }
    let fraction = String(units % scale)
    return sign + whole + "." + String(repeating: "0", count: digits - fraction.count) + fraction
  }

  /// `fixed` with a thousands separator (`12,345.6`), for axis labels and table cells.
  public static func grouped(_ value: Double, digits: Int) -> String {
    let text = fixed(value, digits: digits)
    guard value.isFinite else { return text }
    let signless = text.hasPrefix("-") ? String(text.dropFirst()) : text
    let parts = signless.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let whole = Array(parts[0])
    guard whole.count > 3 else { return text }
    var result = ""
    for (index, digit) in whole.enumerated() {
      if index > 0 && (whole.count - index) % 3 == 0 { result.append(",") }
      result.append(digit)
    }
    if parts.count > 1 { result += "." + parts[1] }
    return (text.hasPrefix("-") ? "-" : "") + result
  }

  /// A ratio as a percentage with one decimal: `0.2345` → `23.5 %`.
  public static func percent(ratio: Double) -> String {
    ratio.isFinite ? fixed(ratio * 100, digits: 1) + " %" : "n/a"
  }

  /// A value already in percent, signed: `+4.2 %`, `-3.0 %`.
  static func signedPercent(_ percent: Double) -> String {
    guard percent.isFinite else { return "n/a" }
    let text = fixed(percent, digits: 1)
    return text.hasPrefix("-") || text == "0.0" ? text + " %" : "+" + text + " %"
  }

  /// A statistic with about three significant digits, never fewer decimals than needed to show
  /// it (down to 6): `1,250`, `12.4`, `2.20`, `0.312`, `0.0625`, `0.00120`, `0`.
  static func compact(_ value: Double) -> String {
    guard value.isFinite else { return fixed(value, digits: 0) }
    let magnitude = abs(value)
    var digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3
    var threshold = 0.1
    while magnitude > 0 && magnitude < threshold && digits < 6 {
      digits += 1
      threshold /= 10
    }
    return grouped(value, digits: digits)
  }

  /// An SVG coordinate: one decimal, enough for a pixel grid.
  static func coordinate(_ value: Double) -> String { fixed(value, digits: 1) }
}
