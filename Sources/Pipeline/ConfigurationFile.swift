import Foundation
import Inventory
import Monitoring
import Yams
import _Digest

/// Reads a YAML configuration file (snake_case keys) into settings, refusing unknown keys so a
/// misspelt setting is an error rather than silently ignored.
public enum ConfigurationFile {
  /// The recommendation settings in `path` (missing keys keep their defaults).
  /// - Throws: `PipelineError.invalidArgument` naming the file and, for syntax errors, the line
  ///   and column; unknown keys and out-of-range values by their path.
  public static func inventorySettings(path: String) throws -> InventorySettings {
    let settings = try decode(InventorySettings.self, path: path, keys: .inventory)
    do { try settings.validate() } catch {
      throw PipelineError.invalidArgument(try outOfRange("\(error)", path: path))
    }
    return settings
  }

  /// The monitoring settings in `path` (missing keys keep their defaults); errors as for
  /// `inventorySettings(path:)`.
  public static func monitoringSettings(path: String) throws -> MonitoringSettings {
    let settings = try decode(MonitoringSettings.self, path: path, keys: .monitoring)
    do { try settings.validate() } catch {
      throw PipelineError.invalidArgument(try outOfRange("\(error)", path: path))
    }
    return settings
  }

  /// The `drift:` section of a monitoring configuration (defaults for what it leaves out, and
  /// for a file without the section); keys are checked by `monitoringSettings(path:)`.
  public static func driftSettings(path: String) throws -> DriftSettings {
    let (_, node) = try document(path: path)
    guard let section = node?.mapping?["drift"] else { return DriftSettings() }
    do {
      let settings = try YAMLDecoder().decode(
        DriftSettings.self, from: try Yams.serialize(node: section), userInfo: [:])
      try settings.validate()
      return settings
    } catch let error as DriftSettingsError {
      throw PipelineError.invalidArgument("\(path): drift.\(error)")
    } catch let error as DecodingError {
      throw PipelineError.invalidArgument("\(path) drift\(describe(error, in: section))")
    }
  }

  /// The nightly job's configuration in `path` (`jobs/nightly.yaml`): every section, defaults
  /// for what it leaves out; errors as for `inventorySettings(path:)`.
  public static func nightly(path: String) throws -> NightlyConfiguration {
    let configuration = try decode(NightlyConfiguration.self, path: path, keys: .nightly)
    do { try configuration.validate() } catch PipelineError.invalidArgument(let message) {
      throw PipelineError.invalidArgument(try outOfRange(message, path: path))
    }
    return configuration
  }

  /// The effective configuration as YAML, every key written, keys sorted, numbers as people
  /// write them (`0.001`, not Yams' `1e-3`): what `config check` prints.
  /// `effectiveYAML`, or nothing when it cannot be rendered.
  static func effectiveYAMLOrEmpty(_ configuration: NightlyConfiguration) -> String {
    (try? effectiveYAML(configuration)) ?? ""
  }

  /// The SHA-256 (lowercase hex) of the effective configuration's YAML: what the manifest and
  /// the audit log record, so a change of any setting, default or not, is seen.
  static func sha256(of configuration: NightlyConfiguration) -> String {
    SHA256.hash(data: Data(effectiveYAMLOrEmpty(configuration).utf8)).hex
  }

  public static func effectiveYAML(_ configuration: NightlyConfiguration) throws -> String {
    // JSON is YAML: its number text survives composing, and the nodes are re-styled as blocks.
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let json = String(decoding: try encoder.encode(configuration), as: UTF8.self)
    guard let node = try Yams.compose(yaml: json) else { return "" }
    return try Yams.serialize(node: blockStyled(node), sortKeys: true)
  }

  /// `node` with every mapping and sequence in block style, and strings unquoted where that is
  /// safe.
  private static func blockStyled(_ node: Node) -> Node {
    switch node {
    case .mapping(let mapping):
      let pairs = mapping.map { (blockStyled($0.key), blockStyled($0.value)) }
      return .mapping(Node.Mapping(pairs, .implicit, pairs.isEmpty ? .flow : .block))
    case .sequence(let sequence):
      let nodes = sequence.map(blockStyled)
      return .sequence(Node.Sequence(nodes, .implicit, nodes.isEmpty ? .flow : .block))
    case .scalar(var scalar):
      if scalar.style != .plain && isPlainSafe(scalar.string) { scalar.style = .plain }
      return .scalar(scalar)
    case .alias:
      return node
    }
  }

