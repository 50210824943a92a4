import Foundation

/// One store's hidden, day-to-day demand state in the realistic profile, per SKU. Empty in the
/// simple profile.
///
/// Every day each series' state moves one step, drawing from the store's random stream in SKU
/// order (so the store's rows do not depend on thread scheduling):
/// - a latent log-level `x` follows an AR(1), `x ← φ x + σ ε`, with φ uniform in 0.90...0.97
///   and σ chosen so the stationary standard deviation is 0.3; demand is × exp(x − 0.045);
/// - an unannounced level shift (log-normal, log-sd 0.35, permanent) happens with chance 1/1200
///   a day;
/// - an off-shelf spell (demand exactly 0, not flagged as a stock-out) starts with chance
///   1/500 a day and lasts log-uniform 3...150 days (M5 series go without a sale for months);
/// - an unlisted markdown (20–50 % off for 3–10 days, lift `(1 − depth)^elasticity`) starts
///   with chance 1/300 a day;
/// - promotions run as they actually happened, not as listed: 12 % of listed ones are cancelled
///   (no lift), 15 % shifted by 1–4 days either way, and about 1.5 unlisted ones a year
///   (3–10 days, 10–30 % off) are added; after each comes a dip that starts 10–30 % below
///   normal and recovers linearly over 7 days.
struct RealisticSeriesState {
  // MARK: Constants

  /// Stationary standard deviation of the latent log-level.
  static let latentStandardDeviation = 0.3
  static let levelShiftChancePerDay = 1.0 / 1200
  static let levelShiftLogSD = 0.35
  static let offShelfChancePerDay = 1.0 / 500
  static let offShelfDays = 3.0...150.0
  static let markdownChancePerDay = 1.0 / 300
  static let markdownDays = 3...10
  static let markdownDepth = 0.2...0.5
  static let cancelledPromotionShare = 0.12
  static let shiftedPromotionShare = 0.15
  static let unlistedPromotionsPerYear = 1.5
  static let postPromotionDipDays = 7
  /// Share of true stock-outs the stock-out flag (history, transaction-day sales) records.
  static let stockoutFlagShare = 0.7

  // MARK: Per SKU

  var phi: [Double] = []
  var innovationSD: [Double] = []
  var latent: [Double] = []
  var shift: [Double] = []
  var offShelfDaysLeft: [Int32] = []
  var markdownDaysLeft: [Int32] = []
  var markdownLift: [Double] = []
  var elasticity: [Double] = []
  var dipDepth: [Double] = []
  var nbSize: [Double] = []
  var bulkChance: [Double] = []
  var bulkUnits: [Int] = []
  /// The promotions that actually ran in this store, by SKU (ranges into the flat arrays),
  /// sorted by start and never overlapping.
  var promotionOffsets: [Int] = []
  var promotionStarts: [Int] = []
  var promotionEnds: [Int] = []
  var promotionDiscounts: [Double] = []
  var promotionCursor: [Int] = []
  /// Today's negative binomial mean (0 when off shelf or not on sale), for the truth writer.
  var nbMeanToday: [Double] = []

  // MARK: Per store

  /// The store's weekday shape (Monday first, mean 1).
  var weekly: [Double] = []
  /// `driftRatios[profile][weekday]`: a drift profile divided by the store's shape.
  var driftRatios: [[Double]] = []

  init() {}

  /// Draws the state of store `storeIndex` from a stream of its own (chain seed, tag 12, store).
  init(storeIndex: Int, catalog: ChainCatalog, listed: ListedPromotions) {
    guard let shared = catalog.realistic else { return }
    let configuration = catalog.configuration
    var source = RandomSource(
      seed: SplitMix64.streamSeed(configuration.seed, 12, UInt64(storeIndex)))
    let sigma = RealisticSeriesState.latentStandardDeviation
    let store = catalog.stores[storeIndex]
    let timeline = configuration.timelineDayCount
    promotionOffsets = [0]
    for (sku, profile) in catalog.skus.enumerated() {
      let phi = source.uniform(in: 0.90...0.97)
      self.phi.append(phi)
      innovationSD.append(sigma * (1 - phi * phi).squareRoot())
      latent.append(sigma * source.normal())
      shift.append(1)
      offShelfDaysLeft.append(0)
      markdownDaysLeft.append(0)
      markdownLift.append(1)
      elasticity.append(profile.elasticity)
      dipDepth.append(source.uniform(in: 0.1...0.3))
      nbSize.append(shared.nbSize[sku])
      bulkChance.append(shared.bulkChance[sku])
      bulkUnits.append(shared.bulkUnits[sku])

      var actual: [(start: Int, end: Int, discount: Double)] = []
      for index in listed.offsets[sku]..<listed.offsets[sku + 1] {
        let fate = source.uniform()
        if fate < RealisticSeriesState.cancelledPromotionShare { continue }
        var offset = 0
        if fate < RealisticSeriesState.cancelledPromotionShare
          + RealisticSeriesState.shiftedPromotionShare
        {
          offset = source.integer(in: 1...4) * (source.chance(0.5) ? 1 : -1)
        }
        actual.append(
          (listed.starts[index] + offset, listed.ends[index] + offset, listed.discounts[index]))
      }
      let first = max(0, store.openIndex)
      let unlisted = source.poisson(
        mean: RealisticSeriesState.unlistedPromotionsPerYear * Double(timeline - first) / 365.25)
      for _ in 0..<unlisted where first < timeline {
        let start = source.integer(in: first...(timeline - 1))
        let length = source.integer(in: 3...10)
        let discount = [0.1, 0.15, 0.2, 0.25, 0.3][source.index(below: 5)]
        actual.append((start, start + length - 1, discount))
      }
      actual.sort { $0.start < $1.start }
      var lastEnd = Int.min
      for promotion in actual where promotion.start > lastEnd {
        promotionStarts.append(promotion.start)
        promotionEnds.append(promotion.end)
        promotionDiscounts.append(promotion.discount)
        lastEnd = promotion.end
      }
      promotionOffsets.append(promotionStarts.count)
    }
    promotionCursor = Array(promotionOffsets.dropLast())
    nbMeanToday = Array(repeating: 0, count: catalog.skus.count)
    weekly = shared.storeWeekly[storeIndex]
    driftRatios = ChainCatalog.driftProfiles.map { profile in
      (0..<7).map { profile[$0] / weekly[$0] }
    }
  }

