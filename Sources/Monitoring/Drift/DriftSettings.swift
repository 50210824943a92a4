/// The windows, thresholds and minimum sample sizes of drift detection (issue 5, section 2).
///
/// Every value has a default, and a configuration file (snake_case keys, e.g. under `drift:`)
/// need only name what it changes.
///
/// ## Why a p-value alone never decides
///
/// Drift tests compare months of store/SKU/days: hundreds of thousands of observations. At that
/// size every p-value is tiny, because no two windows of real data are exactly alike (a holiday
/// moves, a campaign runs, a SKU is delisted), and "significant" stops meaning "large enough to
/// matter". So each test with a p-value is decided by two conditions together:
///
///     drifted = p < alpha  AND  effect size ≥ its threshold
///
/// The p-value guards small segments, where a large-looking effect can be chance; the effect
/// size guards large ones, where a negligible effect is significant. The population stability
/// index has no p-value and is itself an effect size, so `drifted = PSI ≥ psiThreshold`.
///
/// ## The defaults and why
///
/// - `alpha` 0.001: each run makes about seven tests on each of some twenty segments, so about
///   0.14 chance passes a run at this level; and the reference weeks of the level test are not
///   perfectly exchangeable with the recent one (seasons, delistings), which makes its p-values
///   somewhat too small. A strict alpha absorbs both.
/// - `levelKSThreshold` 0.05: for the level test D is the largest difference, over all
///   distances t, between the share of the segment's series whose newest week lies more than
///   t of its own usual deviations from its expected level, and the same share in the
///   reference weeks. 0.05 means that 5 % more series than usual moved. On `make bench-drift`
///   (200 stores × 500 SKUs) the undrifted twin chain stays below 0.036 and a tenth of the
///   series drifting by ×0.6 or ×1.5 reaches 0.034–0.062 a week after the onset.
/// - `levelBand` 3 and `levelBandThreshold` 0.1: the band test counts the series whose newest
///   week lies beyond ±3 usual deviations. About 0.65 % of reference weeks do, so
///   V = (r − e)/√(e (1 − e)) = 0.1 is about 0.8 % more of the segment's series beyond ±3
///   than usual: a concentrated shift that D, which is most sensitive in the middle of the
///   distribution, can miss.
/// - `psiThreshold` 0.25: the conventional "major shift" of the PSI (Siddiqi 2006; Yurdakul
///   2018: below 0.1 stable, 0.1–0.25 moderate). On the level scores it is reached only when a
///   large part of a segment moves, on the price bands when the promotion mix changes deeply.
/// - `weekdayThreshold` 0.1: Cramér's V of the recent weekday mix against the reference one;
///   0.1 is about ten points of share moving between days (Saturday from 20 % to 26 %, say).
///   Holidays inside the 28 days move V by up to about 0.05 on their own.
/// - `priceKSThreshold` 0.1: D on offered price ÷ list price, over store/SKU/days; 0.1 is ten
///   points more (or fewer) store/SKU/days at or below some relative price, e.g. the share of
///   days on promotion going from 8 % to 18 %.
/// - `promotionShareThreshold` 0.3: V of the on/off-promotion mix, |r − e| / √(e (1 − e)) for
///   reference share e and recent share r; 0.3 is Cohen's "medium" effect, e.g. 8 % → 16 %.
/// - `wapeTolerance` 0.10: concept drift when the recent WAPE exceeds the backtest WAPE of the
///   model in service by more than 10 % of it, the warning level of `AlertRules.accuracy`, so
///   the drift file and the alerts agree.
/// - Windows: the last `recentDays` 28 days against the `referenceDays` 364 before them (52
///   whole weeks, so every weekday counts equally and the level test's weekly blocks tile it).
/// - Minimums: a series is scored for level only with at least `minimumUnitsPerBlock` 10 units
///   expected per week (below that a week's count is mostly Poisson noise) and at least
///   `minimumPeerSeries` 5 other stores selling its SKU (to separate its own change from the
///   SKU's promotions, price changes and season); a segment needs `minimumSeries` 20 scored
///   series for the level tests, `minimumUnits` 500 recent units for the weekday test and
///   `minimumSeriesDays` 500 recent store/SKU/days for the price and promotion tests.
public struct DriftSettings: Sendable, Equatable, Codable {
  // MARK: - Windows

  /// Days in the recent window, ending on the run date.
  public var recentDays: Int
  /// Days in the reference window, ending the day before the recent window; a
  /// multiple of `levelBlockDays`.
  public var referenceDays: Int
  /// Days in one block of the level test; the newest block of the recent window is scored.
  public var levelBlockDays: Int

  // MARK: - Decisions

  /// Significance level every p-value must be below.
  public var alpha: Double
  /// Smallest Kolmogorov–Smirnov D of the level test that counts as drift.
  public var levelKSThreshold: Double
  /// |z| beyond which the level band test counts a series, in usual deviations, > 2.
  public var levelBand: Double
  /// Smallest effect V = (r − e)/√(e (1 − e)) of the level band test that counts as drift.
  public var levelBandThreshold: Double
  /// Smallest PSI that counts as drift (level scores and price bands).
  public var psiThreshold: Double
  /// Smallest Cramér's V of the weekday mix that counts as drift.
  public var weekdayThreshold: Double
  /// Smallest Kolmogorov–Smirnov D of relative price that counts as drift.
  public var priceKSThreshold: Double
  /// Smallest Cramér's V of the promotion mix that counts as drift.
  public var promotionShareThreshold: Double
  /// Relative worsening of the WAPE beyond which accuracy counts as drifted (0.1 = 10 %).
  public var wapeTolerance: Double
  /// |z| of a series' newest block from which the series itself is reported as shifted.
  public var seriesScoreThreshold: Double

