/// Round-numbered axis ticks: a step of 1, 2 or 5 times a power of ten, and a domain widened to
/// whole steps so the axis starts and ends on a tick.
///
/// The step is the one d3's `tickIncrement` picks: the raw step `span / targetCount` is rounded
/// to the nearest of 1, 2, 5, 10 times its power of ten on a log scale (thresholds √2, √10, √50).
/// Ticks are computed as `index · mantissa · 10^exponent` from integers, so `0.1 + 0.2` style
/// errors never reach the labels.
public struct NiceTicks: Sendable, Equatable {
  /// The step's leading digit: 1, 2 or 5.
  public var mantissa: Int
  /// The step's power of ten: the step is `mantissa · 10^exponent`.
  public var exponent: Int
  /// Index of the first tick: the first tick is `firstIndex · step`.
  public var firstIndex: Int
  /// Index of the last tick.
  public var lastIndex: Int

  /// Ticks covering `lower … upper` with about `targetCount` intervals (at least 1).
  ///
  /// When `lower == upper` the domain is widened to a unit around it (or `0 … 1` at zero); non-
  /// finite bounds give the ticks of `0 … 1`.
  public init(lower: Double, upper: Double, targetCount: Int = 5) {
    var low = Swift.min(lower, upper)
    var high = Swift.max(lower, upper)
    if !low.isFinite || !high.isFinite {
      low = 0
      high = 1
    }
    if low == high {
      if low == 0 {
        high = 1
      } else {
        let pad = Swift.max(abs(low) * 0.1, Double.leastNormalMagnitude)
        low -= pad
        high += pad
      }
    }
    let raw = (high - low) / Double(Swift.max(1, targetCount))
    var exponent = log10Floor(raw)
    let error = raw / NiceTicks.power(exponent)
    var mantissa: Int
    if error >= 50.0.squareRoot() {
      mantissa = 1
      exponent += 1
    } else if error >= 10.0.squareRoot() {
      mantissa = 5
    } else if error >= 2.0.squareRoot() {
      mantissa = 2
    } else {
      mantissa = 1
    }
    self.mantissa = mantissa
    self.exponent = exponent
    let step = Double(mantissa) * NiceTicks.power(exponent)
    self.firstIndex = Int((low / step).rounded(.down))
    self.lastIndex = Int((high / step).rounded(.up))
    // A bound that is a whole step already, but lands a hair off through rounding, stays put.
    if Double(firstIndex + 1) * step <= low { firstIndex += 1 }
    if Double(lastIndex - 1) * step >= high { lastIndex -= 1 }
  }

  /// The step between ticks.
  public var step: Double { Double(mantissa) * NiceTicks.power(exponent) }

  /// The first and last tick: the widened domain.
  public var lower: Double { value(at: firstIndex) }
  public var upper: Double { value(at: lastIndex) }

  /// The tick values, from `lower` to `upper`.
  public var values: [Double] { (firstIndex...lastIndex).map(value(at:)) }

  /// Decimals needed to print every tick exactly: 0 for steps of 1 and up, 1 for 0.1, 0.2, 0.5,
  /// 2 for 0.05 and so on.
  public var fractionDigits: Int { Swift.max(0, -exponent) }

  /// `index · step`, computed so that decimal steps give the decimal values.
  public func value(at index: Int) -> Double {
    let units = Double(index * mantissa)
    return exponent >= 0 ? units * NiceTicks.power(exponent) : units / NiceTicks.power(-exponent)
  }

  /// 10^exponent, exact for the exponents charts meet.
  static func power(_ exponent: Int) -> Double {
    var result = 1.0
    for _ in 0..<abs(exponent) { result *= 10 }
    return exponent >= 0 ? result : 1 / result
  }
}

/// ⌊log10(x)⌋ for a positive finite x (0 otherwise), by repeated scaling rather than `log10`, whose
/// result can land a hair below a whole number at powers of ten.
private func log10Floor(_ x: Double) -> Int {
  guard x > 0, x.isFinite else { return 0 }
  var exponent = 0
  var scaled = x
  while scaled >= 10 {
    scaled /= 10
    exponent += 1
  }
  while scaled < 1 {
    scaled *= 10
    exponent -= 1
  }
  return exponent
}
