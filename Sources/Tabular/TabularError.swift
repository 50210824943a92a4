/// A file that cannot be read as a table at all (rather than a bad row within it).
public enum TabularError: Error, Equatable, Sendable, CustomStringConvertible {
  case notFound(path: String)
  case notARegularFile(path: String, kind: String)
  case unreadable(path: String, errno: Int32)
  case tooLarge(path: String, bytes: Int, limitBytes: Int)
  case changedWhileReading(path: String)
  case emptyColumnName(file: String, column: Int)
  case duplicateColumn(file: String, name: String, firstColumn: Int, secondColumn: Int)
  case cannotWrite(path: String, errno: Int32)

  public var description: String {
    switch self {
    case .notFound(let path):
      return "\(path): no such file."
    case .notARegularFile(let path, let kind):
      return
        "\(path): is a \(kind), not a regular file; give ShelfCast CSV files or folders of them."
    case .unreadable(let path, let code):
      return "\(path): cannot be read (\(SystemError.message(code)))."
    case .tooLarge(let path, let bytes, let limit):
      return "\(path): \(bytes) bytes is over the \(limit)-byte limit for one input file; split it."
    case .changedWhileReading(let path):
      return
        "\(path): the file changed while it was being read; deliver it again once it is complete."
    case .emptyColumnName(let file, let column):
      return "\(file):1: column \(column) has no name in the header."
    case .duplicateColumn(let file, let name, let first, let second):
      return
        "\(file):1: column '\(PrintableText.clipped(name))' appears twice (columns \(first) and "
        + "\(second))."
    case .cannotWrite(let path, let code):
      return "\(path): cannot be written (\(SystemError.message(code)))."
    }
  }
}
