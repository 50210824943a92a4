/// Text made safe for HTML and inline SVG.
enum HTMLText {
  /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references, so it can stand in
  /// element content and in double- or single-quoted attribute values.
  ///
  /// Product, store and segment names come from the chain's data, so everything drawn from
  /// `ReportData` passes through here.
  static func escape(_ text: String) -> String {
    guard
      text.utf8.contains(where: {
        $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27
      })
    else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 16)
    for character in text.unicodeScalars {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.unicodeScalars.append(character)
      }
    }
    return result
  }
}
