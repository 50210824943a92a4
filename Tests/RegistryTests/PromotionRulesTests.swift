import Foundation
import Registry
import XCTest

/// The registry's state transitions: register, promote, rollback, reject, and what each
/// refuses.
final class PromotionRulesTests: XCTestCase {
  func testRegistrationNumbersVersionsAsCandidatesAndStoresTheArtifact() throws {
    let fixture = try RegistryFixture()
    let ids = try fixture.register(horizons: [7, 14])
    XCTAssertEqual(ids, ["v0001", "v0002"])
    let version = try fixture.registry.show("v0002")
    XCTAssertEqual(version.status, .candidate)
    XCTAssertEqual(version.createdBy, "ana@shop-01")
    XCTAssertEqual(version.createdAt, "2026-01-02T03:04:05.250Z")
    XCTAssertEqual(version.artifactFile, "v0002.json")
    XCTAssertEqual(version.metrics.byRegion["North"]?.points, 10)
    XCTAssertEqual(
      try fixture.registry.loadArtifact("v0002"), try RegistryFixture.artifact(horizon: 14))
    XCTAssertNil(try fixture.registry.champion())
    XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.servingPath))
    XCTAssertEqual(ModelVersion.id(number: 12345), "v12345")
  }

  func testPromotionArchivesTheOldChampionAndServesTheNewArtifact() throws {
    let fixture = try RegistryFixture()
    let ids = try fixture.register(horizons: [7, 14])
    let first = try fixture.registry.promote(ids[0], reason: "first model")
    XCTAssertNil(first.replaced)
    XCTAssertEqual(first.fittedSet.configuration.horizonDays, 7)
    let second = try fixture.registry.promote(ids[1], reason: "lower WAPE")
    XCTAssertEqual(second.replaced?.id, ids[0])
    XCTAssertEqual(second.replaced?.status, .archived)
    XCTAssertEqual(try fixture.statuses(), ["v0001": .archived, "v0002": .champion])
    let champion = try XCTUnwrap(try fixture.registry.champion())
    XCTAssertEqual(champion.id, "v0002")
    XCTAssertEqual(champion.promotedBy, "ana@shop-01")
    XCTAssertEqual(champion.promotionReason, "lower WAPE")
    XCTAssertEqual(
      FileManager.default.contents(atPath: fixture.servingPath),
      try RegistryFixture.artifact(horizon: 14))
    let audit = try fixture.registry.audit.entries()
    XCTAssertEqual(audit.map(\.action), [.register, .register, .promote, .promote])
    XCTAssertEqual(audit.last?.subject, "v0002")
    XCTAssertTrue(audit.last?.details.contains("\"reason\":\"lower WAPE\"") ?? false)
    XCTAssertTrue(audit.last?.details.contains("\"replaced\":\"v0001\"") ?? false)
  }

  func testRollbackRejectsTheChampionAndReturnsThePreviousOne() throws {
    let fixture = try RegistryFixture()
    let ids = try fixture.register(horizons: [7, 14, 21])
    for id in ids { _ = try fixture.registry.promote(id, reason: "newer") }
    let back = try fixture.registry.rollback(reason: "stock-outs doubled")
    XCTAssertEqual(back.champion.id, "v0002")
    XCTAssertEqual(back.champion.promotionReason, "stock-outs doubled")
    XCTAssertEqual(back.replaced?.status, .rejected)
    XCTAssertEqual(
      try fixture.statuses(), ["v0001": .archived, "v0002": .champion, "v0003": .rejected])
    XCTAssertEqual(
      FileManager.default.contents(atPath: fixture.servingPath),
      try RegistryFixture.artifact(horizon: 14))
    // A second rollback walks further back; then there is nothing left to return to.
    XCTAssertEqual(try fixture.registry.rollback(reason: "again").champion.id, "v0001")
    XCTAssertEqual(
      try fixture.statuses(), ["v0001": .champion, "v0002": .rejected, "v0003": .rejected])
    XCTAssertThrowsError(try fixture.registry.rollback(reason: "once more")) { error in
      XCTAssertEqual(
        error as? RegistryError, .noPreviousChampion(current: "v0001", lastFormer: "v0002"))
    }
    let rollback = try XCTUnwrap(
      try fixture.registry.audit.entries().last { $0.action == .rollback })
    XCTAssertTrue(rollback.details.contains("\"from\":\"v0002\""), rollback.details)
    XCTAssertTrue(rollback.details.contains("\"to\":\"v0001\""), rollback.details)
    XCTAssertTrue(try fixture.registry.audit.verify().isIntact)
  }

  /// Rolling back returns the version that left service last, even when it is older.
  func testRollbackFollowsTheOrderOfServiceNotOfRegistration() throws {
    let fixture = try RegistryFixture()
    let ids = try fixture.register(horizons: [7, 14, 21])
    _ = try fixture.registry.promote(ids[2], reason: "a")
    _ = try fixture.registry.promote(ids[0], reason: "b")  // v0003 archived
    _ = try fixture.registry.promote(ids[1], reason: "c")  // v0001 archived, later
    XCTAssertEqual(try fixture.registry.rollback(reason: "r").champion.id, "v0001")
    XCTAssertEqual(try fixture.registry.rollback(reason: "r").champion.id, "v0003")
  }

  func testWhatEachOperationRefuses() throws {
    let fixture = try RegistryFixture()
    XCTAssertThrowsError(try fixture.registry.rollback(reason: "r")) {
      XCTAssertEqual($0 as? RegistryError, .noChampion)
    }
    let ids = try fixture.register(horizons: [7, 14, 21])
    _ = try fixture.registry.promote(ids[0], reason: "first")
    func refused(_ body: () throws -> Any, _ status: ModelStatus, _ operation: String) {
      XCTAssertThrowsError(try body()) { error in
        guard case .invalidTransition(_, let found, let op, _) = error as? RegistryError else {
          return XCTFail("\(error)")
        }
        XCTAssertEqual(found, status)
        XCTAssertEqual(op, operation)
      }
    }
    refused({ try fixture.registry.promote(ids[0], reason: "again") }, .champion, "promote")
    refused({ try fixture.registry.reject(ids[0], reason: "no") }, .champion, "reject")
    XCTAssertEqual(try fixture.registry.reject(ids[1], reason: "worse").status, .rejected)
    XCTAssertEqual(try fixture.registry.show(ids[1]).statusReason, "worse")
    refused({ try fixture.registry.promote(ids[1], reason: "please") }, .rejected, "promote")
    refused({ try fixture.registry.reject(ids[1], reason: "twice") }, .rejected, "reject")
    XCTAssertThrowsError(try fixture.registry.promote("v0099", reason: "?")) {
      XCTAssertEqual($0 as? RegistryError, .unknownVersion("v0099"))
    }
    // An archived version can be promoted again, or rejected.
    _ = try fixture.registry.promote(ids[2], reason: "newer")
    XCTAssertEqual(try fixture.registry.promote(ids[0], reason: "back").champion.id, ids[0])
    XCTAssertEqual(try fixture.registry.reject(ids[2], reason: "retired").status, .rejected)
    XCTAssertEqual(
      try fixture.statuses(), ["v0001": .champion, "v0002": .rejected, "v0003": .rejected])
    XCTAssertTrue(try fixture.registry.audit.verify().isIntact)
  }
}
