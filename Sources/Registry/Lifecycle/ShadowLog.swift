import DemandCore
import GRDB

/// After a promotion, the champion it replaced keeps forecasting in shadow for a number of
/// nights, so the monitor can score both on the same days and roll back a promotion that does
/// worse in service than on its holdout. This is the registry's side: which version is shadow,
/// for which nights, what each night scored, and how the run ended. The nightly side (forecast
/// the shadow, score both, call `ShadowRule` and `rollback`) reads and writes it.
public struct ShadowRun: Sendable, Equatable {
  /// How a shadow run stands.
  public enum State: String, Sendable, Codable, CaseIterable {
    /// The shadow forecasts on the nights `firstNight … lastNight`.
    case active
    /// Its last night passed without a rollback.
    case completed
    /// The champion did worse than the shadow and was rolled back to it.
    case rolledBack = "rolled_back"
    /// Another promotion (or a rollback by hand) changed the champion first.
    case superseded
  }

  public var id: Int64
  /// The version promoted, in service.
  public var champion: String
  /// The champion it replaced, forecasting in shadow.
  public var shadow: String
  /// The first and last run dates forecast in shadow.
  public var firstNight: Day
  public var lastNight: Day
  public var state: State
  public var endReason: String?
}

/// One night's scores of champion and shadow on the same uncensored store/SKU/days.
public struct ShadowScore: Sendable, Equatable {
  /// The run date whose actuals were scored.
  public var night: Day
  public var points: Int
  /// Σ|p50 − actual| of each, and Σ actual, in units.
  public var championAbsoluteError: Double
  public var shadowAbsoluteError: Double
  public var actualUnits: Double

  public init(
    night: Day, points: Int, championAbsoluteError: Double, shadowAbsoluteError: Double,
    actualUnits: Double
  ) {
    self.night = night
    self.points = points
    self.championAbsoluteError = championAbsoluteError
    self.shadowAbsoluteError = shadowAbsoluteError
    self.actualUnits = actualUnits
  }
}

/// The `shadow_run` and `shadow_score` tables.
public struct ShadowLog: Sendable {
  public let database: RegistryDatabase

  public init(database: RegistryDatabase) { self.database = database }

  /// Starts shadowing `shadow` behind `champion` for `nights` run dates from `firstNight`; an
  /// active run of another champion is `superseded`. Starting the same run twice changes
  /// nothing (a resumed retraining calls it again).
  /// - Precondition: `nights ≥ 1`.
  @discardableResult
  public func start(champion: String, shadow: String, firstNight: Day, nights: Int) throws
    -> ShadowRun
  {
    precondition(nights >= 1)
    return try database.write { db in
      if let existing = try Self.run(champion: champion, db) { return existing }
      let now = database.timestamp()
      try db.execute(
        sql: """
          UPDATE shadow_run SET state = 'superseded', ended_at = ?, end_reason = ?
          WHERE state = 'active'
          """, arguments: [now, "\(champion) was promoted"])
      try db.execute(
        sql: """
          INSERT INTO shadow_run (champion, shadow, first_night, last_night, state, started_at)
          VALUES (?, ?, ?, ?, 'active', ?)
          """,
        arguments: [
          champion, shadow, firstNight.daysSinceEpoch,
          firstNight.adding(days: nights - 1).daysSinceEpoch, now,
        ])
      let details = try AuditLog.json([
        "shadow": shadow, "first_night": firstNight.iso,
        "last_night": firstNight.adding(days: nights - 1).iso,
      ])
      _ = try AuditLog.append("shadow_start", champion, details, database, db)
      guard let run = try Self.run(champion: champion, db) else {
        preconditionFailure("the shadow run was just inserted")
      }
      return run
    }
  }

  /// The active run whose nights include `day`, if any.
  public func active(on day: Day) throws -> ShadowRun? {
    try database.read { db in
      try Row.fetchOne(
        db,
        sql: """
          SELECT * FROM shadow_run WHERE state = 'active' AND first_night <= ? AND last_night >= ?
          """, arguments: [day.daysSinceEpoch, day.daysSinceEpoch]
      ).map(Self.run(row:))
    }
  }

