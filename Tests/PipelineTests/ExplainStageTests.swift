import DemandCore
import Forecasting
import Foundation
import Inventory
import Models
import Pipeline
import Synthetic
import XCTest
import _TestSupport

/// `ExplainStage`, `explain.csv` and `shelfcast explain` on a small generated chain (2 stores ×
/// 8 SKUs × 200 days, trained for 14 days ahead): the decomposition adds up, the issued
/// forecast is the one `shelfcast forecast` issues, and the file and the command say so.
final class ExplainStageTests: XCTestCase {
  private var directory: TemporaryDirectory!
  private let horizon = 14

  override func setUpWithError() throws {
    directory = try TemporaryDirectory(prefix: "shelfcast-explain")
  }

  override func tearDown() { directory = nil }

  /// A trained workspace of the generated chain; the last day with demand is 2026-07-19.
  private func trainedWorkspace() throws -> Workspace {
    let chain = directory.path("chain")
    let configuration = ChainConfiguration(
      storeCount: 2, skuCount: 8, start: Day(iso: "2026-01-01")!, dayCount: 200,
      transactionDayCount: 0, seed: 3)
    _ = try ChainGenerator(configuration: configuration).write(to: chain, progress: nil)
    let workspace = try Workspace(path: directory.path("ws"))
    _ = try IngestStage.run(
      workspace: workspace, paths: [chain + "/master", chain + "/history"],
      asOf: Day(iso: "2026-12-31")!, logger: .init(label: "test"))
    _ = try TrainStage.run(
      workspace: workspace, asOf: nil,
      configuration: ForecastConfiguration(horizonDays: horizon), logger: .init(label: "test"))
    return workspace
  }

  /// The forecasts `shelfcast forecast --date date` issues, by series.
  private func issuedForecasts(_ workspace: Workspace, date: Day) throws -> [SeriesKey:
    SeriesForecast]
  {
    let data = try Data(contentsOf: URL(fileURLWithPath: workspace.fittedSetPath))
    let fittedSet = try FittedSet.decode(
      data, catalog: StandardModels.catalog, path: workspace.fittedSetPath)
    let source = try HistoryStoreSource(database: try workspace.openDatabase())
    let stores = try Forecaster(fittedSet: fittedSet).forecast(
      source: source, runDate: date, horizon: horizon,
      levels: fittedSet.configuration.outputLevels)
    return Dictionary(
      uniqueKeysWithValues: stores.flatMap(\.series).map { ($0.key, $0) })
  }

  /// Every series: baseline + Σ contributions = the regression's unclipped mean to 1e-9 units;
  /// where the regression alone serves, the contributions sum to the issued forecast minus the
  /// baseline; and the issued forecast is, bit for bit, the one the forecast stage issues.
  func testContributionsSumToTheForecastMinusTheBaseline() throws {
    let workspace = try trainedWorkspace()
    let date = Day(iso: "2026-07-19")!
    let issued = try issuedForecasts(workspace, date: date)
    XCTAssertEqual(issued.count, 16)
    var roles: [String: Int] = [:]
    for key in issued.keys.sorted() {
      let explanation = try ExplainStage.explain(
        workspace: workspace, store: key.store, sku: key.sku, date: nil, horizonDays: nil)
      XCTAssertEqual(explanation.runDate, date, "the default is the last day with demand")
      XCTAssertEqual(explanation.served, issued[key], "\(key)")
      XCTAssertEqual(explanation.modelVersion, "v0001")
      XCTAssertNil(explanation.archivedModelVersion, "no forecast was archived")
      roles[explanation.role.code, default: 0] += 1
      let terms = try XCTUnwrap(explanation.regression, "\(key)")
      XCTAssertEqual(explanation.days.count, horizon)
      for (h, day) in explanation.days.enumerated() {
        XCTAssertEqual(day.day, date.adding(days: h + 1))
        XCTAssertEqual(day.contributionUnits.count, terms.featureNames.count)
        let contributions = day.contributionUnits.reduce(0, +)
        XCTAssertEqual(
          day.baselineUnits + contributions, day.meanUnits, accuracy: 1e-9, "\(key) day \(h)")
        guard explanation.role == .alone else { continue }
        XCTAssertTrue(explanation.regressionServes(dayIndex: h))
        XCTAssertEqual(explanation.served.mean[h], max(0, day.meanUnits))
        if day.meanUnits >= 0 {
          XCTAssertEqual(
            contributions, explanation.served.mean[h] - day.baselineUnits, accuracy: 1e-9)
        }
      }
      if explanation.role == .notChosen {
        XCTAssertFalse((0..<horizon).contains { explanation.regressionServes(dayIndex: $0) })
      }
    }
    // The selection of this chain (models/selection.csv): 7 series served by their category's
    // direct regression alone, 6 by the median of it and two per-series models (a median needs
    // no margin over the best single model), the last 3 by per-series models. (8, 5 and 3
    // before the level's promotion share; 7, 8 and 1 before the credibility column; 8, 7 and
    // 1 with the six horizon buckets of the first direct design; 7, 6 and 3 before the shift
    // left the month's promoted days out; 6, 6 and 4 with the log-level column.)
    XCTAssertEqual(roles, ["alone": 7, "median_of_3": 6, "not_chosen": 3])
  }

