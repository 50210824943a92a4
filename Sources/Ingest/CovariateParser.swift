import DemandCore
import History
import Tabular

/// Reads a covariates file (external regressors, long form): one value per row, of regressor
/// `name` on `date`, for one store or every store (`store_id` empty or absent) and one SKU, one
/// category or every SKU (`sku_id` and `category` empty or absent).
///
/// A value of `NA`, `NaN`, `null` or empty is *missing* and kept as such (see
/// `ExternalRegressor` for how a regression reads it). `known_in_advance` (1/0, default 1) says
/// whether the future values are known when forecasting; it must be the same on every row of a
/// name. A row repeating the name, scope and date of an earlier row is quarantined.
enum CovariateParser {
  /// The texts that mean a missing value, compared without case.
  static let missingTexts: Set<String> = ["", "na", "n/a", "nan", "null"]

  static func parse(
    _ scanner: CSVScanner, table: InputTable, columns: [Int?], context: ValidationContext
  ) -> ParsedFile {
    var parsed = ParsedFile(content: .nothing)
    var records: [CovariateRecord] = []
    var span = DaySpan()
    var seen: [String: Int] = [:]
    var flags: [String: (known: Bool, line: Int)] = [:]
    guard let dateColumn = columns[0], let nameColumn = columns[1], let valueColumn = columns[2]
    else { return parsed }
    let storeColumn = columns[3]
    let skuColumn = columns[4]
    let categoryColumn = columns[5]
    let knownColumn = columns[6]
    forEachRow(scanner, table: table, into: &parsed) { row throws(RowError) in
      let day = try row.day(dateColumn)
      let name = String(try row.utf8Text(nameColumn).trimmingSpaces)
      guard !name.isEmpty else { throw row.failure(nameColumn, .missingValue) }
      var store: StoreID? = nil
      if let storeColumn, !row.text(storeColumn).trimmingSpaces.isEmpty {
        store = StoreID(context.stores.identifiers[try row.store(storeColumn, in: context)])
      }
      var item = CovariateItemScope.all
      if let skuColumn, !row.text(skuColumn).trimmingSpaces.isEmpty {
        item = .sku(SKUID(context.skus.identifiers[try row.sku(skuColumn, in: context)]))
      }
      if let categoryColumn {
        let category = String(try row.utf8Text(categoryColumn).trimmingSpaces)
        if !category.isEmpty {
          guard case .all = item else { throw row.failure(categoryColumn, .conflictingScope) }
          item = .category(category)
        }
      }
      let known =
        try knownColumn.map { column throws(RowError) in
          row.text(column).trimmingSpaces.isEmpty ? true : try row.flag(column)
        } ?? true
      if let first = flags[name], first.known != known, let knownColumn {
        throw row.failure(knownColumn, .inconsistentFlag(firstLine: first.line))
      }
      let missing = missingTexts.contains(row.text(valueColumn).trimmingSpaces.lowercased())
      let value: Double? = missing ? nil : try row.number(valueColumn)
      let key = "\(name)\u{1}\(store?.rawValue ?? "")\u{1}\(item)\u{1}\(day.daysSinceEpoch)"
      if let first = seen[key] { throw row.failure(dateColumn, .duplicateKey(firstLine: first)) }
      seen[key] = row.record.line
      if flags[name] == nil { flags[name] = (known, row.record.line) }
      records.append(
        CovariateRecord(
          day: day, store: store, item: item, name: name, value: value, knownInAdvance: known))
      span.note(day)
    }
    parsed.cells = records.count
    parsed.setSpan(span)
    parsed.content = .covariates(records)
    return parsed
  }
}
