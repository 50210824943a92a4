import DemandCore
import Foundation
import Synthetic
import XCTest

/// Small chains generated into temporary directories, shared by the tests of this target.
enum TinyChain {
  /// 3 stores × 12 SKUs × 60 days, the last 7 as transactions, 25 % of series drifting.
  static let configuration = ChainConfiguration(
    storeCount: 3, skuCount: 12, start: Day(year: 2025, month: 1, day: 20)!, dayCount: 60,
    transactionDayCount: 7, seed: 2024, driftStart: Day(year: 2025, month: 2, day: 20)!,
    driftShare: 0.25)

  /// The standard tiny chain, generated once per test run.
  static let shared: (directory: String, summary: GenerationSummary) = {
    let directory = temporaryDirectory("shared")
    removeAtExit(directory)
    do {
      let summary = try ChainGenerator(configuration: configuration).write(
        to: directory, progress: nil)
      return (directory, summary)
    } catch {
      fatalError("The tiny chain could not be generated: \(error)")
    }
  }()

  /// A fresh, not yet existing directory under the system's temporary directory.
  static func temporaryDirectory(_ label: String) -> String {
    let name = "shelfcast-synthetic-\(label)-\(UUID().uuidString)"
    return (NSTemporaryDirectory() as NSString).appendingPathComponent(name)
  }

  /// The chains shared by a whole test run (static properties, which live until the process
  /// ends), deleted when it exits.
  nonisolated(unsafe) private static var sharedDirectories: [String] = []

  /// Deletes `directory` when the test process exits: for chains generated once per run.
  static func removeAtExit(_ directory: String) {
    if sharedDirectories.isEmpty {
      atexit { for directory in TinyChain.sharedDirectories { TinyChain.remove(directory) } }
    }
    sharedDirectories.append(directory)
  }

  /// Deletes a directory a test generated.
  static func remove(_ directory: String) {
    try? FileManager.default.removeItem(atPath: directory)
  }

  /// Every file under `directory`, as relative paths, sorted.
  static func files(under directory: String) -> [String] {
    let enumerator = FileManager.default.enumerator(atPath: directory)
    var paths: [String] = []
    while let path = enumerator?.nextObject() as? String {
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: directory + "/" + path, isDirectory: &isDirectory)
      if !isDirectory.boolValue { paths.append(path) }
    }
    return paths.sorted()
  }

  /// The lines of a text file (without the final empty line).
  static func lines(_ path: String) throws -> [String] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var lines = text.components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }
    return lines
  }

  /// The records of a CSV file after its header, split into fields (RFC 4180 quotes honoured).
  static func records(_ path: String) throws -> (header: String, rows: [[String]]) {
    let all = try lines(path)
    return (all.first ?? "", all.dropFirst().map(fields))
  }

  /// Splits one CSV line into fields, undoing RFC 4180 quoting.
  static func fields(_ line: String) -> [String] {
    var fields: [String] = []
    var current = ""
    var quoted = false
    var characters = Array(line)[...]
    while let character = characters.popFirst() {
      if quoted {
        if character == "\"" {
          if characters.first == "\"" {
            current.append("\"")
            characters.removeFirst()
          } else {
            quoted = false
          }
        } else {
          current.append(character)
        }
      } else if character == "\"" {
        quoted = true
      } else if character == "," {
        fields.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    fields.append(current)
    return fields
  }
}
