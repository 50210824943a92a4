/// Numbers written with a fixed count of significant digits, the one rule ShelfCast's files and
/// report use for p-values (docs/files.md, "Numbers").
///
/// The text is built from integers, so the same value gives the same bytes on every platform
/// and in every locale.
public enum SignificantDigits {
  /// `value` with 3 significant digits: fixed notation from 0.001 up (`0.0123`, `0.500`,
  /// `1.00`), scientific below (`9.91e-17`, `1.00e-300`); `0` for zero and `nan` for a value
  /// that is NaN, infinite or negative (a p-value is never negative).
  ///
  /// Rounding is half away from zero on the value's decimal digits as a `Double` holds them.
  public static func pValue(_ value: Double) -> String {
    guard value.isFinite, value >= 0 else { return "nan" }
    guard value > 0 else { return "0" }
    guard let (digits, exponent) = threeDigits(value) else { return "nan" }
    // digits is 100 … 999 and value ≈ digits · 10^(exponent − 2).
    let text = String(digits)
    if exponent < -3 {
      let power = String(-exponent)
      return "\(text.prefix(1)).\(text.dropFirst())e-" + (power.count < 2 ? "0" : "") + power
    }
    switch exponent {
    case ..<0: return "0." + String(repeating: "0", count: -exponent - 1) + text
    case 0: return "\(text.prefix(1)).\(text.dropFirst())"
    case 1: return "\(text.prefix(2)).\(text.dropFirst(2))"
    default: return text + String(repeating: "0", count: exponent - 2)
    }
  }

  /// The three leading decimal digits of a positive finite `value`, rounded, and its decimal
  /// exponent: `(991, -17)` for 9.906e-17, `(100, 0)` for 0.9996.
  static func threeDigits(_ value: Double) -> (digits: Int, exponent: Int)? {
    var exponent = Int(value.decimalExponentEstimate)
    // Correct the estimate so that 1 ≤ value / 10^exponent < 10.
    while scaled(value, by: -exponent) >= 10 { exponent += 1 }
    while scaled(value, by: -exponent) < 1 { exponent -= 1 }
    var digits = Int((scaled(value, by: 2 - exponent)).rounded(.toNearestOrAwayFromZero))
    if digits >= 1000 {
      digits /= 10
      exponent += 1
    }
    guard (100...999).contains(digits) else { return nil }
    return (digits, exponent)
  }

  /// value · 10^power, exact in the power of ten up to 10^±22 and steps of it beyond.
  static func scaled(_ value: Double, by power: Int) -> Double {
    var result = value
    var remaining = power
    while remaining != 0 {
      let step = max(-22, min(22, remaining))
      let factor = exactPowersOfTen[abs(step)]
      result = step > 0 ? result * factor : result / factor
      remaining -= step
    }
    return result
  }

  /// 10^0 … 10^22, each exact as a `Double`.
  static let exactPowersOfTen: [Double] = {
    var powers: [Double] = [1]
    for _ in 1...22 { powers.append(powers[powers.count - 1] * 10) }
    return powers
  }()
}

extension Double {
  /// ⌊log₁₀ |self|⌋ estimated from the binary exponent (off by at most one).
  fileprivate var decimalExponentEstimate: Double {
    (Double(exponent) * 0.30102999566398120).rounded(.down)
  }
}
