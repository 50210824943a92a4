import DemandCore
import Foundation
import Registry
import Reports
import XCTest
import _TestSupport

@testable import Pipeline

/// `ModelLifeReport` on a registry with a few versions, nights and a shadow run, checked row by
/// row against what was recorded.
final class ModelLifeReportTests: XCTestCase {
  static let d0 = Day(iso: "2026-10-01")!
  static func day(_ offset: Int) -> Day { d0.adding(days: offset) }

  private var directory: TemporaryDirectory!

  override func setUpWithError() throws { directory = try TemporaryDirectory() }
  override func tearDown() { directory = nil }

  /// The story, night by night (D0 = 2026-10-01):
  /// - D0: the first model v0001 (trained through D0) serves;
  /// - D0+3: an accuracy retraining is deferred (nothing registered);
  /// - D0+7: the schedule's v0002 (through D0+6) loses, 31.0 % vs 29.8 % on 1,200 points;
  /// - D0+10: drift's v0003 (through D0+9) wins, 25.0 % vs 27.2 % on 980 points, and serves as
  ///   its refit v0004 (through D0+10); v0001 shadows it for 14 nights, scored on D0+11 (champion
  ///   20 / 100 units, shadow 25) and D0+12 (30 and 20);
  /// - D0+13, the night being run: the schedule's retraining fails.
  func makeRegistry() throws -> ModelRegistry {
    let workspace = try Workspace(path: directory.path)
    try FileManager.default.createDirectory(
      atPath: workspace.modelVersionsDirectory, withIntermediateDirectories: true)
    let now = Date(timeIntervalSince1970: 1_790_000_000)
    let registry = ModelRegistry(
      database: try RegistryDatabase(
        path: workspace.databasePath, actor: PruneFixture.actor, clock: { now }),
      versionsDirectory: workspace.modelVersionsDirectory, servingPath: workspace.fittedSetPath,
      catalog: StandardModels.catalog)
    func register(
      _ horizon: Int, through: Day, runDate: Day, trigger: RetrainTrigger
    ) throws -> ModelVersion {
      var candidate = try PruneFixture.candidate(horizon: horizon)
      candidate.windowLastDay = through
      candidate.runDate = runDate
      candidate.trigger = trigger
      candidate.reason = "test"
      return try registry.register(candidate)
    }
    let nights = NightLog(database: registry.database)
    func night(
      _ offset: Int, _ version: String, trigger: String? = nil, candidate: String? = nil,
      decision: String? = nil
    ) throws {
      try nights.record(
        NightRecord(
          runDate: Self.day(offset), outcome: .completed, modelVersion: version,
          retrainTrigger: trigger, retrainVersion: candidate, retrainDecision: decision,
          manifest: directory.path + "/manifests/missing.json", startedAt: "", finishedAt: ""))
    }
    let compared = { (candidate: Double, champion: Double, points: Int, through: Day) in
      HoldoutComparison(
        firstDay: through.adding(days: 1), lastDay: through.adding(days: 1), points: points,
        candidateWAPE: candidate, championWAPE: champion, championAgeDays: 7,
        candidateWindowLastDay: through, championWindowLastDay: Self.d0, championVersion: "v0001")
    }

    _ = try register(7, through: Self.d0, runDate: Self.d0, trigger: .firstModel)
    _ = try registry.promote("v0001", reason: "first model")
    try night(0, "v0001", trigger: "first_model", candidate: "v0001", decision: "first_model")
    for offset in [1, 2, 4, 5, 6, 8, 9] { try night(offset, "v0001") }
    try night(3, "v0001", trigger: "accuracy", decision: "deferred")

    _ = try register(8, through: Self.day(6), runDate: Self.day(7), trigger: .schedule)
    try registry.recordJudgement(
      "v0002",
      Judgement(
        evaluationWindowLastDay: Self.day(6), comparison: compared(0.31, 0.298, 1_200, Self.day(6)),
        decision: .rejected(.worse(degradation: 0.041)), reason: "worse by 4.1 %; champion kept"))
    try night(7, "v0001", trigger: "schedule", candidate: "v0002", decision: "rejected")

    _ = try register(9, through: Self.day(9), runDate: Self.day(10), trigger: .drift)
    try registry.recordJudgement(
      "v0003",
      Judgement(
        evaluationWindowLastDay: Self.day(9), comparison: compared(0.25, 0.272, 980, Self.day(9)),
        decision: .promoted(.betterByMargin(improvement: 0.08, margin: 0.02)),
        reason: "better by 8.0 %"))
    _ = try register(10, through: Self.day(10), runDate: Self.day(10), trigger: .drift)
    try registry.linkRefit("v0004", to: "v0003")
    _ = try registry.promote("v0004", reason: "better by 8.0 % ≥ the 2.0 % margin")
    try night(10, "v0004", trigger: "drift", candidate: "v0004", decision: "promoted")
    for offset in [11, 12] { try night(offset, "v0004") }

    let shadows = ShadowLog(database: registry.database)
    let run = try shadows.start(
      champion: "v0004", shadow: "v0001", firstNight: Self.day(10), nights: 14)
    try shadows.record(
      ShadowScore(
        night: Self.day(11), points: 100, championAbsoluteError: 20, shadowAbsoluteError: 25,
        actualUnits: 100), run: run.id)
    try shadows.record(
      ShadowScore(
        night: Self.day(12), points: 100, championAbsoluteError: 30, shadowAbsoluteError: 20,
        actualUnits: 100), run: run.id)
    return registry
  }

