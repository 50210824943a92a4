import Forecasting
import Foundation
import GRDB
import _Digest

extension AuditAction {
  /// A version's artifact rewritten in the current format (same model, new bytes).
  public static let artifactUpgrade: AuditAction = "artifact_upgrade"
}

extension ModelRegistry {
  /// What `upgradeArtifacts` did to one version.
  public struct ArtifactUpgrade: Sendable, Equatable {
    public var version: String
    /// Bytes before and after; equal when the artifact was already current (not rewritten).
    public var bytesBefore: Int
    public var bytesAfter: Int
    public var rewritten: Bool { bytesBefore != bytesAfter }
  }

  /// Rewrites every version's artifact in the current fitted-set format
  /// (`FittedSet.encoded()`), when its bytes differ: the same model, read faster.
  ///
  /// Each rewrite writes the new bytes under a new file name (`<id>.v<format>.fitted`), then,
  /// in one transaction, points the version at it with its new SHA-256 and size and appends an
  /// `artifact_upgrade` audit entry, then deletes the old file. A run killed at any step leaves
  /// every version readable: before the commit the version names the old file, after it the
  /// new one (a stray file is the only trace). The serving copy (`servingPath`) is rewritten
  /// when it holds the champion's old bytes.
  /// - Throws: the artifact errors of `loadArtifact`, `RegistryError.cannotWrite`.
  public func upgradeArtifacts() throws -> [ArtifactUpgrade] {
    var upgrades: [ArtifactUpgrade] = []
    let championID = try champion()?.id
    for version in try list() {
      let old = try loadArtifact(of: version)
      let current = try decode(old, version).encoded()
      guard current != old else {
        upgrades.append(
          ArtifactUpgrade(version: version.id, bytesBefore: old.count, bytesAfter: old.count))
        continue
      }
      let file = "\(version.id).v\(FittedSet.currentFormatVersion).fitted"
      try write(current, to: versionsDirectory + "/" + file)
      let sha256 = SHA256.hash(data: current).hex
      try database.write { db in
        try db.execute(
          sql: """
            UPDATE model_version SET artifact_file = ?, artifact_sha256 = ?, artifact_bytes = ?
            WHERE id = ?
            """, arguments: [file, sha256, current.count, version.id])
        let details = try AuditLog.json([
          "from_file": version.artifactFile, "from_sha256": version.artifactSHA256,
          "to_file": file, "to_sha256": sha256,
          "format_version": String(FittedSet.currentFormatVersion),
        ])
        _ = try AuditLog.append(.artifactUpgrade, version.id, details, database, db)
      }
      if version.artifactFile != file {
        try? FileManager.default.removeItem(atPath: versionsDirectory + "/" + version.artifactFile)
      }
      if version.id == championID,
        FileManager.default.contents(atPath: servingPath) == old
      {
        try write(current, to: servingPath)
      }
      upgrades.append(
        ArtifactUpgrade(version: version.id, bytesBefore: old.count, bytesAfter: current.count))
    }
    return upgrades
  }
}
