import DemandCore
import Forecasting
import Foundation
import Inventory
import Logging
import Monitoring
import Pipeline
import Registry
import Synthetic
import XCTest
import _TestSupport

/// The night as one pass (issue 13): the forecast is made once and recommend, explain and the
/// archive read the same numbers; a run date the model in service was trained on is refused
/// unless backfilled; a finished night is not run again; model-quality alerts do not fail the
/// job by default; a folder that is not a workspace is a usage error.
final class NightlyDataflowTests: XCTestCase {
  private var directory: TemporaryDirectory!
  private let start = Day(iso: "2026-01-01")!
  /// The first night: the day after the 196 days of history.
  private var firstNight: Day { start.adding(days: 196) }
  private let horizon = 14

  override func setUpWithError() throws {
    directory = try TemporaryDirectory(prefix: "shelfcast-dataflow")
  }

  override func tearDown() { directory = nil }

  private var chain: String { directory.path("chain") }

  private var quietLogger: Logger {
    var logger = Logger(label: "test")
    logger.logLevel = .warning
    return logger
  }

  /// A workspace with 196 days of history (2 stores × 8 SKUs) and its chain's night files;
  /// one model per day of `trainedThrough`, each promoted, in order.
  private func workspace(trainedThrough days: [Day]) throws -> Workspace {
    let configuration = ChainConfiguration(
      storeCount: 2, skuCount: 8, start: start, dayCount: 200, transactionDayCount: 4, seed: 5)
    _ = try ChainGenerator(configuration: configuration).write(to: chain, progress: nil)
    let workspace = try Workspace(path: directory.path("ws"))
    _ = try IngestStage.run(
      workspace: workspace, paths: [chain + "/master", chain + "/history"],
      asOf: firstNight.adding(days: -1), logger: quietLogger)
    for day in days {
      _ = try TrainStage.run(
        workspace: workspace, asOf: day,
        configuration: try nightly().training.forecastConfiguration(), logger: quietLogger,
        registration: .init(promote: true))
    }
    return workspace
  }

  private func nightly() -> NightlyConfiguration {
    NightlyConfiguration(
      explainItems: 5, training: TrainingSettings(horizonDays: horizon),
      retraining: RetrainingSettings(weekday: nil, holdoutDays: 7, newSeriesShare: 0))
  }

  private func context(_ workspace: Workspace, backfill: Bool = false) -> NightlyStage.Context {
    NightlyStage.Context(
      workspace: workspace, configuration: nightly(), configurationPath: nil,
      logger: quietLogger, backfill: backfill)
  }

  private func deliver(_ day: Day, to workspace: Workspace) throws {
    try NightlyFixture.deliver(day, from: chain, to: workspace)
  }

  private func read(_ path: String) throws -> Data { try NightlyFixture.read(path) }

  // MARK: - One forecast, three readers

