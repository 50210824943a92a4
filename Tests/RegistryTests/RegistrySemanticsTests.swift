import DemandCore
import Foundation
import Registry
import XCTest

/// Aliases, promotion by hand over a rejection, rollback's way out, `diff`, and what a
/// retraining records (judgement, refit with both windows).
final class RegistrySemanticsTests: XCTestCase {
  func testAliasesFollowTheRegistry() throws {
    let fixture = try RegistryFixture()
    XCTAssertThrowsError(try fixture.registry.resolve("champion")) {
      guard case .aliasUnset(let alias, _) = $0 as? RegistryError else { return XCTFail("\($0)") }
      XCTAssertEqual(alias, "champion")
    }
    let ids = try fixture.register(horizons: [7, 14, 21])
    _ = try fixture.registry.promote(ids[0], reason: "first")
    _ = try fixture.registry.promote(ids[1], reason: "better")
    XCTAssertEqual(try fixture.registry.resolve("champion"), "v0002")
    XCTAssertEqual(try fixture.registry.resolve("@Champion"), "v0002")
    XCTAssertEqual(try fixture.registry.resolve("previous"), "v0001")
    XCTAssertEqual(try fixture.registry.resolve("challenger"), "v0003")
    XCTAssertEqual(try fixture.registry.resolve("v0003"), "v0003")
    XCTAssertEqual(try fixture.registry.aliases(of: "v0002"), [.champion])
    XCTAssertThrowsError(try fixture.registry.resolve("v0042")) {
      XCTAssertEqual($0 as? RegistryError, .unknownVersion("v0042"))
    }
    // A rejected version is still the challenger until a newer one comes.
    _ = try fixture.registry.reject("v0003", reason: "worse")
    XCTAssertEqual(try fixture.registry.resolve("challenger"), "v0003")
  }

  /// A rejected version can be promoted by hand, with the override kept in the version, the
  /// audit log and the model card; the retraining (not by hand) still cannot.
  func testAPersonCanPromoteARejectedVersionAndTheOverrideIsRecorded() throws {
    let fixture = try RegistryFixture()
    let ids = try fixture.register(horizons: [7, 14])
    _ = try fixture.registry.promote(ids[0], reason: "first")
    _ = try fixture.registry.reject(ids[1], reason: "holdout WAPE worse by 3 %")
    XCTAssertThrowsError(try fixture.registry.promote(ids[1], reason: "auto")) {
      guard case .invalidTransition(_, .rejected, _, let hint) = $0 as? RegistryError else {
        return XCTFail("\($0)")
      }
      XCTAssertTrue(hint.contains("registry promote v0002 --reason"), hint)
    }
    let promotion = try fixture.registry.promote(
      ids[1], reason: "the holdout missed the new store", byHand: true)
    XCTAssertEqual(promotion.champion.status, .champion)
    let note = try XCTUnwrap(promotion.champion.overrideNote)
    XCTAssertTrue(note.contains("over its rejection (holdout WAPE worse by 3 %)"), note)
    XCTAssertTrue(note.contains("ana@shop-01"), note)
    let entry = try XCTUnwrap(try fixture.registry.audit.entries().last)
    XCTAssertEqual(entry.action, .promote)
    XCTAssertTrue(entry.details.contains("\"override\":\"holdout WAPE worse by 3 %\""))
    XCTAssertTrue(entry.details.contains("\"was\":\"rejected\""), entry.details)
    let card = ModelCard.markdown(version: promotion.champion)
    XCTAssertTrue(card.contains("**Override:** promoted by hand"), card)
    XCTAssertTrue(try fixture.registry.audit.verify().isIntact)
  }

  /// Rollback with nothing archived names the version to promote by hand; `to:` returns any
  /// version, a rejected one as an override.
  func testRollbackIsNoDeadEnd() throws {
    let fixture = try RegistryFixture()
    let ids = try fixture.register(horizons: [7, 14])
    for id in ids { _ = try fixture.registry.promote(id, reason: "newer") }
    _ = try fixture.registry.rollback(reason: "worse")  // v0002 rejected, v0001 back
    XCTAssertThrowsError(try fixture.registry.rollback(reason: "again")) { error in
      XCTAssertEqual(
        error as? RegistryError, .noPreviousChampion(current: "v0001", lastFormer: "v0002"))
      XCTAssertTrue("\(error)".contains("shelfcast registry promote v0002 --reason"), "\(error)")
    }
    let back = try fixture.registry.rollback(reason: "it was fine after all", to: "v0002")
    XCTAssertEqual(back.champion.id, "v0002")
    XCTAssertEqual(back.replaced?.status, .rejected)
    XCTAssertNotNil(back.champion.overrideNote)
    XCTAssertThrowsError(try fixture.registry.rollback(reason: "r", to: "v0002"))
  }

