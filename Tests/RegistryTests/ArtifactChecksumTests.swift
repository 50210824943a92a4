import Foundation
import Registry
import XCTest

/// A corrupted, missing or incompatible artifact is a typed error, and the champion stays in
/// service: its status, the served file and the audit log are untouched.
final class ArtifactChecksumTests: XCTestCase {
  /// v0001 champion, v0002 candidate; returns the fixture and the audit length.
  private func championAndCandidate() throws -> (RegistryFixture, Int) {
    let fixture = try RegistryFixture()
    let ids = try fixture.register(horizons: [7, 14])
    _ = try fixture.registry.promote(ids[0], reason: "first model")
    return (fixture, try fixture.registry.audit.entries().count)
  }

  private func assertChampionInService(_ fixture: RegistryFixture, auditCount: Int) throws {
    XCTAssertEqual(try fixture.registry.champion()?.id, "v0001")
    XCTAssertEqual(try fixture.statuses()["v0002"], .candidate)
    XCTAssertEqual(
      FileManager.default.contents(atPath: fixture.servingPath),
      try RegistryFixture.artifact(horizon: 7))
    XCTAssertEqual(try fixture.registry.audit.entries().count, auditCount)
    XCTAssertTrue(try fixture.registry.audit.verify().isIntact)
  }

  func testAFlippedByteIsAChecksumMismatch() throws {
    let (fixture, auditCount) = try championAndCandidate()
    let version = try fixture.registry.show("v0002")
    let path = fixture.registry.artifactPath(version)
    var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    bytes[bytes.count / 2] ^= 0x01
    try bytes.write(to: URL(fileURLWithPath: path))

    XCTAssertThrowsError(try fixture.registry.promote("v0002", reason: "better")) { error in
      guard
        case .artifactChecksumMismatch(let id, let where_, let expected, let actual) =
          error as? RegistryError
      else { return XCTFail("\(error)") }
      XCTAssertEqual(id, "v0002")
      XCTAssertEqual(where_, path)
      XCTAssertEqual(expected, version.artifactSHA256)
      XCTAssertNotEqual(actual, expected)
      XCTAssertTrue("\(error)".contains("The champion stays in service"), "\(error)")
    }
    XCTAssertThrowsError(try fixture.registry.loadArtifact("v0002"))
    try assertChampionInService(fixture, auditCount: auditCount)
  }

  func testATruncatedOrMissingArtifactIsRefused() throws {
    let (fixture, auditCount) = try championAndCandidate()
    let path = fixture.registry.artifactPath(try fixture.registry.show("v0002"))
    try Data().write(to: URL(fileURLWithPath: path))
    XCTAssertThrowsError(try fixture.registry.promote("v0002", reason: "better")) {
      guard case .artifactChecksumMismatch = $0 as? RegistryError else { return XCTFail("\($0)") }
    }
    try FileManager.default.removeItem(atPath: path)
    XCTAssertThrowsError(try fixture.registry.promote("v0002", reason: "better")) {
      XCTAssertEqual($0 as? RegistryError, .artifactMissing(version: "v0002", path: path))
    }
    try assertChampionInService(fixture, auditCount: auditCount)
  }

  /// Intact bytes (the checksum holds) from another format version are refused as
  /// incompatible, before anything changes.
  func testAnIncompatibleArtifactIsRefused() throws {
    let fixture = try RegistryFixture()
    _ = try fixture.registry.promote(
      try fixture.registry.register(fixture.candidate(horizon: 7)).id, reason: "first model")
    let future = Data(#"{"formatVersion":99,"series":[]}"#.utf8)
    let id = try fixture.registry.register(fixture.candidate(horizon: 14, artifact: future)).id
    let auditCount = try fixture.registry.audit.entries().count
    XCTAssertEqual(try fixture.registry.loadArtifact(id), future, "the checksum holds")
    XCTAssertThrowsError(try fixture.registry.promote(id, reason: "newer")) { error in
      guard case .artifactIncompatible(let version, _, let reason) = error as? RegistryError
      else { return XCTFail("\(error)") }
      XCTAssertEqual(version, "v0002")
      XCTAssertTrue(reason.contains("format version 99"), reason)
    }
    try assertChampionInService(fixture, auditCount: auditCount)
  }

  /// A rollback checks the returning version's artifact too.
  func testRollbackToACorruptedArtifactChangesNothing() throws {
    let (fixture, _) = try championAndCandidate()
    _ = try fixture.registry.promote("v0002", reason: "newer")
    let path = fixture.registry.artifactPath(try fixture.registry.show("v0001"))
    try Data("{}".utf8).write(to: URL(fileURLWithPath: path))
    let auditCount = try fixture.registry.audit.entries().count
    XCTAssertThrowsError(try fixture.registry.rollback(reason: "bad")) {
      guard case .artifactChecksumMismatch("v0001", _, _, _) = $0 as? RegistryError else {
        return XCTFail("\($0)")
      }
    }
    XCTAssertEqual(try fixture.statuses(), ["v0001": .archived, "v0002": .champion])
    XCTAssertEqual(
      FileManager.default.contents(atPath: fixture.servingPath),
      try RegistryFixture.artifact(horizon: 14))
    XCTAssertEqual(try fixture.registry.audit.entries().count, auditCount)
  }
}
