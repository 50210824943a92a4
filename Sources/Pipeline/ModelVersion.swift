import Crypto
import Forecasting
import Foundation

/// A short, stable name for a fitted set: the first 12 hex digits of the SHA-256 of its file's
/// bytes, recorded with every archived forecast and in the metrics.
///
/// Training writes the set with sorted keys, so the same training gives the same bytes and the
/// same version; any retraining that changes a parameter gives a new one. 12 hex digits (48 bits)
/// make an accidental collision between two sets of one workspace negligible (below 1e-9 for
/// 500 sets). Stands in until the model registry (issue 6) numbers versions itself.
public enum ModelVersion {
  /// Hex digits kept.
  public static let length = 12

  /// The version of a fitted set file's content.
  public static func of(fittedSetBytes bytes: Data) -> String {
    let digest = SHA256.hash(data: bytes)
    return String(
      digest.map { byte in String(byte, radix: 16).leftPadded(to: 2) }.joined().prefix(length))
  }
}

/// The fitted set in service and its version.
public struct ServingSet: Sendable {
  public var fittedSet: FittedSet
  /// `ModelVersion.of(fittedSetBytes:)` of the file it was read from.
  public var modelVersion: String
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