  func testDiffShowsWindowsConfigurationAndMetrics() throws {
    let fixture = try RegistryFixture()
    let ids = try fixture.register(horizons: [7, 14])
    let diff = VersionDiff(try fixture.registry.show(ids[0]), try fixture.registry.show(ids[1]))
    let window = try XCTUnwrap(diff.identity.first { $0.name == "training window" })
    XCTAssertFalse(window.differs)
    XCTAssertEqual(window.a, "2025-04-01..2026-03-31")
    XCTAssertTrue(try XCTUnwrap(diff.identity.first { $0.name == "artifact sha256" }).differs)
    let changed = diff.configuration.filter(\.differs)
    XCTAssertTrue(changed.contains { $0.a == "7" && $0.b == "14" }, "\(changed)")
    let overall = try XCTUnwrap(diff.metrics.first { $0.scope == "overall" })
    XCTAssertEqual(try XCTUnwrap(overall.aWAPE), 7.0 / 50, accuracy: 1e-12)
    XCTAssertEqual(try XCTUnwrap(overall.bWAPE), 14.0 / 50, accuracy: 1e-12)
    XCTAssertTrue(diff.metrics.contains { $0.scope == "region North" })
  }

  /// A retraining's judgement, then the refit linked with both windows; the loser's rejection.
  func testJudgementAndRefitRecordBothWindows() throws {
    let fixture = try RegistryFixture()
    let ids = try fixture.register(horizons: [7, 14, 21])
    _ = try fixture.registry.promote(ids[0], reason: "first")
    let c = Day(iso: "2026-03-24")!
    let comparison = HoldoutComparison(
      firstDay: c.adding(days: 1), lastDay: c.adding(days: 7), points: 40, candidateWAPE: 0.2,
      championWAPE: 0.3, championAgeDays: 30, candidateVersion: ids[1], championVersion: ids[0])
    let won = Judgement(
      evaluationWindowLastDay: c, comparison: comparison,
      decision: .promoted(.betterByMargin(improvement: 1.0 / 3, margin: 0.02)), reason: "better")
    let judged = try fixture.registry.recordJudgement(ids[1], won)
    XCTAssertEqual(judged.status, .candidate, "the winner's refit is what gets promoted")
    XCTAssertEqual(judged.comparison, comparison)
    let refit = try fixture.registry.linkRefit(ids[2], to: ids[1])
    XCTAssertEqual(refit.refitOf, ids[1])
    XCTAssertEqual(refit.evaluationWindowLastDay, c)
    XCTAssertEqual(refit.windowLastDay, Day(iso: "2026-03-31"))
    XCTAssertEqual(refit.decision, won.decision)
    XCTAssertEqual(refit.comparison, comparison)
    XCTAssertEqual(try fixture.registry.linkRefit(ids[2], to: ids[1]), refit, "idempotent")
    XCTAssertTrue(
      ModelCard.markdown(version: refit).contains("A refit: v0002, trained through 2026-03-24"))
    // The judged winner is not the challenger: its refit stands for it.
    XCTAssertEqual(try fixture.registry.resolve("challenger"), ids[2])

    let other = try fixture.registry.register(try fixture.candidate(horizon: 28))
    let lost = try fixture.registry.recordJudgement(
      other.id,
      Judgement(
        evaluationWindowLastDay: c, comparison: comparison,
        decision: .rejected(.worse(degradation: 0.1)), reason: "worse by 10 %"))
    XCTAssertEqual(lost.status, .rejected)
    XCTAssertEqual(lost.statusReason, "worse by 10 %")
    XCTAssertEqual(
      try fixture.registry.audit.entries().suffix(2).map(\.action), [.judge, .reject])
    XCTAssertThrowsError(try fixture.registry.recordJudgement(other.id, won))
    XCTAssertTrue(try fixture.registry.audit.verify().isIntact)
  }
}
