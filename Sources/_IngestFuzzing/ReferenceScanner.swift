import Tabular

/// A byte-at-a-time restatement of what `CSVScanner` documents, written for obviousness rather
/// than speed, that the fuzz target compares the scanner with on every input.
///
/// The rules, from `CSVScanner`'s documentation: a UTF-8 byte-order mark at the very start is
/// skipped; blank lines are skipped but counted (LF, CRLF and bare CR are one line break each);
/// fields are separated by commas; a field that starts with a quote runs to the next quote not
/// doubled, and text between that closing quote and the next delimiter or line end is dropped and
/// reported; a quote that nothing closes makes its field run to the end of the line it opened on,
/// where the record ends; a quote inside an unquoted field is literal. The first problem found in
/// a record, in byte order, is the one reported; a record longer than the byte limit is reported
/// only when it has no other problem.
struct ReferenceScanner {
  struct Record: Equatable, CustomStringConvertible {
    var line: Int
    /// Every field's bytes, unescaped, including those past the field limit.
    var fields: [[UInt8]]
    /// Whether each field was quoted with doubled quotes inside (the scanner copies only those).
    var unescaped: [Bool]
    var rawStart: Int
    var rawEnd: Int
    var problem: CSVScanner.Problem?

    var description: String {
      "line \(line), bytes \(rawStart)..<\(rawEnd), \(fields.count) fields, problem "
        + "\(problem.map { "\($0)" } ?? "none"): "
        + fields.map { "[\(String(decoding: $0, as: UTF8.self).debugDescription)]" }.joined()
    }
  }

  let bytes: UnsafeBufferPointer<UInt8>
  let maximumFieldCount: Int
  let maximumRecordBytes: Int

  static let comma: UInt8 = 44
  static let quote: UInt8 = 34
  static let lineFeed: UInt8 = 10
  static let carriageReturn: UInt8 = 13

  /// Every record of the input, in order.
  func records() -> [Record] {
    var records: [Record] = []
    let count = bytes.count
    var i = 0
    if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    var line = 1
    while true {
      // Blank lines.
      while i < count, isLineBreak(bytes[i]) {
        i = afterLineBreak(i)
        line += 1
      }
      guard i < count else { return records }
      var record = Record(
        line: line, fields: [], unescaped: [], rawStart: i, rawEnd: count, problem: nil)
      fields: while true {
        if i < count, bytes[i] == Self.quote {
          let opened = quotedField(from: i + 1)
          guard let (value, doubled, closingQuote, breaks) = opened else {
            // Never closed: the field is the rest of the line, the record ends with it.
            note(.unbalancedQuote(column: record.fields.count + 1), in: &record)
            var k = i + 1
            while k < count, !isLineBreak(bytes[k]) { k += 1 }
            add(Array(bytes[(i + 1)..<k]), doubled: false, to: &record)
            record.rawEnd = k
            i = k
            if i < count {
              i = afterLineBreak(i)
              line += 1
            }
            break fields
          }
          add(value, doubled: doubled, to: &record)
          line += breaks
          i = closingQuote + 1
          while i < count, bytes[i] != Self.comma, !isLineBreak(bytes[i]) {
            note(.textAfterClosingQuote(column: record.fields.count), in: &record)
            i += 1
          }
        } else {
          let start = i
          while i < count, bytes[i] != Self.comma, !isLineBreak(bytes[i]) { i += 1 }
          add(Array(bytes[start..<i]), doubled: false, to: &record)
        }
        if i >= count {
          record.rawEnd = count
          break fields
        }
        if bytes[i] == Self.comma {
          i += 1
          if i >= count {
            add([], doubled: false, to: &record)
            record.rawEnd = count
            break fields
          }
          continue fields
        }
        record.rawEnd = i
        i = afterLineBreak(i)
        line += 1
        break fields
      }
      if record.problem == nil, record.rawEnd - record.rawStart > maximumRecordBytes {
        record.problem = .recordTooLong(limitBytes: maximumRecordBytes)
      }
      records.append(record)
    }
  }

