import DemandCore
import Foundation

/// The file-system side of `PruneStage`: listing, dating, measuring and deleting.
extension PruneStage {
  /// The date in a file name: the first `YYYY-MM-DD` (`nightly-2026-11-27.json`,
  /// `sales_2026-11-26.csv.rejected.csv`), else the first compact timestamp `YYYYMMDDT`
  /// (`ingest-20261127T044500Z.json`), each with no digit just before or after it. `nil` when
  /// the name holds neither or the date does not exist (`2026-02-30`).
  static func day(inName name: String) -> Day? {
    let bytes = Array(name.utf8)
    func isDigit(_ index: Int) -> Bool {
      index >= 0 && index < bytes.count
        && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(
          bytes[index])
    }
    func digits(_ range: Range<Int>) -> Bool { range.allSatisfy(isDigit) }
    func text(_ range: Range<Int>) -> Substring {
      Substring(decoding: bytes[range], as: UTF8.self)
    }
    guard bytes.count >= 9 else { return nil }
    for start in 0...(bytes.count - 9) where !isDigit(start - 1) {
      let end = start + 10
      if end <= bytes.count, digits(start..<(start + 4)), bytes[start + 4] == UInt8(ascii: "-"),
        digits((start + 5)..<(start + 7)), bytes[start + 7] == UInt8(ascii: "-"),
        digits((start + 8)..<end), !isDigit(end)
      {
        return Day(iso: text(start..<end))
      }
    }
    for start in 0...(bytes.count - 9) where !isDigit(start - 1) {
      if digits(start..<(start + 8)), bytes[start + 8] == UInt8(ascii: "T") {
        let compact = text(start..<(start + 8))
        return Day(
          iso: "\(compact.prefix(4))-\(compact.dropFirst(4).prefix(2))-\(compact.suffix(2))")
      }
    }
    return nil
  }

  /// The day a file is judged by: the date in its name, else its modification time (UTC day).
  static func fileDay(path: String, name: String) -> (day: Day, source: PruneReport.DateSource)? {
    if let day = day(inName: name) { return (day, .name) }
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      let modified = attributes[.modificationDate] as? Date
    else { return nil }
    return (Clock.today(now: modified), .modified)
  }

  /// Names in `directory`, sorted; none when it does not exist.
  static func names(in directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
  }

  /// What a path is, without following a symbolic link.
  static func fileType(_ path: String) -> FileAttributeType? {
    (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
  }

  /// Bytes of a file, or of every regular file under a folder; symbolic links are not followed.
  static func bytes(atPath path: String) -> Int {
    let manager = FileManager.default
    guard let attributes = try? manager.attributesOfItem(atPath: path) else { return 0 }
    guard attributes[.type] as? FileAttributeType == .typeDirectory else {
      return (attributes[.size] as? NSNumber)?.intValue ?? 0
    }
    var total = 0
    for name in names(in: path) { total += bytes(atPath: path + "/" + name) }
    return total
  }

  /// Deletes a file, or a folder with everything in it (one file at a time, so a prune killed
  /// part way leaves a smaller folder under the same dated name, which the next prune finishes).
  /// A path already gone is not an error.
  /// - Throws: `PipelineError.workspaceUnusable` naming the path and the reason.
  static func remove(_ path: String, workspace: Workspace) throws {
    let manager = FileManager.default
    guard fileType(path) != nil else { return }
    do { try manager.removeItem(atPath: path) } catch {
      guard fileType(path) != nil else { return }
      throw PipelineError.workspaceUnusable(
        path: workspace.root,
        reason: "could not delete \(path) (\(error)); what is left is deleted by the next prune")
    }
  }
}
