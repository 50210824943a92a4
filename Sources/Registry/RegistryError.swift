/// What stops a registry or audit operation, with the context to act on it.
public enum RegistryError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The workspace database cannot be opened or migrated.
  case cannotOpen(path: String, reason: String)
  /// SQLite refused a statement.
  case database(String)
  /// No model version has this id.
  case unknownVersion(String)
  /// The version's status does not allow the operation (promoting a rejected version, …).
  case invalidTransition(version: String, status: ModelStatus, operation: String, hint: String)
  /// The registry has no champion (nothing was promoted yet).
  case noChampion
  /// A rollback found no earlier champion still archived to return to; `lastFormer` is the
  /// version that left the champion's place most recently (rejected since), if any.
  case noPreviousChampion(current: String, lastFormer: String?)
  /// An alias (`champion`, `challenger`, `previous`) names no version now.
  case aliasUnset(alias: String, hint: String)
  /// The version's artifact file is gone.
  case artifactMissing(version: String, path: String)
  /// The artifact's bytes are not the ones registered.
  case artifactChecksumMismatch(version: String, path: String, expected: String, actual: String)
  /// The artifact is intact but this build cannot use it (another format version, damaged JSON).
  case artifactIncompatible(version: String, path: String, reason: String)
  /// A file could not be written.
  case cannotWrite(path: String, reason: String)
  /// A stored record cannot be read back (a column holds something this build does not know).
  case corruptRecord(version: String, reason: String)

  public var description: String {
    switch self {
    case .cannotOpen(let path, let reason):
      return "\(path): cannot open the registry (\(reason))."
    case .database(let message):
      return "Registry database error: \(message)"
    case .unknownVersion(let id):
      return "No model version '\(id)'; `shelfcast registry list` shows the versions."
    case .invalidTransition(let version, let status, let operation, let hint):
      return "Cannot \(operation) \(version): it is \(status.rawValue). \(hint)"
    case .noChampion:
      return "The registry has no champion yet; train a model with `shelfcast train`."
    case .noPreviousChampion(let current, let lastFormer):
      let example = lastFormer ?? "VERSION"
      return
        "Cannot roll back: \(current) is the champion and no earlier champion is archived to "
        + "return to. Promote a version by hand instead, a rejected one too: `shelfcast registry "
        + "promote \(example) --reason TEXT`"
        + (lastFormer.map { " (\($0) was the champion before \(current))." } ?? ".")
    case .aliasUnset(let alias, let hint):
      return "'\(alias)' names no version now: \(hint)"
    case .artifactMissing(let version, let path):
      return "The artifact of \(version) is missing (\(path)); the champion stays in service."
    case .artifactChecksumMismatch(let version, let path, let expected, let actual):
      return
        "The artifact of \(version) (\(path)) is corrupted: its SHA-256 is \(actual), the "
        + "registry recorded \(expected). The champion stays in service."
    case .artifactIncompatible(let version, let path, let reason):
      return
        "The artifact of \(version) (\(path)) cannot be used by this build: \(reason). The "
        + "champion stays in service."
    case .cannotWrite(let path, let reason):
      return "\(path): cannot write (\(reason))."
    case .corruptRecord(let version, let reason):
      return "The registry record of \(version) cannot be read: \(reason)."
    }
  }
}
