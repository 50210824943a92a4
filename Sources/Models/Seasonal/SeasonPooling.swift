/// How much of a series' seasonal indices its SKU's shape over the chain (`SeasonPrior`)
/// gives: the share w in (1 − w) × own + w × level × prior.
public enum SeasonPooling: Equatable, Sendable, Codable {
  /// The series' own indices only; no prior is read.
  case none
  /// The same share for every series (0 … 1).
  case fixed(share: Double)
  /// A share per series from how well its own indices are known, as a credibility (or
  /// James–Stein) estimate weighs a group's mean against its own: w = min(1, v / D), where v is
  /// the variance of the noise in each own index (`SeasonPrior.Contribution.indexNoiseVariance`)
  /// and D the mean squared distance between the own indices and the prior scaled to the
  /// series' level. If the series' season were the chain's, D would be about v (the own noise
  /// alone) and the prior would serve whole; the further the own season stands from the chain's
  /// beyond its noise, the more of it is kept. w is 0 when v is 0 (an exact season).
  case credibility

  /// The prior's share for a series whose own season is `own` and whose aligned, scaled prior
  /// is `shape` (one value per slot, same units).
  public func share(own: SeasonPrior.Contribution, shape: [Double]) -> Double {
    switch self {
    case .none:
      return 0
    case .fixed(let share):
      return share
    case .credibility:
      precondition(shape.count == own.indices.count, "one prior value per slot")
      guard own.indexNoiseVariance > 0, !shape.isEmpty else { return 0 }
      var squares = 0.0
      for (index, prior) in zip(own.indices, shape) { squares += (index - prior) * (index - prior) }
      let distance = squares / Double(shape.count)
      return distance > own.indexNoiseVariance ? own.indexNoiseVariance / distance : 1
    }
  }
}
