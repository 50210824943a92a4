/// Scores how far each series' newest block lies from its expected level, in units of its own
/// usual deviation: the per-series measure behind the demand-level tests.
///
/// ## Why not compare raw units
///
/// When a tenth of a segment's series change level (×0.6 or ×1.5), the segment's total barely
/// moves (the rises and falls cancel) and a two-sample test on pooled daily units mostly sees
/// the season, promotions and the mix of fast and slow movers. What does change is how many
/// series sit far from where their own history and their peers put them. So each series is
/// first reduced to a standardised score, and the segment tests compare the distribution of
/// those scores in the recent block with their distribution in the reference blocks.
///
/// ## The score
///
/// For series i and block k (units Sᵢₖ over dᵢₖ uncensored days; blocks with fewer than half
/// their days uncensored are skipped):
///
/// 1. its own level: mᵢ = Σₖ Sᵢₖ / Σₖ dᵢₖ over the reference blocks (units per day);
/// 2. what moved its SKU in block k, from its peers j ≠ i (the same SKU in the other stores of
///    its region, or of the chain when the region has fewer than `minimumPeerSeries`):
///    Fᵢₖ = Σⱼ Sⱼₖ / Σⱼ mⱼ dⱼₖ, leaving the series itself out so its own change cannot hide in
///    the factor it is judged by;
/// 3. its expected units μᵢₖ = mᵢ dᵢₖ Fᵢₖ and the Pearson residual Pᵢₖ = (Sᵢₖ − μᵢₖ) / √μᵢₖ;
/// 4. its usual deviation φᵢ = mean of Pᵢₖ² over its reference blocks (counts are overdispersed,
///    so the Poisson scale alone would flag ordinary weeks), and the score zᵢₖ = Pᵢₖ / √φᵢ.
///
/// The recent block's score uses φᵢ from all reference blocks. A reference block's score uses
/// φᵢ from the other reference blocks (leave one out), so reference scores are computed exactly
/// as a new block's would be and the two distributions agree when nothing changed.
///
/// A series is scored when it has usable data in at least half of the reference blocks and in
/// the recent block, is expected to sell at least `minimumUnitsPerBlock` units per block
/// (mᵢ × block days), and has at least `minimumPeerSeries` peers contributing. Peers are all
/// series with data in at least half the reference blocks and a positive level, scored or not.
public enum LevelShiftScorer {
  /// The scores of every series of a ``LevelPanel``.
  public struct Scores: Sendable, Equatable {
    /// Reference blocks per series (`blockCount − 1` of the panel).
    public let referenceBlockCount: Int
    /// zᵢ of each series' recent block; NaN for a series that was not scored.
    public var recent: [Double]
    /// zᵢₖ of each series' reference blocks, `reference[i * referenceBlockCount + k]`; NaN for
    /// unscored series and skipped blocks.
    public var reference: [Double]
    /// Which peers each series was compared with.
    public var peers: [Peers]
    /// mᵢ, each series' own reference level in units per uncensored day (0 when it has too
    /// little reference data to have one).
    public var level: [Double]

    /// Whether series `i` was scored.
    public func isScored(_ i: Int) -> Bool { !recent[i].isNaN }
  }

  /// The peer group a series was compared with.
  public enum Peers: UInt8, Sendable, Equatable {
    /// Same SKU, same region.
    case region
    /// Same SKU, whole chain (the region had too few).
    case chain
    /// Too few anywhere, or the series has too little data: not scored.
    case none
  }

