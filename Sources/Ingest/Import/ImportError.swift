/// Why an import could not run as a whole (problems with single rows are quarantined instead).
public enum ImportError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A required input file is missing from the folder.
  case missingFile(directory: String, expected: String)
  /// A file could not be opened or read, or the child that unzips it failed.
  case cannotRead(path: String, reason: String)
  /// A file's header lacks a column the format requires.
  case missingColumn(file: String, column: String, header: String)
  /// The output folder exists and is not empty.
  case outputNotEmpty(path: String)
  /// No row of the demand file could be kept.
  case noDemand(file: String)
  /// The output could not be written.
  case cannotWrite(path: String, reason: String)

  public var description: String {
    switch self {
    case .missingFile(let directory, let expected):
      return "\(directory) has no \(expected). Please point at the folder that holds the data set."
    case .cannotRead(let path, let reason):
      return "Cannot read \(path): \(reason)."
    case .missingColumn(let file, let column, let header):
      return "\(file):1: the header has no column '\(column)' (header: \(header))."
    case .outputNotEmpty(let path):
      return "\(path) exists and is not empty. Please name a new folder for the import."
    case .noDemand(let file):
      return "\(file): no row could be kept; see its quarantine file."
    case .cannotWrite(let path, let reason):
      return "Cannot write \(path): \(reason)."
    }
  }
}
