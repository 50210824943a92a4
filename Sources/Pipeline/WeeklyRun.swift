import DemandCore
import Forecasting

/// A run of a weekly workspace as the engine sees it: the history one position per week, the
/// fitted set with its last training day as a week position, and the run date's position.
struct WeeklyRun {
  let periods: PeriodHistorySource
  /// The set, its `lastTrainingDay` a week position.
  let fittedSet: FittedSet
  /// The position of the week ending on the run date.
  let runPosition: Day

  /// - Throws: `PipelineError.invalidArgument` when `date` is not a week-ending date of `grain`.
  init(fittedSet: FittedSet, source: any StoreHistorySource, grain: Grain, date: Day) throws {
    try grain.requireRunDate(date)
    periods = PeriodHistorySource(base: source, grain: grain)
    var positioned = fittedSet
    positioned.lastTrainingDay = periods.position(of: fittedSet.lastTrainingDay)
    self.fittedSet = positioned
    runPosition = periods.position(of: date)
  }
}
