import DemandCore
import Foundation
import Pipeline

/// Everything the API answers from, for one finished night: read once when the night is found
/// and never changed after, so a request that holds it sees one night whole.
///
/// Recommendations, the accuracy summary, the alerts and the registry's versions are held in
/// memory; the forecasts and forecast-vs-actual rows stay in their files (`SeriesRows`, mapped
/// and indexed by series when the night is read).
final class ServedNight: Sendable {
  /// The run date D of the night.
  let night: Day
  /// The manifest's description of the night (`/ready`, `/v1/night`).
  let summary: Components.Schemas.Night
  /// Store ids and SKU ids of the master data (unknown ones are 404, not empty answers).
  let stores: Set<String>
  let skus: Set<String>
  /// `recommendations.csv`: its header line and each store's rows with their CSV lines, in the
  /// file's order (most urgent first).
  let recommendationsHeader: String
  let recommendations: [String: [RecommendationRow]]
  /// `forecast.csv`, by series.
  let forecasts: SeriesRows
  /// `forecast_vs_actual.csv`, by series; nil when the night wrote none.
  let forecastVsActual: SeriesRows?
  /// `accuracy_summary.csv`; nil when the night wrote none.
  let accuracy: [Components.Schemas.AccuracyLine]?
  /// `alerts.csv`; nil when the night wrote none.
  let alerts: [Components.Schemas.Alert]?
  /// The registry's versions when the night was read, oldest first, and the champion's id.
  let versions: [Components.Schemas.ModelVersion]
  let champion: String?
  /// The workspace session explanations of this night are made in.
  let explainer = Explainer()

  init(
    night: Day, summary: Components.Schemas.Night, stores: Set<String>, skus: Set<String>,
    recommendationsHeader: String, recommendations: [String: [RecommendationRow]],
    forecasts: SeriesRows, forecastVsActual: SeriesRows?,
    accuracy: [Components.Schemas.AccuracyLine]?, alerts: [Components.Schemas.Alert]?,
    versions: [Components.Schemas.ModelVersion], champion: String?
  ) {
    self.night = night
    self.summary = summary
    self.stores = stores
    self.skus = skus
    self.recommendationsHeader = recommendationsHeader
    self.recommendations = recommendations
    self.forecasts = forecasts
    self.forecastVsActual = forecastVsActual
    self.accuracy = accuracy
    self.alerts = alerts
    self.versions = versions
    self.champion = champion
  }
}

/// One row of `recommendations.csv`: as JSON and as the file's own CSV line.
struct RecommendationRow: Sendable {
  let value: Components.Schemas.Recommendation
  let line: String
}

/// One workspace session for a night's explanations, opened on the first and kept: the history
/// source and the model in service (at chain scale, a fitted set of a hundred thousand series)
/// are read once, not on every request. A session is not thread-safe, so explanations are made
/// one at a time.
final class Explainer: @unchecked Sendable {
  private let lock = NSLock()
  private var session: WorkspaceSession?

  func explain<T>(workspace: Workspace, _ body: (WorkspaceSession) throws -> T) throws -> T {
    lock.lock()
    defer { lock.unlock() }
    let session = try self.session ?? WorkspaceSession(workspace: workspace, readOnly: true)
    self.session = session
    return try body(session)
  }
}
