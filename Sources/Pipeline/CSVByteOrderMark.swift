import Foundation
import Tabular

/// The UTF-8 byte-order mark some readers need to take a CSV file as UTF-8: Excel opens a CSV
/// without one in the system's code page, so "≥" in `alerts.csv` or an accented product name
/// comes out garbled. ShelfCast writes plain UTF-8; the nightly setting `csv_byte_order_mark`
/// adds the mark to the night's CSV files once they are written.
public enum CSVByteOrderMark {
  /// EF BB BF.
  public static let bytes: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// Puts the mark at the start of every file of `paths` whose name ends in `.csv` and that does
  /// not start with it yet; other files are left alone. Each file is copied through
  /// `AtomicFile.Stream` in chunks, so a reader sees the old or the new file, never half of one,
  /// and a file of gigabytes is never held in memory.
  /// - Returns: how many files were changed.
  /// - Throws: `TabularError.cannotWrite` when a file cannot be read or rewritten.
  @discardableResult
  public static func prepend(toCSVFilesAmong paths: [String]) throws -> Int {
    var changed = 0
    for path in paths where path.hasSuffix(".csv") {
      guard let input = FileHandle(forReadingAtPath: path) else {
        throw TabularError.cannotWrite(path: path, errno: ENOENT)
      }
      defer { try? input.close() }
      let head = try input.read(upToCount: bytes.count) ?? Data()
      guard [UInt8](head) != bytes else { continue }
      let stream = try AtomicFile.Stream(path: path)
      try bytes.withUnsafeBytes { try stream.append($0) }
      try Data(head).withUnsafeBytes { try stream.append($0) }
      while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
        try chunk.withUnsafeBytes { try stream.append($0) }
      }
      try stream.commit()
      changed += 1
    }
    return changed
  }
}