  // MARK: - Minimum samples

  /// Units a series must be expected to sell in one level block to be scored.
  public var minimumUnitsPerBlock: Double
  /// Other series of the same SKU (same region, else the whole chain) a series needs.
  public var minimumPeerSeries: Int
  /// Scored series a segment needs for its level tests.
  public var minimumSeries: Int
  /// Units a segment must have sold in the recent window for its weekday test.
  public var minimumUnits: Double
  /// Store/SKU/days a segment must have in the recent window for its price and promotion tests.
  public var minimumSeriesDays: Int

  public init(
    recentDays: Int = 28, referenceDays: Int = 364, levelBlockDays: Int = 7,
    alpha: Double = 0.001, levelKSThreshold: Double = 0.05, levelBand: Double = 3,
    levelBandThreshold: Double = 0.1, psiThreshold: Double = 0.25, weekdayThreshold: Double = 0.1,
    priceKSThreshold: Double = 0.1, promotionShareThreshold: Double = 0.3,
    wapeTolerance: Double = 0.10, seriesScoreThreshold: Double = 4,
    minimumUnitsPerBlock: Double = 10, minimumPeerSeries: Int = 5, minimumSeries: Int = 20,
    minimumUnits: Double = 500, minimumSeriesDays: Int = 500
  ) {
    self.recentDays = recentDays
    self.referenceDays = referenceDays
    self.levelBlockDays = levelBlockDays
    self.alpha = alpha
    self.levelKSThreshold = levelKSThreshold
    self.levelBand = levelBand
    self.levelBandThreshold = levelBandThreshold
    self.psiThreshold = psiThreshold
    self.weekdayThreshold = weekdayThreshold
    self.priceKSThreshold = priceKSThreshold
    self.promotionShareThreshold = promotionShareThreshold
    self.wapeTolerance = wapeTolerance
    self.seriesScoreThreshold = seriesScoreThreshold
    self.minimumUnitsPerBlock = minimumUnitsPerBlock
    self.minimumPeerSeries = minimumPeerSeries
    self.minimumSeries = minimumSeries
    self.minimumUnits = minimumUnits
    self.minimumSeriesDays = minimumSeriesDays
  }

  /// Reference blocks of the level test: `referenceDays / levelBlockDays`.
  public var referenceBlockCount: Int { referenceDays / levelBlockDays }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case recentDays = "recent_days"
    case referenceDays = "reference_days"
    case levelBlockDays = "level_block_days"
    case alpha
    case levelKSThreshold = "level_ks_threshold"
    case levelBand = "level_band"
    case levelBandThreshold = "level_band_threshold"
    case psiThreshold = "psi_threshold"
    case weekdayThreshold = "weekday_threshold"
    case priceKSThreshold = "price_ks_threshold"
    case promotionShareThreshold = "promotion_share_threshold"
    case wapeTolerance = "wape_tolerance"
    case seriesScoreThreshold = "series_score_threshold"
    case minimumUnitsPerBlock = "minimum_units_per_block"
    case minimumPeerSeries = "minimum_peer_series"
    case minimumSeries = "minimum_series"
    case minimumUnits = "minimum_units"
    case minimumSeriesDays = "minimum_series_days"
  }

  /// The configuration keys, as a file spells them (for refusing unknown keys).
  public static let keys: Set<String> = Set(CodingKeys.allCases.map(\.rawValue))

  /// Missing keys take their defaults, so a file need only name what it changes.
  public init(from decoder: any Decoder) throws {
    let d = DriftSettings()
    let c = try decoder.container(keyedBy: CodingKeys.self)
    func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
      try c.decodeIfPresent(T.self, forKey: key) ?? fallback
    }
    recentDays = try value(.recentDays, d.recentDays)
    referenceDays = try value(.referenceDays, d.referenceDays)
    levelBlockDays = try value(.levelBlockDays, d.levelBlockDays)
    alpha = try value(.alpha, d.alpha)
    levelKSThreshold = try value(.levelKSThreshold, d.levelKSThreshold)
    levelBand = try value(.levelBand, d.levelBand)
    levelBandThreshold = try value(.levelBandThreshold, d.levelBandThreshold)
    psiThreshold = try value(.psiThreshold, d.psiThreshold)
    weekdayThreshold = try value(.weekdayThreshold, d.weekdayThreshold)
    priceKSThreshold = try value(.priceKSThreshold, d.priceKSThreshold)
    promotionShareThreshold = try value(.promotionShareThreshold, d.promotionShareThreshold)
    wapeTolerance = try value(.wapeTolerance, d.wapeTolerance)
    seriesScoreThreshold = try value(.seriesScoreThreshold, d.seriesScoreThreshold)
    minimumUnitsPerBlock = try value(.minimumUnitsPerBlock, d.minimumUnitsPerBlock)
    minimumPeerSeries = try value(.minimumPeerSeries, d.minimumPeerSeries)
    minimumSeries = try value(.minimumSeries, d.minimumSeries)
    minimumUnits = try value(.minimumUnits, d.minimumUnits)
    minimumSeriesDays = try value(.minimumSeriesDays, d.minimumSeriesDays)
  }
}