  /// The night's forecast, the archive, `recommend` and `explain` see the same numbers: the
  /// archive holds every value rounded to single precision (checked value by value against
  /// `Float(x)`), `recommend` run on its own from the archive writes the same bytes as the
  /// night's `recommend` from the forecast in memory, and `explain` on its own serves the
  /// archived forecast.
  func testRecommendExplainAndTheArchiveSeeTheSameNumbers() throws {
    let day = firstNight.adding(days: -1)
    let workspace = try workspace(trainedThrough: [day])
    let session = try WorkspaceSession(workspace: workspace)
    let chain = try ForecastStage.make(session: session, date: day, horizon: horizon)
    XCTAssertEqual(chain.seriesCount, 16)
    _ = try ForecastStage.publish(chain, session: session, outDirectory: nil, logger: quietLogger)

    let archived = try ForecastStage.archived(session: session, date: day)
    XCTAssertEqual(archived.seriesCount, chain.seriesCount)
    XCTAssertEqual(archived.horizonDays, horizon)
    XCTAssertEqual(archived.modelVersion, "v0001")
    var values = 0
    for store in chain.stores {
      for series in store.series {
        let kept = try XCTUnwrap(archived.series(series.key))
        XCTAssertEqual(kept.model, series.model)
        XCTAssertEqual(kept.isNewItem, series.isNewItem)
        XCTAssertEqual(kept.mean, series.mean.map { Double(Float($0)) })
        for level in [0.1, 0.5, 0.9] {
          let issued = try XCTUnwrap(series.quantile(level))
          XCTAssertEqual(kept.quantile(level), issued.map { Double(Float($0)) })
          values += issued.count
        }
      }
    }
    XCTAssertEqual(values, 16 * horizon * 3)

    let night = try RecommendStage.recommend(
      chain, session: session, settings: InventorySettings(), outDirectory: directory.path("a"),
      logger: quietLogger)
    let alone = try RecommendStage.run(
      workspace: workspace, date: day, outDirectory: directory.path("b"), logger: quietLogger)
    XCTAssertGreaterThan(night.rows, 0)
    XCTAssertEqual(try read(alone.recommendationsPath), try read(night.recommendationsPath))
    XCTAssertEqual(try read(alone.summaryPath), try read(night.summaryPath))

    let key = SeriesKey(store: StoreID("S001"), sku: SKUID("P00003"))
    let explanation = try ExplainStage.explain(
      workspace: workspace, store: key.store, sku: key.sku, date: day, horizonDays: nil)
    let served = try XCTUnwrap(archived.series(key))
    XCTAssertEqual(explanation.served.mean, served.mean)
    XCTAssertEqual(explanation.served.quantile(0.9), served.quantile(0.9))
    XCTAssertEqual(explanation.archivedModelVersion, "v0001")
  }

  /// `shelfcast forecast --horizon 3` after the night's forecast writes its 3 days to
  /// `forecast.csv` but keeps the night's longer forecast in the archive, so `recommend` on its
  /// own still sizes its covers from it (the same bytes as before); with nothing archived for the
  /// date, the short forecast is archived, as it is the only one.
  func testAShorterForecastDoesNotReplaceTheArchivedOne() throws {
    let day = firstNight.adding(days: -1)
    let workspace = try workspace(trainedThrough: [day])
    _ = try ForecastStage.run(
      workspace: workspace, date: day, horizon: nil, outDirectory: nil, logger: quietLogger)
    let before = try RecommendStage.run(
      workspace: workspace, date: day, outDirectory: directory.path("before"),
      logger: quietLogger)
    let short = try ForecastStage.run(
      workspace: workspace, date: day, horizon: 3, outDirectory: nil, logger: quietLogger)
    XCTAssertEqual(short.rows, short.series * 3)
    XCTAssertEqual(short.archive, .nothing)
    let session = try WorkspaceSession(workspace: workspace)
    XCTAssertEqual(try ForecastStage.archived(session: session, date: day).horizonDays, horizon)
    let after = try RecommendStage.run(
      workspace: workspace, date: day, outDirectory: directory.path("after"),
      logger: quietLogger)
    XCTAssertEqual(try read(after.recommendationsPath), try read(before.recommendationsPath))

    let earlier = day.adding(days: -1)
    let first = try ForecastStage.run(
      workspace: workspace, date: earlier, horizon: 3, outDirectory: nil, logger: quietLogger)
    XCTAssertEqual(first.archive.blocks, 2, "one block per store")
    XCTAssertEqual(try ForecastStage.archived(session: session, date: earlier).horizonDays, 3)
  }

  /// A run date before the first day with demand is refused with the first day named (it
  /// used to write an empty forecast and succeed).
  func testARunDateBeforeTheHistoryIsRefused() throws {
    let workspace = try workspace(trainedThrough: [firstNight.adding(days: -1)])
    XCTAssertThrowsError(
      try ForecastStage.run(
        workspace: workspace, date: start.adding(days: -1), horizon: nil, outDirectory: nil,
        logger: quietLogger)
    ) { error in
      guard case PipelineError.invalidArgument(let message) = error else {
        return XCTFail("\(error)")
      }
      XCTAssertTrue(
        message.contains(
          "--date 2025-12-31 is before the first day with demand in the workspace (2026-01-01)"),
        message)
    }
  }

