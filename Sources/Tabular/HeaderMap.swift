/// The columns of a CSV header, found by name in any order.
///
/// Names are compared after trimming spaces and lower-casing, so `Store_ID ` matches `store_id`.
/// Columns that are not asked for are ignored, which lets exporters add columns freely.
public struct HeaderMap: Sendable, Equatable {
  /// Normalised names, in file order.
  public let names: [String]
  private let indexByName: [String: Int]

  /// Unnamed columns at the end of the header (a trailing comma, as spreadsheets often export) are
  /// kept as `_unnamed_<n>` so that rows with the same trailing commas still line up; they are
  /// never asked for, so they are ignored.
  ///
  /// - Throws: `TabularError.duplicateColumn` when two columns normalise to the same name,
  ///   `TabularError.emptyColumnName` when a column before the last named one has no name.
  public init(names rawNames: [String], file: String) throws {
    var names: [String] = []
    var indexByName: [String: Int] = [:]
    let normalised = rawNames.map(HeaderMap.normalise)
    let lastNamed = normalised.lastIndex { !$0.isEmpty } ?? -1
    for (index, var name) in normalised.enumerated() {
      if name.isEmpty {
        guard index > lastNamed, lastNamed >= 0 else {
          throw TabularError.emptyColumnName(file: file, column: index + 1)
        }
        name = "_unnamed_\(index + 1)"
      }
      if let first = indexByName[name] {
        throw TabularError.duplicateColumn(
          file: file, name: name, firstColumn: first + 1, secondColumn: index + 1)
      }
      indexByName[name] = index
      names.append(name)
    }
    self.names = names
    self.indexByName = indexByName
  }

  /// Lower-cased, trimmed of spaces, tabs and byte-order marks (a second BOM is what joining two
  /// exported files leaves at the start of the first name), with inner spaces and hyphens turned
  /// into underscores.
  public static func normalise(_ raw: String) -> String {
    let trimmed = raw.trimmingCharacters(in: " \t\u{FEFF}")
    return String(
      trimmed.lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
  }

  public var count: Int { names.count }

  /// The 0-based index of the first of `candidates` present, or `nil`.
  public func index(of candidates: String...) -> Int? { index(ofAny: candidates) }

  public func index(ofAny candidates: [String]) -> Int? {
    for name in candidates { if let i = indexByName[name] { return i } }
    return nil
  }

  public func contains(_ name: String) -> Bool { indexByName[name] != nil }
}

extension String {
  fileprivate func trimmingCharacters(in set: String) -> Substring {
    let chars = Set(set)
    var start = startIndex
    var stop = endIndex
    while start < stop, chars.contains(self[start]) { start = index(after: start) }
    while stop > start, chars.contains(self[index(before: stop)]) { stop = index(before: stop) }
    return self[start..<stop]
  }
}
