import Foundation
import XCTest

/// docs/commands.md against the tool: every command has a section, and each section's table
/// lists exactly the options the command's `--help` shows, with the same defaults.
final class CommandReferenceTests: XCTestCase {
  func testCommandsReferenceMatchesEveryCommandsHelp() throws {
    let documented = try CommandsDocument.read()
    var problems: [String] = []
    for (path, type) in CommandHelp.allCommands() where path != "shelfcast" {
      guard let section = documented[path] else {
        problems.append("\(path): no section '## `\(path)`' in docs/commands.md")
        continue
      }
      let helped = CommandHelp.options(type)
      let helpedByKey = Dictionary(helped.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
      let documentedByKey = Dictionary(
        section.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
      for option in helped where documentedByKey[option.key] == nil {
        problems.append("\(path): \(option.key) is in --help but not in docs/commands.md")
      }
      for option in section {
        guard let real = helpedByKey[option.key] else {
          problems.append("\(path): \(option.key) is in docs/commands.md but not in --help")
          continue
        }
        if real.label != option.label {
          problems.append(
            "\(path): \(option.key) is shown as '\(real.label)' by --help, "
              + "'\(option.label)' by docs/commands.md")
        }
        if real.defaultValue != option.defaultValue {
          problems.append(
            "\(path): \(option.key) defaults to \(real.defaultValue ?? "nothing") in --help, "
              + "\(option.defaultValue ?? "nothing") in docs/commands.md")
        }
        if real.isRequired != option.isRequired {
          problems.append(
            "\(path): \(option.key) is \(real.isRequired ? "required" : "optional") in --help, "
              + "\(option.isRequired ? "required" : "optional") in docs/commands.md")
        }
      }
    }
    let known = Set(CommandHelp.allCommands().map(\.path))
    for path in documented.keys where !known.contains(path) {
      problems.append("\(path): documented in docs/commands.md but not a command")
    }
    XCTAssertTrue(problems.isEmpty, "\n" + problems.sorted().joined(separator: "\n"))
  }

  func testEveryCommandsHelpRendersWithUsage() {
    for (path, type) in CommandHelp.allCommands() {
      let help = CommandHelp.help(type)
      XCTAssertTrue(help.contains("USAGE: \(path)"), "\(path) --help:\n\(help)")
    }
  }

  /// The reader of the table convention itself, on a made-up section.
  func testTheTableConventionIsRead() throws {
    let text = """
      ## `shelfcast demo`

      Some words.

      | option | default | meaning |
      |---|---|---|
      | `--workspace <workspace>` | `workspace/demo` | The folder. |
      | `--quiet` | off | Quiet. |
      | `--policy <policy>` | — (repeatable) | A policy. |
      | `--truth <truth>` | required | The truth. |
      | `<paths>` | required (repeatable) | Files. |
      """
    let sections = CommandsDocument.parse(text)
    XCTAssertEqual(
      sections["shelfcast demo"],
      [
        DocumentedOption(
          label: "--workspace <workspace>", defaultValue: "workspace/demo", isRequired: false),
        DocumentedOption(label: "--quiet", defaultValue: nil, isRequired: false),
        DocumentedOption(label: "--policy <policy>", defaultValue: nil, isRequired: false),
        DocumentedOption(label: "--truth <truth>", defaultValue: nil, isRequired: true),
        DocumentedOption(label: "<paths>", defaultValue: nil, isRequired: true),
      ])
  }
}

/// docs/commands.md read by its convention: a section `## \`shelfcast CMD\`` per command, and
/// in it one table whose rows are `| \`LABEL\` | DEFAULT | meaning |`, DEFAULT being a value in
/// backquotes, `required`, `off` (a flag) or `—` (none), optionally followed by `(repeatable)`.
enum CommandsDocument {
  static var repositoryRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  static func read() throws -> [String: [DocumentedOption]] {
    let url = repositoryRoot.appendingPathComponent("docs/commands.md")
    return parse(try String(contentsOf: url, encoding: .utf8))
  }

  static func parse(_ text: String) -> [String: [DocumentedOption]] {
    var sections: [String: [DocumentedOption]] = [:]
    var current: String?
    for line in text.split(separator: "\n") {
      if line.hasPrefix("## `"), line.hasSuffix("`") {
        let name = line.dropFirst(4).dropLast()
        current = String(name)
        sections[String(name), default: []] = []
        continue
      }
      if line.hasPrefix("#") {
        current = nil
        continue
      }
      guard let command = current, line.hasPrefix("| `") else { continue }
      let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard cells.count >= 4 else { continue }
      let label = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
      var cell = cells[2]
      if let repeatable = cell.range(of: "(repeatable)") {
        cell = cell[..<repeatable.lowerBound].trimmingCharacters(in: .whitespaces)
      }
      var defaultValue: String?
      if cell.hasPrefix("`"), cell.hasSuffix("`"), cell.count >= 2 {
        defaultValue = String(cell.dropFirst().dropLast())
      }
      sections[command, default: []].append(
        DocumentedOption(label: label, defaultValue: defaultValue, isRequired: cell == "required"))
    }
    return sections
  }
}