  /// Without a forecast archived for the date, `recommend` says so and names the command.
  func testRecommendWithoutAnArchivedForecastSaysWhatToRun() throws {
    let day = firstNight.adding(days: -1)
    let workspace = try workspace(trainedThrough: [day])
    XCTAssertThrowsError(
      try RecommendStage.run(
        workspace: workspace, date: day, outDirectory: nil, logger: quietLogger)
    ) { error in
      guard case PipelineError.invalidArgument(let message) = error else {
        return XCTFail("\(error)")
      }
      XCTAssertTrue(message.contains("shelfcast forecast --date \(day.iso)"), message)
    }
  }

  // MARK: - Files of the model in service

  /// A candidate that does not go into service leaves the champion's ABC classes (and so every
  /// service level of the recommendations) as they were; promoting it brings its own.
  func testACandidateNotPromotedChangesNoABCClass() throws {
    let workspace = try workspace(trainedThrough: [firstNight.adding(days: -1)])
    let classes = try read(workspace.abcClassesPath)
    let selection = try read(workspace.selectionPath)
    let candidate = try TrainStage.run(
      workspace: workspace, asOf: firstNight.adding(days: -60),
      configuration: try nightly().training.forecastConfiguration(), logger: quietLogger)
    XCTAssertNil(candidate.promotion)
    XCTAssertEqual(try read(workspace.abcClassesPath), classes)
    XCTAssertEqual(try read(workspace.selectionPath), selection)
    _ = try RegistryStage.promote(workspace: workspace, id: candidate.version.id, reason: "test")
    XCTAssertNotEqual(try read(workspace.abcClassesPath), classes, "91 days two months earlier")
  }

  // MARK: - Run dates the model has seen

  /// A run date before the champion's training end is refused (it would forecast days the
  /// model was fitted on); `--backfill` runs it with the version in service then (the latest
  /// promoted one trained only up to that date), and does not retrain.
  func testANightTheModelWasTrainedOnIsRefusedUnlessBackfilled() throws {
    let early = firstNight.adding(days: -20)
    let late = firstNight.adding(days: -1)
    let workspace = try workspace(trainedThrough: [early, late])
    let past = firstNight.adding(days: -5)
    XCTAssertThrowsError(try NightlyStage.run(context(workspace), runDate: past)) { error in
      guard case PipelineError.invalidArgument(let message) = error else {
        return XCTFail("\(error)")
      }
      XCTAssertTrue(message.contains(late.iso), message)
      XCTAssertTrue(message.contains("--backfill"), message)
    }
    let manifest = workspace.manifestDirectory + "/nightly-\(past.iso).json"
    XCTAssertFalse(FileManager.default.fileExists(atPath: manifest))

    let backfilled = try NightlyStage.run(context(workspace, backfill: true), runDate: past)
    XCTAssertEqual(backfilled.manifest.modelVersion, "v0001")
    XCTAssertNil(backfilled.retraining)
    let forecast = try String(
      contentsOfFile: workspace.reportDirectory + "/\(past.iso)/forecast.csv", encoding: .utf8)
    XCTAssertTrue(forecast.contains(past.adding(days: 1).iso))
    XCTAssertEqual(try workspace.openRegistry().champion()?.id, "v0002")

    XCTAssertThrowsError(
      try NightlyStage.run(context(workspace, backfill: true), runDate: early.adding(days: -1)),
      "no promoted version was trained only up to a day before the first one's window")
  }

  // MARK: - Finished nights

