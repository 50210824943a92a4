#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

// MARK: - Integers and fixed-decimal numbers, without allocating

extension ByteSink {
  /// Appends `value` in decimal (`-12`, `0`, `9223372036854775807`). Never allocates.
  @inlinable
  public func appendInt(_ value: Int) {
    appendDirectly(maximumBytes: 21) { pointer in
      let sign = value < 0 ? 1 : 0
      if sign == 1 { pointer[0] = UInt8(ascii: "-") }
      return sign
        + ByteSink.writeDigits(UInt64(value.magnitude), minimumDigits: 1, to: pointer + sign)
    }
  }

  /// Appends `value` with leading zeros up to `width` digits (`appendInt(7, zeroPaddedTo: 3)`
  /// writes `007`); wider numbers are written in full. Negative values put `-` before the zeros.
  /// - Precondition: `0 <= width <= 64`.
  @inlinable
  public func appendInt(_ value: Int, zeroPaddedTo width: Int) {
    precondition(width >= 0 && width <= 64, "zero padding must be between 0 and 64 digits")
    appendDirectly(maximumBytes: 21 + width) { pointer in
      let sign = value < 0 ? 1 : 0
      if sign == 1 { pointer[0] = UInt8(ascii: "-") }
      return sign
        + ByteSink.writeDigits(
          UInt64(value.magnitude), minimumDigits: max(1, width), to: pointer + sign)
    }
  }

  /// Appends `value` rounded to `fractionDigits` digits after a `.` (`appendDecimal(2.345, 2)`
  /// writes `2.35`; `fractionDigits: 0` writes no point).
  ///
  /// Rounding is half away from zero, applied to the exact binary value of `value`: `0.125`
  /// (exact in binary) becomes `0.13`, while `1.005` (stored as 1.00499999999999989…) becomes
  /// `1.00`. A result that rounds to zero is written without a sign (`-0.001` → `0.00`).
  /// NaN is written `nan` and infinities `inf` / `-inf`.
  ///
  /// - Precondition: `0 <= fractionDigits <= 15`.
  /// - Complexity: no allocation for magnitudes below about 9.2e18 / 10^fractionDigits; larger
  ///   values take a slower `snprintf` path that is still exact.
  @inlinable
  public func appendDecimal(_ value: Double, fractionDigits: Int) {
    precondition(fractionDigits >= 0 && fractionDigits <= 15, "fractionDigits must be 0...15")
    guard value.isFinite else {
      if value.isNaN {
        append("nan")
      } else {
        append(value < 0 ? "-inf" : "inf")
      }
      return
    }
    let scale = ByteSink.powersOfTen[fractionDigits]
    let scaled = value * scale
    var rounded = scaled.rounded(.toNearestOrAwayFromZero)
    if (scaled - scaled.rounded(.towardZero)).magnitude == 0.5 {
      // The product itself was rounded; its exact error decides ties (fma is exact here).
      let error = (-scaled).addingProduct(value, scale)
      if error != 0 && (error > 0) != (scaled > 0) { rounded = scaled.rounded(.towardZero) }
    }
    guard rounded.magnitude < 9.2e18 else {
      appendDecimalSlowly(value, fractionDigits: fractionDigits)
      return
    }
    let magnitude = UInt64(rounded.magnitude)
    let divisor = ByteSink.integerPowersOfTen[fractionDigits]
    appendDirectly(maximumBytes: 22 + fractionDigits) { pointer in
      var written = 0
      if rounded < 0 && magnitude != 0 {
        pointer[0] = UInt8(ascii: "-")
        written = 1
      }
      written += ByteSink.writeDigits(magnitude / divisor, minimumDigits: 1, to: pointer + written)
      if fractionDigits > 0 {
        pointer[written] = UInt8(ascii: ".")
        written += 1
        written += ByteSink.writeDigits(
          magnitude % divisor, minimumDigits: fractionDigits, to: pointer + written)
      }
      return written
    }
  }

  /// `%.*f` through the C library, which prints the exact binary value; used only for huge numbers.
  @usableFromInline
  func appendDecimalSlowly(_ value: Double, fractionDigits: Int) {
    // glibc rounds ties to even, but values this large have no fractional part: no ties.
    var buffer = [CChar](repeating: 0, count: 400)
    let length = buffer.withUnsafeMutableBufferPointer { chars in
      withVaList([Int32(fractionDigits), value]) { arguments in
        vsnprintf(chars.baseAddress, chars.count, "%.*f", arguments)
      }
    }
    let bytes = buffer.prefix(max(0, min(Int(length), buffer.count - 1))).map {
      UInt8(bitPattern: $0)
    }
    append(contentsOf: bytes)
  }

  /// Writes the decimal digits of `value`, left-padded with zeros to `minimumDigits`, at `pointer`;
  /// returns how many bytes it wrote (at most `max(20, minimumDigits)`).
  @inlinable
  public static func writeDigits(
    _ value: UInt64, minimumDigits: Int, to pointer: UnsafeMutablePointer<UInt8>
  )
    -> Int
  {
    var digits = 1
    var probe = value
    while probe >= 10 {
      probe /= 10
      digits += 1
    }
    let width = max(digits, minimumDigits)
    var remaining = value
    var index = width - 1
    while index >= 0 {
      pointer[index] = UInt8(truncatingIfNeeded: 48 &+ remaining % 10)
      remaining /= 10
      index -= 1
    }
    return width
  }

  @usableFromInline
  static let powersOfTen: [Double] = (0...15).map { exponent in
    (0..<exponent).reduce(1.0) { product, _ in product * 10 }
  }

  @usableFromInline
  static let integerPowersOfTen: [UInt64] = (0...15).map { exponent in
    (0..<exponent).reduce(UInt64(1)) { product, _ in product * 10 }
  }
}