  /// `explain.csv`: one row per item, day and feature but the intercept, in the order of the
  /// items (a repeat written once), then day, then the layout; each day's contributions add up
  /// to its regression mean from its baseline, to the written decimals.
  func testExplainCSVHasOneRowPerItemDayAndFeatureInOrder() throws {
    let workspace = try trainedWorkspace()
    let date = Day(iso: "2026-07-19")!
    let first = SeriesKey(store: StoreID("S002"), sku: SKUID("P00003"))
    let second = SeriesKey(store: StoreID("S001"), sku: SKUID("P00005"))
    let session = try WorkspaceSession(workspace: workspace)
    let chain = try ForecastStage.make(session: session, date: date, horizon: horizon)
    let paths = try ExplainStage.writeTopItems(
      chain, items: [first, second, first], session: session,
      outDirectory: directory.path("out"))
    XCTAssertEqual(
      paths,
      [
        directory.path("out/2026-07-19/explain.csv"),
        directory.path("out/2026-07-19/explain_models.csv"),
      ])
    let path = paths[0]
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    XCTAssertEqual(
      lines.first,
      "store_id,sku_id,run_date,date,feature,value,training_mean,coefficient,"
        + "contribution_units,scale_units_per_day,baseline_units,ridge_mean_units,"
        + "forecast_mean_units,forecast_p50_units,ridge_serves,ridge_role,model,model_version")
    let explanation = try ExplainStage.explain(
      workspace: workspace, store: first.store, sku: first.sku, date: date,
      horizonDays: nil)
    let features = try XCTUnwrap(explanation.regression).featureNames.dropFirst()
    XCTAssertFalse(features.contains("intercept"))
    // Parsed as CSV: a median's model label is quoted and holds commas.
    let rows = ReferenceCSV.parse(try String(contentsOfFile: path, encoding: .utf8)).dropFirst()
      .map(\.fields)
    XCTAssertEqual(rows.count, 2 * horizon * features.count)
    var expected: [(String, String, String, String)] = []
    for key in [first, second] {
      for h in 1...horizon {
        for feature in features {
          expected.append(
            (key.store.rawValue, key.sku.rawValue, date.adding(days: h).iso, feature))
        }
      }
    }
    for (row, want) in zip(rows, expected) {
      XCTAssertEqual(row.count, 18)
      XCTAssertEqual(String(row[0]), want.0)
      XCTAssertEqual(String(row[1]), want.1)
      XCTAssertEqual(String(row[2]), "2026-07-19")
      XCTAssertEqual(String(row[3]), want.2)
      XCTAssertEqual(String(row[4]), want.3)
    }
    // The first day of the first item, pivoted: baseline + Σ contributions = ridge mean.
    let day = rows.prefix(features.count)
    let sum = day.reduce(0.0) { $0 + Double($1[8])! }
    let baseline = try XCTUnwrap(Double(day[0][10]))
    let mean = try XCTUnwrap(Double(day[0][11]))
    XCTAssertEqual(baseline + sum, mean, accuracy: Double(features.count + 2) * 5e-7)
    XCTAssertEqual(mean, explanation.days[0].meanUnits, accuracy: 5e-7)
    XCTAssertEqual(String(day[0][14]), explanation.regressionServes(dayIndex: 0) ? "1" : "0")
    XCTAssertEqual(String(day[0][15]), explanation.role.code)
    XCTAssertEqual(String(day[0][16]), explanation.served.model)
    XCTAssertEqual(String(day[0][17]), "v0001")
    let secondRole = try ExplainStage.explain(
      workspace: workspace, store: second.store, sku: second.sku, date: date, horizonDays: nil
    ).role
    XCTAssertEqual(String(rows[horizon * features.count][15]), secondRole.code)
  }

