import Foundation
import XCTest

/// docs/engineering.md's table of crash points against the sources: every
/// `CrashPoint.hit("name")` under Sources/ is listed, and nothing else is.
final class CrashPointNamesTests: XCTestCase {
  func testTheEngineeringNotesListEveryCrashPoint() throws {
    let root = CommandsDocument.repositoryRoot
    var inSources = Set<String>()
    let sources = root.appendingPathComponent("Sources")
    let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
    while let url = files?.nextObject() as? URL {
      guard url.pathExtension == "swift" else { continue }
      let text = try String(contentsOf: url, encoding: .utf8)
      inSources.formUnion(Self.names(in: text, after: "CrashPoint.hit(\"", until: "\""))
    }
    XCTAssertGreaterThan(inSources.count, 20)

    let notes = try String(
      contentsOf: root.appendingPathComponent("docs/engineering.md"), encoding: .utf8)
    guard let start = notes.range(of: "## Crash points") else {
      return XCTFail("docs/engineering.md has no '## Crash points' section")
    }
    let section = notes[start.upperBound...]
    let end = section.range(of: "\n## ")?.lowerBound ?? section.endIndex
    var documented = Set<String>()
    for line in section[..<end].split(separator: "\n") where line.hasPrefix("| `") {
      let cells = line.split(separator: "|")
      guard cells.count >= 2 else { continue }
      documented.formUnion(Self.names(in: String(cells[1]), after: "`", until: "`"))
    }
    XCTAssertEqual(
      inSources.subtracting(documented).sorted(), [], "in the sources, not in docs/engineering.md")
    XCTAssertEqual(
      documented.subtracting(inSources).sorted(), [], "in docs/engineering.md, not in the sources")
  }

  /// The texts between each `after` and the next `until` in `text`.
  static func names(in text: String, after: String, until: String) -> Set<String> {
    var result = Set<String>()
    var rest = Substring(text)
    while let open = rest.range(of: after) {
      rest = rest[open.upperBound...]
      guard let close = rest.range(of: until) else { break }
      result.insert(String(rest[..<close.lowerBound]))
      rest = rest[close.upperBound...]
    }
    return result
  }
}