  static let tonight = NightlyManifest.Retraining(
    trigger: "schedule", reason: "weekly", candidate: nil, decision: "failed",
    decisionReason: "the retraining failed; the champion stays in service", comparison: nil,
    error: "disk full")

  func testVersionsAreTheLanesWithTheirDecisionsAndService() throws {
    let life = try ModelLifeReport.make(
      registry: try makeRegistry(), through: Self.day(13), tonight: Self.tonight)
    // v0003 won and serves as its refit v0004: one lane for both.
    XCTAssertEqual(life.versions.map(\.id), ["v0001", "v0002", "v0004"])
    XCTAssertEqual(life.firstDay, Self.day(13).adding(days: -119))

    let first = life.versions[0]
    XCTAssertEqual(first.trainedThrough, Self.d0)
    XCTAssertEqual(first.trigger, "first_model")
    XCTAssertEqual(first.registeredOn, Self.d0)
    XCTAssertEqual(first.decision, .firstModel)
    XCTAssertTrue(first.reason.hasPrefix("first model"), first.reason)
    XCTAssertEqual(first.promotedOn, Self.d0)
    XCTAssertEqual(first.retiredOn, Self.day(10))
    XCTAssertEqual(first.status, .archived)
    XCTAssertFalse(first.isChampion)

    let rejected = life.versions[1]
    XCTAssertEqual(rejected.trainedThrough, Self.day(6))
    XCTAssertEqual(rejected.registeredOn, Self.day(7))
    XCTAssertEqual(rejected.decision, .rejected)
    XCTAssertEqual(rejected.reason, "worse by 4.1 %; champion kept")
    XCTAssertEqual(rejected.comparison?.points, 1_200)
    XCTAssertEqual(rejected.comparison?.candidateWAPE, 0.31)
    XCTAssertEqual(rejected.comparison?.championWAPE, 0.298)
    XCTAssertNil(rejected.promotedOn)
    XCTAssertEqual(rejected.status, .rejected)

    let champion = life.versions[2]
    XCTAssertEqual(champion.trainedThrough, Self.day(10))
    XCTAssertEqual(champion.refitOf, "v0003")
    XCTAssertEqual(champion.decision, .promoted)
    XCTAssertEqual(champion.reason, "better by 8.0 % ≥ the 2.0 % margin")
    XCTAssertEqual(champion.comparison?.points, 980)
    XCTAssertEqual(champion.promotedOn, Self.day(10))
    XCTAssertNil(champion.retiredOn)
    XCTAssertTrue(champion.isChampion)

    // Ten nights of v0001, then v0004 through tonight (its night not recorded yet).
    XCTAssertEqual(life.service.map(\.day), (0...13).map(Self.day))
    XCTAssertEqual(
      life.service.map(\.version),
      Array(repeating: "v0001", count: 10) + Array(repeating: "v0004", count: 4))
  }

