import DemandCore
import Tabular

/// Checks of the two field parsers every row goes through, on any bytes: `DecimalParser` against
/// the standard library's correctly rounded `Double(String)`, and `Day.parseISO` against its own
/// `iso` text.
enum FieldChecks {
  /// Where `DecimalParser.parse(field)` disagrees with the reference reading of `field`.
  ///
  /// The reference: trim ASCII spaces; the grammar `[+-]? (digits [. digits?] | . digits)
  /// ([eE] [+-]? digits)?` (checked here byte by byte) or `nan`/`inf`/`infinity` in any case
  /// (`.notFinite`); more than 18 significant digits before the point is `.outOfRange`, as is a
  /// value `Double(String)` makes infinite; otherwise the value is `Double(String)`'s, to within
  /// 2 ulp (the parser scales an integer mantissa of up to 18 digits by a power of ten: each of
  /// the two steps rounds once), and exactly when the mantissa has at most 15 digits and the
  /// scale at most 22 (both factors then exact, so the one division or product rounds once).
  static func decimalDifference(_ field: UnsafeBufferPointer<UInt8>) -> String? {
    let got = DecimalParser.parse(field)
    let expected = referenceDecimal(field)
    let shown = String(decoding: field, as: UTF8.self).debugDescription
    switch (got, expected) {
    case (.failure(let a), .failure(let b)):
      return a == b ? nil : "DecimalParser(\(shown)) failed with \(a), expected \(b)"
    case (.success(let value), .success(let (reference, exact))):
      if value.bitPattern == reference.bitPattern { return nil }
      let ulp = reference.ulp
      if !exact, abs(value - reference) <= 2 * ulp { return nil }
      return "DecimalParser(\(shown)) = \(value), expected \(reference)"
    case (.success(let value), .failure(let problem)):
      return "DecimalParser(\(shown)) = \(value), expected \(problem)"
    case (.failure(let problem), .success(let (reference, _))):
      return "DecimalParser(\(shown)) failed with \(problem), expected \(reference)"
    }
  }

  /// The reference value, and whether it must match bit for bit.
  static func referenceDecimal(_ field: UnsafeBufferPointer<UInt8>) -> Result<
    (Double, Bool), NumberProblem
  > {
    var bytes = Array(field)
    while bytes.first == 32 { bytes.removeFirst() }
    while bytes.last == 32 { bytes.removeLast() }
    guard !bytes.isEmpty else { return .failure(.empty) }
    let text = String(decoding: bytes, as: UTF8.self)
    let lower = text.lowercased()
    let unsigned = lower.hasPrefix("-") || lower.hasPrefix("+") ? String(lower.dropFirst()) : lower
    if ["nan", "inf", "infinity"].contains(unsigned) { return .failure(.notFinite) }
    guard let shape = DecimalShape(bytes) else { return .failure(.notANumber) }
    if shape.integerSignificantDigits > 18 { return .failure(.outOfRange) }
    guard let value = Double(text) else { return .failure(.notANumber) }
    guard value.isFinite else { return .failure(.outOfRange) }
    let exact = shape.significantDigits <= 15 && abs(shape.scale) <= 22
    return .success((value, exact))
  }

  /// Where `Day.parseISO(field)` disagrees with the calendar: a date it accepts must print back as
  /// the same ten bytes, and the ten bytes of any date in the supported years must parse.
  static func dayDifference(_ field: UnsafeBufferPointer<UInt8>) -> String? {
    let shown = String(decoding: field, as: UTF8.self).debugDescription
    guard let day = Day.parseISO(field) else {
      guard field.count == 10, field.allSatisfy({ $0 < 0x80 }) else { return nil }
      let text = String(decoding: field, as: UTF8.self)
      let parts = text.split(separator: "-", omittingEmptySubsequences: false)
      guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
        parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
        let year = Int(parts[0]), let month = Int(parts[1]), let dayOfMonth = Int(parts[2]),
        Day.supportedYears.contains(year), (1...12).contains(month), dayOfMonth >= 1,
        dayOfMonth <= daysIn(month: month, year: year)
      else { return nil }
      return "Day.parseISO(\(shown)) refused a real date"
    }
    let printed = day.iso
    return printed.utf8.elementsEqual(field) ? nil : "Day.parseISO(\(shown)) printed as \(printed)"
  }

  /// Days in a month of the proleptic Gregorian calendar, restated.
  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}

/// A decimal number's text, checked byte by byte against `[+-]? (d+ [. d*] | . d+) ([eE] [+-]? d+)?`.
struct DecimalShape {
  /// Digits before the point, leading zeros not counted.
  var integerSignificantDigits = 0
  /// All digits, leading zeros (before and after the point) not counted, trailing ones counted.
  var significantDigits = 0
  /// The power of ten the digits are scaled by: the exponent less the fraction digits.
  var scale = 0

  init?(_ bytes: [UInt8]) {
    var i = 0
    if i < bytes.count, bytes[i] == 43 || bytes[i] == 45 { i += 1 }
    var sawDigit = false
    var fractionDigits = 0
    var leading = true
    while i < bytes.count, (48...57).contains(bytes[i]) {
      if bytes[i] != 48 { leading = false }
      if !leading { integerSignificantDigits += 1 }
      sawDigit = true
      i += 1
    }
    significantDigits = integerSignificantDigits
    if i < bytes.count, bytes[i] == 46 {
      i += 1
      while i < bytes.count, (48...57).contains(bytes[i]) {
        if bytes[i] != 48 { leading = false }
        if !leading { significantDigits += 1 }
        fractionDigits += 1
        sawDigit = true
        i += 1
      }
    }
    guard sawDigit else { return nil }
    var exponent = 0
    if i < bytes.count, bytes[i] == 101 || bytes[i] == 69 {
      i += 1
      var negative = false
      if i < bytes.count, bytes[i] == 43 || bytes[i] == 45 {
        negative = bytes[i] == 45
        i += 1
      }
      var sawExponentDigit = false
      while i < bytes.count, (48...57).contains(bytes[i]) {
        exponent = min(exponent * 10 + Int(bytes[i] - 48), 100_000)
        sawExponentDigit = true
        i += 1
      }
      guard sawExponentDigit else { return nil }
      if negative { exponent = -exponent }
    }
    guard i == bytes.count else { return nil }
    scale = exponent - fractionDigits
  }
}
