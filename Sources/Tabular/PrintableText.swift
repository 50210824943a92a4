/// Text from an input file made fit to show in a message: a terminal, a log line or a manifest.
///
/// Control and formatting characters (NUL, ESC, line breaks, bidirectional overrides) are written
/// as `\u{…}`, so that a message can neither garble a terminal nor show text other than what the
/// file holds; long text is cut.
public enum PrintableText {
  /// `text` with each control, format or line- or paragraph-separator scalar written as `\u{XX}`.
  public static func escaping(_ text: String) -> String {
    // Printable ASCII throughout (nearly always): nothing to look up.
    guard text.utf8.contains(where: { $0 < 0x20 || $0 >= 0x7F }),
      text.unicodeScalars.contains(where: isHidden)
    else { return text }
    var shown = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if isHidden(scalar) {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        shown.append(contentsOf: "\\u{\(hex.count < 2 ? "0" + hex : hex)}".unicodeScalars)
      } else {
        shown.append(scalar)
      }
    }
    return String(shown)
  }

  /// At most `maximumCharacters` characters of `text` (the last three then `...`), escaped.
  public static func clipped(_ text: String, maximumCharacters: Int = 60) -> String {
    escaping(
      text.count <= maximumCharacters
        ? text : String(text.prefix(max(maximumCharacters - 3, 0))) + "...")
  }

  /// Whether `scalar` is one that `escaping` writes as `\u{…}`.
  public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator: return true
    default: return false
    }
  }
}