  /// The unescaped value of a quoted field whose text starts at `start`, whether it had doubled
  /// quotes, the offset of its closing quote and the line breaks inside it; `nil` when no quote
  /// closes it.
  private func quotedField(from start: Int) -> ([UInt8], Bool, Int, Int)? {
    var value: [UInt8] = []
    var doubled = false
    var breaks = 0
    var j = start
    while j < bytes.count {
      if bytes[j] == Self.quote {
        if j + 1 < bytes.count, bytes[j + 1] == Self.quote {
          value.append(Self.quote)
          doubled = true
          j += 2
          continue
        }
        return (value, doubled, j, breaks)
      }
      if bytes[j] == Self.lineFeed { breaks += 1 }
      if bytes[j] == Self.carriageReturn, !(j + 1 < bytes.count && bytes[j + 1] == Self.lineFeed) {
        breaks += 1
      }
      value.append(bytes[j])
      j += 1
    }
    return nil
  }

  private func add(_ field: [UInt8], doubled: Bool, to record: inout Record) {
    if record.fields.count >= maximumFieldCount {
      note(.tooManyFields(limit: maximumFieldCount), in: &record)
    }
    record.fields.append(field)
    record.unescaped.append(doubled)
  }

  private func note(_ problem: CSVScanner.Problem, in record: inout Record) {
    if record.problem == nil { record.problem = problem }
  }

  private func isLineBreak(_ byte: UInt8) -> Bool {
    byte == Self.lineFeed || byte == Self.carriageReturn
  }

  /// The offset after the line break at `i` (CRLF is one).
  private func afterLineBreak(_ i: Int) -> Int {
    if bytes[i] == Self.carriageReturn, i + 1 < bytes.count, bytes[i + 1] == Self.lineFeed {
      return i + 2
    }
    return i + 1
  }
}

extension ReferenceScanner {
  /// Where `CSVScanner`, with the same limits, splits `bytes` differently from the reference: an
  /// empty list when they agree on every record, line, span, problem and field.
  static func differences(
    _ bytes: UnsafeBufferPointer<UInt8>, maximumFieldCount: Int, maximumRecordBytes: Int
  ) -> [String] {
    let reference = ReferenceScanner(
      bytes: bytes, maximumFieldCount: maximumFieldCount, maximumRecordBytes: maximumRecordBytes)
    return reference.differences(from: reference.records())
  }

  /// Where `CSVScanner`, with this reference's limits, splits the bytes differently from
  /// `expected`, this reference's `records()`.
  func differences(from expected: [Record]) -> [String] {
    let scanner = CSVScanner(
      bytes: bytes, maximumFieldCount: maximumFieldCount, maximumRecordBytes: maximumRecordBytes)
    let limits = "limits \(maximumFieldCount) fields, \(maximumRecordBytes) bytes"
    var index = 0
    while let record = scanner.next() {
      guard index < expected.count else {
        return ["scanner (\(limits)): record \(index + 1) at line \(record.line) is extra"]
      }
      let reference = expected[index]
      // Built only for a report: describing every record would slow the fuzzer down.
      var context: String { "scanner (\(limits)): record \(index + 1), expected \(reference)" }
      if record.line != reference.line || record.rawStart != reference.rawStart
        || record.rawEnd != reference.rawEnd || record.problem != reference.problem
        || record.fieldCount != min(reference.fields.count, maximumFieldCount)
      {
        return [
          "\(context); got line \(record.line), bytes \(record.rawStart)..<\(record.rawEnd), "
            + "\(record.fieldCount) fields, problem \(record.problem.map { "\($0)" } ?? "none")"
        ]
      }
      for field in 0..<record.fieldCount {
        let got = record.withField(field) { Array($0) }
        if got != reference.fields[field]
          || record.needsUnescaping(field) != reference.unescaped[field]
        {
          return [
            "\(context); field \(field + 1) is "
              + String(decoding: got, as: UTF8.self).debugDescription
          ]
        }
      }
      index += 1
    }
    if index != expected.count {
      return ["scanner (\(limits)): stopped after \(index) of \(expected.count) records"]
    }
    if scanner.offset != bytes.count {
      return ["scanner (\(limits)): ended at byte \(scanner.offset) of \(bytes.count)"]
    }
    return []
  }
}
