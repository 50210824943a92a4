import Foundation
import History
import Tabular

/// Turns the paths given to `ingest` into a list of input files in loading order.
enum InputDiscovery {
  /// Files named directly are taken as they are; folders are searched recursively for `*.csv`
  /// files, skipping hidden names. The result is sorted by path, without duplicates.
  static func expand(_ paths: [String]) -> (files: [String], missing: [String]) {
    var files: [String] = []
    var missing: [String] = []
    let manager = FileManager.default
    for path in paths {
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
        missing.append(path)
        continue
      }
      guard isDirectory.boolValue else {
        files.append(path)
        continue
      }
      guard let enumerator = manager.enumerator(atPath: path) else { continue }
      while let relative = enumerator.nextObject() as? String {
        let name = (relative as NSString).lastPathComponent
        if name.hasPrefix(".") {
          enumerator.skipDescendants()
          continue
        }
        let full = (path as NSString).appendingPathComponent(relative)
        var childIsDirectory: ObjCBool = false
        if manager.fileExists(atPath: full, isDirectory: &childIsDirectory),
          !childIsDirectory.boolValue, name.lowercased().hasSuffix(".csv")
        {
          files.append(full)
        }
      }
    }
    var seen = Set<String>()
    let unique = files.filter { seen.insert(($0 as NSString).standardizingPath).inserted }
    return (unique.sorted(), missing)
  }

  /// Reads a file's header and recognises its kind.
  static func recognise(path: String) throws(IngestFileError) -> RecognisedFile {
    let name = (path as NSString).lastPathComponent
    let prefix: [UInt8]
    do { prefix = try FileBytes.prefix(path: path) } catch let error as TabularError {
      throw .unreadable(error.description)
    } catch { throw .unreadable("\(error)") }
    return try prefix.withUnsafeBufferPointer { bytes throws(IngestFileError) in
      let scanner = CSVScanner(bytes: bytes)
      guard let record = scanner.next() else { throw .empty(file: name) }
      if record.problem != nil && record.rawEnd >= bytes.count && bytes.count >= (1 << 16) {
        throw .headerTooLong(file: name)
      }
      let header: HeaderMap
      do { header = try HeaderMap(names: record.strings, file: name) } catch {
        throw .badHeader("\(error)")
      }
      guard let (schema, columns) = InputSchema.recognise(header) else {
        throw .unrecognised(file: name, header: header.names, hint: hint(for: record.rawText))
      }
      return RecognisedFile(
        path: path, name: name, schema: schema, header: header, columns: columns)
    }
  }

  /// A likely cause when a header matches nothing, such as a different delimiter.
  static func hint(for headerText: String) -> String? {
    for (delimiter, name) in [(";", "semicolons"), ("\t", "tabs"), ("|", "pipes")]
    where headerText.contains(delimiter) && !headerText.contains(",") {
      return "the header is separated by \(name); ShelfCast reads comma-separated files"
    }
    if headerText.unicodeScalars.contains(where: { $0.value == 0 || $0 == "\u{FFFD}" }) {
      return "the file does not look like UTF-8 text"
    }
    return nil
  }
}

/// A file whose kind is known from its header.
struct RecognisedFile: Sendable {
  let path: String
  let name: String
  let schema: InputSchema
  let header: HeaderMap
  let columns: [Int?]

  var kind: InputKind { schema.kind }

  var personalColumns: [Int] {
    header.names.indices.filter { InputSchema.personalDataColumns.contains(header.names[$0]) }
  }

  var ignoredColumns: [String] {
    let used = Set(columns.compactMap { $0 })
    return header.names.indices.filter {
      !used.contains($0) && !InputSchema.personalDataColumns.contains(header.names[$0])
    }.map { header.names[$0] }
  }
}

/// Why a whole file was not taken in.
enum IngestFileError: Error, CustomStringConvertible {
  case unreadable(String)
  case empty(file: String)
  case headerTooLong(file: String)
  case badHeader(String)
  case unrecognised(file: String, header: [String], hint: String?)
  case missingSnapshotDate(file: String)
  case nameConflict(file: String, ingestedAt: String)
  case storage(String)

  var description: String {
    switch self {
    case .unreadable(let text): return text
    case .empty(let file): return "\(file): the file is empty; expected a header line."
    case .headerTooLong(let file):
      return "\(file):1: the first line is over 64 KiB; this is not a CSV header."
    case .badHeader(let text): return text
    case .unrecognised(let file, let header, let hint):
      // Shown escaped: a binary file's "header" must not write control characters to a terminal.
      let columns = String(
        header.prefix(12).joined(separator: ",").unicodeScalars.prefix(200).map {
          $0.properties.generalCategory == .control || $0 == "\u{FFFD}" ? "?" : Character($0)
        })
      return "\(file):1: the header (\(columns)) matches no input ShelfCast knows"
        + (hint.map { "; \($0)" } ?? "")
        + ". Expected transactions (date,store_id,sku_id,quantity,...), daily demand "
        + "(store_id,sku_id,date,units), inventory (store_id,sku_id,on_hand), or master data."
    case .missingSnapshotDate(let file):
      return
        "\(file): an inventory snapshot needs a 'date' column or a YYYY-MM-DD date in its name."
    case .nameConflict(let file, let at):
      return "\(file): a different file of this name was ingested at \(at); "
        + "give --replace to supersede it, or rename the new file."
    case .storage(let text): return text
    }
  }
}
