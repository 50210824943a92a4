import DemandCore
import Forecasting
import Registry

/// The model a night forecasts with, and why it may: a model never forecasts a day it was
/// trained on.
///
/// A night normally forecasts with the champion. A run date before the champion's last training
/// day would be forecast by a model that has seen the days after it (and would replace the
/// newer nights' metrics): it is refused, unless the night is a backfill, which forecasts with
/// the registry version that was in service on that date (the latest version ever promoted whose
/// training ended on or before the run date) and does not retrain.
struct ServedModel {
  /// The version forced on the night (a backfill), or `nil` for the champion.
  var backfillVersion: ModelVersion?

  /// The model for `runDate`.
  /// - Throws: `PipelineError.invalidArgument` (exit 64) for a run date before the champion's
  ///   training end without `backfill`, or for a backfill date no promoted version can serve.
  static func choose(for runDate: Day, session: WorkspaceSession, backfill: Bool) throws
    -> ServedModel
  {
    guard let champion = try session.registry.champion(),
      runDate < champion.windowLastDay
    else { return ServedModel(backfillVersion: nil) }
    guard backfill else {
      throw PipelineError.invalidArgument(
        "--date \(runDate.iso) is before \(champion.windowLastDay.iso), the last day the model "
          + "in service (\(champion.id)) was trained on: it would forecast days it has seen. "
          + "Give a later date, or add --backfill to run the night with the version that was "
          + "in service then.")
    }
    let servable = try session.registry.list().filter {
      $0.promotedAt != nil && $0.windowLastDay <= runDate
    }
    guard
      let version = servable.max(by: {
        ($0.windowLastDay, $0.number) < ($1.windowLastDay, $1.number)
      })
    else {
      throw PipelineError.invalidArgument(
        "--backfill \(runDate.iso): no version ever in service was trained only on days up to "
          + "it; the earliest was trained through \(champion.windowLastDay.iso) or later.")
    }
    try session.serve(version)
    return ServedModel(backfillVersion: version)
  }

  var isBackfill: Bool { backfillVersion != nil }
}
