import Foundation
import Tabular

/// The alert files of a run, `reports/<day>/alerts.csv` and `alerts.json`, as bytes.
///
/// Both list the alerts in report order (`Alert.precedesInReport`: most severe first, then kind
/// and segment), so the same alerts always give the same bytes. Writing them is the caller's
/// job, through `AtomicFile.write`.
public enum AlertFiles {
  /// The CSV header line.
  public static let csvHeader = "severity,kind,segment,value,threshold,suggested_action,message\n"

  /// `alerts` as CSV with the header `severity,kind,segment,value,threshold,suggested_action,
  /// message`.
  ///
  /// Text fields are quoted as RFC 4180 requires and made spreadsheet-safe (a segment such as
  /// `=HYPERLINK(…)` is written `'=HYPERLINK(…)`, see `ByteSink.appendField`). `value` and
  /// `threshold` are written with 6 decimals (`nan`, `inf` or `-inf` when not finite); the JSON
  /// file has them unrounded.
  public static func csv(_ alerts: some Sequence<Alert>) -> [UInt8] {
    let sink = ByteSink(initialCapacityBytes: 4096, spreadsheetSafe: true)
    sink.append(utf8: csvHeader)
    for alert in Alert.inReportOrder(alerts) {
      sink.appendField(alert.severity.rawValue)
      sink.appendComma()
      sink.appendField(alert.kind.rawValue)
      sink.appendComma()
      sink.appendField(alert.segment)
      sink.appendComma()
      sink.appendDecimal(alert.value, fractionDigits: 6)
      sink.appendComma()
      sink.appendDecimal(alert.threshold, fractionDigits: 6)
      sink.appendComma()
      sink.appendField(alert.suggestedAction)
      sink.appendComma()
      sink.appendField(alert.message)
      sink.appendNewline()
    }
    return sink.withUnsafeBytes { Array($0) }
  }

  /// `alerts` as a JSON array of objects, one per alert, two-space indented, ending in a newline.
  ///
  /// Keys come in the CSV column order (`severity`, `kind`, `segment`, `value`, `threshold`,
  /// `suggested_action`, `message`). Numbers are written in Swift's shortest form that reads back
  /// to the same `Double` (`0.1`, `25.0`, `1e-05`); a non-finite number is written `null`.
  /// Strings escape `"`, `\` and control characters and keep other characters as UTF-8. The
  /// result decodes with `alerts(fromJSON:)` or any `JSONDecoder`.
  public static func json(_ alerts: some Sequence<Alert>) -> [UInt8] {
    let ordered = Alert.inReportOrder(alerts)
    guard !ordered.isEmpty else { return Array("[]\n".utf8) }
    var text = "[\n"
    for (index, alert) in ordered.enumerated() {
      let members: [(Alert.CodingKeys, String)] = [
        (.severity, JSONText.string(alert.severity.rawValue)),
        (.kind, JSONText.string(alert.kind.rawValue)),
        (.segment, JSONText.string(alert.segment)),
        (.value, JSONText.number(alert.value)),
        (.threshold, JSONText.number(alert.threshold)),
        (.suggestedAction, JSONText.string(alert.suggestedAction)),
        (.message, JSONText.string(alert.message)),
      ]
      text += "  {\n"
      for (memberIndex, (key, value)) in members.enumerated() {
        let separator = memberIndex + 1 < members.count ? "," : ""
        text += "    \(JSONText.string(key.rawValue)): \(value)\(separator)\n"
      }
      text += index + 1 < ordered.count ? "  },\n" : "  }\n"
    }
    text += "]\n"
    return Array(text.utf8)
  }

  /// Reads alerts back from the bytes of an `alerts.json` file.
  /// - Throws: `DecodingError` when the bytes are not a JSON array of alerts.
  public static func alerts(fromJSON bytes: [UInt8]) throws -> [Alert] {
    try JSONDecoder().decode([Alert].self, from: Data(bytes))
  }
}

/// JSON literals written by hand, so the bytes do not depend on a Foundation version.
enum JSONText {
  /// `text` as a JSON string literal (RFC 8259 §7): `"` and `\` escaped, control characters as
  /// `\n`, `\r`, `\t` or `\u00XX`, everything else as is.
  static func string(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16, uppercase: false)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }

  /// `value` in Swift's shortest round-trip form, or `null` when it is not finite.
  static func number(_ value: Double) -> String {
    value.isFinite ? "\(value)" : "null"
  }
}