  /// A finished night run again does nothing and says so; with one of its outputs deleted it
  /// runs again and writes it back, byte for byte.
  func testAFinishedNightIsNotRunAgainUnlessAnOutputIsMissing() throws {
    let workspace = try workspace(trainedThrough: [firstNight.adding(days: -1)])
    try deliver(firstNight, to: workspace)
    let first = try NightlyStage.run(context(workspace), runDate: firstNight)
    XCTAssertFalse(first.alreadyFinished)
    let recommendations =
      workspace.reportDirectory + "/\(firstNight.iso)/recommendations.csv"
    let written = try read(recommendations)

    let again = try NightlyStage.run(context(workspace), runDate: firstNight)
    XCTAssertTrue(again.alreadyFinished)
    XCTAssertEqual(again.manifest, first.manifest)
    XCTAssertEqual(again.status, .success)

    try FileManager.default.removeItem(atPath: recommendations)
    let repaired = try NightlyStage.run(context(workspace), runDate: firstNight)
    XCTAssertFalse(repaired.alreadyFinished)
    XCTAssertEqual(try read(recommendations), written)
  }

  // MARK: - Exit codes

  private func alert(_ severity: Alert.Severity, _ kind: Alert.Kind) -> Alert {
    Alert(
      severity: severity, kind: kind, segment: "chain", value: 1, threshold: 0.5,
      suggestedAction: "", message: "")
  }

  /// By default a model-quality alert, even critical, does not fail the job; an operational
  /// critical one does, an operational warning does not. `fail_on` makes model-quality
  /// alerts fail it too.
  func testModelQualityAlertsDoNotFailTheJobByDefault() {
    let defaults = NightlyConfiguration()
    XCTAssertNil(defaults.failOn)
    XCTAssertEqual(defaults.failOnOperational, .critical)
    for kind in [Alert.Kind.drift, .accuracyDegraded, .bias, .subgroupGap] {
      XCTAssertFalse(kind.isOperational)
      XCTAssertFalse(defaults.failsOn([alert(.critical, kind)]), "\(kind)")
    }
    for kind in [Alert.Kind.timeBudget, .ingestRejections, .inputMissing] {
      XCTAssertTrue(kind.isOperational)
      XCTAssertTrue(defaults.failsOn([alert(.critical, kind)]), "\(kind)")
      XCTAssertFalse(defaults.failsOn([alert(.warning, kind)]), "\(kind)")
    }
    var strict = defaults
    strict.failOn = .warning
    XCTAssertTrue(strict.failsOn([alert(.warning, .drift)]))
    strict.failOnOperational = nil
    XCTAssertFalse(strict.failsOn([alert(.critical, .timeBudget)]))
    XCTAssertFalse(defaults.failsOn([]))
  }

  // MARK: - Workspaces

  /// A `--workspace` that is not a workspace is exit 64 for commands that read or run a
  /// night, and nothing is created; `ingest` and `init` create one.
  func testAFolderThatIsNotAWorkspaceIsAUsageError() throws {
    let missing = directory.path("typo")
    for arguments in [
      ["nightly", "--workspace", missing, "--date", "2026-07-16", "--quiet"],
      ["forecast", "--workspace", missing, "--quiet"],
      ["recommend", "--workspace", missing, "--quiet"],
      ["retrain", "--workspace", missing, "--quiet"],
      ["status", "--workspace", missing],
    ] {
      let result = try ShelfCastProcess.run(arguments)
      XCTAssertEqual(result.status, 64, "\(arguments[0]): \(result.error)")
      XCTAssertFalse(FileManager.default.fileExists(atPath: missing), arguments[0])
    }
    let created = try ShelfCastProcess.run(["init", "--workspace", missing])
    XCTAssertEqual(created.status, 0, created.error)
    XCTAssertTrue(FileManager.default.fileExists(atPath: missing + "/shelfcast.sqlite"))
    let status = try ShelfCastProcess.run(["status", "--workspace", missing])
    XCTAssertEqual(status.status, 0, status.error)
  }
}