  /// `explain_models.csv` for every series: each model's parts add up to its mean, and the
  /// models' means weighted as written add up to the issued mean, day by day; the regression's
  /// mean is the one `explain.csv` decomposes; the weights are those of a per-day median.
  func testExplainModelsCSVAddsUpToTheIssuedMean() throws {
    let workspace = try trainedWorkspace()
    let date = Day(iso: "2026-07-19")!
    let session = try WorkspaceSession(workspace: workspace)
    let chain = try ForecastStage.make(session: session, date: date, horizon: horizon)
    let keys = chain.stores.flatMap(\.series).map(\.key)
    XCTAssertEqual(keys.count, 16)
    let paths = try ExplainStage.writeTopItems(
      chain, items: keys, session: session, outDirectory: directory.path("out"))
    let records = ReferenceCSV.parse(try String(contentsOfFile: paths[1], encoding: .utf8))
    XCTAssertEqual(
      records.first?.fields,
      [
        "store_id", "sku_id", "run_date", "date", "model", "part", "units", "model_mean_units",
        "weight", "forecast_mean_units", "forecast_p50_units", "model_version",
      ])
    // (series, date) → model → (parts' sum, model mean, weight), and the issued mean.
    var days:
      [String: (models: [String: (parts: Double, mean: Double, weight: Double)], issued: Double)] =
        [:]
    var partKinds = Set<String>()
    for record in records.dropFirst() {
      let f = record.fields
      XCTAssertEqual(f.count, 12)
      XCTAssertEqual(f[2], "2026-07-19")
      XCTAssertEqual(f[11], "v0001")
      XCTAssertNotNil(ForecastComponentKind(rawValue: f[5]), f[5])
      partKinds.insert(f[5])
      let day = f[0] + "/" + f[1] + "/" + f[3]
      let issued = try XCTUnwrap(Double(f[9]))
      let (mean, weight) = (try XCTUnwrap(Double(f[7])), try XCTUnwrap(Double(f[8])))
      var entry = days[day] ?? ([:], issued)
      var model = entry.models[f[4]] ?? (0, mean, weight)
      model.parts += try XCTUnwrap(Double(f[6]))
      entry.models[f[4]] = model
      days[day] = entry
    }
    XCTAssertEqual(days.count, 16 * horizon)
    var medians = 0
    for (day, entry) in days {
      let weights = entry.models.values.map(\.weight).sorted()
      switch entry.models.count {
      case 1: XCTAssertEqual(weights, [1], day)
      case 3:
        XCTAssertEqual(weights, [0, 0, 1], day)
        medians += 1
      default: XCTFail("\(day): \(entry.models.count) models")
      }
      let weighted = entry.models.values.reduce(0) { $0 + $1.weight * $1.mean }
      XCTAssertEqual(max(0, weighted), entry.issued, accuracy: 2e-6, day)
      for (name, model) in entry.models where model.mean > 0 {
        XCTAssertEqual(model.parts, model.mean, accuracy: 1e-5, "\(day) \(name)")
      }
    }
    let servedByMedians = chain.stores.flatMap(\.series).filter { $0.model.hasPrefix("Median(") }
    XCTAssertEqual(servedByMedians.count, 9, "6 with the regression (test above), 3 without")
    XCTAssertEqual(medians, servedByMedians.count * horizon)
    XCTAssertTrue(
      partKinds.isSuperset(of: ["regression_baseline", "regression_features"]), "\(partKinds)")
    XCTAssertTrue(partKinds.count > 2, "per-series models' parts too: \(partKinds)")
    // The regression's mean is the one explain.csv decomposes.
    let first = try XCTUnwrap(keys.first)
    let explanation = try ExplainStage.explain(
      workspace: workspace, store: first.store, sku: first.sku, date: date, horizonDays: nil)
    let regression = try XCTUnwrap(explanation.candidates.first(where: \.isRegression))
    for (step, day) in explanation.days.enumerated() {
      XCTAssertEqual(regression.path[step], max(0, day.meanUnits), accuracy: 1e-9)
    }
  }

  /// `RecommendStage` lists the largest orders, largest first with ties by store and SKU,
  /// as `recommendations.csv` shows them; `writeTopItems` takes the list as it is.
  func testRecommendListsTheLargestOrdersForTheNightlyExplanations() throws {
    let workspace = try trainedWorkspace()
    let session = try WorkspaceSession(workspace: workspace)
    let chain = try ForecastStage.make(
      session: session, date: Day(iso: "2026-07-19")!, horizon: horizon)
    let outcome = try RecommendStage.recommend(
      chain, session: session, settings: InventorySettings(), outDirectory: nil,
      logger: .init(label: "test"))
    let records = ReferenceCSV.parse(
      try String(contentsOfFile: outcome.recommendationsPath, encoding: .utf8))
    let value = try XCTUnwrap(records.first?.fields.firstIndex(of: "order_value"))
    let orders = records.dropFirst().compactMap { record -> (SeriesKey, Double)? in
      let fields = record.fields
      guard let amount = Double(fields[value]), amount > 0 else { return nil }
      return (SeriesKey(store: StoreID(fields[0]), sku: SKUID(fields[2])), amount)
    }
    XCTAssertFalse(orders.isEmpty)
    let expected = orders.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
    XCTAssertEqual(outcome.topByOrderValue, Array(expected.prefix(RecommendStage.topItemCount)))
    let paths = try ExplainStage.writeTopItems(
      chain, items: outcome.topByOrderValue, session: session, outDirectory: nil)
    XCTAssertEqual(paths.first, workspace.reportDirectory + "/2026-07-19/explain.csv")
  }

