import DemandCore
import Foundation
import GRDB

/// What a retraining decided about a version it judged, as the registry keeps it.
public struct Judgement: Sendable, Equatable {
  /// c: the evaluation window's end (the judged candidate's last training day).
  public var evaluationWindowLastDay: Day
  /// `nil` for the first model (nothing to compare with).
  public var comparison: HoldoutComparison?
  public var decision: RetrainDecision
  /// The decision's sentence.
  public var reason: String

  public init(
    evaluationWindowLastDay: Day, comparison: HoldoutComparison?, decision: RetrainDecision,
    reason: String
  ) {
    self.evaluationWindowLastDay = evaluationWindowLastDay
    self.comparison = comparison
    self.decision = decision
    self.reason = reason
  }
}

extension AuditAction {
  /// A retraining judged a candidate (details: the decision, the holdout, both WAPEs).
  public static let judge: AuditAction = "judge"
  /// A judged candidate that won was refitted on the history up to the run date.
  public static let refit: AuditAction = "refit"
  /// A retraining found too few days after the champion's window for a fair comparison.
  public static let retrainDeferred: AuditAction = "retrain_deferred"
}

extension ModelRegistry {
  /// Records a retraining's judgement on `id` (its evaluation window, comparison and decision),
  /// with a `judge` audit entry; a `.rejected` decision also rejects it, in the same transaction.
  /// The status of a winner does not change here: its refit is what gets promoted.
  /// - Throws: `RegistryError.unknownVersion`; `.invalidTransition` unless `id` is a candidate.
  @discardableResult
  public func recordJudgement(_ id: String, _ judgement: Judgement) throws -> ModelVersion {
    let comparison = try judgement.comparison.map { try AuditLog.json($0) }
    let decision = try AuditLog.json(judgement.decision)
    return try database.write { db in
      let version = try Self.version(id, db)
      guard version.status == .candidate else {
        throw RegistryError.invalidTransition(
          version: id, status: version.status, operation: "judge",
          hint: "Only a candidate is judged by a retraining.")
      }
      try db.execute(
        sql: """
          UPDATE model_version SET evaluation_window_last_day = ?, comparison = ?, decision = ?
          WHERE id = ?
          """,
        arguments: [
          judgement.evaluationWindowLastDay.daysSinceEpoch, comparison, decision, id,
        ])
      var details = [
        "decision": judgement.decision.kind.rawValue, "reason": judgement.reason,
        "evaluation_window_last_day": judgement.evaluationWindowLastDay.iso,
      ]
      if let compared = judgement.comparison {
        details["holdout"] = "\(compared.firstDay.iso)..\(compared.lastDay.iso)"
        details["points"] = String(compared.points)
        details["champion"] = compared.championVersion ?? ""
      }
      _ = try AuditLog.append(.judge, id, try AuditLog.json(details), database, db)
      if judgement.decision.kind == .rejected {
        try db.execute(
          sql: "UPDATE model_version SET status = 'rejected', status_reason = ? WHERE id = ?",
          arguments: [judgement.reason, id])
        let rejection = try AuditLog.json(["reason": judgement.reason, "was": "candidate"])
        _ = try AuditLog.append(.reject, id, rejection, database, db)
      }
      return try Self.version(id, db)
    }
  }

  /// Links the refit `refitID` to the judged candidate `judgedID` it was refitted from: the
  /// refit takes the judged one's evaluation window end, comparison and decision, and records
  /// `refit_of`; a `refit` audit entry records both windows. Linking twice changes nothing.
  /// - Throws: `RegistryError.unknownVersion`; `.invalidTransition` when `judgedID` carries no
  ///   judgement.
  @discardableResult
  public func linkRefit(_ refitID: String, to judgedID: String) throws -> ModelVersion {
    try database.write { db in
      let judged = try Self.version(judgedID, db)
      let refit = try Self.version(refitID, db)
      if refit.refitOf == judgedID { return refit }
      guard let window = judged.evaluationWindowLastDay, judged.decision != nil else {
        throw RegistryError.invalidTransition(
          version: judgedID, status: judged.status, operation: "refit",
          hint: "It was not judged by a retraining.")
      }
      try db.execute(
        sql: """
          UPDATE model_version SET refit_of = ?, evaluation_window_last_day = ?,
            comparison = (SELECT comparison FROM model_version WHERE id = ?),
            decision = (SELECT decision FROM model_version WHERE id = ?)
          WHERE id = ?
          """,
        arguments: [judgedID, window.daysSinceEpoch, judgedID, judgedID, refitID])
      try db.execute(
        sql: "UPDATE model_version SET status_reason = ? WHERE id = ?",
        arguments: [
          "won its comparison; refitted through \(refit.windowLastDay.iso) as \(refitID)", judgedID,
        ])
      let details = try AuditLog.json([
        "refit_of": judgedID, "evaluation_window_last_day": window.iso,
        "serving_window_last_day": refit.windowLastDay.iso,
      ])
      _ = try AuditLog.append(.refit, refitID, details, database, db)
      return try Self.version(refitID, db)
    }
  }

  /// Records that the retraining of `runDate` was deferred (`retrain_deferred` audit entry on
  /// the champion `championID`): nothing was registered. The same deferral recorded already
  /// (a night killed after it and run again) is not recorded twice.
  public func recordDeferral(
    runDate: Day, championID: String, _ deferral: HoldoutPlan.Deferral
  ) throws {
    let details = try AuditLog.json([
      "run_date": runDate.iso, "champion_window_last_day": deferral.championWindowLastDay.iso,
      "unseen_days": String(deferral.unseenDays), "required_days": String(deferral.requiredDays),
    ])
    try database.write { db in
      let last = try Row.fetchOne(
        db,
        sql: "SELECT subject, details FROM audit_entry WHERE action = ? ORDER BY seq DESC LIMIT 1",
        arguments: [AuditAction.retrainDeferred.rawValue])
      if let last, last["subject"] == championID, last["details"] == details { return }
      _ = try AuditLog.append(.retrainDeferred, championID, details, database, db)
    }
  }
}
