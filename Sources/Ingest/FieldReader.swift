import DemandCore
import Tabular

/// Reads typed values out of one record, turning every failure into a `RowError` that names the
/// file, line, column number and column name.
struct FieldReader {
  let record: CSVRecord
  /// Outlives every reader: the parser holds it for the whole file.
  unowned(unsafe) let table: InputTable

  @inline(__always)
  func failure(_ column: Int?, _ reason: RowError.Reason) -> RowError {
    RowError(
      file: table.file, line: record.line, column: column.map { $0 + 1 },
      columnName: column.map { table.header.names[$0] }, reason: reason)
  }

  func text(_ column: Int) -> String { record.string(column) }

  /// The field as text, refused when its bytes are not UTF-8 (a Latin-1 export, say): master data
  /// names are shown to people and written to reports, so they are not stored half-decoded.
  func utf8Text(_ column: Int) throws(RowError) -> String {
    let invalidAt = record.withField(column) { bytes -> (offset: Int, byte: UInt8)? in
      var iterator = bytes.makeIterator()
      var parser = Unicode.UTF8.ForwardParser()
      var offset = 0
      while true {
        switch parser.parseScalar(from: &iterator) {
        case .valid(let scalar): offset += scalar.count
        case .emptyInput: return nil
        case .error: return (offset, bytes[offset])
        }
      }
    }
    if let invalidAt {
      throw failure(
        column, .notUTF8(text: text(column), offset: invalidAt.offset, byte: invalidAt.byte))
    }
    return text(column)
  }

  /// A finite decimal number; empty is an error.
  @inline(__always)
  func number(_ column: Int) throws(RowError) -> Double {
    let result = record.withField(column) { DecimalParser.parse($0) }
    switch result {
    case .success(let value): return value
    case .failure(.empty): throw failure(column, .missingValue)
    case .failure(.notANumber): throw failure(column, .notANumber(text: text(column)))
    case .failure(.notFinite): throw failure(column, .notFinite(text: text(column)))
    case .failure(.outOfRange): throw failure(column, .numberOutOfRange(text: text(column)))
    }
  }

  /// A number in `range`, or an error naming the range.
  func number(_ column: Int, in range: ClosedRange<Double>) throws(RowError) -> Double {
    let value = try number(column)
    guard range.contains(value) else {
      throw failure(
        column,
        value < 0 && range.lowerBound == 0 ? .negative(value) : .outOfRange(value, allowed: range))
    }
    return value
  }

  /// A whole number in `range`.
  func wholeNumber(_ column: Int, in range: ClosedRange<Double>) throws(RowError) -> Int {
    let value = try number(column, in: range)
    guard value.rounded() == value else {
      throw failure(column, .notAWholeNumber(text: text(column)))
    }
    return Int(value)
  }

  /// A `YYYY-MM-DD` date within `Day.supportedYears`.
  @inline(__always)
  func day(_ column: Int) throws(RowError) -> Day {
    let parsed = record.withField(column) { bytes -> Day? in
      var start = 0
      var stop = bytes.count
      while start < stop, bytes[start] == 32 { start += 1 }
      while stop > start, bytes[stop - 1] == 32 { stop -= 1 }
      return Day.parseISO(UnsafeBufferPointer(rebasing: bytes[start..<stop]))
    }
    guard let parsed else {
      throw failure(
        column, record.rawField(column).isEmpty ? .missingValue : .notADate(text: text(column)))
    }
    return parsed
  }

  /// An optional date: empty gives `nil`.
  func optionalDay(_ column: Int) throws(RowError) -> Day? {
    if record.rawField(column).allSatisfy({ $0 == 32 }) { return nil }
    return try day(column)
  }

  /// 0/1, true/false, yes/no, y/n in any case; empty is false.
  @inline(__always)
  func flag(_ column: Int) throws(RowError) -> Bool {
    let raw = record.rawField(column)
    if raw.count == 1 {
      switch raw[0] {
      case 48, 78, 110, 70, 102: return false  // 0 N n F f
      case 49, 89, 121, 84, 116: return true  // 1 Y y T t
      default: break
      }
    }
    if raw.isEmpty { return false }
    switch text(column).trimmingSpaces.lowercased() {
    case "", "0", "false", "no", "n": return false
    case "1", "true", "yes", "y": return true
    default: throw failure(column, .notAFlag(text: text(column)))
    }
  }

  /// Index of the store named in `column`, or `.unknownStore`.
  @inline(__always)
  func store(_ column: Int, in context: ValidationContext) throws(RowError) -> Int {
    guard let index = record.withField(column, { context.stores.index(of: $0) }) else {
      throw failure(column, .unknownStore(text(column)))
    }
    return index
  }

  /// Index of the SKU named in `column`, or `.unknownSKU`.
  @inline(__always)
  func sku(_ column: Int, in context: ValidationContext) throws(RowError) -> Int {
    guard let index = record.withField(column, { context.skus.index(of: $0) }) else {
      throw failure(column, .unknownSKU(text(column)))
    }
    return index
  }

  /// Checks a sales or stock date against the as-of date and the store's opening; `column` is the
  /// date's column, or `nil` when the date did not come from the row (a snapshot's file name).
  @inline(__always)
  func checkTradingDay(_ day: Day, store: Int, column: Int?, in context: ValidationContext)
    throws(RowError)
  {
    if day > context.asOf { throw failure(column, .futureDate(day, asOf: context.asOf)) }
    let opened = context.storeOpenDay[store]
    if day.daysSinceEpoch < opened {
      throw failure(column, .beforeStoreOpened(day, opened: Day(daysSinceEpoch: opened)))
    }
  }
}

extension String {
  var trimmingSpaces: Substring {
    var s = self[...]
    while s.first == " " { s = s.dropFirst() }
    while s.last == " " { s = s.dropLast() }
    return s
  }
}