  func testEachRetrainingIsARowWithItsDecision() throws {
    let life = try ModelLifeReport.make(
      registry: try makeRegistry(), through: Self.day(13), tonight: Self.tonight)
    let rows = life.retrainings
    XCTAssertEqual(rows.map(\.runDate), [0, 3, 7, 10, 13].map(Self.day))
    XCTAssertEqual(
      rows.map(\.trigger), ["first_model", "accuracy", "schedule", "drift", "schedule"])
    XCTAssertEqual(rows.map(\.decision), [.firstModel, .deferred, .rejected, .promoted, .failed])
    XCTAssertEqual(rows.map(\.candidate), ["v0001", nil, "v0002", "v0003", nil])
    XCTAssertEqual(rows.map(\.servedAs), [nil, nil, nil, "v0004", nil])
    XCTAssertEqual(rows.map { $0.comparison?.points }, [nil, nil, 1_200, 980, nil])
    XCTAssertEqual(rows[2].comparison?.candidateWAPE, 0.31)
    XCTAssertEqual(rows[3].comparison?.championWAPE, 0.272)
    XCTAssertEqual(rows[3].comparison?.championVersion, "v0001")
    // Without the nights' manifests, the registry's sentences.
    XCTAssertEqual(rows[2].reason, "worse by 4.1 %; champion kept")
    XCTAssertEqual(rows[3].reason, "better by 8.0 % ≥ the 2.0 % margin")
    XCTAssertEqual(
      rows[1].reason, "no fair comparison possible yet; the champion stayed in service")
    XCTAssertEqual(
      rows[4].reason, "the retraining failed; the champion stays in service: disk full")
  }

  func testTheShadowRunCarriesItsNightlyWAPEs() throws {
    let life = try ModelLifeReport.make(
      registry: try makeRegistry(), through: Self.day(13), tonight: Self.tonight)
    XCTAssertEqual(life.shadowRuns.count, 1)
    let run = try XCTUnwrap(life.shadowRuns.first)
    XCTAssertEqual(run.champion, "v0004")
    XCTAssertEqual(run.shadow, "v0001")
    XCTAssertEqual(run.firstNight, Self.day(10))
    XCTAssertEqual(run.lastNight, Self.day(23))
    XCTAssertEqual(run.endNight, Self.day(13), "active: up to the report's night")
    XCTAssertEqual(run.state, .active)
    XCTAssertEqual(run.nights.map(\.night), [Self.day(11), Self.day(12)])
    XCTAssertEqual(run.nights.map(\.points), [100, 100])
    // 20 / 100 and 30 / 100 for the champion, 25 / 100 and 20 / 100 for the shadow.
    XCTAssertEqual(run.nights.map(\.championWAPE), [0.2, 0.3])
    XCTAssertEqual(run.nights.map(\.shadowWAPE), [0.25, 0.2])
    XCTAssertEqual(run.championWAPE, 0.25)
    XCTAssertEqual(run.shadowWAPE, 0.225)
  }

  func testAnEarlierReportSeesOnlyItsPast() throws {
    let life = try ModelLifeReport.make(registry: try makeRegistry(), through: Self.day(8))
    XCTAssertEqual(life.retrainings.map(\.runDate), [0, 3, 7].map(Self.day))
    XCTAssertEqual(life.service.last?.day, Self.day(8))
    XCTAssertEqual(life.service.map(\.version), Array(repeating: "v0001", count: 9))
    XCTAssertEqual(life.shadowRuns, [])
    XCTAssertEqual(life.versions.map(\.id), ["v0001", "v0002"], "v0004 came later")
    // The report renders it, every version and decision listed.
    let html = ReportRenderer.html(
      ReportData(
        title: "t", runDate: Self.day(8), chainName: "c",
        chain: ForecastActualSeries(name: "c", points: []), modelLife: life))
    XCTAssertTrue(html.contains("<circle class=\"decision rejected\""))
    XCTAssertTrue(html.contains("<circle class=\"decision deferred\""))
  }

