import ArgumentParser
import Foundation

@testable import shelfcast

/// One option or argument as a command's `--help` or docs/commands.md shows it.
struct DocumentedOption: Equatable, CustomStringConvertible {
  /// The label as help prints it: `--horizon <horizon>`, `-h, --help`, `<paths> ...`.
  var label: String
  /// The default help shows (`(default: 28)`), `nil` when it shows none.
  var defaultValue: String?
  /// Whether the usage line lists it outside brackets.
  var isRequired: Bool

  /// The name the label is keyed by: its long name (`--horizon`) or its value (`<paths>`).
  var key: String {
    let names = label.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
    return names.first { $0.hasPrefix("--") } ?? names.first { $0.hasPrefix("-") }
      ?? names.first ?? label
  }

  var description: String {
    "\(label) (default \(defaultValue ?? "none")\(isRequired ? ", required" : ""))"
  }
}

/// Every command of `shelfcast`, and what its help says, read in-process from the
/// ParsableCommand types (the same text `shelfcast CMD --help` prints).
enum CommandHelp {
  /// `shelfcast`, `shelfcast train`, `shelfcast registry list`, … with their types, root first.
  static func allCommands() -> [(path: String, type: ParsableCommand.Type)] {
    var result: [(String, ParsableCommand.Type)] = []
    func walk(_ type: ParsableCommand.Type, _ path: String) {
      result.append((path, type))
      for sub in type.configuration.subcommands {
        walk(sub, path + " " + sub._commandName)
      }
    }
    walk(ShelfCast.self, "shelfcast")
    return result
  }

  /// The full help text of `type`, unwrapped.
  static func help(_ type: ParsableCommand.Type) -> String {
    ShelfCast.helpMessage(for: type, includeHidden: false, columns: 10_000)
  }

  /// The options and arguments `type`'s help lists, without `--help` and `--version`.
  static func options(_ type: ParsableCommand.Type) -> [DocumentedOption] {
    let usage = ShelfCast.usageString(for: type)
    let required = requiredNames(inUsage: usage)
    var options: [DocumentedOption] = []
    var section = ""
    var current: (label: String, text: String)?
    func finish() {
      guard let entry = current else { return }
      current = nil
      let option = DocumentedOption(
        label: entry.label, defaultValue: defaultValue(in: entry.text), isRequired: false)
      guard option.key != "--help", option.key != "--version" else { return }
      options.append(
        DocumentedOption(
          label: option.label, defaultValue: option.defaultValue,
          isRequired: required.contains(option.key)))
    }
    for line in help(type).split(separator: "\n", omittingEmptySubsequences: false) {
      if !line.hasPrefix(" "), line.hasSuffix(":") {
        finish()
        section = String(line)
        continue
      }
      guard section == "OPTIONS:" || section == "ARGUMENTS:" else { continue }
      let body = line.drop(while: { $0 == " " })
      let indent = line.count - body.count
      if indent == 2, body.first == "-" || body.first == "<" {
        finish()
        current = splitLabel(String(body))
      } else if current != nil, !body.isEmpty {
        current?.text += " " + body
      } else if body.isEmpty {
        finish()
      }
    }
    finish()
    return options
  }

  /// An entry's label (`-h, --help`, `--as-of <as-of>`, `<paths> ...`: the leading words that
  /// are names, values or `...`) and the help text after it.
  static func splitLabel(_ entry: String) -> (label: String, text: String) {
    var label: [Substring] = []
    var rest = Substring(entry)
    while let word = rest.split(separator: " ", maxSplits: 1).first,
      word.hasPrefix("-") || word.hasPrefix("<") || word == "..."
    {
      label.append(word)
      rest = rest.drop(while: { $0 == " " }).dropFirst(word.count)
    }
    return (label.joined(separator: " "), String(rest))
  }

  /// `X` of the last `(default: X)` in `text`.
  static func defaultValue(in text: String) -> String? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard let start = trimmed.range(of: "(default: ", options: .backwards), trimmed.hasSuffix(")")
    else { return nil }
    return String(trimmed[start.upperBound..<trimmed.index(before: trimmed.endIndex)])
  }

  /// The option names (`--truth`) and arguments (`<file>`) the usage line lists outside brackets.
  static func requiredNames(inUsage usage: String) -> Set<String> {
    var depth = 0
    var outside = ""
    for character in usage {
      if character == "[" {
        depth += 1
      } else if character == "]" {
        depth -= 1
      } else if depth == 0 {
        outside.append(character)
      }
    }
    var names = Set<String>()
    for word in outside.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
      if word.hasPrefix("--") || word.hasPrefix("<") { names.insert(String(word)) }
    }
    // `<value>` after an option is that option's value, not an argument; harmless extra names.
    return names
  }
}
