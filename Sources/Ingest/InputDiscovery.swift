import DemandCore
import Foundation
import History
import Tabular

/// Turns the paths given to `ingest` into a list of input files in loading order.
enum InputDiscovery {
  /// Files named directly are taken as they are; folders are searched recursively for `*.csv`
  /// files. The result is sorted by path, without duplicates. What a folder holds and is not
  /// taken is listed in `skipped` with the reason, so that nothing is left out unsaid: other
  /// files (`.txt`, `.csv.gz`), hidden names (and what hidden folders hold), and ShelfCast's own
  /// quarantine files (`*.rejected.csv`, as an importer's output folder holds).
  static func expand(_ paths: [String]) -> (
    files: [String], missing: [String], brokenLinks: [String], skipped: [String]
  ) {
    var files: [String] = []
    var missing: [String] = []
    var brokenLinks: [String] = []
    var skipped: [String] = []
    let manager = FileManager.default
    for path in paths {
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
        // A link that leads nowhere (dangling, or a loop) is not a plain typo: say so.
        if (try? manager.destinationOfSymbolicLink(atPath: path)) != nil {
          brokenLinks.append(path)
        } else {
          missing.append(path)
        }
        continue
      }
      guard isDirectory.boolValue else {
        files.append(path)
        continue
      }
      guard let enumerator = manager.enumerator(atPath: path) else { continue }
      while let relative = enumerator.nextObject() as? String {
        let name = (relative as NSString).lastPathComponent
        let full = (path as NSString).appendingPathComponent(relative)
        var childIsDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: full, isDirectory: &childIsDirectory)
        if name.hasPrefix(".") {
          enumerator.skipDescendants()
          skipped.append(
            "\(full): a hidden \(childIsDirectory.boolValue ? "folder, not searched" : "file")")
          continue
        }
        guard exists, !childIsDirectory.boolValue else { continue }
        let lowered = name.lowercased()
        if lowered.hasSuffix(".rejected.csv") {
          skipped.append("\(full): a quarantine file (rows ShelfCast rejected), not input")
        } else if lowered.hasSuffix(".csv") {
          files.append(full)
        } else {
          skipped.append("\(full): not a .csv file")
        }
      }
    }
    var seen = Set<String>()
    let unique = files.filter { seen.insert(($0 as NSString).standardizingPath).inserted }
    return (unique.sorted(), missing, brokenLinks, skipped.sorted())
  }

  /// Reads a file's header and recognises its kind.
  static func recognise(path: String) throws(IngestFileError) -> RecognisedFile {
    let name = (path as NSString).lastPathComponent
    let prefix: [UInt8]
    do { prefix = try FileBytes.prefix(path: path) } catch let error as TabularError {
      throw .unreadable(error.description)
    } catch { throw .unreadable("\(error)") }
    return try prefix.withUnsafeBufferPointer { bytes throws(IngestFileError) in
      try recognise(prefix: bytes, path: path, name: name)
    }
  }

  /// Recognises a file's kind from `bytes`, the first 64 KiB of it at most (`FileBytes.prefix`).
  static func recognise(prefix bytes: UnsafeBufferPointer<UInt8>, path: String, name: String)
    throws(IngestFileError) -> RecognisedFile
  {
    let scanner = CSVScanner(bytes: bytes)
    guard let record = scanner.next() else { throw .empty(file: name) }
    // A first line that fills the whole prefix is cut short here: its names cannot be trusted.
    if record.rawEnd >= bytes.count && bytes.count >= (1 << 16) {
      throw .headerTooLong(file: name)
    }
    if let problem = record.problem {
      throw .malformedHeader(file: name, problem: problem)
    }
    let header: HeaderMap
    do { header = try HeaderMap(names: record.strings, file: name) } catch {
      throw .badHeader("\(error)")
    }
    guard let (schema, columns) = InputSchema.recognise(header) else {
      throw .unrecognised(
        file: name, header: header.names, hint: hint(for: record.rawText, names: header.names))
    }
    return RecognisedFile(
      path: path, name: name, schema: schema, header: header, columns: columns)
  }

  /// A likely cause when a header matches nothing, such as a different delimiter.
  static func hint(for headerText: String, names: [String] = []) -> String? {
    if headerText.hasPrefix("\u{FFFD}\u{FFFD}") && headerText.unicodeScalars.contains("\0") {
      return "the file looks like UTF-16 text; export it as UTF-8"
    }
    for (delimiter, name) in [(";", "semicolons"), ("\t", "tabs"), ("|", "pipes")]
    where headerText.contains(delimiter) && !headerText.contains(",") {
      return "the header is separated by \(name); ShelfCast reads comma-separated files"
    }
    if headerText.unicodeScalars.contains(where: { $0.value == 0 || $0 == "\u{FFFD}" }) {
      return "the file does not look like UTF-8 text"
    }
    if names.contains(where: looksLikeData) {
      return "the first line looks like a data row; the file seems to have no header line"
    }
    return nil
  }

  /// A date (`2025-03-01`) or a number: something found in rows, never in a header.
  static func looksLikeData(_ name: String) -> Bool {
    var copy = name
    let isDate = copy.withUTF8 { Day.parseISO($0) != nil }
    guard !isDate else { return true }
    if case .success = DecimalParser.parse(name) { return true }
    return false
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
  case malformedHeader(file: String, problem: CSVScanner.Problem)
  case badHeader(String)
  /// The header read with the whole file differs from the one the file was recognised by: the
  /// file was replaced in between.
  case headerChanged(file: String)
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
    case .malformedHeader(let file, let problem):
      let reason = RowError(
        file: file, line: 1, column: nil, columnName: nil, reason: .malformed(problem)
      ).reasonText
      return "\(file):1: the header line cannot be read: \(reason)."
    case .badHeader(let text): return text
    case .headerChanged(let file):
      return "\(file): the file was replaced while it was being read (its header changed); "
        + "deliver it again once it is complete."
    case .unrecognised(let file, let header, let hint):
      // Shown escaped: a binary file's "header" must not write control characters to a terminal,
      // nor a bidirectional override turn the text around.
      let columns = String(
        header.prefix(12).joined(separator: ",").unicodeScalars.prefix(200).map {
          PrintableText.isHidden($0) || $0 == "\u{FFFD}" ? "?" : Character($0)
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
