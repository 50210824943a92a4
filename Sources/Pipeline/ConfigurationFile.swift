import Foundation
import Inventory
import Monitoring
import Yams

/// Reads a YAML configuration file (snake_case keys) into settings, refusing unknown keys so a
/// misspelt setting is an error rather than silently ignored.
public enum ConfigurationFile {
  /// The recommendation settings in `path` (missing keys keep their defaults).
  /// - Throws: `PipelineError.invalidArgument` naming the file and, for syntax errors, the line
  ///   and column; unknown keys and out-of-range values by their path.
  public static func inventorySettings(path: String) throws -> InventorySettings {
    let (text, node) = try document(path: path)
    if let node { try checkKeys(node, path: path) }
    do {
      let settings =
        node == nil
        ? InventorySettings()
        : try YAMLDecoder().decode(InventorySettings.self, from: text, userInfo: [:])
      try settings.validate()
      return settings
    } catch let error as InventorySettingsError {
      throw PipelineError.invalidArgument("\(path): \(error)")
    } catch let error as DecodingError {
      throw PipelineError.invalidArgument("\(path): \(describe(error))")
    }
  }

  /// The monitoring settings in `path` (missing keys keep their defaults); errors as for
  /// `inventorySettings(path:)`.
  public static func monitoringSettings(path: String) throws -> MonitoringSettings {
    let (text, node) = try document(path: path)
    if let node {
      guard let top = node.mapping else {
        throw PipelineError.invalidArgument(
          "\(path): the configuration must be a mapping of settings.")
      }
      let known = Set(MonitoringSettings.CodingKeys.allCases.map(\.rawValue)).union(["drift"])
      for (key, value) in top {
        try refuseUnknown(key.string ?? "", in: known, at: "", mark: key.mark, path: path)
        if key.string == "drift", let drift = value.mapping {
          for (inner, _) in drift {
            try refuseUnknown(
              inner.string ?? "", in: DriftSettings.keys, at: "drift.", mark: inner.mark,
              path: path)
          }
        }
      }
    }
    do {
      let settings =
        node == nil
        ? MonitoringSettings()
        : try YAMLDecoder().decode(MonitoringSettings.self, from: text, userInfo: [:])
      try settings.validate()
      return settings
    } catch let error as MonitoringSettingsError {
      throw PipelineError.invalidArgument("\(path): \(error)")
    } catch let error as DecodingError {
      throw PipelineError.invalidArgument("\(path): \(describe(error))")
    }
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
      throw PipelineError.invalidArgument("\(path): drift: \(describe(error))")
    }
  }

  /// The file's text and its YAML node (`nil` for an empty file).
  private static func document(path: String) throws -> (text: String, node: Node?) {
    guard let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8)
    else {
      throw PipelineError.invalidArgument(
        "\(path): cannot read the configuration file (UTF-8 YAML).")
    }
    do { return (text, try Yams.compose(yaml: text)) } catch let error as YamlError {
      throw PipelineError.invalidArgument("\(path): \(describe(error))")
    }
  }

  /// Refuses `key` unless it is one of `keys`, naming its position and the known keys.
  private static func refuseUnknown(
    _ key: String, in keys: Set<String>, at place: String, mark: Mark?, path: String
  ) throws {
    guard !keys.contains(key) else { return }
    let position = mark.map { " (line \($0.line), column \($0.column))" } ?? ""
    throw PipelineError.invalidArgument(
      "\(path)\(position): unknown setting \(place)\(key); known: "
        + keys.sorted().joined(separator: ", ") + ".")
  }

  static let topKeys: Set<String> = [
    "review_days", "review_weekday", "service_levels", "holding_cost_rate", "stockout_penalty",
    "overstock_days", "categories",
  ]
  static let levelKeys: Set<String> = ["A", "B", "C"]
  static let categoryKeys: Set<String> = ["review_days", "service_levels"]

  private static func checkKeys(_ node: Node, path: String) throws {
    guard let top = node.mapping else {
      throw PipelineError.invalidArgument(
        "\(path): the configuration must be a mapping of settings.")
    }
    func unknown(_ key: String, in keys: Set<String>, at place: String, mark: Mark?) throws {
      try refuseUnknown(key, in: keys, at: place, mark: mark, path: path)
    }
    for (key, value) in top {
      let name = key.string ?? ""
      try unknown(name, in: topKeys, at: "", mark: key.mark)
      if name == "service_levels", let levels = value.mapping {
        for (level, _) in levels {
          try unknown(level.string ?? "", in: levelKeys, at: "service_levels.", mark: level.mark)
        }
      }
      if name == "categories", let categories = value.mapping {
        for (category, settings) in categories {
          let prefix = "categories.\(category.string ?? "")."
          for (setting, inner) in settings.mapping ?? [:] {
            let settingName = setting.string ?? ""
            try unknown(settingName, in: categoryKeys, at: prefix, mark: setting.mark)
            if settingName == "service_levels" {
              for (level, _) in inner.mapping ?? [:] {
                try unknown(
                  level.string ?? "", in: levelKeys, at: prefix + "service_levels.",
                  mark: level.mark)
              }
            }
          }
        }
      }
    }
  }

  private static func describe(_ error: YamlError) -> String {
    "not valid YAML: \(error)"
  }

  private static func describe(_ error: DecodingError) -> String {
    switch error {
    case .typeMismatch(_, let context), .valueNotFound(_, let context),
      .keyNotFound(_, let context), .dataCorrupted(let context):
      let key = context.codingPath.map(\.stringValue).joined(separator: ".")
      return "\(key.isEmpty ? "the file" : key): \(context.debugDescription)"
    @unknown default:
      return "\(error)"
    }
  }
}
