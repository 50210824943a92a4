import DemandCore
import History

/// One store's archived forecasts joined with its actuals: the rows of
/// ``ForecastActualJoin/rows(forecasts:actuals:window:)`` for the store, laid out flat.
///
/// A store of 500 series forecast 28 days ahead on each of 28 nights has up to 392,000 joined
/// rows. Built row by row as `ForecastActualRow`s (each holding four strings), with arrays per
/// issued forecast and dictionaries keyed by `SeriesKey`, and then sorted by key, that join cost
/// most of the monitor's time at chain scale. Here the series are numbered once per store, a
/// row is a fixed-size value of numbers (64 bytes: series and label indices, day numbers, the
/// stock-out flag and the five values), and rows are made directly in the file's order (series,
/// target day, run date), so nothing is sorted and nothing is looked up per row.
///
/// Measured on the demo chain (10 stores × 60 SKUs) after 28 nights, 225,000 rows joined
/// (`shelfcast monitor`, debug build, callgrind): 31.2 G instructions before, 27.9 G of them in
/// the accuracy step (17 G sorting rows by their string keys, twice); 8.6 G after, drift
/// included.
public struct StoreJoin: Sendable {
  /// One joined row: an issued forecast of one series for one target day beside the actual.
  /// Values are in units, rounded to `ForecastActualJoin.unitDigits` decimals.
  public struct Row: Sendable, Equatable {
    /// The series, an index into `skus`.
    public var series: Int32
    /// The target day.
    public var date: Day
    /// The run date that issued the forecast.
    public var issuedOn: Day
    /// The model label and fitted-set version, indices into `labels`.
    public var model: Int32
    public var modelVersion: Int32
    /// The SKU ran out on `date`: shown, never scored.
    public var stockout: Bool
    public var p10: Double
    public var p50: Double
    public var p90: Double
    /// `nan` when the archive holds no mean.
    public var mean: Double
    public var actual: Double

    /// Days from the run date to the target day (1 for the day after the run).
    public var horizonDays: Int { issuedOn.days(to: date) }
    /// The mean, or p50 without one (see `ForecastActualRow.pointForecast`).
    public var pointForecast: Double { mean.isFinite ? mean : p50 }
  }

  public let store: StoreRecord
  /// The days joined.
  public let window: ClosedRange<Day>
  /// The store's series with an archived forecast for the window, by SKU id.
  public private(set) var skus: [SKUID] = []
  /// Each series' MASE scale (`SeasonalNaiveScale`), `nil` when it has none.
  public private(set) var scales: [Double?] = []
  /// The rows, ordered by series, target day and run date.
  public private(set) var rows: [Row] = []
  /// The model labels and fitted-set versions `rows` refer to.
  public private(set) var labels: [String] = []

  /// Reads the store's archived forecasts for `window`, its demand over the window and the
  /// `scaleHistoryDays` before it (for the MASE scale) and the days it has demand recorded, and
  /// joins them. A store/day without any demand recorded has not arrived and is not joined.
  ///
  /// - Parameter panel: the store's demand panel when the caller has already read it (it must
  ///   end on the window's last day and start no later than the scale history's first day); it
  ///   is read here otherwise. Either gives the same join.
  /// - Throws: `HistoryError` when the store is unknown or a block cannot be read.
  /// - Parameter daysPerPeriod: 1 for a daily workspace, 7 for a weekly one (see the
  ///   joining initialiser).
  public init(
    database: HistoryDatabase, store: StoreRecord, window: ClosedRange<Day>,
    scaleHistoryDays: Int, panel: SeriesPanel? = nil, daysPerPeriod: Int = 1
  ) throws {
    let blocks = try database.archivedForecasts(store: store.id, targetDays: window)
    guard !blocks.isEmpty else {
      self.init(store: store, window: window)
      return
    }
    let scaleStart = Self.span(window: window, scaleHistoryDays: scaleHistoryDays).lowerBound
    let read =
      try panel?.days(scaleStart...window.upperBound)
      ?? database.demandPanel(store: store.id, from: scaleStart, through: window.upperBound)
    let recorded = try database.daysWithDemand(
      store: store.id, from: window.lowerBound, through: window.upperBound)
    self.init(
      store: store, window: window, blocks: blocks, panel: read, recordedDays: recorded,
      daysPerPeriod: daysPerPeriod)
  }

