import Foundation
import XCTest

/// Every relative link of README.md and docs/*.md reaches a file that exists and, when it names
/// one, a heading of that file (GitHub's anchors: lower case, punctuation dropped, spaces as -).
final class DocumentationLinkTests: XCTestCase {
  func testEveryRelativeLinkResolves() throws {
    let root = CommandsDocument.repositoryRoot
    let docs = root.appendingPathComponent("docs")
    let pages =
      ["README.md"]
      + (try FileManager.default.contentsOfDirectory(atPath: docs.path))
      .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    XCTAssertGreaterThanOrEqual(pages.count, 10)
    var problems: [String] = []
    for page in pages {
      let url = root.appendingPathComponent(page)
      let text = try String(contentsOf: url, encoding: .utf8)
      for link in Self.links(in: text) where !link.contains("://") {
        let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let target =
          parts[0].isEmpty
          ? url : url.deletingLastPathComponent().appendingPathComponent(String(parts[0]))
        guard FileManager.default.fileExists(atPath: target.standardizedFileURL.path) else {
          problems.append("\(page): \(link): no such file")
          continue
        }
        guard parts.count == 2, target.pathExtension == "md" else { continue }
        let headings = Self.anchors(
          in: try String(contentsOf: target.standardizedFileURL, encoding: .utf8))
        if !headings.contains(String(parts[1])) {
          problems.append("\(page): \(link): no heading with that anchor")
        }
      }
    }
    XCTAssertTrue(problems.isEmpty, "\n" + problems.joined(separator: "\n"))
  }

  /// The targets of `[text](target)` links.
  static func links(in text: String) -> [String] {
    var result: [String] = []
    var rest = Substring(text)
    while let open = rest.range(of: "](") {
      rest = rest[open.upperBound...]
      guard let close = rest.firstIndex(of: ")") else { break }
      result.append(String(rest[..<close]))
      rest = rest[close...]
    }
    return result
  }

  /// GitHub's anchors of the headings of `text`.
  static func anchors(in text: String) -> Set<String> {
    var result = Set<String>()
    var inCode = false
    for line in text.split(separator: "\n") {
      if line.hasPrefix("```") { inCode.toggle() }
      guard !inCode, line.hasPrefix("#") else { continue }
      let title = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces).lowercased()
      var slug = ""
      for character in title {
        if character.isLetter || character.isNumber || character == "-" || character == "_" {
          slug.append(character)
        } else if character == " " {
          slug.append("-")
        }
      }
      result.insert(slug)
    }
    return result
  }
}

/// The README stays a guide: under 300 lines, the reference in docs/.
final class ReadmeLengthTests: XCTestCase {
  func testTheReadmeIsUnderThreeHundredLines() throws {
    let url = CommandsDocument.repositoryRoot.appendingPathComponent("README.md")
    let lines = try String(contentsOf: url, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false)
    XCTAssertLessThan(
      lines.count, 300, "README.md has \(lines.count) lines; move reference to docs/")
  }
}
