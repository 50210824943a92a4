import DemandCore
import History
import Monitoring

/// One store's contribution to one run date: its series' level blocks, and its weekday and
/// price samples per category.
struct StoreReduction: Sendable {
  var keys: [SeriesKey] = []
  var skus: [Int] = []
  /// Level blocks, `blockCount` per series (as `LevelPanel`).
  var units: [Double] = []
  var days: [Int32] = []
  /// Weekday and price samples by category index (no level scores yet).
  var categorySamples: [Int: SegmentSample] = [:]
}

extension DriftChain {
  /// Reads store `index` once, over the union of `windows`, and reduces it for each window.
  func reduce(store index: Int, windows: [DriftWindows]) throws -> [StoreReduction] {
    guard let first = windows.map(\.referenceStart).min(), let last = windows.map(\.date).max()
    else { return [] }
    let store = stores[index]
    let panel = try database.demandPanel(store: store.id, from: first, through: last)
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

  /// Puts the stores' reductions of one run date together: scores the level panel, fills the
  /// segments' samples and runs the detector on each segment.
  func evaluation(
    windows: DriftWindows, stores reductions: [StoreReduction], detector: DriftDetector
  ) -> DriftStage.Evaluation {
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
    let findings = ([chain] + regionSamples + categorySamples).flatMap(detector.findings)
    return DriftStage.Evaluation(
      date: windows.date, findings: findings, series: keys, scores: scores,
      seriesScoreThreshold: settings.seriesScoreThreshold)
  }
}
