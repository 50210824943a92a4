import DemandCore
import Foundation
import Registry
import Tabular
import _Parallel

extension Night {
  /// Retrains when a trigger fires (or the workspace has no champion yet); a promotion makes
  /// the new champion the model the rest of the night serves. A backfill night never retrains.
  mutating func retrainIfTriggered() throws {
    guard !served.isBackfill else { return }
    let registry = session.registry
    let nights = NightLog(database: registry.database)
    // The new-series count reads every store's last 28 days: only when its trigger is on.
    let (known, active) =
      configuration.retraining.newSeriesShare > 0 ? try seriesKnownToChampion() : (0, 0)
    let inputs = TriggerInputs(
      runDate: runDate, previousNight: try nights.last(before: runDate),
      lastRetrainDay: try registry.lastRetrain(onOrBefore: runDate.adding(days: -1))?.runDate,
      fittableSeries: active, seriesUnknownToChampion: active - known)
    let earlier = try registry.version(registeredOn: runDate)
    var firing =
      earlier.map { TriggerFiring(trigger: $0.trigger, reason: $0.reason) }
      ?? RetrainTriggers.evaluate(inputs, settings: configuration.retraining)
    if firing == nil, try registry.champion() == nil {
      firing = TriggerFiring(trigger: .firstModel, reason: "no model in service yet")
    }
    guard let firing else { return }
    logger.notice(
      "retraining", metadata: ["trigger": "\(firing.trigger)", "reason": "\(firing.reason)"])
    defer { session.servingChanged() }
    do {
      let outcome = try RetrainStage.run(
        workspace: workspace, runDate: runDate, firing: firing,
        training: try configuration.training.forecastConfiguration(),
        settings: configuration.retraining, logger: logger, progress: progress(.retrain))
      retraining = NightlyManifest.Retraining(
        trigger: firing.trigger.rawValue, reason: firing.reason, candidate: outcome.version?.id,
        decision: outcome.decision.kind.rawValue,
        decisionReason: outcome.decisionReason, comparison: outcome.comparison, error: nil)
      // The files that follow the decision are the night's outputs too: a night whose card or
      // selection is missing is not finished.
      if let version = outcome.version {
        outputs.append(workspace.modelCardPath(version.id))
      }
      if outcome.promoted, let version = outcome.version {
        outputs.append(workspace.selectionPath)
        // The version it replaced (retired at the moment of the promotion), found from the
        // registry so a night resumed after the promotion lists the same files.
        let promoted = try registry.show(version.id)
        if let promotedAt = promoted.promotedAt,
          let replaced = try registry.list().first(where: {
            $0.id != version.id && $0.retiredAt == promotedAt
          })
        {
          outputs.append(workspace.modelCardPath(replaced.id))
        }
      }
    } catch let stop as Cancelled {
      // A stop request inside a training is not a failure: the night stops (Night.stage).
      throw stop
    } catch {
      logger.error(
        "retraining failed; the champion stays in service", metadata: ["error": "\(error)"])
      retraining = NightlyManifest.Retraining(
        trigger: firing.trigger.rawValue, reason: firing.reason,
        candidate: try? registry.version(registeredOn: runDate)?.id,
        decision: RetrainDecision.Kind.failed.rawValue,
        decisionReason: "the retraining failed; the champion stays in service",
        comparison: nil, error: "\(error)")
    }
  }

  /// Series with sales in the 28 days up to the run date, and how many of them the model in
  /// service has a fit for.
  func seriesKnownToChampion() throws -> (known: Int, active: Int) {
    guard try session.registry.champion() != nil else { return (0, 0) }
    let fitted = Set(try session.serving().fittedSet.series.map(\.key))
    let source = try session.history()
    let first = runDate.adding(days: -27)
    let runDate = self.runDate
    // Each store's 28 days read on all cores; the counts are added up in store order.
    let counts = try concurrentMap(source.stores.count) { index -> (known: Int, active: Int) in
      let panel = try source.history(of: source.stores[index], from: first, through: runDate)
        .panel
      var known = 0
      var active = 0
      for (row, key) in panel.keys.enumerated() where panel.series(row).contains(where: { $0 > 0 })
      {
        active += 1
        if fitted.contains(key) { known += 1 }
      }
      return (known, active)
    }
    return counts.reduce((known: 0, active: 0)) { ($0.known + $1.known, $0.active + $1.active) }
  }
}