  /// The days a join of `window` reads demand for: the window and the `scaleHistoryDays`
  /// before it.
  public static func span(window: ClosedRange<Day>, scaleHistoryDays: Int) -> ClosedRange<Day> {
    window.lowerBound.adding(days: -scaleHistoryDays)...window.upperBound
  }

  /// An empty join: the store had nothing archived for the window.
  public init(store: StoreRecord, window: ClosedRange<Day>) {
    self.store = store
    self.window = window
  }

  /// Joins `blocks` (the store's archived forecasts, one per run date) with `panel` (its demand,
  /// from the scale history's first day through the window's last) on the `recordedDays`.
  ///
  /// Series missing from the panel sold nothing and never ran out: zero demand on every
  /// recorded day, and no MASE scale.
  ///
  /// At weekly grain (`daysPerPeriod` 7) a week's demand is recorded on its week-ending day,
  /// the window's last day is one, and the MASE scale is read from the week-ending days before
  /// the window (`SeasonalNaiveScale.scale(weeklyUnits:stockout:)`).
  ///
  /// - Precondition: `panel` ends on the window's last day and starts on or before its first.
  public init(
    store: StoreRecord, window: ClosedRange<Day>, blocks: [ForecastBlock], panel: SeriesPanel,
    recordedDays: [Day], daysPerPeriod: Int = 1
  ) {
    self.init(store: store, window: window)
    let blocks = blocks.sorted { $0.issuedOn < $1.issuedOn }
    let windowDays = window.lowerBound.days(to: window.upperBound) + 1
    let windowOffset = panel.start.days(to: window.lowerBound)
    precondition(
      windowOffset >= 0 && windowOffset + windowDays == panel.dayCount,
      "the panel covers the scale history and ends with the window")
    var isRecorded = [Bool](repeating: false, count: windowDays)
    for day in recordedDays where window.contains(day) {
      isRecorded[window.lowerBound.days(to: day)] = true
    }

    // Number the series (by SKU id) and find each in every block.
    var seen = Set<SKUID>()
    for block in blocks { seen.formUnion(block.skus) }
    skus = seen.sorted()
    var seriesOfSKU: [SKUID: Int] = [:]
    seriesOfSKU.reserveCapacity(skus.count)
    for (index, sku) in skus.enumerated() { seriesOfSKU[sku] = index }
    let seriesCount = skus.count
    // positions[b * seriesCount + s]: the index of series s in block b, or −1.
    var positions = [Int32](repeating: -1, count: blocks.count * seriesCount)
    var labelIndex: [String: Int32] = [:]
    func label(_ text: String) -> Int32 {
      if let index = labelIndex[text] { return index }
      labels.append(text)
      labelIndex[text] = Int32(labels.count - 1)
      return Int32(labels.count - 1)
    }
    var modelLabels = [Int32](repeating: -1, count: blocks.count * seriesCount)
    var versionLabels: [Int32] = []
    for (b, block) in blocks.enumerated() {
      versionLabels.append(label(block.modelVersion))
      for (i, sku) in block.skus.enumerated() {
        guard let s = seriesOfSKU[sku] else { continue }
        positions[b * seriesCount + s] = Int32(i)
        modelLabels[b * seriesCount + s] = label(block.models[i])
      }
    }

    // Each series' panel row: both lists are in SKU-id order.
    var panelRows = [Int](repeating: -1, count: seriesCount)
    var p = 0
    for (s, sku) in skus.enumerated() {
      while p < panel.seriesCount && panel.keys[p].sku < sku { p += 1 }
      if p < panel.seriesCount && panel.keys[p].sku == sku { panelRows[s] = p }
    }

    // Per block: its first target day and length as offsets into the window.
    let first = window.lowerBound
    let blockStart = blocks.map { first.days(to: $0.firstTargetDay) }
    let blockDays = blocks.map(\.dayCount)
    let blockSteps = blocks.map(\.daysPerTarget)
    // Exactly the rows a series can have (every series in every block), so the array is
    // allocated once: a store's rows are tens of megabytes, and growing them by doubling
    // copied them and faulted in the pages twice.
    var targetsPerSeries = 0
    for b in blocks.indices {
      for h in 0..<blockDays[b] {
        let t = blockStart[b] + h * blockSteps[b]
        if t >= 0 && t < windowDays && isRecorded[t] { targetsPerSeries += 1 }
      }
    }
    rows.reserveCapacity(seriesCount * targetsPerSeries)
    scales.reserveCapacity(seriesCount)
    for s in 0..<seriesCount {
      let panelRow = panelRows[s]
      if panelRow >= 0 {
        let units = panel.series(panelRow).prefix(windowOffset)
        let censored = panel.censoring(panelRow).prefix(windowOffset)
        if daysPerPeriod > 1 {
          // The week-ending days before the window, oldest first: offsets whole weeks before
          // the window's last day.
          let lastOffset = windowOffset + windowDays - 1
          let weekEnds = (0..<windowOffset).filter { (lastOffset - $0) % daysPerPeriod == 0 }
          scales.append(
            SeasonalNaiveScale.scale(
              weeklyUnits: weekEnds.map { units[units.startIndex + $0] },
              stockout: weekEnds.map { censored[censored.startIndex + $0] }))
        } else {
          scales.append(SeasonalNaiveScale.scale(units: units, stockout: censored))
        }
      } else {
        scales.append(nil)
      }
      for t in 0..<windowDays where isRecorded[t] {
        let day = first.adding(days: t)
        var actual = 0.0
        var stockout = false
        if panelRow >= 0 {
          let cell = panelRow * panel.dayCount + windowOffset + t
          actual = ForecastActualJoin.rounded(panel.values[cell])
          stockout = panel.censored[cell]
        }
        for b in blocks.indices {
          let position = Int(positions[b * seriesCount + s])
          // The target's offset in the block: days since its first target, in targets (a
          // weekly block's targets are 7 days apart).
          let offsetDays = t - blockStart[b]
          guard position >= 0 && offsetDays >= 0 && offsetDays % blockSteps[b] == 0 else {
            continue
          }
          let h = offsetDays / blockSteps[b]
          guard h < blockDays[b] else { continue }
          let cell = position * blockDays[b] + h
          rows.append(
            Row(
              series: Int32(s), date: day, issuedOn: blocks[b].issuedOn,
              model: modelLabels[b * seriesCount + s], modelVersion: versionLabels[b],
              stockout: stockout,
              p10: ForecastActualJoin.rounded(Double(blocks[b].p10[cell])),
              p50: ForecastActualJoin.rounded(Double(blocks[b].p50[cell])),
              p90: ForecastActualJoin.rounded(Double(blocks[b].p90[cell])),
              mean: ForecastActualJoin.rounded(Double(blocks[b].mean[cell])), actual: actual))
        }
      }
    }
  }

  /// Series with at least one joined row.
  public var seriesJoined: Int {
    var count = 0
    var last: Int32 = -1
    for row in rows where row.series != last {
      count += 1
      last = row.series
    }
    return count
  }

  /// The key of series `index`.
  public func key(_ index: Int32) -> SeriesKey {
    SeriesKey(store: store.id, sku: skus[Int(index)])
  }

  /// `row` as a row of `forecast_vs_actual.csv`.
  public func forecastActualRow(_ row: Row) -> ForecastActualRow {
    ForecastActualRow(
      key: key(row.series), date: row.date, issuedOn: row.issuedOn, p10: row.p10, p50: row.p50,
      p90: row.p90, mean: row.mean, actual: row.actual, stockout: row.stockout,
      model: labels[Int(row.model)], modelVersion: labels[Int(row.modelVersion)])
  }
}
