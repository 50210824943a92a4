/// Why a field is not a usable number.
public enum NumberProblem: Error, Equatable, Sendable {
  case empty
  case notANumber
  /// Finite in principle but beyond what ShelfCast stores (more than 18 significant digits before
  /// the point, or an exponent that overflows `Double`).
  case outOfRange
  /// `NaN`, `Inf` and friends: parseable text, but never a quantity or a price.
  case notFinite
}

/// Parses plain decimal numbers from bytes: `[+-]digits[.digits][e[+-]digits]`, with surrounding
/// ASCII spaces allowed. Thousands separators and decimal commas are refused rather than guessed.
public enum DecimalParser {
  @usableFromInline static let powersOfTen: [Double] = (0...22).map { exponent in
    var value = 1.0
    for _ in 0..<exponent { value *= 10 }
    return value
  }

  /// The value of `bytes`, or why it has none.
  @inlinable
  public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Double, NumberProblem> {
    // Fast path: up to nine digits with an optional point and no sign, the common case for
    // quantities and prices ("1", "4.99"). An integer divided by an exact power of ten is
    // correctly rounded, so this gives the same Double as the general path below.
    if bytes.count > 0, bytes.count <= 10 {
      var value = 0
      var i = 0
      var pointAt = -1
      while i < bytes.count {
        let d = bytes[i] &- 48
        if d <= 9 {
          value = value &* 10 &+ Int(d)
        } else if bytes[i] == 46, pointAt < 0 {
          pointAt = i
        } else {
          break
        }
        i += 1
      }
      let digitCount = bytes.count - (pointAt < 0 ? 0 : 1)
      if i == bytes.count, digitCount > 0, digitCount <= 9 {
        if pointAt < 0 { return .success(Double(value)) }
        return .success(Double(value) / powersOfTen[bytes.count - 1 - pointAt])
      }
    }
    var start = 0
    var stop = bytes.count
    while start < stop, bytes[start] == 32 { start += 1 }
    while stop > start, bytes[stop - 1] == 32 { stop -= 1 }
    guard start < stop else { return .failure(.empty) }
    var i = start
    var negative = false
    if bytes[i] == 45 || bytes[i] == 43 {
      negative = bytes[i] == 45
      i += 1
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var fractionDigits = 0
    var sawDigit = false
    // More than 18 significant digits before the point is out of range, but only once the rest
    // of the text is known to be a number: `0555…5y` is not a number, however many digits.
    var tooManyDigits = false
    while i < stop {
      let d = bytes[i] &- 48
      guard d <= 9 else { break }
      sawDigit = true
      if mantissa != 0 || d != 0 { digits += 1 }
      if digits > 18 { tooManyDigits = true }
      if !tooManyDigits { mantissa = mantissa &* 10 &+ UInt64(d) }
      i += 1
    }
    if i < stop, bytes[i] == 46 {
      i += 1
      while i < stop {
        let d = bytes[i] &- 48
        guard d <= 9 else { break }
        sawDigit = true
        if digits < 18 {
          if mantissa != 0 || d != 0 { digits += 1 }
          mantissa = mantissa &* 10 &+ UInt64(d)
          fractionDigits += 1
        }  // further digits are below Double's precision anyway
        i += 1
      }
    }
    guard sawDigit else { return .failure(classifyNonNumeric(bytes, start, stop)) }
    var exponent = 0
    if i < stop, bytes[i] == 101 || bytes[i] == 69 {
      i += 1
      var exponentNegative = false
      if i < stop, bytes[i] == 45 || bytes[i] == 43 {
        exponentNegative = bytes[i] == 45
        i += 1
      }
      var sawExponentDigit = false
      while i < stop {
        let d = bytes[i] &- 48
        guard d <= 9 else { break }
        sawExponentDigit = true
        exponent = min(exponent * 10 + Int(d), 10_000)
        i += 1
      }
      guard sawExponentDigit else { return .failure(.notANumber) }
      if exponentNegative { exponent = -exponent }
    }
    guard i == stop else { return .failure(.notANumber) }
    if tooManyDigits { return .failure(.outOfRange) }
    let scale = exponent - fractionDigits
    var value = Double(mantissa)
    if scale == 0 {
    } else if scale < 0, -scale < powersOfTen.count {
      value /= powersOfTen[-scale]
    } else if scale > 0, scale < powersOfTen.count {
      value *= powersOfTen[scale]
    } else {
      // Rare: fall back to the standard library's correctly rounded conversion.
      let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<stop]), as: UTF8.self)
      guard let parsed = Double(text) else { return .failure(.notANumber) }
      guard parsed.isFinite else { return .failure(.outOfRange) }
      return .success(parsed)
    }
    guard value.isFinite else { return .failure(.outOfRange) }
    return .success(negative ? -value : value)
  }

  @usableFromInline
  static func classifyNonNumeric(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ stop: Int)
    -> NumberProblem
  {
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<stop]), as: UTF8.self)
      .lowercased()
    let bare = text.hasPrefix("-") || text.hasPrefix("+") ? String(text.dropFirst()) : text
    return ["nan", "inf", "infinity"].contains(bare) ? .notFinite : .notANumber
  }

  /// Convenience for cold paths and tests.
  public static func parse(_ text: String) -> Result<Double, NumberProblem> {
    var copy = text
    return copy.withUTF8 { parse($0) }
  }
}
