import DemandCore

/// What stops a retraining, with the context to act on it. The champion stays in service.
public enum RetrainError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A model offered to the holdout comparison was trained through a day it would be scored
  /// on: refused before anything is scored (a programming or registry error, never data).
  case modelSawHoldout(version: String, windowLastDay: Day, firstScoredDay: Day)
  /// A candidate registered by an earlier run for the same date was trained up to another
  /// cut-off than the comparison needs now (the champion changed in between).
  case cutOffChanged(version: String, trainedThrough: Day, cutOff: Day)

  public var description: String {
    switch self {
    case .modelSawHoldout(let version, let last, let first):
      return
        "\(version) was trained through \(last.iso), on or after the holdout's first day "
        + "\(first.iso): a comparison on it would not be fair; nothing was scored."
    case .cutOffChanged(let version, let trained, let cutOff):
      return
        "\(version) was trained through \(trained.iso), but the comparison now starts after "
        + "\(cutOff.iso) (the champion changed since it was registered). Reject it with "
        + "`shelfcast registry reject \(version) --reason TEXT` and retrain."
    }
  }
}