  /// Every shadow run, oldest first.
  public func runs() throws -> [ShadowRun] {
    try database.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM shadow_run ORDER BY first_night, id").map(
        Self.run(row:))
    }
  }

  /// Records (or replaces) a night's scores.
  public func record(_ score: ShadowScore, run: Int64) throws {
    try database.write { db in
      try db.execute(
        sql: """
          INSERT OR REPLACE INTO shadow_score (
            run, night, points, champion_abs_error, shadow_abs_error, actual_units)
          VALUES (?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          run, score.night.daysSinceEpoch, score.points, score.championAbsoluteError,
          score.shadowAbsoluteError, score.actualUnits,
        ])
    }
  }

  /// Every night's scores of `run`, oldest first.
  public func scores(run: Int64) throws -> [ShadowScore] {
    try database.read { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM shadow_score WHERE run = ? ORDER BY night", arguments: [run]
      ).map {
        ShadowScore(
          night: Day(daysSinceEpoch: $0["night"]), points: $0["points"],
          championAbsoluteError: $0["champion_abs_error"],
          shadowAbsoluteError: $0["shadow_abs_error"], actualUnits: $0["actual_units"])
      }
    }
  }

  /// Ends `run` as `state` (not `active`) with `reason`, with a `shadow_end` audit entry.
  public func end(_ run: Int64, as state: ShadowRun.State, reason: String) throws {
    precondition(state != .active)
    try database.write { db in
      try db.execute(
        sql: "UPDATE shadow_run SET state = ?, ended_at = ?, end_reason = ? WHERE id = ?",
        arguments: [state.rawValue, database.timestamp(), reason, run])
      let champion =
        try String.fetchOne(
          db, sql: "SELECT champion FROM shadow_run WHERE id = ?", arguments: [run])
        ?? ""
      let details = try AuditLog.json(["state": state.rawValue, "reason": reason])
      _ = try AuditLog.append("shadow_end", champion, details, database, db)
    }
  }

  static func run(champion: String, _ db: Database) throws -> ShadowRun? {
    try Row.fetchOne(
      db, sql: "SELECT * FROM shadow_run WHERE champion = ? ORDER BY id DESC LIMIT 1",
      arguments: [champion]
    ).map(run(row:))
  }

  static func run(row: Row) throws -> ShadowRun {
    let id: Int64 = row["id"]
    let text: String = row["state"]
    guard let state = ShadowRun.State(rawValue: text) else {
      throw RegistryError.corruptRecord(
        version: "shadow run \(id)", reason: "unknown state '\(text)'")
    }
    return ShadowRun(
      id: id, champion: row["champion"], shadow: row["shadow"],
      firstNight: Day(daysSinceEpoch: row["first_night"]),
      lastNight: Day(daysSinceEpoch: row["last_night"]), state: state,
      endReason: row["end_reason"])
  }
}

/// When a shadow run rolls its champion back: once at least `minimumNights` nights are scored,
/// if the champion's WAPE over them is worse than the shadow's by more than `margin` (relative;
/// the retraining's `minimum_improvement`, so the same noise allowance decides both ways).
public enum ShadowRule {
  /// `nil` to keep the champion, or the rollback's reason.
  public static func rollbackReason(
    _ scores: [ShadowScore], minimumNights: Int, margin: Double
  ) -> String? {
    guard scores.count >= minimumNights else { return nil }
    let actual = scores.map(\.actualUnits).reduce(0, +)
    guard actual > 0 else { return nil }
    let champion = scores.map(\.championAbsoluteError).reduce(0, +) / actual
    let shadow = scores.map(\.shadowAbsoluteError).reduce(0, +) / actual
    guard shadow > 0, (champion - shadow) / shadow > margin else { return nil }
    let points = scores.map(\.points).reduce(0, +)
    return
      "in service for \(scores.count) nights (\(points) store/SKU/days), WAPE "
      + "\(PromotionRule.percent(champion)) vs the shadow's \(PromotionRule.percent(shadow)): "
      + "worse by more than \(PromotionRule.percent(margin))"
  }
}
