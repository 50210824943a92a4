import DemandCore

/// What to generate: the size of the chain, its dates, the random seed, an optional drift and the
/// demand model (`profile`).
///
/// The configuration is the whole recipe: the same value always yields byte-identical files,
/// so it is written next to the data (`chain.json`) and is enough to regenerate a chain.
///
/// Days run from `start` through `lastDay` (`dayCount` days). The final `transactionDayCount`
/// of them are delivered as raw transaction files in `inbox/` instead of daily history, and the
/// calendar, promotions and true expected demand continue `futureDayCount` (91) days past
/// `lastDay`, so forecasts can be scored against the truth. `truthStart` can shorten the truth
/// file (which grows with every simulated day) to the days a benchmark scores; it changes no other
/// file.
public struct ChainConfiguration: Sendable, Codable, Equatable {
  /// Number of stores, at least 1.
  public var storeCount: Int
  /// Number of SKUs in the assortment (every store lists every SKU), at least 1.
  public var skuCount: Int
  /// First simulated day.
  public var start: Day
  /// Number of simulated days, history and transaction days together.
  public var dayCount: Int
  /// How many of the last simulated days are written as transactions instead of history,
  /// `0...dayCount`.
  public var transactionDayCount: Int
  /// Seed for every random choice; different seeds give unrelated chains.
  public var seed: UInt64
  /// First day on which drifted series follow their new level and weekly profile; `nil` for none.
  public var driftStart: Day?
  /// Share of store/SKU series that drift at `driftStart`, in `0...1`.
  public var driftShare: Double
  /// First day written to `truth/expected_demand.csv`, in `start...horizonEnd`; `nil` writes
  /// every day from `start`. Only what is written changes: the simulation and all other files
  /// are the same, and the rows written are those of the full truth file from that day.
  public var truthStart: Day?
  /// The demand model. `chain.json` records it only when it is not `.simple`, so simple chains'
  /// files are the same as before profiles existed.
  public var profile: GeneratorProfile
  /// Whether transaction lines carry their time of sale (a `time` column, `HH:MM:SS`), drawn
  /// from an intraday shape of the store's format and the weekday (`IntradayShape`). Off by
  /// default; `chain.json` records it only when on, and with it off every file is the same as
  /// before timestamps existed.
  public var timestamps: Bool

  public init(
    storeCount: Int, skuCount: Int, start: Day, dayCount: Int, transactionDayCount: Int,
    seed: UInt64, driftStart: Day? = nil, driftShare: Double = 0, truthStart: Day? = nil,
    profile: GeneratorProfile = .simple, timestamps: Bool = false
  ) {
    self.storeCount = storeCount
    self.skuCount = skuCount
    self.start = start
    self.dayCount = dayCount
    self.transactionDayCount = transactionDayCount
    self.seed = seed
    self.driftStart = driftStart
    self.driftShare = driftShare
    self.truthStart = truthStart
    self.profile = profile
    self.timestamps = timestamps
  }

  // MARK: - Limits and derived dates

  /// Days of calendar, promotions and truth written past `lastDay`.
  public static let futureDayCount = 91
  /// Largest accepted `storeCount`.
  public static let maximumStoreCount = 10_000
  /// Largest accepted `skuCount`.
  public static let maximumSKUCount = 200_000
  /// Largest accepted `storeCount × skuCount`, which bounds memory (about 1 KB per series).
  public static let maximumSeriesCount = 2_000_000
  /// Largest accepted `dayCount` (about ten years).
  public static let maximumDayCount = 3_660

  /// Last simulated day.
  public var lastDay: Day { start.adding(days: dayCount - 1) }
  /// Days written as daily history (`dayCount - transactionDayCount`).
  public var historyDayCount: Int { dayCount - transactionDayCount }
  /// First day delivered as transactions (`lastDay + 1` when there are none).
  public var firstTransactionDay: Day { start.adding(days: historyDayCount) }
  /// Last day of the calendar, promotions and truth: `lastDay + futureDayCount`.
  public var horizonEnd: Day { lastDay.adding(days: ChainConfiguration.futureDayCount) }
  /// Days from `start` through `horizonEnd`.
  var timelineDayCount: Int { dayCount + ChainConfiguration.futureDayCount }
  /// Index (days from `start`) of the first day written to the truth file.
  var truthStartIndex: Int { truthStart.map { start.days(to: $0) } ?? 0 }

  // MARK: - Validation

  /// Checks that the configuration describes a chain that can be generated.
  /// - Throws: `GeneratorError` naming the first problem found and how to fix it.
  public func validate() throws(GeneratorError) {
    guard (1...ChainConfiguration.maximumStoreCount).contains(storeCount) else {
      throw .storeCountOutOfRange(storeCount)
    }
    guard (1...ChainConfiguration.maximumSKUCount).contains(skuCount) else {
      throw .skuCountOutOfRange(skuCount)
    }
    guard storeCount * skuCount <= ChainConfiguration.maximumSeriesCount else {
      throw .tooManySeries(storeCount: storeCount, skuCount: skuCount)
    }
    guard (1...ChainConfiguration.maximumDayCount).contains(dayCount) else {
      throw .dayCountOutOfRange(dayCount)
    }
    guard (0...dayCount).contains(transactionDayCount) else {
      throw .transactionDayCountOutOfRange(transactionDayCount, dayCount: dayCount)
    }
    // Check the years before doing day arithmetic that could overflow `Int32`.
    let firstYear = start.civil.year
    let spanYears = (dayCount + ChainConfiguration.futureDayCount) / 365 + 1
    guard Day.supportedYears.contains(firstYear),
      Day.supportedYears.contains(firstYear + spanYears)
    else {
      throw .datesOutOfRange(start: start, dayCount: timelineDayCount)
    }
    guard driftShare.isFinite, (0...1).contains(driftShare) else {
      throw .driftShareOutOfRange(driftShare)
    }
    if let driftStart, driftStart <= start || driftStart > lastDay {
      throw .driftStartOutOfRange(driftStart, start: start, lastDay: lastDay)
    }
    if let truthStart, truthStart < start || truthStart > horizonEnd {
      throw .truthStartOutOfRange(truthStart, start: start, horizonEnd: horizonEnd)
    }
  }
}
