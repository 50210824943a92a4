import DemandCore
import History
import _Parallel

/// One store's contribution to one run date: its series' level blocks, and its weekday and
/// price samples per category. Made by `DriftChain.reduce`, put together by
/// `DriftChain.evaluation`.
public struct StoreReduction: Sendable {
  var keys: [SeriesKey] = []
  var skus: [Int] = []
  /// Level blocks, `blockCount` per series (as `LevelPanel`).
  var units: [Double] = []
  var days: [Int32] = []
  /// Weekday and price samples by category index (no level scores yet).
  var categorySamples: [Int: SegmentSample] = [:]
}

extension DriftChain {
  /// The days a reduction for `windows` reads: from the earliest reference start to the latest
  /// run date; `nil` without windows.
  public static func span(of windows: [DriftWindows]) -> ClosedRange<Day>? {
    guard let first = windows.map(\.referenceStart).min(), let last = windows.map(\.date).max()
    else { return nil }
    return first...last
  }

  /// Reads store `index` once, over the union of `windows` (`span(of:)`), and reduces it for
  /// each window.
  public func reduce(store index: Int, windows: [DriftWindows]) throws -> [StoreReduction] {
    guard let span = Self.span(of: windows) else { return [] }
    let panel = try database.demandPanel(
      store: stores[index].id, from: span.lowerBound, through: span.upperBound)
    return reduce(store: index, windows: windows, panel: panel)
  }

  /// Reduces store `index` for each of `windows` from `panel`, a demand panel of the store
  /// that covers `span(of: windows)` (it may cover more: only those days are used, so the
  /// result is the same as `reduce(store:windows:)`'s, which reads exactly them).
  public func reduce(store index: Int, windows: [DriftWindows], panel wider: SeriesPanel)
    -> [StoreReduction]
  {
    guard let span = Self.span(of: windows) else { return [] }
    let panel = wider.days(span)
    let first = span.lowerBound
    let store = stores[index]
    var reductions = [StoreReduction](repeating: StoreReduction(), count: windows.count)
    let firstWeekday = first.weekdayIndex
    let openOffset = store.openDay.map { max(0, first.days(to: $0)) } ?? 0
    var discount = [Double](repeating: 0, count: panel.dayCount)
    for row in 0..<panel.seriesCount {
      let key = panel.keys[row]
      guard let sku = skuIndex[key.sku] else { continue }
      let values = panel.series(row)
      let censored = panel.censoring(row)
      // The series exists from its first sale or stock-out in the window read.
      guard let firstSeen = values.indices.first(where: { values[$0] > 0 || censored[$0] })
      else { continue }
      let startOffset = max(firstSeen - values.startIndex, openOffset)
      fillDiscounts(&discount, key: key, from: first)
      for (w, window) in windows.enumerated() {
        reduce(
          into: &reductions[w], window: window, sku: sku, key: key, values: values,
          censored: censored, discount: discount, panelStart: first, startOffset: startOffset,
          firstWeekday: firstWeekday)
      }
    }
    return reductions
  }

  /// Sets `discount[t]` to the largest promotion discount of `key` on day `from + t`.
  private func fillDiscounts(_ discount: inout [Double], key: SeriesKey, from first: Day) {
    for t in discount.indices { discount[t] = 0 }
    for span in promotions[key] ?? [] {
      let lower = max(0, first.days(to: span.start))
      let upper = min(discount.count - 1, first.days(to: span.end))
      guard lower <= upper else { continue }
      for t in lower...upper { discount[t] = max(discount[t], span.discount) }
    }
  }

  private func reduce(
    into reduction: inout StoreReduction, window: DriftWindows, sku: Int, key: SeriesKey,
    values: ArraySlice<Double>, censored: ArraySlice<Bool>, discount: [Double], panelStart: Day,
    startOffset: Int, firstWeekday: Int
  ) {
    var blockUnits = [Double](repeating: 0, count: window.blockCount)
    var blockDays = [Int32](repeating: 0, count: window.blockCount)
    var weekdayReference = [Double](repeating: 0, count: 7)
    var weekdayRecent = [Double](repeating: 0, count: 7)
    var fullPrice = (reference: 0, recent: 0)
    var discounted: [Double: (reference: Int, recent: Int)] = [:]
    let lower = max(startOffset, panelStart.days(to: window.referenceStart))
    let upper = panelStart.days(to: window.date)
    guard lower <= upper else { return }
    for t in lower...upper {
      let day = panelStart.adding(days: t)
      guard let recent = window.isRecent(day) else { continue }
      if discount[t] > 0 {
        var entry = discounted[1 - discount[t], default: (0, 0)]
        if recent { entry.recent += 1 } else { entry.reference += 1 }
        discounted[1 - discount[t]] = entry
      } else if recent {
        fullPrice.recent += 1
      } else {
        fullPrice.reference += 1
      }
      guard !censored[censored.startIndex + t] else { continue }
      let units = values[values.startIndex + t]
      let weekday = (firstWeekday + t) % 7
      if recent { weekdayRecent[weekday] += units } else { weekdayReference[weekday] += units }
      if let block = window.block(of: day) {
        blockUnits[block] += units
        blockDays[block] += 1
      }
    }
    reduction.keys.append(key)
    reduction.skus.append(sku)
    reduction.units.append(contentsOf: blockUnits)
    reduction.days.append(contentsOf: blockDays)
    let category = categoryOfSKU[sku]
    var sample = reduction.categorySamples[category] ?? SegmentSample(segment: "")
    sample.addWeekdayUnits(weekdayReference, recent: false)
    sample.addWeekdayUnits(weekdayRecent, recent: true)
    sample.addPriceDays(relativePrice: 1, days: fullPrice.reference, recent: false)
    sample.addPriceDays(relativePrice: 1, days: fullPrice.recent, recent: true)
    for (price, count) in discounted {
      sample.addPriceDays(relativePrice: price, days: count.reference, recent: false)
      sample.addPriceDays(relativePrice: price, days: count.recent, recent: true)
    }
    reduction.categorySamples[category] = sample
  }

