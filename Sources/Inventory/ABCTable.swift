import DemandCore
import Forecasting
import Foundation
import Tabular

/// Each store/SKU's ABC class by its revenue in its store over the last `windowDays` days of
/// training history (units sold × list price), recomputed at each training and saved beside
/// the fitted set as `models/abc-classes.csv` (store_id,sku_id,revenue,abc_class), so the
/// recommendations between two trainings use the same classes.
public struct ABCTable: Sendable {
  /// Days of revenue the classes are computed from.
  public static let windowDays = 91
  public private(set) var classes: [SeriesKey: ABCClass] = [:]
  public private(set) var revenues: [SeriesKey: Double] = [:]

  /// Classifies every store's series from its history.
  public init(histories: [StoreHistory], lastDay: Day, unitPrice: (SKUID) -> Double) {
    for history in histories {
      let panel = history.panel
      let first = lastDay.adding(days: 1 - Self.windowDays)
      let revenue = panel.keys.indices.map { series -> Double in
        var units = 0.0
        for offset in 0..<panel.dayCount where panel.start.adding(days: offset) >= first {
          units += panel.values[series * panel.dayCount + offset]
        }
        return units * unitPrice(panel.keys[series].sku)
      }
      for (key, abc) in zip(panel.keys, ABCClass.classify(revenues: revenue)) {
        classes[key] = abc
      }
      for (key, value) in zip(panel.keys, revenue) { revenues[key] = value }
    }
  }

  private init(classes: [SeriesKey: ABCClass], revenues: [SeriesKey: Double]) {
    self.classes = classes
    self.revenues = revenues
  }

  /// The class of `key`; C for a series the table does not know (no sales in the window).
  public func callAsFunction(_ key: SeriesKey) -> ABCClass { classes[key] ?? .c }

  /// The header of `csv()`.
  public static let header = "store_id,sku_id,revenue,abc_class"

  /// `store_id,sku_id,revenue,abc_class`, one row per series in key order (revenue in
  /// money, 2 decimals).
  public func csv() -> [UInt8] {
    let sink = ByteSink(spreadsheetSafe: true)
    sink.append(utf8: Self.header)
    sink.appendNewline()
    for key in classes.keys.sorted() {
      sink.appendField(key.store.rawValue)
      sink.appendComma()
      sink.appendField(key.sku.rawValue)
      sink.appendComma()
      sink.appendDecimal(revenues[key] ?? 0, fractionDigits: 2)
      sink.appendComma()
      sink.appendField(classes[key]?.rawValue ?? "C")
      sink.appendNewline()
    }
    return sink.withUnsafeBytes { Array($0) }
  }

  /// Reads a table written by `csv()`.
  /// - Throws: `ABCTableError` naming the file and line of a bad row.
  public static func read(path: String) throws -> ABCTable {
    let file = try FileBytes(path: path, limitBytes: 1 << 30)
    var classes: [SeriesKey: ABCClass] = [:]
    var revenues: [SeriesKey: Double] = [:]
    try file.withBytes { bytes in
      let scanner = CSVScanner(bytes: bytes)
      guard let header = scanner.next(),
        header.strings.joined(separator: ",") == Self.header
      else {
        throw ABCTableError(path: path, line: 1, expected: "the header \(Self.header)")
      }
      while let record = scanner.next() {
        if record.fieldCount == 1 && record.rawField(0).isEmpty { continue }
        guard record.problem == nil, record.fieldCount == 4,
          let abc = ABCClass(rawValue: record.string(3)),
          case .success(let revenue) = DecimalParser.parse(record.rawField(2))
        else {
          throw ABCTableError(
            path: path, line: record.line,
            expected: "store_id,sku_id,revenue,abc_class (A, B or C)")
        }
        let key = SeriesKey(store: StoreID(record.string(0)), sku: SKUID(record.string(1)))
        classes[key] = abc
        revenues[key] = revenue
      }
    }
    return ABCTable(classes: classes, revenues: revenues)
  }
}

/// A line of a saved ABC table that cannot be read.
public struct ABCTableError: Error, Sendable, Equatable, CustomStringConvertible {
  public var path: String
  public var line: Int
  /// What the line should hold.
  public var expected: String

  public var description: String { "\(path): line \(line): expected \(expected)." }
}
