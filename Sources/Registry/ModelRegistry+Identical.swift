import Foundation
import _Digest

extension ModelRegistry {
  /// The version already registered for exactly this candidate: the same artifact bytes
  /// (SHA-256), data fingerprint, window, trigger and reason, still a candidate or the
  /// champion; `nil` when there is none.
  ///
  /// Training is deterministic, so a `shelfcast train` killed after its registration (before
  /// its card or its promotion) and run again makes the same candidate: finding it keeps the
  /// run again from registering a second, identical version.
  public func registered(identicalTo candidate: ModelCandidate) throws -> ModelVersion? {
    let sha256 = SHA256.hash(data: candidate.artifact).hex
    return try list().last {
      $0.artifactSHA256 == sha256 && $0.dataFingerprint == candidate.dataFingerprint
        && $0.windowFirstDay == candidate.windowFirstDay
        && $0.windowLastDay == candidate.windowLastDay && $0.trigger == candidate.trigger
        && $0.reason == candidate.reason && ($0.status == .candidate || $0.status == .champion)
    }
  }
}
