/// A problem with the workspace database itself.
public enum HistoryError: Error, Equatable, Sendable, CustomStringConvertible {
  case cannotOpen(path: String, reason: String)
  case corruptBlock(String)
  case unknownStore(String)
  case unknownSKU(String)
  case database(String)
  /// The database file failed `PRAGMA quick_check` or is not a database at all.
  case damaged(path: String, findings: String)

  public var description: String {
    switch self {
    case .cannotOpen(let path, let reason):
      return "\(path): cannot open the workspace database (\(reason))."
    case .corruptBlock(let detail):
      return
        "The demand history holds a damaged block (\(detail)); restore the workspace from backup."
    case .unknownStore(let id):
      return "Store '\(id)' is not in the master data; ingest stores.csv first."
    case .unknownSKU(let id):
      return "SKU '\(id)' is not in the master data; ingest skus.csv first."
    case .database(let message):
      return "Database error: \(message)"
    case .damaged(let path, let findings):
      return "\(path) is damaged (PRAGMA quick_check: \(findings)); nothing was run. Return "
        + "to the last backup with 'shelfcast restore --workspace DIR' (see docs/reliability.md)."
    }
  }
}
