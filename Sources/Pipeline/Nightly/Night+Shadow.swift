import DemandCore
import Forecasting
import Foundation
import Registry
import Tabular

extension Night {
  /// Scored nights a shadow run needs before it may roll its champion back: one of each
  /// weekday.
  static let shadowMinimumNights = 7

  /// The shadow step of a night during a shadow run (`ShadowLog`, after an automatic
  /// promotion): the champion and the version it replaced are scored on the run date's sales,
  /// each with the forecast it made (or would have made) the night before, from the history up
  /// to that night: the champion's archived forecast, and the shadow's made now from the same
  /// history. Both forecasts were issued one day ahead (horizon 1) on the same uncensored
  /// store/SKU/days. Once `shadowMinimumNights` nights are scored, a champion worse than the
  /// shadow by more than `minimum_improvement` is rolled back to it (`ShadowRule`); on the
  /// run's last night it ends as completed.
  ///
  /// The first night of a run (the promotion's) has nothing to score: the champion issued no
  /// forecast the night before. A night whose archived forecast is another version's (a
  /// rollback by hand) ends the run as superseded.
  /// - Returns: the run's WAPE of both so far, for the metrics, or `nil` when the run ended
  ///   because the champion changed.
  /// The shadow run active on the run date, if any (a backfill night never scores one).
  func activeShadowRun() throws -> ShadowRun? {
    guard !served.isBackfill else { return nil }
    return try ShadowLog(database: session.registry.database).active(on: runDate)
  }

  mutating func scoreShadow(_ run: ShadowRun) throws -> ShadowStanding? {
    let log = ShadowLog(database: session.registry.database)
    let champion = try session.registry.champion()
    if let champion, champion.id == run.shadow,
      champion.promotionReason?.hasPrefix(Self.shadowRollbackPrefix) == true
    {
      return try finishRollback(run, log: log)
    }
    guard champion?.id == run.champion else {
      try log.end(
        run.id, as: .superseded,
        reason: "the champion is \(champion?.id ?? "none"), not \(run.champion)")
      return nil
    }
    let issued = runDate.adding(days: -1)
    if issued >= run.firstNight,
      let score = try shadowScore(run: run, issuedOn: issued)
    {
      try log.record(score, run: run.id)
    }
    let scores = try log.scores(run: run.id)
    let standing = ShadowStanding(run: run, scores: scores)
    if let reason = ShadowRule.rollbackReason(
      scores, minimumNights: Self.shadowMinimumNights,
      margin: configuration.retraining.minimumImprovement)
    {
      CrashPoint.hit("nightly.shadow-before-rollback")
      _ = try RegistryStage.rollback(
        workspace: workspace, reason: Self.shadowRollbackPrefix + reason, to: run.shadow)
      try log.end(run.id, as: .rolledBack, reason: reason)
      session.servingChanged()
      logger.warning(
        "the champion did worse than its shadow and was rolled back",
        metadata: [
          "champion": "\(run.champion)", "restored": "\(run.shadow)", "reason": "\(reason)",
        ])
      return standing.endedAs(.rolledBack)
    }
    if runDate >= run.lastNight {
      try log.end(
        run.id, as: .completed,
        reason: "\(scores.count) nights scored; the champion was not worse than its shadow")
      return standing.endedAs(.completed)
    }
    return standing
  }

  /// How a shadow run's rollback names itself in the registry (the returning version's
  /// promotion reason) and in the audit log.
  static let shadowRollbackPrefix = "shadow run: "

  /// A night killed after its shadow rollback committed and before the run was ended, run
  /// again: the champion is already the shadow, by this run's rollback. The files the rollback
  /// writes are brought in line (`RegistryStage.repair`) and the run ends as rolled back, as
  /// the night would have ended it.
  mutating func finishRollback(_ run: ShadowRun, log: ShadowLog) throws -> ShadowStanding {
    try RegistryStage.repair(workspace)
    let scores = try log.scores(run: run.id)
    let reason =
      ShadowRule.rollbackReason(
        scores, minimumNights: Self.shadowMinimumNights,
        margin: configuration.retraining.minimumImprovement)
      ?? "the champion did worse than its shadow"
    try log.end(run.id, as: .rolledBack, reason: reason)
    session.servingChanged()
    logger.warning(
      "the champion did worse than its shadow and was rolled back (by an earlier attempt of this night)",
      metadata: ["champion": "\(run.champion)", "restored": "\(run.shadow)"])
    return ShadowStanding(run: run, scores: scores).endedAs(.rolledBack)
  }

