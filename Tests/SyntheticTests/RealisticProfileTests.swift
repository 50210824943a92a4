import DemandCore
import Foundation
import Synthetic
import XCTest

/// The realistic profile: reproducible, M5-like in zeros and dispersion, with true quantiles in
/// the truth, unflagged off-shelf spells, leaky stock-out flags, store weekday shapes and drift.
/// The references are computed here from the files, independently of the generator's code.
final class RealisticProfileTests: XCTestCase {
  private var directory: String { RealisticChain.shared.directory }
  private var configuration: ChainConfiguration { RealisticChain.configuration }

  // MARK: - Reproducibility and chain.json

  func testSameRealisticConfigurationGivesIdenticalBytes() throws {
    let again = TinyChain.temporaryDirectory("realistic-again")
    defer { TinyChain.remove(again) }
    _ = try ChainGenerator(configuration: configuration).write(to: again, progress: nil)
    let first = TinyChain.files(under: directory)
    XCTAssertEqual(first, TinyChain.files(under: again))
    XCTAssertTrue(first.contains("truth/bulk_buys.csv"))
    for path in first {
      let a = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + path))
      let b = try Data(contentsOf: URL(fileURLWithPath: again + "/" + path))
      XCTAssertEqual(a, b, "\(path) differs between runs")
    }
  }

  func testChainJSONRecordsTheProfileOnlyWhenRealistic() throws {
    let realistic = try Data(contentsOf: URL(fileURLWithPath: directory + "/chain.json"))
    XCTAssertTrue(
      String(decoding: realistic, as: UTF8.self).contains("\"profile\" : \"realistic\""))
    XCTAssertEqual(
      try JSONDecoder().decode(ChainConfiguration.self, from: realistic), configuration)
    let simple = try Data(
      contentsOf: URL(fileURLWithPath: TinyChain.shared.directory + "/chain.json"))
    XCTAssertFalse(String(decoding: simple, as: UTF8.self).contains("profile"))
    let decoded = try JSONDecoder().decode(ChainConfiguration.self, from: simple)
    XCTAssertEqual(decoded.profile, .simple)
    XCTAssertEqual(decoded, TinyChain.configuration)
  }

  /// The committed sample chain (`data/sample`, made before profiles existed) is what the
  /// simple profile still writes, byte for byte (its truth/expected_demand.csv is not committed).
  func testSimpleProfileStillWritesTheCommittedSample() throws {
    let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("data/sample")
      .path
    guard FileManager.default.fileExists(atPath: sample + "/chain.json") else {
      throw XCTSkip("data/sample is not checked out")
    }
    let configuration = try JSONDecoder().decode(
      ChainConfiguration.self, from: Data(contentsOf: URL(fileURLWithPath: sample + "/chain.json")))
    XCTAssertEqual(configuration.profile, .simple)
    let directory = TinyChain.temporaryDirectory("sample-again")
    defer { TinyChain.remove(directory) }
    _ = try ChainGenerator(configuration: configuration).write(to: directory, progress: nil)
    let committed = TinyChain.files(under: sample)
    XCTAssertEqual(
      committed, TinyChain.files(under: directory).filter { $0 != "truth/expected_demand.csv" })
    for path in committed {
      let a = try Data(contentsOf: URL(fileURLWithPath: sample + "/" + path))
      let b = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + path))
      XCTAssertEqual(a, b, "\(path) differs from the committed sample")
    }
  }

  // MARK: - Calibration

  /// Zero share and method-of-moments NB size, measured the way Benchmarks/generator_stats.py
  /// does, fall in bands around the M5 subset's 60 % zeros and size 2 (simple chains give about
  /// 42 % and 3.6).
  func testZeroShareAndDispersionAreM5Like() throws {
    let sales = RealisticChain.sales
    var zeroShares: [Double] = []
    var sizes: [Double] = []
    for units in sales.units {
      guard let measured = SalesStatistics(units.map(Double.init), start: configuration.start)
      else { continue }
      zeroShares.append(measured.zeroShare)
      sizes.append(measured.nbSize)
    }
    XCTAssertGreaterThan(zeroShares.count, 200)
    let meanZeroShare = zeroShares.reduce(0, +) / Double(zeroShares.count)
    XCTAssertEqual(meanZeroShare, 0.6, accuracy: 0.1, "share of zero days")
    let medianSize = sizes.sorted()[sizes.count / 2]
    XCTAssertEqual(medianSize, 2.0, accuracy: 0.8, "median method-of-moments NB size")
  }

  func testStoresHaveTheirOwnWeekdayShapes() throws {
    let truth = RealisticChain.truth
    var peaks = Set<Int>()
    var ratios: [Double] = []
    for store in 0..<configuration.storeCount {
      var byWeekday = [Double](repeating: 0, count: 7)
      for sku in 0..<configuration.skuCount {
        for day in 0..<configuration.driftStartIndex {
          let weekday = configuration.start.adding(days: day).weekdayIndex
          let value = truth.expected[store * configuration.skuCount + sku][day]
          byWeekday[weekday] += value
        }
      }
      peaks.insert(byWeekday.indices.max { byWeekday[$0] < byWeekday[$1] }!)
      ratios.append(byWeekday[5] / byWeekday[0])
    }
    XCTAssertGreaterThan(peaks.count, 1, "every store peaks on the same weekday")
    XCTAssertTrue(peaks.isSubset(of: [4, 5, 6]), "peaks on \(peaks), not Friday to Sunday")
    XCTAssertGreaterThan(ratios.max()! - ratios.min()!, 0.15, "Saturday/Monday ratios \(ratios)")
    XCTAssertTrue(ratios.allSatisfy { (1.0...1.9).contains($0) }, "\(ratios)")
  }

  // MARK: - Truth quantiles

  /// p10, p50 and p90 are the mixture's quantiles, recomputed here by summing negative
  /// binomial probabilities (log-gamma form) from the truth files alone.
  func testTruthQuantilesMatchABruteForceCDF() throws {
    let dispersion = try RealisticChain.rows(directory + "/truth/demand_dispersion.csv")
    let bulk = try RealisticChain.rows(directory + "/truth/bulk_buys.csv")
    let truth = RealisticChain.truth
    var checked = 0
    var ambiguous = 0
    var positive = 0
    for series in stride(from: 0, to: RealisticChain.seriesCount, by: 3) {
      let sku = series % configuration.skuCount
      let sizeIntercept = try XCTUnwrap(Double(dispersion[sku][1]))
      let sizePerUnit = try XCTUnwrap(Double(dispersion[sku][2]))
      let bulkChance = try XCTUnwrap(Double(bulk[sku][1]))
      let bulkUnits = try XCTUnwrap(Int(bulk[sku][2]))
      for day in stride(from: series % 17, to: truth.expected[series].count, by: 23) {
        let expected = truth.expected[series][day]
        let quantiles = [truth.p10[series][day], truth.p50[series][day], truth.p90[series][day]]
        XCTAssertEqual(quantiles, quantiles.sorted())
        guard expected > 0 else {
          XCTAssertEqual(quantiles, [0, 0, 0], "series \(series) day \(day)")
          continue
        }
        positive += 1
        let nbMean = expected - 1.5 * bulkChance * Double(bulkUnits)
        guard nbMean > 0.002 else { continue }
        let cdf = MixtureCDF(
          nbMean: nbMean, nbSize: sizeIntercept + sizePerUnit * nbMean, bulkChance: bulkChance,
          bulkUnits: bulkUnits)
        for (level, written) in zip([0.1, 0.5, 0.9], quantiles) {
          let reference = cdf.quantile(level)
          // expected_units has 3 decimals: skip levels the CDF passes within that rounding.
          if abs(cdf(reference) - level) < 1e-3 || abs(cdf(reference - 1) - level) < 1e-3 {
            ambiguous += 1
            continue
          }
          XCTAssertEqual(written, reference, "series \(series) day \(day) level \(level)")
          checked += 1
        }
      }
    }
    XCTAssertGreaterThan(checked, 1_000)
    XCTAssertLessThan(Double(ambiguous), 0.05 * Double(checked))
    XCTAssertGreaterThan(positive, 500)
  }

  // MARK: - Hidden events

  /// Runs of zero true demand inside selling periods (positive before and after) exist, some
  /// last weeks, and the files show neither sales nor a stock-out flag on them.
  func testOffShelfSpellsAreZeroAndUnflagged() throws {
    let truth = RealisticChain.truth
    let sales = RealisticChain.sales
    var spells = 0
    var longest = 0
    for series in 0..<RealisticChain.seriesCount {
      let expected = truth.expected[series]
      var day = 1
      while day < configuration.dayCount {
        guard expected[day] == 0, expected[day - 1] > 0 else {
          day += 1
          continue
        }
        var end = day
        while end < configuration.dayCount && expected[end] == 0 { end += 1 }
        if end < configuration.dayCount {
          spells += 1
          longest = max(longest, end - day)
          for spellDay in day..<end {
            XCTAssertFalse(sales.hasRow[series][spellDay], "series \(series) day \(spellDay)")
          }
        }
        day = end
      }
    }
    XCTAssertGreaterThan(spells, 20)
    XCTAssertGreaterThanOrEqual(longest, 28, "no off-shelf spell lasts four weeks")
  }

  /// About 70 % of the true stock-outs are flagged (a binomial share of hundreds of days).
  func testStockoutFlagsMissSomeStockouts() throws {
    let summary = RealisticChain.shared.summary
    let flagged = RealisticChain.sales.stockout.reduce(0) { $0 + $1.filter { $0 }.count }
    XCTAssertGreaterThan(summary.stockoutSeriesDayCount, 200)
    let share = Double(flagged) / Double(summary.stockoutSeriesDayCount)
    XCTAssertEqual(share, 0.7, accuracy: 0.08)
  }

  // MARK: - Drift

  /// Drifted series switch to a weekday-heavy (Saturday/Monday about 0.5) or weekend-heavy
  /// (about 2.7) profile from the drift start; the others keep their store's shape.
  func testDriftedSeriesChangeTheirWeeklyProfileFromTheDriftStart() throws {
    let drifted = try Set(
      RealisticChain.rows(directory + "/truth/drifted_series.csv").map {
        try RealisticChain.series(store: $0[0], sku: $0[1])
      })
    let share = Double(drifted.count) / Double(RealisticChain.seriesCount)
    XCTAssertEqual(share, configuration.driftShare, accuracy: 0.08)
    let truth = RealisticChain.truth
    let driftIndex = RealisticChain.driftIndex
    func ratio(_ series: Int, _ days: Range<Int>) -> Double? {
      var saturday = 0.0
      var monday = 0.0
      for day in days {
        let weekday = configuration.start.adding(days: day).weekdayIndex
        if weekday == 5 { saturday += truth.expected[series][day] }
        if weekday == 0 { monday += truth.expected[series][day] }
      }
      return saturday > 0 && monday > 0 ? saturday / monday : nil
    }
    var outcomes: [(before: Bool, after: Bool)] = []
    var kept: [Bool] = []
    for series in 0..<RealisticChain.seriesCount {
      guard let before = ratio(series, 0..<driftIndex),
        let after = ratio(series, driftIndex..<configuration.dayCount)
      else { continue }
      let normal = 0.85...2.0
      if drifted.contains(series) {
        outcomes.append((normal.contains(before), after < 0.8 || after > 2.1))
      } else {
        kept.append(normal.contains(after))
      }
    }
    XCTAssertGreaterThan(outcomes.count, 40)
    let changed = outcomes.filter { $0.before && $0.after }.count
    XCTAssertGreaterThan(Double(changed), 0.85 * Double(outcomes.count))
    XCTAssertGreaterThan(Double(kept.filter { $0 }.count), 0.85 * Double(kept.count))
  }
}

