import ArgumentParser
import Foundation
import XCTest
import _TestSupport

@testable import shelfcast

/// The README's example commands, from its marked blocks: a fenced block right after
/// `<!-- example: parse -->` must parse with the real argument parser (options, values and
/// `validate()`); one after `<!-- example: run -->` is cheap and is run with the built binary
/// from the repository root, and must exit 0.
final class ReadmeExampleTests: XCTestCase {
  func testReadmeHasMarkedExamples() throws {
    let examples = try ReadmeExamples.read()
    XCTAssertGreaterThanOrEqual(examples.filter { $0.kind == .parse }.count, 5)
    XCTAssertGreaterThanOrEqual(examples.filter { $0.kind == .run }.count, 2)
  }

  func testEveryReadmeExampleParses() throws {
    for example in try ReadmeExamples.read() {
      do {
        _ = try ShelfCast.parseAsRoot(example.arguments)
      } catch let exit as CleanExit {
        // `--help` and `version`-like exits are what was asked for.
        _ = exit
      } catch {
        XCTFail(
          "README line \(example.line): '\(example.text)' does not parse: "
            + ShelfCast.message(for: error))
      }
    }
  }

  func testCheapReadmeExamplesRun() throws {
    for example in try ReadmeExamples.read() where example.kind == .run {
      let result = try ShelfCastProcess.run(
        example.arguments, directory: CommandsDocument.repositoryRoot)
      XCTAssertEqual(
        result.status, 0,
        "README line \(example.line): '\(example.text)' exited \(result.status): \(result.error)")
      XCTAssertFalse(result.output.isEmpty, "README line \(example.line): no output")
    }
  }

  func testTheMarkerConventionIsRead() {
    let text = """
      Intro.

      <!-- example: parse -->
      ```sh
      .build/release/shelfcast status --workspace w   # a comment
      shelfcast explain --workspace w --store S001 --sku P00001
      ```

      ```sh
      shelfcast unmarked --is-not-read
      ```

      Prose with `shelfcast prune --workspace w --keep-days 9` and a bare `shelfcast nightly`.
      """
    let examples = ReadmeExamples.parse(text)
    XCTAssertEqual(
      examples.map(\.arguments),
      [
        ["status", "--workspace", "w"],
        ["explain", "--workspace", "w", "--store", "S001", "--sku", "P00001"],
        ["prune", "--workspace", "w", "--keep-days", "9"],
      ])
    XCTAssertEqual(examples.map(\.line), [5, 6, 13])
  }
}

/// A command line from a marked block of README.md.
struct ReadmeExample {
  enum Kind: String {
    case parse, run
  }

  var kind: Kind
  /// 1-based line in README.md.
  var line: Int
  var text: String
  /// The arguments after the program name.
  var arguments: [String]
}

enum ReadmeExamples {
  static func read() throws -> [ReadmeExample] {
    let url = CommandsDocument.repositoryRoot.appendingPathComponent("README.md")
    return parse(try String(contentsOf: url, encoding: .utf8))
  }

  static func parse(_ text: String) -> [ReadmeExample] {
    var examples: [ReadmeExample] = []
    var pending: ReadmeExample.Kind?
    var inBlock: ReadmeExample.Kind?
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let line = rawLine.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("<!-- example: "), line.hasSuffix("-->") {
        let kind = line.dropFirst("<!-- example: ".count).dropLast(3)
          .trimmingCharacters(in: .whitespaces)
        pending = ReadmeExample.Kind(rawValue: kind)
        continue
      }
      if line.hasPrefix("```") {
        if inBlock != nil {
          inBlock = nil
        } else {
          inBlock = pending
          pending = nil
        }
        continue
      }
      guard let kind = inBlock else {
        examples += inlineCommands(in: line, line: index + 1)
        continue
      }
      var command = line
      if let comment = command.range(of: " #") { command = String(command[..<comment.lowerBound]) }
      let words = command.split(separator: " ").map(String.init)
      guard let program = words.first, program.hasSuffix("shelfcast") else { continue }
      examples.append(
        ReadmeExample(
          kind: kind, line: index + 1, text: command.trimmingCharacters(in: .whitespaces),
          arguments: Array(words.dropFirst())))
    }
    return examples
  }

  /// Inline code spans of prose that give a whole command line (`shelfcast prune --workspace
  /// DIR --keep-days 90`: with at least one option), which must parse too.
  static func inlineCommands(in line: String, line number: Int) -> [ReadmeExample] {
    let spans = line.split(separator: "`", omittingEmptySubsequences: false)
    return stride(from: 1, to: spans.count - 1, by: 2).compactMap { index in
      let span = spans[index]
      guard span.hasPrefix("shelfcast "), span.contains(" --") else { return nil }
      let words = span.split(separator: " ").map(String.init)
      return ReadmeExample(
        kind: .parse, line: number, text: String(span), arguments: Array(words.dropFirst()))
    }
  }
}
