import DemandCore
import Foundation

/// The realistic profile's hidden parameters that every store shares: per-SKU yearly cycles,
/// dispersion, bulk buys and unlisted price changes, and each store's weekday shape.
///
/// Drawn from a stream of its own (chain seed, tag 11), so adding it leaves every draw of the
/// simple profile where it was. None of it is written to the master files; the truth files
/// carry what an oracle needs (`truth/demand_dispersion.csv`, `truth/bulk_buys.csv`).
struct RealisticCatalog: Sendable {
  // MARK: Per SKU

  /// Amplitude of the SKU's first yearly harmonic (fraction of the level), and its peak day
  /// of year: the category's amplitude × log-normal(0, 0.5) plus 0.02, at most 0.5, peaking at
  /// the category's peak ± 45 days (normal).
  let yearlyAmplitude: [Double]
  let yearlyPeakDayOfYear: [Double]
  /// The second (half-year) harmonic: up to 0.3 × the first's amplitude, at a random phase.
  let halfYearAmplitude: [Double]
  let halfYearPeakDayOfYear: [Double]
  /// Negative binomial size at low volume (size = this × (1 + mean / 20), as in the simple
  /// profile): log-normal with median 4 and log-sd 0.5, within 0.5...20, as in the simple
  /// profile. The hidden drivers add their own variance, so the size measured on the sales
  /// (method of moments after de-seasonalising) comes out near M5's 2.
  let nbSize: [Double]
  /// Chance per selling day of one bulk purchase (log-uniform 0.03 %–0.3 %, one every 330 to
  /// 3,300 selling days), and its unit: the case pack within 2...4 (a bulk buyer takes 1, 2 or
  /// 3 of it).
  let bulkChance: [Double]
  let bulkUnits: [Int]
  /// Unlisted relative price changes (day index, price relative to the listed one), about one
  /// every 150 days, each ×0.85–0.97 or ×1.03–1.15, kept within 0.7...1.4. Demand moves by
  /// `relative^elasticity`; no file shows them.
  let hiddenPriceChanges: [[(dayIndex: Int, relativePrice: Double)]]

  // MARK: Per category and store

  /// `categoryTilt[category][weekday]`: the category's weekly shape to the power 0.1 (mean 1), a
  /// mild tilt on top of the store's shape.
  let categoryTilt: [[Double]]
  /// `storeWeekly[store][weekday]` (Monday first, mean 1): each store's own weekday shape.
  /// Half the stores peak on Saturday, 30 % on Sunday, 20 % on Friday; the Saturday/Monday
  /// ratio is uniform in 1.05...1.6 (1.1–1.7 once the category tilt is applied).
  let storeWeekly: [[Double]]

  /// Mean daily demand of an average SKU in an average store on an average day, in units.
  /// Lower than the simple profile's 4.3 so the median series sells about 0.7 units a day from
  /// its first sale on, as the M5 item × store series do (`Benchmarks/generator_stats.py`).
  static let baseUnitsPerDay = 1.6

  init(configuration: ChainConfiguration, skus: [SKUProfile], storeCount: Int) {
    var source = RandomSource(seed: SplitMix64.streamSeed(configuration.seed, 11))
    var amplitude: [Double] = []
    var peak: [Double] = []
    var halfAmplitude: [Double] = []
    var halfPeak: [Double] = []
    var size: [Double] = []
    var chance: [Double] = []
    var units: [Int] = []
    var prices: [[(dayIndex: Int, relativePrice: Double)]] = []
    let timeline = configuration.timelineDayCount
    for sku in skus {
      let cycle = sku.category.yearlyCycle
      let first = min(0.5, 0.02 + cycle.amplitude * source.logNormal(mu: 0, sigma: 0.5))
      amplitude.append(first)
      peak.append(cycle.peakDayOfYear + 45 * source.normal())
      halfAmplitude.append(0.3 * first * source.uniform())
      halfPeak.append(source.uniform(in: 0...365.25))
      size.append(min(20, max(0.5, source.logNormal(mu: log(4), sigma: 0.5))))
      chance.append(exp(source.uniform(in: log(0.0003)...log(0.003))))
      units.append(min(4, max(2, sku.casePack)))
      var relative = 1.0
      var changes: [(dayIndex: Int, relativePrice: Double)] = []
      let count = source.poisson(mean: Double(timeline) / 150)
      var days = (0..<count).map { _ in source.integer(in: 1...max(1, timeline - 1)) }
      days.sort()
      for day in days {
        let factor =
          source.chance(0.5) ? source.uniform(in: 0.85...0.97) : source.uniform(in: 1.03...1.15)
        relative = min(1.4, max(0.7, relative * factor))
        changes.append((day, relative))
      }
      prices.append(changes)
    }
    yearlyAmplitude = amplitude
    yearlyPeakDayOfYear = peak
    halfYearAmplitude = halfAmplitude
    halfYearPeakDayOfYear = halfPeak
    nbSize = size
    bulkChance = chance
    bulkUnits = units
    hiddenPriceChanges = prices
    categoryTilt = ProductCategory.allCases.map { category in
      ChainCatalog.normalized(ChainCatalog.normalized(category.weeklyShape).map { pow($0, 0.1) })
    }
    storeWeekly = (0..<storeCount).map { _ in RealisticCatalog.weeklyShape(&source) }
  }

  /// A store's weekday shape (Monday first, mean 1) with its Saturday/Monday ratio `r` drawn
  /// uniformly from 1.05...1.6 and its peak on Saturday (50 %), Sunday (30 %) or Friday (20 %);
  /// a Sunday or Friday peak is 1.1–1.25 × Saturday.
  static func weeklyShape(_ source: inout RandomSource) -> [Double] {
    let ratio = source.uniform(in: 1.05...1.6)
    let lift = ratio - 1
    let above = ratio * source.uniform(in: 1.1...1.25)
    switch source.weightedIndex([0.5, 0.3, 0.2]) {
    case 0:
      return ChainCatalog.normalized([1, 0.95, 0.97, 1, 1 + 0.55 * lift, ratio, 1 + 0.45 * lift])
    case 1:
      return ChainCatalog.normalized([1, 0.95, 0.97, 1, 1 + 0.35 * lift, ratio, above])
    default:
      return ChainCatalog.normalized([1, 0.95, 0.97, 1.02, above, ratio, 1 + 0.3 * lift])
    }
  }

  /// The SKU's yearly multiplier on a day of year (mean about 1 over a year).
  func yearly(sku: Int, dayOfYear: Double) -> Double {
    let first = 2 * Double.pi * (dayOfYear - yearlyPeakDayOfYear[sku]) / 365.25
    let second = 4 * Double.pi * (dayOfYear - halfYearPeakDayOfYear[sku]) / 365.25
    return 1 + yearlyAmplitude[sku] * cos(first) + halfYearAmplitude[sku] * cos(second)
  }
}
