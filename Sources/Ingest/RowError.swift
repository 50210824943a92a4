import DemandCore
import Tabular

/// An input row that could not be taken into the history, with where it is and why.
public struct RowError: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Reason: Equatable, Sendable {
    case malformed(CSVScanner.Problem)
    case fieldCount(expected: Int, found: Int)
    case missingValue
    case notANumber(text: String)
    case notFinite(text: String)
    case numberOutOfRange(text: String)
    case notAWholeNumber(text: String)
    case notADate(text: String)
    /// A time of day that is not `HH:MM` or `HH:MM:SS` (00:00–23:59:59), alone in a time column
    /// or after the `T` of a `YYYY-MM-DDTHH:MM[:SS]` date.
    case notATime(text: String)
    case notAFlag(text: String)
    /// Text whose bytes are not UTF-8; `offset` is the 0-based byte position of the first bad one.
    case notUTF8(text: String, offset: Int, byte: UInt8)
    case unknownStore(String)
    case unknownSKU(String)
    case futureDate(Day, asOf: Day)
    /// An intraday drop's line timed after its cut-off (seconds after midnight).
    case afterCutoff(secondOfDay: Int, cutoff: Int)
    case beforeStoreOpened(Day, opened: Day)
    case negative(Double)
    case absurdQuantity(Double, limit: Double)
    case outOfRange(Double, allowed: ClosedRange<Double>)
    case endBeforeStart(start: Day, end: Day)
    /// A store/SKU/date cell given twice in a file that must give each once.
    case duplicateKey(firstLine: Int)
    /// A value that must be unique in its column (a store id, a SKU id, a calendar date).
    case duplicateValue(firstLine: Int)
    /// A transaction line (same transaction id, store, day and SKU) that an earlier ingested file
    /// delivered already; it is set aside and not counted again.
    case alreadyDelivered(file: String)
    /// A covariate row scoped to both a SKU and a category.
    case conflictingScope
    /// A covariate's known-in-advance flag differs from the one an earlier line gave its name.
    case inconsistentFlag(firstLine: Int)
    /// A date that is not a period of the file's or workspace's grain: at weekly grain, a day
    /// other than the week-ending weekday (a mix of daily and weekly rows).
    case offGrain(Day, grain: Grain)
  }

  /// The file's base name.
  public let file: String
  /// Physical line (1-based; the header is line 1).
  public let line: Int
  /// 1-based column, when the problem is in one field.
  public let column: Int?
  /// The column's header name, when known.
  public let columnName: String?
  public let reason: Reason

  public init(file: String, line: Int, column: Int?, columnName: String?, reason: Reason) {
    self.file = file
    self.line = line
    self.column = column
    self.columnName = columnName
    self.reason = reason
  }

  /// `transactions_2026-03-01.csv:42: column 4 'quantity': '12,5' is not a number`
  public var description: String {
    var place: [String] = []
    if let column { place.append("column \(column)") }
    if let columnName { place.append("'\(Self.clip(columnName))'") }
    return "\(file):\(line): " + (place.isEmpty ? "" : place.joined(separator: " ") + ": ")
      + reasonText
  }

  /// The reason alone, in words.
  public var reasonText: String {
    switch reason {
    case .malformed(.unbalancedQuote(let column)):
      return "a quote opened in field \(column) is never closed"
    case .malformed(.textAfterClosingQuote(let column)):
      return "text follows the closing quote of field \(column)"
    case .malformed(.tooManyFields(let limit)):
      return "more than \(limit) fields"
    case .malformed(.recordTooLong(let limit)):
      return "line longer than \(limit) bytes"
    case .fieldCount(let expected, let found):
      return "\(found) fields where the header has \(expected)"
    case .missingValue:
      return "empty, but a value is required"
    case .notANumber(let text):
      return "'\(Self.clip(text))' is not a number"
    case .notFinite(let text):
      return "'\(Self.clip(text))' is not a finite number"
    case .numberOutOfRange(let text):
      return "'\(Self.clip(text))' is too large"
    case .notAWholeNumber(let text):
      return "'\(Self.clip(text))' is not a whole number"
    case .notADate(let text):
      return "'\(Self.clip(text))' is not a date (YYYY-MM-DD, years 1900–2199)"
    case .notATime(let text):
      return "'\(Self.clip(text))' is not a time (HH:MM or HH:MM:SS, or YYYY-MM-DDTHH:MM[:SS])"
    case .notAFlag(let text):
      return "'\(Self.clip(text))' is not 0/1 or true/false"
    case .notUTF8(let text, let offset, let byte):
      let hex = String(byte, radix: 16, uppercase: true)
      return "'\(Self.clip(text))' is not UTF-8 text (byte 0x\(hex) at byte \(offset + 1)); "
        + "export the file as UTF-8"
    case .unknownStore(let id):
      return "store '\(Self.clip(id))' is not in the master data"
    case .unknownSKU(let id):
      return "SKU '\(Self.clip(id))' is not in the master data"
    case .futureDate(let day, let asOf):
      return "date \(day) is after the as-of date \(asOf)"
    case .afterCutoff(let second, let cutoff):
      func clock(_ s: Int) -> String {
        let (hours, minutes) = (s / 3600, s / 60 % 60)
        return (hours < 10 ? "0" : "") + "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)"
      }
      return "time \(clock(second)) is after the drop's cut-off \(clock(cutoff)) (--at); not "
        + "counted as sold by then"
    case .beforeStoreOpened(let day, let opened):
      return "date \(day) is before the store opened on \(opened)"
    case .negative(let value):
      return "must not be negative (got \(value))"
    case .absurdQuantity(let value, let limit):
      return "quantity \(value) is beyond the plausible limit of ±\(limit)"
    case .outOfRange(let value, let allowed):
      // Not starting with the value: a negative one would be neutralised as a formula.
      return "value \(value) is outside \(allowed.lowerBound)…\(allowed.upperBound)"
    case .endBeforeStart(let start, let end):
      return "end date \(end) is before start date \(start)"
    case .duplicateKey(let firstLine):
      return "repeats the store/SKU/date of line \(firstLine)"
    case .duplicateValue(let firstLine):
      return "repeats the value of line \(firstLine)"
    case .alreadyDelivered(let file):
      return "duplicate of an earlier delivery (file \(Self.clip(file))); not counted again"
    case .conflictingScope:
      return "gives both a SKU and a category; a covariate row applies to one or the other"
    case .inconsistentFlag(let firstLine):
      return "differs from the flag line \(firstLine) gave the same covariate name"
    case .offGrain(let day, let grain):
      return "date \(day) is a \(Weekday(day).rawValue), but the data is \(grain): daily and "
        + "weekly rows cannot be mixed"
    }
  }

  /// At most 60 characters of `text`, with control and formatting characters (NUL, line breaks,
  /// bidirectional overrides) written as `\u{…}` so that a message cannot garble a terminal or a
  /// log line, nor show text other than what the file holds (see `PrintableText`).
  static func clip(_ text: String) -> String { PrintableText.clipped(text) }

  /// `text` with each control, format or line-separator scalar written as `\u{XX}`.
  static func printable(_ text: String) -> String { PrintableText.escaping(text) }
}