  func testAShortWindowDropsOldRetrainingsButKeepsTheChampion() throws {
    let life = try ModelLifeReport.make(
      registry: try makeRegistry(), through: Self.day(13), tonight: Self.tonight, windowDays: 3)
    XCTAssertEqual(life.firstDay, Self.day(11))
    XCTAssertEqual(life.retrainings.map(\.runDate), [Self.day(13)])
    XCTAssertEqual(life.service.map(\.day), [11, 12, 13].map(Self.day))
    // v0001 shadows in the window; v0002 is gone.
    XCTAssertEqual(life.versions.map(\.id), ["v0001", "v0004"])
  }

  func testARolledBackShadowRunEndsOnItsChampionsLastNight() throws {
    let registry = try makeRegistry()
    let shadows = ShadowLog(database: registry.database)
    let run = try XCTUnwrap(try shadows.runs().first)
    try shadows.end(run.id, as: .rolledBack, reason: "worse in service")
    try NightLog(database: registry.database).record(
      NightRecord(
        runDate: Self.day(13), outcome: .completed, modelVersion: "v0001", manifest: "",
        startedAt: "", finishedAt: ""))
    let life = try ModelLifeReport.make(registry: registry, through: Self.day(13))
    let shadow = try XCTUnwrap(life.shadowRuns.first)
    XCTAssertEqual(shadow.state, .rolledBack)
    XCTAssertEqual(shadow.endReason, "worse in service")
    XCTAssertEqual(shadow.endNight, Self.day(12), "v0004's last night in service")
  }

  func testAVersionTrainedByHandWithoutNightsServesFromItsPromotion() throws {
    let workspace = try Workspace(path: directory.path)
    try FileManager.default.createDirectory(
      atPath: workspace.modelVersionsDirectory, withIntermediateDirectories: true)
    // 1_790_000_000 s is 2026-09-21T12:53:20Z.
    let now = Date(timeIntervalSince1970: 1_790_000_000)
    let registry = ModelRegistry(
      database: try RegistryDatabase(
        path: workspace.databasePath, actor: PruneFixture.actor, clock: { now }),
      versionsDirectory: workspace.modelVersionsDirectory, servingPath: workspace.fittedSetPath,
      catalog: StandardModels.catalog)
    _ = try registry.register(try PruneFixture.candidate(horizon: 7))
    _ = try registry.promote("v0001", reason: "trained by hand", byHand: true)
    let promoted = Day(iso: "2026-09-21")!
    let life = try ModelLifeReport.make(registry: registry, through: promoted.adding(days: 4))
    XCTAssertEqual(life.versions.map(\.id), ["v0001"])
    XCTAssertEqual(life.versions[0].decision, .byHand)
    XCTAssertEqual(life.versions[0].registeredOn, promoted)
    XCTAssertEqual(life.versions[0].promotedOn, promoted)
    XCTAssertTrue(life.versions[0].isChampion)
    XCTAssertEqual(life.service.map(\.day), (0...4).map { promoted.adding(days: $0) })
    XCTAssertEqual(Set(life.service.map(\.version)), ["v0001"])
    XCTAssertEqual(life.retrainings, [])
  }
}

extension ModelLifeReportTests {
  /// The nightly job's hook, as it is to be added to `MonitorStage.run` in `Night.run()`: kept
  /// here so that it keeps compiling.
  static func nightlyHook(_ night: Night) -> ModelLife? {
    ModelLifeReport.make(
      registry: night.session.registry, through: night.runDate, tonight: night.retraining,
      logger: night.logger)
  }
}
