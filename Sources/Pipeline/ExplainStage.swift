import DemandCore
import Forecasting
import Foundation
import History
import Tabular

/// `shelfcast explain` and the nightly `explain.csv`: why a forecast is what it is, as the exact
/// per-feature decomposition of the category regression's prediction (see `RidgeDecomposition`
/// and `SeriesExplanation`), beside the forecast ShelfCast actually issued.
///
/// A forecast is explained by making it again, from the fitted set in service and the history
/// up to the run date, exactly as `shelfcast forecast --date D` makes it; the version of the
/// forecast archived for D is reported so a change of champion since then is visible.
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
    let serving = try TrainStage.loadServingSet(workspace)
    let database = try workspace.openDatabase()
    let source = try HistoryStoreSource(database: database)
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
    let explanations = try explanations(
      of: [key], serving: serving, source: source, database: database, date: date,
      horizonDays: horizonDays ?? serving.fittedSet.configuration.horizonDays)
    guard let explanation = explanations.first else {
      throw ForecastError.seriesNotFound(key: key, runDate: date)
    }
    return explanation
  }

  /// Writes `OUT/D/explain.csv` atomically: the decomposition of the forecasts of `items`
  /// issued on `date`, over the trained horizon, in the order of `items` (a repeated item is
  /// written once). Items whose category has no regression have nothing to decompose and are
  /// left out. The columns are those of `ExplanationCSV`.
  ///
  /// - Parameter outDirectory: the reports folder; default: `DIR/reports`.
  /// - Returns: the path written.
  /// - Throws: as `explain`, for any item; nothing is written then.
  public static func writeTopItems(
    workspace: Workspace, date: Day, items: [SeriesKey], outDirectory: String?
  ) throws -> String {
    let serving = try TrainStage.loadServingSet(workspace)
    let database = try workspace.openDatabase()
    let source = try HistoryStoreSource(database: database)
    let date = try checkedDay(date, source: source, option: "--date")
    var seen = Set<SeriesKey>()
    let keys = items.filter { seen.insert($0).inserted }
    let explanations = try explanations(
      of: keys, serving: serving, source: source, database: database, date: date,
      horizonDays: serving.fittedSet.configuration.horizonDays)
    let directory = workspace.outputDirectory(outDirectory) + "/" + date.iso
    try AtomicFile.makeDirectories(directory)
    let path = directory + "/explain.csv"
    try AtomicFile.write(ExplanationCSV.render(explanations), to: path)
    return path
  }

  /// The explanations of `keys`, with the serving version and the archived version of `date`.
  private static func explanations(
    of keys: [SeriesKey], serving: ServingSet, source: HistoryStoreSource,
    database: HistoryDatabase, date: Day, horizonDays: Int
  ) throws -> [SeriesExplanation] {
    let fittedSet = serving.fittedSet
    var explanations = try Forecaster(fittedSet: fittedSet).explain(
      keys: keys, source: source, runDate: date, horizon: horizonDays,
      levels: fittedSet.configuration.outputLevels)
    var archived: [StoreID: String] = [:]
    for store in Set(keys.map(\.store)) {
      let nextDay = date.adding(days: 1)
      archived[store] =
        try database.archivedForecasts(store: store, targetDays: nextDay...nextDay)
        .last { $0.issuedOn == date }?.modelVersion
    }
    for index in explanations.indices {
      explanations[index].modelVersion = serving.modelVersion
      explanations[index].archivedModelVersion = archived[explanations[index].key.store]
    }
    return explanations
  }

  /// `", S001 … S010"` for a sorted list of names, or nothing when it is empty.
  private static func examples(_ names: [String]) -> String {
    guard let first = names.first, let last = names.last else { return "" }
    return first == last ? ", only \(first)" : ", \(first) … \(last)"
  }
}
