import DemandCore
import Forecasting
import Foundation
import History
import Tabular

/// `shelfcast explain` and the nightly `explain.csv`: why a forecast is what it is, as the exact
/// per-feature decomposition of the category regression's prediction (see `RidgeDecomposition`
/// and `SeriesExplanation`), beside the forecast ShelfCast actually issued.
///
/// The issued forecast is the night's chain forecast (nightly) or the one archived for the run
/// date (`shelfcast explain`); only the decomposition is computed, from the model in service and
/// the explained series' history up to the run date. A date with nothing archived is explained
/// by forecasting it again exactly as `shelfcast forecast --date D` would.
public enum ExplainStage {
  /// Explains the forecast of store `store`'s SKU `sku` issued on `date` (for `date + 1 …
  /// date + horizonDays`).
  ///
  /// - Parameters:
  ///   - date: the run date; default: the last day with demand.
  ///   - horizonDays: days to explain; default: the horizon the set was trained for.
  /// - Throws: `PipelineError.invalidArgument` for a store or SKU the workspace's master data
  ///   does not list, or a date after the last day with demand; `ForecastError.seriesNotFound`
  ///   when the store has no history of the SKU; `.invalidConfiguration` for a horizon beyond
  ///   the trained one; `.noFittedSet` / `.incompatibleFittedSet`;
  ///   `RidgeError.missingTrainingMeans` for a set trained before the means were kept.
  public static func explain(
    workspace: Workspace, store: StoreID, sku: SKUID, date: Day?, horizonDays: Int?
  ) throws -> SeriesExplanation {
    try explain(
      session: try WorkspaceSession(workspace: workspace), store: store, sku: sku, date: date,
      horizonDays: horizonDays)
  }

  /// `explain(workspace:…)` in an open session, whose history source and model in service are
  /// read once for every explanation it makes (`shelfcast serve` keeps one per night served).
  public static func explain(
    session: WorkspaceSession, store: StoreID, sku: SKUID, date: Day?, horizonDays: Int?
  ) throws -> SeriesExplanation {
    let source = try session.history()
    guard source.stores.contains(store) else {
      throw PipelineError.invalidArgument(
        "Store \(store) is not in the workspace (its master data lists \(source.stores.count) "
          + "stores\(examples(source.stores.map(\.rawValue)))); check --store.")
    }
    guard source.knows(sku) else {
      throw PipelineError.invalidArgument(
        "SKU \(sku) is not in the workspace's master data; check --sku.")
    }
    let date = try checkedDay(date, source: source, option: "--date")
    let key = SeriesKey(store: store, sku: sku)
    // The archived forecast is explained when the model in service issued it; after a change
    // of champion, today's model forecasts the date again (the text says so).
    let archived = try ForecastArchiving.chainForecastIfArchived(
      issuedOn: date, database: session.database, stores: [store],
      daysPerTarget: try session.workspace.grain().daysPerPeriod)
    let serving = try session.serving()
    let explanations = try explanations(
      of: [key], session: session, date: date,
      horizonDays: horizonDays ?? serving.fittedSet.configuration.horizonDays,
      served: archived?.modelVersion == serving.modelVersion ? archived : nil,
      archivedVersion: archived?.modelVersion)
    guard let explanation = explanations.first else {
      throw ForecastError.seriesNotFound(key: key, runDate: date)
    }
    return explanation
  }

