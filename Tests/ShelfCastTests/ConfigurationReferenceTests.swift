import Foundation
import XCTest
import _TestSupport

/// docs/configuration.md against the tool: every key `shelfcast config check` prints for an
/// empty file (the defaults) is documented with the same default, and every documented key is
/// one the tool knows.
final class ConfigurationReferenceTests: XCTestCase {
  func testConfigurationReferenceMatchesTheDefaults() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("shelfcast-config-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("empty.yaml")
    try Data("{}\n".utf8).write(to: file)
    let result = try ShelfCastProcess.run(["config", "check", file.path], directory: directory)
    XCTAssertEqual(result.status, 0, result.error)
    let effective = EffectiveConfiguration.flatten(result.output)
    XCTAssertGreaterThan(effective.count, 40, result.output)

    let url = CommandsDocument.repositoryRoot.appendingPathComponent("docs/configuration.md")
    let documented = ConfigurationDocument.parse(try String(contentsOf: url, encoding: .utf8))
    var problems: [String] = []
    for (key, value) in effective.sorted(by: { $0.key < $1.key }) {
      guard let doc = documented[key] else {
        problems.append("\(key): printed by config check (default \(value)) but not documented")
        continue
      }
      if doc != value {
        problems.append("\(key): default \(value) in config check, \(doc) in the doc")
      }
    }
    for (key, value) in documented.sorted(by: { $0.key < $1.key })
    where effective[key] == nil && value != "null" {
      problems.append("\(key): documented (default \(value)) but not a key config check prints")
    }
    XCTAssertTrue(problems.isEmpty, "\n" + problems.joined(separator: "\n"))
  }
}

/// The YAML `config check` prints, flattened to dotted keys: `inventory.service_levels.A`
/// → `0.98`, lists as `[a, b]`.
enum EffectiveConfiguration {
  static func flatten(_ text: String) -> [String: String] {
    var result: [String: String] = [:]
    var path: [(indent: Int, key: String)] = []
    var listKey: String?
    var list: [String] = []
    func closeList() {
      if let key = listKey { result[key] = "[" + list.joined(separator: ", ") + "]" }
      listKey = nil
      list = []
    }
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let body = line.drop(while: { $0 == " " })
      let indent = line.count - body.count
      if body.hasPrefix("- ") {
        list.append(String(body.dropFirst(2)))
        continue
      }
      closeList()
      guard let colon = body.firstIndex(of: ":") else { continue }
      while let last = path.last, last.indent >= indent { path.removeLast() }
      let key = String(body[..<colon])
      let value = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      let full = (path.map(\.key) + [key]).joined(separator: ".")
      if value.isEmpty {
        path.append((indent, key))
        listKey = full
      } else {
        result[full] = value
      }
    }
    closeList()
    // A mapping (`drift:`) is taken for an empty list until its keys come: drop those.
    return result.filter { entry in
      !result.keys.contains { $0.hasPrefix(entry.key + ".") }
    }
  }
}

/// docs/configuration.md's tables: `## Top level` or `## \`section\`` headings, then rows
/// `| \`key\` | \`default\` | meaning |`.
enum ConfigurationDocument {
  static func parse(_ text: String) -> [String: String] {
    var result: [String: String] = [:]
    var prefix: String?
    for line in text.split(separator: "\n") {
      if line.hasPrefix("## ") {
        let title = line.dropFirst(3)
        if title == "Top level" {
          prefix = ""
        } else if title.hasPrefix("`"), title.hasSuffix("`") {
          prefix = String(title.dropFirst().dropLast()) + "."
        } else {
          prefix = nil
        }
        continue
      }
      guard let prefix, line.hasPrefix("| `") else { continue }
      let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard cells.count >= 4, cells[2].hasPrefix("`"), cells[2].hasSuffix("`") else { continue }
      let key = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
      result[prefix + key] = String(cells[2].dropFirst().dropLast())
    }
    return result
  }
}
