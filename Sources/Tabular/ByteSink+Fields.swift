// MARK: - Text fields (RFC 4180 quoting, spreadsheet safety)

extension ByteSink {
  /// Appends `text` as one CSV field.
  ///
  /// The field is wrapped in double quotes when it contains a comma, a double quote, a carriage
  /// return or a line feed, and each double quote inside is doubled (RFC 4180 §2.6–2.7):
  /// `Chips "Classic", 150 g` becomes `"Chips ""Classic"", 150 g"`. Other text is written as is.
  ///
  /// When `isSpreadsheetSafe` is on, text starting with `=`, `+`, `-`, `@`, a tab or a carriage
  /// return gets a leading apostrophe (inside the quotes, if any), so `=HYPERLINK(…)` is shown as
  /// text rather than run as a formula. Readers that need the original text must strip it.
  public func appendField(_ text: String) {
    var copy = text
    copy.withUTF8 { appendField(utf8: $0) }
  }

  /// Appends the UTF-8 bytes in `bytes` as one CSV field, quoted and defused like
  /// `appendField(_:)`.
  public func appendField(utf8 bytes: UnsafeBufferPointer<UInt8>) {
    let needsApostrophe = isSpreadsheetSafe && bytes.first.map(ByteSink.startsFormula) == true
    var needsQuotes = false
    for byte in bytes where ByteSink.needsQuoting(byte) {
      needsQuotes = true
      break
    }
    if !needsQuotes && !needsApostrophe {
      if let base = bytes.baseAddress { append(base, count: bytes.count) }
      return
    }
    reserve(additionalBytes: 2 * bytes.count + 3)
    if needsQuotes { append(UInt8(ascii: "\"")) }
    if needsApostrophe { append(UInt8(ascii: "'")) }
    for byte in bytes {
      if byte == UInt8(ascii: "\"") { append(byte) }
      append(byte)
    }
    if needsQuotes { append(UInt8(ascii: "\"")) }
  }

  /// Whether a field containing `byte` must be quoted (comma, quote, CR, LF).
  static func needsQuoting(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0D || byte == 0x0A
  }

  /// Whether a spreadsheet would treat a cell starting with `byte` as a formula.
  static func startsFormula(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D:
      true
    default: false
    }
  }
}