extension ChainConfiguration {
  /// Day index of the drift start, or `dayCount` without drift.
  fileprivate var driftStartIndex: Int { driftStart.map { start.days(to: $0) } ?? dayCount }
}

/// The realistic profile's day distribution rebuilt from the truth files: NB(mean, size) plus,
/// with chance `bulkChance`, 1, 2 or 3 × `bulkUnits` (0.6, 0.3, 0.1).
private struct MixtureCDF {
  let nbMean: Double
  let nbSize: Double
  let bulkChance: Double
  let bulkUnits: Int

  /// P(NB ≤ x) by summing log-gamma probabilities term by term.
  func nbCDF(_ x: Int) -> Double {
    guard x >= 0 else { return 0 }
    var total = 0.0
    for k in 0...x {
      let units = Double(k)
      let logCoefficient: Double = lgamma(units + nbSize) - lgamma(nbSize) - lgamma(units + 1)
      let logPowers: Double =
        nbSize * log(nbSize / (nbSize + nbMean)) + units * log(nbMean / (nbSize + nbMean))
      let logP = logCoefficient + logPowers
      total += exp(logP)
    }
    return total
  }

  func callAsFunction(_ x: Int) -> Double {
    (1 - bulkChance) * nbCDF(x) + bulkChance
      * (0.6 * nbCDF(x - bulkUnits) + 0.3 * nbCDF(x - 2 * bulkUnits)
        + 0.1 * nbCDF(x - 3 * bulkUnits))
  }