  /// Whether a string reads back as the same string when written without quotes: a word of
  /// letters, digits, `_ . / -` starting with a letter, and not a YAML keyword.
  private static func isPlainSafe(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, CharacterSet.letters.contains(first),
      !["null", "true", "false", "yes", "no", "on", "off", "y", "n"].contains(text.lowercased())
    else { return false }
    let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "_./-"))
    return text.unicodeScalars.allSatisfy { allowed.contains($0) }
  }

  /// Decodes `T` from the file after checking its keys against `keys`; an empty file gives
  /// `T`'s defaults (decoded from an empty mapping).
  static func decode<T: Decodable>(_ type: T.Type, path: String, keys: ConfigurationKeys)
    throws -> T
  {
    let (text, node) = try document(path: path)
    if let node { try keys.check(node, path: path) }
    do {
      return try YAMLDecoder().decode(T.self, from: node == nil ? "{}" : text, userInfo: [:])
    } catch let error as DecodingError {
      throw PipelineError.invalidArgument("\(path)\(describe(error, in: node))")
    }
  }

  /// The file's text and its YAML node (`nil` for an empty file).
  private static func document(path: String) throws -> (text: String, node: Node?) {
    guard FileManager.default.fileExists(atPath: path) else {
      throw PipelineError.invalidArgument("\(path): no such configuration file.")
    }
    guard let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8)
    else {
      throw PipelineError.invalidArgument(
        "\(path): cannot read the configuration file (UTF-8 YAML).")
    }
    do { return (text, try Yams.compose(yaml: text)) } catch let error as YamlError {
      throw PipelineError.invalidArgument("\(path): not valid YAML: \(error)")
    }
  }

  /// `(line L, column C): key: what is wrong`, in words rather than the decoder's: the setting
  /// as written in the file (`expected_inputs[1]`), its position in `node` when found there, and
  /// the kind of value it needs (`a whole number`, `one of the accepted words`).
  private static func describe(_ error: DecodingError, in node: Node?) -> String {
    let context: DecodingError.Context
    var problem: String
    switch error {
    case .typeMismatch(let type, let found):
      context = found
      problem = "needs \(kind(of: type))"
    case .valueNotFound(let type, let found):
      context = found
      problem = "needs \(kind(of: type)), and has no value"
    case .keyNotFound(let key, let found):
      context = found
      problem = "needs the setting \(key.stringValue)"
    case .dataCorrupted(let found):
      context = found
      if let word = DecodingErrorText.refusedWord(found) {
        problem = "'\(word)' is not an accepted value"
      } else {
        // A setting's own check, already in words and naming it.
        return ": \(found.debugDescription)"
      }
    @unknown default:
      return ": \(error)"
    }
    var key = ""
    var current = node
    for part in context.codingPath {
      if let index = part.intValue {
        key += "[\(index)]"
        current = current?.sequence.flatMap { index < $0.count ? $0[index] : nil }
      } else {
        key += (key.isEmpty ? "" : ".") + part.stringValue
        current = current?.mapping?[Node(part.stringValue)]
      }
    }
    if let text = current?.scalar?.string, !problem.hasPrefix("'") {
      problem += " (it is '\(text)')"
    }
    return "\(ConfigurationKeys.position(current?.mark)): \(key.isEmpty ? "the file" : key) "
      + problem + "."
  }

  /// `path (line L, column C): message` for a setting's own range check, whose message starts
  /// with the setting's path (`service_levels.A is 1.2; expected …`): the position is that
  /// setting's in the file, when the path leads to it; else `path: message`.
  private static func outOfRange(_ message: String, path: String) throws -> String {
    let setting = message.prefix { $0 != " " && $0 != ":" }
    var current = try document(path: path).node
    for part in setting.split(separator: ".") {
      current = current?.mapping?[Node(String(part))]
    }
    guard !setting.isEmpty, let mark = current?.mark else { return "\(path): \(message)" }
    return "\(path)\(ConfigurationKeys.position(mark)): \(message)"
  }

  /// The kind of value a setting of `type` takes, in words.
  private static func kind(of type: Any.Type) -> String {
    switch type {
    case is Int.Type: "a whole number"
    case is Double.Type: "a number"
    case is Bool.Type: "true or false"
    case is String.Type: "text"
    default:
      String(describing: type).hasPrefix("Array") ? "a list" : "a value of another kind"
    }
  }
}
