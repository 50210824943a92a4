import DemandCore
import Forecasting
import Foundation
import History

/// A trained model offered to the registry: its artifact and everything that says how it was
/// made.
public struct ModelCandidate: Sendable {
  /// The serialized fitted set (`FittedSet.encoded()`), stored byte for byte.
  public var artifact: Data
  public var windowFirstDay: Day
  public var windowLastDay: Day
  public var dataFingerprint: String
  public var codeVersion: String
  public var configuration: ForecastConfiguration
  public var metrics: ModelMetrics
  public var selectedMix: SelectedMix
  public var trigger: RetrainTrigger
  public var reason: String
  /// The nightly run date whose retraining made it, if any: a run killed after registering
  /// finds its candidate again instead of registering a second one.
  public var runDate: Day? = nil

  public init(
    artifact: Data, windowFirstDay: Day, windowLastDay: Day, dataFingerprint: String,
    codeVersion: String, configuration: ForecastConfiguration, metrics: ModelMetrics,
    selectedMix: SelectedMix, trigger: RetrainTrigger, reason: String
  ) {
    self.artifact = artifact
    self.windowFirstDay = windowFirstDay
    self.windowLastDay = windowLastDay
    self.dataFingerprint = dataFingerprint
    self.codeVersion = codeVersion
    self.configuration = configuration
    self.metrics = metrics
    self.selectedMix = selectedMix
    self.trigger = trigger
    self.reason = reason
  }

  /// The candidate of one training run.
  /// - Parameters:
  ///   - stores: the master data's stores, to group the backtest by region and format.
  ///   - fingerprint: of the history the training read (`FingerprintingSource.fingerprint()`).
  /// - Throws: what `FittedSet.encoded()` throws.
  public init(
    fittedSet: FittedSet, report: TrainingReport, stores: [StoreRecord],
    fingerprint: DataFingerprint, codeVersion: String, trigger: RetrainTrigger, reason: String
  ) throws {
    self.init(
      artifact: try fittedSet.encoded(), windowFirstDay: fingerprint.firstDay,
      windowLastDay: fittedSet.lastTrainingDay, dataFingerprint: fingerprint.sha256,
      codeVersion: codeVersion, configuration: fittedSet.configuration,
      metrics: ModelMetrics(backtest: report.backtest, stores: stores),
      selectedMix: SelectedMix(
        seriesByKind: report.seriesByKind, seriesByFamily: report.seriesChoosingFamily),
      trigger: trigger, reason: reason)
  }
}