  /// The shadow run this night already scored and ended (a night run again after a kill or a
  /// stop past its shadow stage), with its standing as the night left it; `nil` otherwise.
  func endedShadowStanding() throws -> ShadowStanding? {
    guard !served.isBackfill else { return nil }
    let log = ShadowLog(database: session.registry.database)
    for run in try log.runs().reversed()
    where run.state == .rolledBack || run.state == .completed {
      let scores = try log.scores(run: run.id)
      guard scores.last?.night == runDate else { continue }
      return ShadowStanding(run: run, scores: scores).endedAs(run.state)
    }
    return nil
  }

  /// Champion and shadow on the run date's sales, each from its forecast issued on `issuedOn`
  /// (one day ahead); `nil` when the champion archived nothing that night.
  func shadowScore(run: ShadowRun, issuedOn: Day) throws -> ShadowScore? {
    let source = try session.history()
    let shadowSet = try session.registry.loadFittedSet(run.shadow)
    let shadow = try Forecaster(fittedSet: shadowSet).forecast(
      source: source, runDate: issuedOn, horizon: 1, levels: [0.5])
    var score = ShadowScore(
      night: runDate, points: 0, championAbsoluteError: 0, shadowAbsoluteError: 0,
      actualUnits: 0)
    var archivedAny = false
    for store in shadow {
      guard
        let block = try session.database.archivedForecast(store: store.store, issuedOn: issuedOn),
        block.modelVersion == run.champion
      else { continue }
      archivedAny = true
      let panel = try session.database.demandPanel(
        store: store.store, from: runDate, through: runDate)
      let row = Dictionary(
        panel.keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
      let championRow = Dictionary(
        block.skus.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
      for series in store.series {
        guard let shadowMedian = series.quantile(0.5)?.first,
          let c = championRow[series.key.sku]
        else { continue }
        var actual = 0.0
        if let r = row[series.key] {
          guard let censored = panel.censoring(r).first, !censored,
            let units = panel.series(r).first
          else { continue }
          actual = units
        }
        guard let championMedian = block.path(\.p50, series: c).first.map(Double.init) else {
          continue
        }
        score.points += 1
        score.actualUnits += actual
        score.championAbsoluteError += abs(championMedian - actual)
        score.shadowAbsoluteError += abs(shadowMedian - actual)
      }
    }
    return archivedAny ? score : nil
  }
}

/// Where a shadow run stands after a night: both versions' WAPE over the nights scored so far.
public struct ShadowStanding: Sendable, Equatable, Codable {
  public var champion: String
  public var shadow: String
  public var nightsScored: Int
  public var points: Int
  /// WAPE (ratios) over the scored nights; `nil` before any sale was scored.
  public var championWAPE: Double?
  public var shadowWAPE: Double?
  public var state: ShadowRun.State

  enum CodingKeys: String, CodingKey {
    case champion, shadow, points, state
    case nightsScored = "nights_scored"
    case championWAPE = "champion_wape"
    case shadowWAPE = "shadow_wape"
  }

  init(run: ShadowRun, scores: [ShadowScore]) {
    champion = run.champion
    shadow = run.shadow
    nightsScored = scores.count
    points = scores.map(\.points).reduce(0, +)
    let actual = scores.map(\.actualUnits).reduce(0, +)
    championWAPE =
      actual > 0 ? scores.map(\.championAbsoluteError).reduce(0, +) / actual : nil
    shadowWAPE = actual > 0 ? scores.map(\.shadowAbsoluteError).reduce(0, +) / actual : nil
    state = run.state
  }

  func endedAs(_ state: ShadowRun.State) -> ShadowStanding {
    var copy = self
    copy.state = state
    return copy
  }
}
