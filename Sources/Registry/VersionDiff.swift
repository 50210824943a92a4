import Forecasting
import Foundation

/// Two versions side by side (`shelfcast registry diff A B`): what they were trained on (the
/// windows, the data fingerprints, the code), how (the configuration, key by key), what the
/// retraining decided, and their backtest metrics by segment.
public struct VersionDiff: Sendable, Equatable {
  /// One field of both versions.
  public struct Field: Sendable, Equatable {
    public var name: String
    public var a: String
    public var b: String
    public var differs: Bool { a != b }
  }

  /// One metrics scope (`overall`, `family ets`, `region North`, …) of both versions: WAPE (a
  /// ratio; `nil` without sales) and the backtest days it was measured on.
  public struct Metric: Sendable, Equatable {
    public var scope: String
    public var aWAPE: Double?
    public var bWAPE: Double?
    public var aPoints: Int
    public var bPoints: Int
  }

  public var a: ModelVersion
  public var b: ModelVersion
  /// Status, windows, fingerprint, code version, trigger, decision, artifact.
  public var identity: [Field]
  /// Every configuration key (dotted path) that either holds, in key order.
  public var configuration: [Field]
  public var metrics: [Metric]

  public init(_ a: ModelVersion, _ b: ModelVersion) {
    self.a = a
    self.b = b
    func window(_ v: ModelVersion) -> String { "\(v.windowFirstDay.iso)..\(v.windowLastDay.iso)" }
    func field(_ name: String, _ value: (ModelVersion) -> String) -> Field {
      Field(name: name, a: value(a), b: value(b))
    }
    identity = [
      field("status") { $0.status.rawValue },
      field("training window") { window($0) },
      field("evaluation window end") { $0.evaluationWindowLastDay?.iso ?? "-" },
      field("refit of") { $0.refitOf ?? "-" },
      field("data fingerprint") { $0.dataFingerprint },
      field("code version") { $0.codeVersion },
      field("trigger") { "\($0.trigger.rawValue): \($0.reason)" },
      field("decision") { $0.decision?.kind.rawValue ?? "-" },
      field("holdout") { v in
        v.comparison.map { "\($0.firstDay.iso)..\($0.lastDay.iso), \($0.points) points" } ?? "-"
      },
      field("series") { String($0.selectedMix.seriesCount) },
      field("artifact sha256") { $0.artifactSHA256 },
    ]
    let left = Self.flattened(a.configurationJSON)
    let right = Self.flattened(b.configurationJSON)
    configuration = Set(left.keys).union(right.keys).sorted().map {
      Field(name: $0, a: left[$0] ?? "-", b: right[$0] ?? "-")
    }
    var metrics: [Metric] = []
    func add(_ prefix: String, _ x: [String: BacktestTally], _ y: [String: BacktestTally]) {
      for key in Set(x.keys).union(y.keys).sorted() {
        metrics.append(
          Metric(
            scope: prefix.isEmpty ? key : prefix + " " + key, aWAPE: x[key]?.wape,
            bWAPE: y[key]?.wape, aPoints: x[key]?.points ?? 0, bPoints: y[key]?.points ?? 0))
      }
    }
    add("", ["overall": a.metrics.overall], ["overall": b.metrics.overall])
    add("family", a.metrics.byFamily, b.metrics.byFamily)
    add("segment", a.metrics.bySegment, b.metrics.bySegment)
    add("region", a.metrics.byRegion, b.metrics.byRegion)
    add("format", a.metrics.byFormat, b.metrics.byFormat)
    self.metrics = metrics
  }

  /// The leaves of a JSON object, by dotted path; text that is not a JSON object is one leaf
  /// named `configuration`.
  static func flattened(_ json: String) -> [String: String] {
    guard
      let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    else { return ["configuration": json] }
    var leaves: [String: String] = [:]
    func walk(_ value: Any, _ path: String) {
      if let object = value as? [String: Any] {
        for (key, inner) in object { walk(inner, path.isEmpty ? key : path + "." + key) }
      } else if let data = try? JSONSerialization.data(
        withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])
      {
        leaves[path] = String(decoding: data, as: UTF8.self)
      } else {
        leaves[path] = "\(value)"
      }
    }
    walk(object, "")
    return leaves
  }
}