extension NightlyDataflowTests {
  /// The nightly side of a shadow run: each night the champion's archived forecast and the
  /// shadow's, both issued the night before, are scored on the same store/SKU/days (checked
  /// against a hand-made join), and the run ends on its last night.
  func testTheChampionAndItsShadowAreScoredOnTheSameDaysAndTheRunEnds() throws {
    let logger = quietLogger
    let workspace = try workspace(
      trainedThrough: [firstNight.adding(days: -10), firstNight.adding(days: -1)])
    var configuration = nightly()
    configuration.explainItems = 0
    configuration.retraining.onDrift = .off
    configuration.retraining.onAccuracyDegradation = false
    let registry = try workspace.openRegistry()
    let shadowLog = ShadowLog(database: registry.database)
    try shadowLog.start(champion: "v0002", shadow: "v0001", firstNight: firstNight, nights: 3)
    let context = NightlyStage.Context(
      workspace: workspace, configuration: configuration, configurationPath: nil, logger: logger)
    var outcomes: [NightlyStage.Outcome] = []
    for night in 0..<3 {
      let day = firstNight.adding(days: night)
      try NightlyFixture.deliver(day, from: chain, to: workspace)
      outcomes.append(try NightlyStage.run(context, runDate: day))
    }
    let run = try XCTUnwrap(try shadowLog.runs().first)
    XCTAssertEqual(run.state, .completed)
    let scores = try shadowLog.scores(run: run.id)
    // The first night has no forecast of the champion's from the night before.
    XCTAssertEqual(scores.map(\.night), [firstNight.adding(days: 1), firstNight.adding(days: 2)])
    XCTAssertNil(outcomes[0].manifest.shadow?.championWAPE)
    XCTAssertEqual(outcomes[2].manifest.shadow?.state, .completed)
    XCTAssertEqual(outcomes[2].manifest.shadow?.nightsScored, 2)

    // The first scored night by hand: the archived p50 issued on the first night, the
    // shadow's p50 made from the history up to it, the sales of the next day.
    let database = try workspace.openDatabase()
    let source = try HistoryStoreSource(database: database)
    let shadowSet = try registry.loadFittedSet("v0001")
    // The artifact's header alone gives the same horizon spread (what `recommend` reads).
    XCTAssertEqual(try registry.loadHorizonSpread("v0001"), shadowSet.horizonSpread)
    let shadow = try Forecaster(fittedSet: shadowSet).forecast(
      source: source, runDate: firstNight, horizon: 1, levels: [0.5])
    let scored = firstNight.adding(days: 1)
    var expected = (points: 0, champion: 0.0, shadow: 0.0, actual: 0.0)
    for store in shadow {
      let block = try XCTUnwrap(
        try database.archivedForecast(store: store.store, issuedOn: firstNight))
      XCTAssertEqual(block.modelVersion, "v0002")
      let panel = try database.demandPanel(store: store.store, from: scored, through: scored)
      for series in store.series {
        let c = try XCTUnwrap(block.skus.firstIndex(of: series.key.sku))
        var actual = 0.0
        if let r = panel.keys.firstIndex(of: series.key) {
          if panel.censoring(r).first == true { continue }
          actual = panel.series(r).first ?? 0
        }
        expected.points += 1
        expected.actual += actual
        expected.champion += abs(Double(try XCTUnwrap(block.path(\.p50, series: c).first)) - actual)
        expected.shadow += abs((series.quantile(0.5)?[0] ?? .nan) - actual)
      }
    }
    XCTAssertEqual(scores[0].points, expected.points)
    // 16 series; a store/SKU out of stock that day is censored and not scored.
    XCTAssertGreaterThan(scores[0].points, 8)
    XCTAssertEqual(scores[0].actualUnits, expected.actual, accuracy: 1e-9)
    XCTAssertEqual(scores[0].championAbsoluteError, expected.champion, accuracy: 1e-9)
    XCTAssertEqual(scores[0].shadowAbsoluteError, expected.shadow, accuracy: 1e-9)
    let metrics = try String(
      contentsOfFile: workspace.reportDirectory + "/metrics.prom", encoding: .utf8)
    XCTAssertTrue(
      metrics.contains("shelfcast_shadow_wape_ratio{model_version=\"v0001\",role=\"shadow\"}"),
      metrics)
    XCTAssertTrue(metrics.contains("shelfcast_shadow_nights_scored 2"), metrics)
  }
}