  /// Writes `OUT/D/explain.csv` and `OUT/D/explain_models.csv` atomically (D = `chain`'s run
  /// date), for the forecasts of `items` in `chain` over its horizon, in the order of `items` (a
  /// repeated item is written once): `explain.csv` decomposes the category regression's
  /// prediction by feature (`ExplanationCSV`; items whose category has no regression are left
  /// out), `explain_models.csv` splits every model that made the issued forecast into its
  /// parts (`ModelPartsCSV`).
  ///
  /// - Parameter outDirectory: the reports folder; default: `DIR/reports`.
  /// - Returns: the paths written, `explain.csv` first.
  /// - Throws: as `explain`, for any item; nothing is written then.
  public static func writeTopItems(
    _ chain: ChainForecast, items: [SeriesKey], session: WorkspaceSession, outDirectory: String?
  ) throws -> [String] {
    var seen = Set<SeriesKey>()
    let keys = items.filter { seen.insert($0).inserted }
    let explanations = try explanations(
      of: keys, session: session, date: chain.runDate, horizonDays: chain.horizonDays,
      served: chain, archivedVersion: chain.modelVersion)
    let directory = session.workspace.nightDirectory(chain.runDate, out: outDirectory)
    try AtomicFile.makeDirectories(directory)
    let regression = NightFile.explanations.path(inNightDirectory: directory)
    let models = NightFile.modelParts.path(inNightDirectory: directory)
    try AtomicFile.write(ExplanationCSV.render(explanations), to: regression)
    try AtomicFile.write(ModelPartsCSV.render(explanations), to: models)
    return [regression, models]
  }

  /// The explanations of `keys`, with the serving version and the archived version of `date`.
  private static func explanations(
    of keys: [SeriesKey], session: WorkspaceSession, date: Day, horizonDays: Int,
    served: ChainForecast?, archivedVersion: String?
  ) throws -> [SeriesExplanation] {
    let serving = try session.serving()
    let fittedSet = serving.fittedSet
    let grain = try session.workspace.grain()
    try ForecastStage.checkGrain(of: serving, workspace: session.workspace, grain: grain)
    var explanations: [SeriesExplanation]
    if grain == .daily {
      explanations = try Forecaster(fittedSet: fittedSet).explain(
        keys: keys, source: try session.history(), runDate: date, horizon: horizonDays,
        levels: fittedSet.configuration.outputLevels, served: served)
    } else {
      explanations = try explainPeriods(
        keys: keys, fittedSet: fittedSet, source: try session.history(), grain: grain,
        date: date, horizon: horizonDays, served: served)
    }
    for index in explanations.indices {
      explanations[index].modelVersion = serving.modelVersion
      explanations[index].archivedModelVersion = archivedVersion
    }
    return explanations
  }

  /// The explanations of a weekly workspace: made on the history read one position per week
  /// (the issued forecast `served` turned into week positions too), then dated back: run date,
  /// issued forecast and every decomposed target are week-ending dates, 7 days apart.
  private static func explainPeriods(
    keys: [SeriesKey], fittedSet: FittedSet, source: any StoreHistorySource, grain: Grain,
    date: Day, horizon: Int, served: ChainForecast?
  ) throws -> [SeriesExplanation] {
    let run = try WeeklyRun(fittedSet: fittedSet, source: source, grain: grain, date: date)
    let periods = run.periods
    let runPosition = run.runPosition
    let servedPositions = served.map { chain in
      ChainForecast(
        runDate: runPosition, horizonDays: chain.horizonDays, levels: chain.levels,
        modelVersion: chain.modelVersion,
        stores: chain.stores.map { store in
          var store = store
          for index in store.series.indices {
            store.series[index].start = periods.position(of: store.series[index].start)
          }
          return store
        })
    }
    var explanations = try Forecaster(fittedSet: run.fittedSet).explain(
      keys: keys, source: periods, runDate: runPosition, horizon: horizon,
      levels: fittedSet.configuration.outputLevels, served: servedPositions)
    for index in explanations.indices {
      explanations[index].runDate = date
      explanations[index].served.start = periods.date(of: explanations[index].served.start)
      for day in explanations[index].days.indices {
        explanations[index].days[day].day = periods.date(of: explanations[index].days[day].day)
      }
      explanations[index].daysPerTarget = grain.daysPerPeriod
    }
    return explanations
  }

  /// `", S001 … S010"` for a sorted list of names, or nothing when it is empty.
  private static func examples(_ names: [String]) -> String {
    guard let first = names.first, let last = names.last else { return "" }
    return first == last ? ", only \(first)" : ", \(first) … \(last)"
  }
}