  /// Puts the stores' reductions of one run date together (`reductions[s]` of store `s`):
  /// scores the level panel, fills the segments' samples and runs the detector on each
  /// segment, the segments on all cores.
  public func evaluation(
    windows: DriftWindows, stores reductions: [StoreReduction], detector: DriftDetector
  ) -> DriftEvaluation {
    let settings = detector.settings
    var panel = LevelPanel(blockCount: windows.blockCount)
    var keys: [SeriesKey] = []
    var storeOfSeries: [Int] = []
    var skuOfSeries: [Int] = []
    let skuCount = skuIndex.count
    let blocks = windows.blockCount
    for (store, reduction) in reductions.enumerated() {
      for (i, sku) in reduction.skus.enumerated() {
        panel.append(
          units: reduction.units[i * blocks..<(i + 1) * blocks],
          days: reduction.days[i * blocks..<(i + 1) * blocks],
          peerGroup: regionOfStore[store] * skuCount + sku, widePeerGroup: sku)
        keys.append(reduction.keys[i])
        storeOfSeries.append(store)
        skuOfSeries.append(sku)
      }
    }
    let scores = LevelShiftScorer.scores(
      panel, blockDays: windows.blockDays, minimumUnitsPerBlock: settings.minimumUnitsPerBlock,
      minimumPeerSeries: settings.minimumPeerSeries)

    var chain = SegmentSample(segment: DriftSegment.chain)
    var regionSamples = regions.map { SegmentSample(segment: DriftSegment.region($0)) }
    var categorySamples = categories.map { SegmentSample(segment: DriftSegment.category($0)) }
    for (store, reduction) in reductions.enumerated() {
      for category in reduction.categorySamples.keys.sorted() {
        guard let partial = reduction.categorySamples[category] else { continue }
        chain.merge(partial)
        regionSamples[regionOfStore[store]].merge(partial)
        categorySamples[category].merge(partial)
      }
    }
    for i in keys.indices where scores.isScored(i) {
      chain.addLevel(scores, series: i)
      regionSamples[regionOfStore[storeOfSeries[i]]].addLevel(scores, series: i)
      categorySamples[categoryOfSKU[skuOfSeries[i]]].addLevel(scores, series: i)
    }
    let samples = [chain] + regionSamples + categorySamples
    let findings = concurrentMapInOrder(samples.count) { detector.findings(samples[$0]) }
      .flatMap { $0 }
    return DriftEvaluation(
      date: windows.date, findings: findings, series: keys, scores: scores,
      seriesScoreThreshold: settings.seriesScoreThreshold,
      distributions: DriftDistribution.ofDrifted(findings, samples: samples))
  }
}

extension SeriesPanel {
  /// The same series over `days` only (every day of it must be in the panel); the panel itself
  /// when it covers exactly those days.
  func days(_ days: ClosedRange<Day>) -> SeriesPanel {
    guard let lower = dayOffset(days.lowerBound), let upper = dayOffset(days.upperBound) else {
      preconditionFailure("the panel covers \(days)")
    }
    if lower == 0 && upper == dayCount - 1 { return self }
    var slice = SeriesPanel(keys: keys, start: days.lowerBound, dayCount: upper - lower + 1)
    for row in 0..<seriesCount {
      let from = row * dayCount + lower
      let to = row * slice.dayCount
      for t in 0..<slice.dayCount {
        slice.values[to + t] = values[from + t]
        slice.censored[to + t] = censored[from + t]
      }
    }
    return slice
  }
}

/// `body` of every index on all cores, in index order (`body` cannot fail).
func concurrentMapInOrder<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
  do { return try concurrentMap(count, body) } catch {
    preconditionFailure("concurrentMap threw \(error), which a non-throwing body cannot")
  }
}