  func quantile(_ level: Double) -> Int {
    var x = 0
    while self(x) < level { x += 1 }
    return x
  }
}

/// One series' sales statistics as Benchmarks/generator_stats.py computes them: from its first
/// to its last sale; expected = centred 91-day moving average × the series' weekday index;
/// NB size = Σe² / Σ(r² − e) over days outside zero runs of 28+ days.
private struct SalesStatistics {
  let zeroShare: Double
  let nbSize: Double

  init?(_ all: [Double], start: Day) {
    guard let first = all.firstIndex(where: { $0 > 0 }),
      let last = all.lastIndex(where: { $0 > 0 }),
      last - first + 1 >= 182
    else { return nil }
    let y = Array(all[first...last])
    let weekdays = (first...last).map { start.adding(days: $0).weekdayIndex }
    zeroShare = Double(y.filter { $0 == 0 }.count) / Double(y.count)
    var offShelf = [Bool](repeating: false, count: y.count)
    var runStart: Int?
    for t in 0...y.count {
      let value = t < y.count ? y[t] : 1
      if value == 0 && runStart == nil { runStart = t }
      if value != 0, let begin = runStart {
        if t - begin >= 28 { for u in begin..<t { offShelf[u] = true } }
        runStart = nil
      }
    }
    let mean = y.reduce(0, +) / Double(y.count)
    var index = [Double](repeating: 1, count: 7)
    for weekday in 0..<7 {
      let values = zip(y, weekdays).filter { $0.1 == weekday }.map(\.0)
      if !values.isEmpty { index[weekday] = values.reduce(0, +) / Double(values.count) / mean }
    }
    var squares = 0.0
    var excess = 0.0
    for t in y.indices where !offShelf[t] {
      let window = max(0, t - 45)...min(y.count - 1, t + 45)
      let level = y[window].reduce(0, +) / Double(window.count)
      let expected = level * index[weekdays[t]]
      let residual = y[t] - expected
      squares += expected * expected
      excess += residual * residual - expected
    }
    nbSize = excess > 0 ? squares / excess : .infinity
  }
}
