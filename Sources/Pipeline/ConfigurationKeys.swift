import Inventory
import Monitoring
import Registry
import Yams

/// The keys a configuration file may hold, as a tree: a misspelt key is refused with its line and
/// column instead of being silently ignored.
indirect enum ConfigurationKeys: Sendable {
  /// A value (scalar or list); its keys are not checked.
  case value
  /// A mapping with these keys.
  case section([String: ConfigurationKeys])
  /// A mapping with these keys, or a single scalar (`service_levels: cost`), checked when
  /// decoded.
  case sectionOrScalar([String: ConfigurationKeys])
  /// A mapping whose keys are the user's (category names), each holding `entry`.
  case anyKey(ConfigurationKeys)

  /// Refuses the first key of `node` not in this tree.
  /// - Throws: `PipelineError.invalidArgument` naming `path`, the key's line and column, its
  ///   full dotted name and the keys known there.
  func check(_ node: Node, path: String, at place: String = "") throws {
    switch self {
    case .value:
      return
    case .sectionOrScalar(let keys):
      if node.scalar != nil { return }
      try ConfigurationKeys.section(keys).check(node, path: path, at: place)
    case .section(let keys):
      guard let mapping = node.mapping else {
        if place.isEmpty {
          throw PipelineError.invalidArgument(
            "\(path): the configuration must be a mapping of settings.")
        }
        if node.null != nil { return }
        throw PipelineError.invalidArgument(
          "\(path)\(Self.position(node.mark)): \(place.dropLast()) must be a mapping of settings.")
      }
      for (key, value) in mapping {
        let name = key.string ?? ""
        guard let inner = keys[name] else {
          throw PipelineError.invalidArgument(
            "\(path)\(Self.position(key.mark)): unknown setting \(place)\(name); known: "
              + keys.keys.sorted().joined(separator: ", ") + ".")
        }
        try inner.check(value, path: path, at: place + name + ".")
      }
    case .anyKey(let entry):
      for (key, value) in node.mapping ?? [:] {
        try entry.check(value, path: path, at: place + (key.string ?? "") + ".")
      }
    }
  }

  static func position(_ mark: Mark?) -> String {
    mark.map { " (line \($0.line), column \($0.column))" } ?? ""
  }

  static func values(_ names: some Sequence<String>) -> [String: ConfigurationKeys] {
    Dictionary(names.map { ($0, .value) }, uniquingKeysWith: { a, _ in a })
  }

  /// `recommend --config`: the inventory settings at the top level.
  static let inventory: ConfigurationKeys = {
    let levels = ConfigurationKeys.section(values(["A", "B", "C"]))
    var keys = values(InventorySettings.CodingKeys.allCases.map(\.rawValue))
    keys["service_levels"] = .sectionOrScalar(
      values(InventorySettings.ServiceLevels.CodingKeys.allCases.map(\.rawValue)))
    keys["categories"] = .anyKey(.section(["review_days": .value, "service_levels": levels]))
    return .section(keys)
  }()

  static let drift = ConfigurationKeys.section(values(DriftSettings.keys))

  /// `monitor --config`: the monitoring settings at the top level, and a `drift:` section.
  static let monitoring: ConfigurationKeys = {
    var keys = values(MonitoringSettings.CodingKeys.allCases.map(\.rawValue))
    keys["drift"] = drift
    return .section(keys)
  }()

  /// `nightly --config`: one section per stage.
  static let nightly: ConfigurationKeys = {
    var keys = values(NightlyConfiguration.CodingKeys.allCases.map(\.rawValue))
    keys["training"] = .section(values(TrainingSettings.CodingKeys.allCases.map(\.rawValue)))
    keys["retraining"] = .section(values(RetrainingSettings.CodingKeys.allCases.map(\.rawValue)))
    keys["inventory"] = inventory
    keys["monitoring"] = .section(values(MonitoringSettings.CodingKeys.allCases.map(\.rawValue)))
    keys["drift"] = drift
    return .section(keys)
  }()
}
