import Forecasting
import Foundation
import _Digest

/// The version name recorded with every archived forecast and in the metrics: the registry's
/// id of the champion (`v0003`) when the file is the champion's artifact, otherwise the first 12
/// hex digits of the SHA-256 of the file's bytes (a set not registered, or replaced by hand).
///
/// Training writes the set with sorted keys, so the same training gives the same bytes and the
/// same digest. 12 hex digits (48 bits) make an accidental collision between two sets of one
/// workspace negligible (below 1e-9 for 500 sets).
public enum FittedSetVersion {
  /// Hex digits kept of an unregistered set's digest.
  public static let length = 12

  /// The version of a fitted set file's content.
  public static func of(fittedSetBytes bytes: Data, workspace: Workspace? = nil) -> String {
    let digest = SHA256.hash(data: bytes).hex
    if let workspace, let champion = try? workspace.openRegistry().champion(),
      champion.artifactSHA256.lowercased() == digest
    {
      return champion.id
    }
    return String(digest.prefix(length))
  }
}

/// The fitted set in service and its version.
public struct ServingSet: Sendable {
  public var fittedSet: FittedSet
  /// `FittedSetVersion.of(fittedSetBytes:workspace:)` of the file it was read from.
  public var modelVersion: String
}