  /// Scores every series of `panel`.
  ///
  /// - Parameters:
  ///   - panel: The blocks; the last is the recent one.
  ///   - blockDays: Days in a full block (the length the blocks were cut at).
  ///   - minimumUnitsPerBlock: Units a series must be expected to sell in a full block.
  ///   - minimumPeerSeries: Peers (other series) a series' group must have.
  /// - Complexity: O(series × blocks).
  public static func scores(
    _ panel: LevelPanel, blockDays: Int, minimumUnitsPerBlock: Double, minimumPeerSeries: Int
  ) -> Scores {
    precondition(blockDays >= 1, "blocks have at least one day")
    let n = panel.seriesCount
    let blocks = panel.blockCount
    let referenceBlocks = blocks - 1
    let minimumBlockDays = Int32((blockDays + 1) / 2)
    var scores = Scores(
      referenceBlockCount: referenceBlocks, recent: [Double](repeating: .nan, count: n),
      reference: [Double](repeating: .nan, count: n * referenceBlocks),
      peers: [Peers](repeating: .none, count: n), level: [Double](repeating: 0, count: n))

    // 1. Each series' own level over its usable reference blocks; who can be a peer.
    var level = [Double](repeating: 0, count: n)
    var contributes = [Bool](repeating: false, count: n)
    for i in 0..<n {
      var unitSum = 0.0
      var daySum = 0.0
      var usable = 0
      for k in 0..<referenceBlocks where panel.days[i * blocks + k] >= minimumBlockDays {
        unitSum += panel.units[i * blocks + k]
        daySum += Double(panel.days[i * blocks + k])
        usable += 1
      }
      guard daySum > 0, 2 * usable >= referenceBlocks, unitSum > 0 else { continue }
      level[i] = unitSum / daySum
      contributes[i] = true
    }
    scores.level = level

    // 2. Block sums of units and of own-level expectations per peer group.
    let regional = GroupSums(
      panel: panel, groups: panel.peerGroup, level: level,
      contributes: contributes, minimumBlockDays: minimumBlockDays)
    let wide = GroupSums(
      panel: panel, groups: panel.widePeerGroup, level: level,
      contributes: contributes, minimumBlockDays: minimumBlockDays)

    // 3–4. Pearson residuals against the peers' factor, scaled by the series' own deviation.
    var residuals = [Double](repeating: .nan, count: blocks)
    for i in 0..<n where contributes[i] && level[i] * Double(blockDays) >= minimumUnitsPerBlock {
      let sums: GroupSums
      let peers: Peers
      if regional.members(of: panel.peerGroup[i]) - 1 >= minimumPeerSeries {
        (sums, peers) = (regional, .region)
      } else if wide.members(of: panel.widePeerGroup[i]) - 1 >= minimumPeerSeries {
        (sums, peers) = (wide, .chain)
      } else {
        continue
      }
      let group = peers == .region ? panel.peerGroup[i] : panel.widePeerGroup[i]
      for k in 0..<blocks {
        residuals[k] = .nan
        let days = panel.days[i * blocks + k]
        guard days >= minimumBlockDays else { continue }
        let units = panel.units[i * blocks + k]
        let ownExpected = level[i] * Double(days)
        // Peers' sums: the group's less the series' own. Differences within rounding of zero
        // (no peer sold, or none had a usable block) leave the block unscored.
        let groupUnits = sums.units(group, k)
        let groupExpected = sums.expected(group, k)
        let peerUnits = groupUnits - units
        let peerExpected = groupExpected - ownExpected
        guard peerExpected > 1e-9 * groupExpected, peerUnits > 1e-9 * groupUnits else { continue }
        let mean = ownExpected * peerUnits / peerExpected
        residuals[k] = (units - mean) / mean.squareRoot()
      }
      guard !residuals[referenceBlocks].isNaN else { continue }
      var squareSum = 0.0
      var used = 0
      for k in 0..<referenceBlocks where !residuals[k].isNaN {
        squareSum += residuals[k] * residuals[k]
        used += 1
      }
      guard 2 * used >= referenceBlocks, used >= 2, squareSum > 0 else { continue }
      scores.recent[i] = residuals[referenceBlocks] / (squareSum / Double(used)).squareRoot()
      scores.peers[i] = peers
      for k in 0..<referenceBlocks where !residuals[k].isNaN {
        let others = (squareSum - residuals[k] * residuals[k]) / Double(used - 1)
        guard others > 0 else { continue }
        scores.reference[i * referenceBlocks + k] = residuals[k] / others.squareRoot()
      }
    }
    return scores
  }
}

/// Per peer group and block: units and own-level expectations summed over the contributing
/// series with a usable block, and how many series contribute to the group.
private struct GroupSums {
  private var index: [Int: Int] = [:]
  private var memberCount: [Int] = []
  private var unitSums: [Double] = []
  private var expectedSums: [Double] = []
  private let blocks: Int

  init(
    panel: LevelPanel, groups: [Int], level: [Double], contributes: [Bool],
    minimumBlockDays: Int32
  ) {
    blocks = panel.blockCount
    for i in 0..<panel.seriesCount where contributes[i] {
      let slot: Int
      if let existing = index[groups[i]] {
        slot = existing
      } else {
        slot = memberCount.count
        index[groups[i]] = slot
        memberCount.append(0)
        unitSums.append(contentsOf: repeatElement(0, count: blocks))
        expectedSums.append(contentsOf: repeatElement(0, count: blocks))
      }
      memberCount[slot] += 1
      for k in 0..<blocks where panel.days[i * blocks + k] >= minimumBlockDays {
        unitSums[slot * blocks + k] += panel.units[i * blocks + k]
        expectedSums[slot * blocks + k] += level[i] * Double(panel.days[i * blocks + k])
      }
    }
  }

  func members(of group: Int) -> Int { index[group].map { memberCount[$0] } ?? 0 }
  func units(_ group: Int, _ block: Int) -> Double {
    index[group].map { unitSums[$0 * blocks + block] } ?? 0
  }
  func expected(_ group: Int, _ block: Int) -> Double {
    index[group].map { expectedSums[$0 * blocks + block] } ?? 0
  }
}
