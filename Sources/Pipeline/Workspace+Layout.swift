import DemandCore
import Foundation

/// Every path of a workspace, in one place:
///
/// ```
/// DIR/shelfcast.sqlite            the system of record (history, archive, registry, audit)
/// DIR/inbox/                      where the nightly job looks for new files (configurable)
/// DIR/quarantine/                 <file>.rejected.csv for every file with bad rows
/// DIR/manifests/                  ingest-<timestamp>.json, nightly-D.json
/// DIR/models/                     the serving copy of the champion, the training report,
///                                 selection.csv, abc-classes.csv; versions/ (every artifact)
/// DIR/reports/metrics.prom        the last run's metrics (node_exporter's textfile collector)
/// DIR/reports/models/<id>.md      a model card per version
/// DIR/reports/D/<file>            what the night of D wrote (`NightFile`)
/// ```
extension Workspace {
  /// `DIR/models/`: the serving copy of the champion and the last training's files.
  public var modelDirectory: String { root + "/models" }
  public var fittedSetPath: String { modelDirectory + "/fitted-set.json" }
  public var trainingReportPath: String { modelDirectory + "/training-report.json" }
  public var selectionPath: String { modelDirectory + "/selection.csv" }
  /// `DIR/models/abc-classes.csv`: each store/SKU's ABC class, recomputed at each training.
  public var abcClassesPath: String { modelDirectory + "/abc-classes.csv" }
  /// `DIR/models/versions/`: every registered version's fitted set.
  public var modelVersionsDirectory: String { modelDirectory + "/versions" }
  /// `DIR/reports/`: the default output folder of forecast, backtest and later stages.
  public var reportDirectory: String { root + "/reports" }
  /// `DIR/reports/models/`: a model card per version, `<id>.md`.
  public var modelCardDirectory: String { reportDirectory + "/models" }

  public func modelCardPath(_ id: String) -> String { modelCardDirectory + "/" + id + ".md" }

  /// `DIR/manifests/nightly-D.json`: the manifest of the night of `night`.
  public func nightlyManifestPath(_ night: Day) -> String {
    manifestDirectory + "/nightly-\(night.iso).json"
  }

  /// `OUT/metrics.prom` (OUT: `out`, or `DIR/reports`).
  public func metricsPath(out: String? = nil) -> String {
    NightFile.metricsPath(under: outputDirectory(out))
  }

  /// `OUT/D/` (OUT: `out`, or `DIR/reports`).
  public func nightDirectory(_ night: Day, out: String? = nil) -> String {
    NightFile.directory(under: outputDirectory(out), night: night)
  }

  /// `OUT/D/<file>` (OUT: `out`, or `DIR/reports`).
  public func path(of file: NightFile, night: Day, out: String? = nil) -> String {
    file.path(under: outputDirectory(out), night: night)
  }
}

/// A file the night of D writes under `OUT/D/` (`OUT` is `DIR/reports` or a command's `--out`).
public enum NightFile: String, Sendable, CaseIterable {
  case forecast = "forecast.csv"
  case recommendations = "recommendations.csv"
  case storeSummary = "store_summary.csv"
  case explanations = "explain.csv"
  case modelParts = "explain_models.csv"
  case forecastVsActual = "forecast_vs_actual.csv"
  case accuracySummary = "accuracy_summary.csv"
  case drift = "drift.csv"
  case alertsCSV = "alerts.csv"
  case alertsJSON = "alerts.json"
  case report = "report.html"

  /// `reports/D/`.
  public static func directory(under reports: String, night: Day) -> String {
    reports + "/" + night.iso
  }

  /// `reports/metrics.prom`.
  public static func metricsPath(under reports: String) -> String { reports + "/metrics.prom" }

  /// `reports/D/<file>`.
  public func path(under reports: String, night: Day) -> String {
    Self.directory(under: reports, night: night) + "/" + rawValue
  }

  /// `D/<file>` itself, given that folder.
  public func path(inNightDirectory directory: String) -> String { directory + "/" + rawValue }
}
