/// A deliberately simple RFC 4180 reader over `Character`s, used as an independent reference in
/// tests of the byte scanner and for reading the files ShelfCast writes (quarantine, reports).
///
/// It favours being obviously right over speed: one state machine, no limits, and a record is a
/// plain `[String]`. Blank lines are skipped; a record remembers the physical line it starts on,
/// counting LF, CRLF and bare CR as one line break each.
public enum ReferenceCSV {
  public struct Record: Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var fields: [String]
    public init(line: Int, fields: [String]) {
      self.line = line
      self.fields = fields
    }
    public var description: String { "\(line): \(fields)" }
  }

  /// The records of well-formed CSV text; a leading byte-order mark is skipped.
  ///
  /// - Precondition: every quote is balanced and each closing quote is followed by a delimiter or a
  ///   line break (the reference is for valid input only).
  public static func parse(_ text: String) -> [Record] {
    // Swift treats "\r\n" as one Character, which is exactly one line break here.
    var characters = Array(text)
    if characters.first == "\u{FEFF}" { characters.removeFirst() }
    var records: [Record] = []
    var fields: [String] = []
    var field = ""
    var line = 1
    var recordLine = 1
    var inQuotes = false
    var atRecordStart = true
    var i = 0
    func isBreak(_ c: Character) -> Bool { c == "\n" || c == "\r" || c == "\r\n" }
    while i < characters.count {
      let c = characters[i]
      if inQuotes {
        if c == "\"" {
          if i + 1 < characters.count, characters[i + 1] == "\"" {
            field.append("\"")
            i += 2
            continue
          }
          inQuotes = false
        } else {
          if isBreak(c) { line += 1 }
          field.append(c)
        }
        i += 1
        continue
      }
      if atRecordStart {
        if isBreak(c) {
          line += 1
          i += 1
          continue
        }
        atRecordStart = false
        recordLine = line
      }
      if c == "\"" && field.isEmpty {
        inQuotes = true
      } else if c == "," {
        fields.append(field)
        field = ""
      } else if isBreak(c) {
        fields.append(field)
        records.append(Record(line: recordLine, fields: fields))
        fields = []
        field = ""
        line += 1
        atRecordStart = true
      } else {
        field.append(c)
      }
      i += 1
    }
    precondition(!inQuotes, "ReferenceCSV is for balanced input only")
    if !atRecordStart {
      fields.append(field)
      records.append(Record(line: recordLine, fields: fields))
    }
    return records
  }
}