  /// The listed promotions of one store, by SKU, as `StoreSimulator` holds them.
  struct ListedPromotions {
    let offsets: [Int]
    let starts: [Int]
    let ends: [Int]
    let discounts: [Double]
  }

  /// Moves series `sku` to `dayIndex` and returns its hidden demand multiplier for that day
  /// (latent level × level shifts × markdown × actual promotion or post-promotion dip), or 0
  /// when it is off shelf. Days must come in increasing order.
  @inline(__always)
  mutating func step(
    sku: Int, dayIndex: Int, promotionExponent: Double, source: inout RandomSource
  ) -> Double {
    latent[sku] = phi[sku] * latent[sku] + innovationSD[sku] * source.normal()
    if source.uniform() < RealisticSeriesState.levelShiftChancePerDay {
      shift[sku] *= source.logNormal(mu: 0, sigma: RealisticSeriesState.levelShiftLogSD)
    }
    if offShelfDaysLeft[sku] > 0 {
      offShelfDaysLeft[sku] -= 1
    } else if source.uniform() < RealisticSeriesState.offShelfChancePerDay {
      let bounds = RealisticSeriesState.offShelfDays
      let days = exp(source.uniform(in: log(bounds.lowerBound)...log(bounds.upperBound)))
      offShelfDaysLeft[sku] = Int32(days.rounded())
    }
    var markdown = 1.0
    if markdownDaysLeft[sku] > 0 {
      markdownDaysLeft[sku] -= 1
      markdown = markdownLift[sku]
    } else if source.uniform() < RealisticSeriesState.markdownChancePerDay {
      markdownDaysLeft[sku] = Int32(source.integer(in: RealisticSeriesState.markdownDays) - 1)
      let depth = source.uniform(in: RealisticSeriesState.markdownDepth)
      markdownLift[sku] = pow(1 - depth, elasticity[sku])
      markdown = markdownLift[sku]
    }
    let promotion = promotionEffect(
      sku: sku, dayIndex: dayIndex, promotionExponent: promotionExponent)
    if offShelfDaysLeft[sku] > 0 { return 0 }
    let variance =
      RealisticSeriesState.latentStandardDeviation
      * RealisticSeriesState.latentStandardDeviation
    return exp(latent[sku] - variance / 2) * shift[sku] * markdown * promotion
  }

  /// The lift of the promotion actually running on `dayIndex`, the post-promotion dip in the
  /// days after one, or 1.
  @inline(__always)
  mutating func promotionEffect(sku: Int, dayIndex: Int, promotionExponent: Double) -> Double {
    var cursor = promotionCursor[sku]
    let first = promotionOffsets[sku]
    let end = promotionOffsets[sku + 1]
    while cursor < end && promotionEnds[cursor] < dayIndex { cursor += 1 }
    promotionCursor[sku] = cursor
    if cursor < end && promotionStarts[cursor] <= dayIndex {
      return pow(1 + promotionDiscounts[cursor], promotionExponent)
    }
    guard cursor > first else { return 1 }
    let since = dayIndex - promotionEnds[cursor - 1]
    let dipDays = RealisticSeriesState.postPromotionDipDays
    guard since >= 1 && since <= dipDays else { return 1 }
    return 1 - dipDepth[sku] * Double(dipDays - since + 1) / Double(dipDays)
  }

  /// The day's true demand distribution for `sku` (after `step` filled `nbMeanToday`).
  @inline(__always)
  func mixture(sku: Int) -> DemandMixture {
    let mean = nbMeanToday[sku]
    return DemandMixture(
      nbMean: mean, nbSize: nbSize[sku] * (1 + mean / StoreSimulator.dispersionGrowthUnits),
      bulkChance: mean > 0 ? bulkChance[sku] : 0, bulkUnits: bulkUnits[sku])
  }
}