  /// A fitted set saved before the training means were kept still forecasts, but explaining
  /// it fails with the typed error that says to retrain.
  func testAnOlderFittedSetWithoutMeansAsksToRetrain() throws {
    let workspace = try trainedWorkspace()
    // A version-1 set (one JSON document: the set's `Codable` encoding with sorted keys) from
    // before the ridge kept its training means.
    var current = try FittedSet.decode(
      Data(contentsOf: URL(fileURLWithPath: workspace.fittedSetPath)),
      catalog: StandardModels.catalog, path: workspace.fittedSetPath)
    current.formatVersion = 1
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let text = String(decoding: try encoder.encode(current), as: UTF8.self)
    let stripped = text.replacingOccurrences(
      of: #","trainingMeans":\[[^\]]*\]"#, with: "", options: .regularExpression)
    XCTAssertNotEqual(stripped, text)
    XCTAssertFalse(stripped.contains("trainingMeans"))
    let fittedSet = try FittedSet.decode(
      Data(stripped.utf8), catalog: StandardModels.catalog, path: "stripped.json")
    let source = try HistoryStoreSource(database: try workspace.openDatabase())
    let date = Day(iso: "2026-07-19")!
    let forecaster = Forecaster(fittedSet: fittedSet)
    XCTAssertFalse(
      try forecaster.forecast(source: source, runDate: date, horizon: 3, levels: [0.5])
        .isEmpty)
    XCTAssertThrowsError(
      try forecaster.explain(
        keys: [SeriesKey(store: StoreID("S001"), sku: SKUID("P00003"))], source: source,
        runDate: date, horizon: 3, levels: [0.5])
    ) { error in
      XCTAssertEqual(error as? RidgeError, .missingTrainingMeans(category: "produce"))
    }
  }

  /// `shelfcast explain`: a table per day for a known series, exit 64 with a sentence for a
  /// SKU or store the workspace does not list.
  func testCommandExplainsAKnownSeriesAndRefusesAnUnknownSKU() throws {
    let workspace = try trainedWorkspace()
    let good = try ShelfCastProcess.run([
      "explain", "--workspace", workspace.root, "--store", "S001", "--sku", "P00005",
      "--days", "2",
    ])
    XCTAssertEqual(good.status, 0, good.error)
    XCTAssertTrue(good.output.contains("Not served by the regression"), good.output)
    XCTAssertTrue(good.output.contains("2026-07-21 Tue: issued mean"), good.output)
    XCTAssertFalse(good.output.contains("2026-07-22"), good.output)
    XCTAssertTrue(good.output.contains("other features"), good.output)
    // The three models of the median, with their parts; the middle of 2.279, 2.375 and 2.500
    // is the issued mean, so Croston's line is marked; the regression is shown for reference.
    XCTAssertTrue(
      good.output.contains(
        "2026-07-20 Mon: issued mean 2.375, p50 2.000\n"
          + "  CrostonSBA 2.375 = size × probability 2.375 [issued]\n"
          + "  TSB 2.279 = size × probability 2.279\n"
          + "  MovingAverage(28) 2.500 = recent mean 2.500\n"
          + "  Ridge(beverages) "), good.output)
    XCTAssertTrue(good.output.contains("; sales read through 2026-07-19 (for reference)\n"))
    let unknown = try ShelfCastProcess.run([
      "explain", "--workspace", workspace.root, "--store", "S001", "--sku", "P99999",
    ])
    XCTAssertEqual(unknown.status, 64)
    XCTAssertEqual(
      unknown.error, "Error: SKU P99999 is not in the workspace's master data; check --sku.\n")
    let store = try ShelfCastProcess.run([
      "explain", "--workspace", workspace.root, "--store", "S7", "--sku", "P00001",
    ])
    XCTAssertEqual(store.status, 64)
    XCTAssertTrue(store.error.contains("Store S7 is not in the workspace"), store.error)
  }
}
