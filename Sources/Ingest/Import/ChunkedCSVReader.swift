import Foundation
import Tabular

/// Reads a CSV from a byte source in pieces of whole records, so that a large file or a child
/// process's output (`unzip -p`) is scanned without being held in memory at once.
///
/// Each piece ends at a line break outside quotes; `CSVScanner` splits it, and the records'
/// lines are shifted by the line breaks of the pieces before, so every line number is the
/// file's own. LF, CRLF and bare-CR line endings are counted as the scanner counts them.
///
/// - Complexity: O(bytes); memory O(piece size + longest record).
final class ChunkedCSVReader {
  /// Fills `buffer` with up to `maximumBytes` more bytes; returns `false` at the end of input.
  typealias Source = (_ buffer: inout [UInt8], _ maximumBytes: Int) throws -> Bool

  private let source: Source
  private let pieceBytes: Int

  init(pieceBytes: Int = 1 << 20, source: @escaping Source) {
    self.source = source
    self.pieceBytes = pieceBytes
  }

  /// A reader over the file at `path`, which must be a regular file (or a link to one).
  /// - Throws: `ImportError.cannotRead` when it cannot be opened, or is a FIFO, a device or a
  ///   socket (refused before it is opened: reading one could block or never end).
  static func file(_ path: String) throws(ImportError) -> ChunkedCSVReader {
    do { try FileBytes.requireRegularFile(path: path) } catch {
      throw .cannotRead(path: path, reason: error.description)
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw .cannotRead(path: path, reason: "it cannot be opened")
    }
    return ChunkedCSVReader { buffer, maximumBytes in
      let data = try handle.read(upToCount: maximumBytes) ?? Data()
      buffer.append(contentsOf: data)
      if data.isEmpty { try? handle.close() }
      return !data.isEmpty
    }
  }

  /// Calls `body` with every record and the number of lines before its piece (add it to
  /// `record.line` for the file's line).
  func forEachRecord(_ body: (CSVRecord, _ lineBase: Int) throws -> Void) throws {
    var buffer: [UInt8] = []
    var atEnd = false
    var lineBase = 0
    while !(atEnd && buffer.isEmpty) {
      if !atEnd { atEnd = try !source(&buffer, pieceBytes) }
      let cut = atEnd ? buffer.count : Self.safeCut(buffer)
      guard cut > 0 else { continue }
      try buffer.withUnsafeBufferPointer { whole in
        let piece = UnsafeBufferPointer(rebasing: whole[0..<cut])
        let scanner = CSVScanner(bytes: piece)
        while let record = scanner.next() { try body(record, lineBase) }
        lineBase += Self.lineBreaks(in: piece)
      }
      buffer.removeFirst(cut)
    }
  }

  /// The end of the last whole record in `bytes`: just after its last line break outside
  /// quotes (a CR at the very end is not taken, since an LF may follow); 0 when there is none.
  static func safeCut(_ bytes: [UInt8]) -> Int {
    var quoted = false
    var cut = 0
    for i in bytes.indices {
      switch bytes[i] {
      case UInt8(ascii: "\""): quoted.toggle()
      case UInt8(ascii: "\n") where !quoted: cut = i + 1
      case UInt8(ascii: "\r") where !quoted:
        if i + 1 < bytes.count && bytes[i + 1] != UInt8(ascii: "\n") { cut = i + 1 }
      default: break
      }
    }
    return cut
  }

  /// Line breaks in `bytes`: LF, CRLF and a bare CR each count once.
  static func lineBreaks(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var count = 0
    for i in bytes.indices {
      if bytes[i] == UInt8(ascii: "\n") {
        count += 1
      } else if bytes[i] == UInt8(ascii: "\r"),
        i + 1 == bytes.count || bytes[i + 1] != UInt8(ascii: "\n")
      {
        count += 1
      }
    }
    return count
  }
}
