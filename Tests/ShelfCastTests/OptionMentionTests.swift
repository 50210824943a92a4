import Foundation
import XCTest

/// Every command line README.md and docs/ show (`shelfcast prune --workspace DIR --keep-days N
/// [--today D]`, in code spans or code blocks, synopses included) names only options its
/// command has.
final class OptionMentionTests: XCTestCase {
  func testEveryMentionedOptionExists() throws {
    let commands = CommandHelp.allCommands()
    var options: [String: Set<String>] = [:]
    for (path, type) in commands {
      options[path] = Set(CommandHelp.options(type).map(\.key)).union(["--help", "-h"])
    }
    let root = CommandsDocument.repositoryRoot
    let pages =
      ["README.md"]
      + (try FileManager.default.contentsOfDirectory(
        atPath: root.appendingPathComponent("docs").path))
      .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    var problems: [String] = []
    var checked = 0
    for page in pages {
      let text = try String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)
      for mention in Self.commandMentions(in: text) {
        var words = mention.split(separator: " ").map(String.init)
        words[0] = "shelfcast"
        // The longest leading words that name a command: `shelfcast registry promote`.
        var path = "shelfcast"
        for word in words.dropFirst() {
          let longer = path + " " + word
          guard options[longer] != nil else { break }
          path = longer
        }
        for word in words.map({ $0.drop { "[(".contains($0) } }) where word.hasPrefix("--") {
          let name = String(word.prefix { $0.isLetter || $0.isNumber || $0 == "-" })
          guard name.count > 2 else { continue }
          checked += 1
          if options[path]?.contains(name) != true {
            problems.append("\(page): '\(mention)': \(path) has no option \(name)")
          }
        }
      }
    }
    XCTAssertGreaterThan(checked, 30)
    XCTAssertTrue(problems.isEmpty, "\n" + problems.joined(separator: "\n"))
  }

  /// Command lines in `text`: code spans (joined across line breaks) and lines of fenced code
  /// blocks that start with `shelfcast` or a path ending in `/shelfcast`.
  static func commandMentions(in text: String) -> [String] {
    var prose = ""
    var blockLines: [String] = []
    var inBlock = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
        inBlock.toggle()
        prose += "\n"
        continue
      }
      if inBlock { blockLines.append(String(line)) } else { prose += line + "\n" }
    }
    let spans = prose.split(separator: "`", omittingEmptySubsequences: false)
    let inline = stride(from: 1, to: spans.count, by: 2).map {
      spans[$0].replacingOccurrences(of: "\n", with: " ")
    }
    return (inline + blockLines).compactMap { candidate in
      var line = candidate.trimmingCharacters(in: .whitespaces)
      if let comment = line.range(of: " #") { line = String(line[..<comment.lowerBound]) }
      let first = line.prefix { $0 != " " }
      guard first == "shelfcast" || first.hasSuffix("/shelfcast"), line.contains(" ") else {
        return nil
      }
      return line.split(separator: " ").joined(separator: " ")
    }
  }
}
