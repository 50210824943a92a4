import DemandCore
import Monitoring
import Reports

/// A `ReportData` made of synthetic numbers that exercise every panel: a chain, four regions (one
/// whose demand jumps half-way through the window), four top movers with stock-outs, accuracy by
/// week and horizon, a drift grid with drifted cells, a flagged subgroup and alerts of each
/// severity. Only for looking at the report (`make report-screenshot`); nothing here is measured.
enum DemoReport {
  static let runDate = Day(year: 2025, month: 6, day: 29)!
  static let days = 28

  static func make() -> ReportData {
    var random = DemoRandom(seed: 2025_06_29)
    let chain = series(
      name: "Northwind Grocers", level: 41_800, noise: 0.035, spread: 0.06, random: &random)
    let regions = [
      series(name: "North", level: 12_400, noise: 0.05, spread: 0.08, random: &random),
      series(name: "South", level: 10_900, noise: 0.05, spread: 0.08, random: &random),
      series(name: "East", level: 9_700, noise: 0.05, spread: 0.08, random: &random),
      series(
        name: "West", level: 8_800, noise: 0.05, spread: 0.08, shiftFromDay: 14, shift: 1.32,
        random: &random),
    ]
    let movers = [
      series(
        name: "S014/P00231", caption: "Oat drink 1 L · Leeds Central", level: 46, noise: 0.25,
        spread: 0.35, shiftFromDay: 12, shift: 1.6, stockoutDays: [20, 21], random: &random),
      series(
        name: "S003/P00017", caption: "Strawberries 400 g · York Station", level: 88, noise: 0.2,
        spread: 0.3, shiftFromDay: 9, shift: 0.55, random: &random),
      series(
        name: "S021/P01102", caption: "Fish & Chips <family pack> · Hull", level: 17, noise: 0.35,
        spread: 0.5, stockoutDays: [5, 6, 7, 18], random: &random),
      series(
        name: "S008/P00480", caption: "Sparkling water 6 × 1.5 L · Bradford", level: 61,
        noise: 0.22, spread: 0.3, shiftFromDay: 18, shift: 1.45, random: &random),
    ]
    // The chain and the regions are sums of series: their line is the mean, as in a real run.
    var chainOfMeans = chain
    chainOfMeans.centre = .mean
    let regionsOfMeans = regions.map { region in
      var copy = region
      copy.centre = .mean
      return copy
    }
    return ReportData(
      title: "ShelfCast monitoring report", runDate: runDate, chainName: "Northwind Grocers",
      chain: chainOfMeans, regions: regionsOfMeans, topMovers: movers,
      accuracyByWeek: [
        AccuracyRow(
          label: "Jun 2–8", wape: 0.284, biasPercent: 1.8, coverage80: 0.81, scoredDays: 27_410),
        AccuracyRow(
          label: "Jun 9–15", wape: 0.291, biasPercent: -0.6, coverage80: 0.79, scoredDays: 27_388),
        AccuracyRow(
          label: "Jun 16–22", wape: 0.327, biasPercent: -6.9, coverage80: 0.72, scoredDays: 27_102),
        AccuracyRow(
          label: "Jun 23–29", wape: 0.352, biasPercent: -9.4, coverage80: 0.68, scoredDays: 27_295),
      ],
      accuracyByHorizon: [
        AccuracyRow(
          label: "1–7 d", wape: 0.276, biasPercent: -2.1, coverage80: 0.80, scoredDays: 27_301),
        AccuracyRow(
          label: "8–14 d", wape: 0.309, biasPercent: -3.9, coverage80: 0.76, scoredDays: 27_299),
        AccuracyRow(
          label: "15–28 d", wape: 0.341, biasPercent: -5.8, coverage80: 0.72, scoredDays: 54_595),
      ],
      drift: driftRows(), driftWindows: driftWindows(), driftDistributions: driftDistributions(),
      subgroups: subgroupRows(), alerts: alerts(), modelLife: modelLife())
  }

  /// 28 days of a series with a weekly profile: forecast around `level`, actuals with
  /// multiplicative noise, multiplied by `shift` from day index `shiftFromDay` on.
  static func series(
    name: String, caption: String = "", level: Double, noise: Double, spread: Double,
    shiftFromDay: Int? = nil, shift: Double = 1, stockoutDays: Set<Int> = [],
    random: inout DemoRandom
  ) -> ForecastActualSeries {
    // Monday … Sunday.
    let weekly = [0.92, 0.88, 0.9, 0.97, 1.08, 1.24, 1.01]
    let first = runDate.adding(days: -(days - 1))
    var points: [ForecastActualPoint] = []
    for index in 0..<days {
      let day = first.adding(days: index)
      let p50 = level * weekly[day.weekdayIndex]
      let moved = shiftFromDay.map { index >= $0 } ?? false ? shift : 1
      var actual = max(0, p50 * moved * (1 + noise * random.normal()))
      let stockout = stockoutDays.contains(index)
      if stockout { actual *= 0.35 }
      // A right-skewed band: the upper quantile is further from the median than the lower.
      points.append(
        ForecastActualPoint(
          day: day, actual: actual.rounded(), p10: max(0, p50 * (1 - 1.28 * spread)), p50: p50,
          p90: p50 * (1 + 1.28 * spread * 1.15), stockout: stockout))
    }
    return ForecastActualSeries(name: name, caption: caption, points: points)
  }

  static func driftRows() -> [DriftRow] {
    let segments = [
      "chain", "region=North", "region=South", "region=East", "region=West", "category=Dairy",
      "category=Bakery", "category=Produce", "category=Beverages",
    ]
    let tests: [(feature: String, test: String, threshold: Double, hasP: Bool)] = [
      ("demand_level", "ks", 0.05, true), ("demand_level", "binomial", 0.1, true),
      ("demand_level", "psi", 0.25, false), ("weekday_profile", "chi_square", 0.1, true),
      ("price", "ks", 0.1, true), ("price", "psi", 0.25, false),
      ("promotion_share", "chi_square", 0.3, true), ("accuracy", "wape_ratio", 1.1, false),
    ]
    var random = DemoRandom(seed: 7)
    var rows: [DriftRow] = []
    for segment in segments {
      let drifting = segment == "region=West" || segment == "category=Beverages"
      for test in tests {
        if test.feature == "accuracy" && segment != "chain" { continue }
        var statistic = test.threshold * (0.15 + 0.6 * random.uniform())
        if drifting && test.feature != "price" && test.feature != "accuracy" {
          statistic = test.threshold * (1.2 + random.uniform())
        }
        if segment == "chain" && test.feature == "demand_level" {
          statistic = test.threshold * 0.92
        }
        if segment == "category=Produce" && test.feature == "promotion_share" { continue }
        // Large effects come with tiny p-values, small ones with unremarkable p-values.
        let pValue =
          test.hasP
          ? (statistic >= test.threshold
            ? 1e-6 * random.uniform() * pow10(-Int(8 * random.uniform()))
            : 0.002 + 0.9 * random.uniform()) : nil
        rows.append(
          DriftRow(
            segment: segment, feature: test.feature, test: test.test,
            statistic: (statistic * 1000).rounded() / 1000, pValue: pValue,
            threshold: test.threshold, drifted: statistic >= test.threshold))
      }
    }
    return rows
  }

  /// The days the demo's drift tests compared: the last 28 days and the 364 before them.
  static func driftWindows() -> DriftPanel.Windows {
    let recentStart = runDate.adding(days: -27)
    return DriftPanel.Windows(
      reference: recentStart.adding(days: -364)...recentStart.adding(days: -1),
      recent: recentStart...runDate, levelBlockDays: 7)
  }

  /// The distributions behind the demo's drifted findings (West's and Beverages' demand level,
  /// weekday profile and promotion share), made up to look like a level shift and a campaign.
  static func driftDistributions() -> [DriftDistribution] {
    let level = { (segment: String, shifted: Double) in
      DriftDistribution(
        segment: segment, feature: .demandLevel, counted: "series-weeks by |z|",
        bins: ["0–0.5", "0.5–1", "1–1.5", "1.5–2", "2–3", "≥ 3"],
        reference: [18_200, 13_900, 9_100, 4_700, 2_900, 310],
        recent: [
          260 * (1 - shifted), 210 * (1 - shifted), 150, 110 + 90 * shifted,
          70 + 160 * shifted, 8 + 80 * shifted,
        ])
    }
    let weekday = { (segment: String) in
      DriftDistribution(
        segment: segment, feature: .weekdayProfile, counted: "units sold",
        bins: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        reference: [130_100, 124_600, 127_400, 137_200, 152_800, 175_300, 142_900],
        recent: [9_100, 8_800, 9_000, 9_900, 12_400, 16_900, 8_100])
    }
    let promotion = { (segment: String) in
      DriftDistribution(
        segment: segment, feature: .promotionShare, counted: "store/SKU/days",
        bins: ["on promotion", "not on promotion"], reference: [29_600, 335_400],
        recent: [4_900, 23_100])
    }
    return [
      level("region=West", 0.45), weekday("region=West"), promotion("region=West"),
      level("category=Beverages", 0.3), weekday("category=Beverages"),
      promotion("category=Beverages"),
    ]
  }

  static func pow10(_ exponent: Int) -> Double {
    var value = 1.0
    for _ in 0..<abs(exponent) { value *= 10 }
    return exponent < 0 ? 1 / value : value
  }

  static func subgroupRows() -> [SubgroupRow] {
    let chain = 0.314
    let margin = 0.05
    let segments: [(String, String, Double)] = [
      ("region", "North", 0.297), ("region", "South", 0.305), ("region", "East", 0.322),
      ("region", "West", 0.401), ("format", "hypermarket", 0.288), ("format", "supermarket", 0.309),
      ("format", "convenience", 0.372),
    ]
    return segments.map {
      SubgroupRow(
        level: $0.0, segment: $0.1, wape: $0.2, chainWape: chain, flagged: $0.2 > chain + margin)
    }
  }

  static func alerts() -> [Alert] {
    [
      Alert(
        severity: .warning, kind: .bias, segment: "region=West", value: -0.187, threshold: -0.1,
        suggestedAction: "Check West's promotions calendar, then retrain if the level shift holds.",
        message: "region=West: forecasts run 18.7 % low over the last 28 days (limit ±10 %)."),
      Alert(
        severity: .critical, kind: .drift, segment: "region=West", value: 0.41, threshold: 0.25,
        suggestedAction:
          "Retrain with the last 8 weeks weighted up; look for a new competitor or range change.",
        message: "region=West demand_level PSI 0.41 ≥ 0.25."),
      Alert(
        severity: .warning, kind: .subgroupGap, segment: "store_format=convenience", value: 0.372,
        threshold: 0.364,
        suggestedAction:
          "Look at convenience stores' top errors; consider a format-specific model.",
        message:
          "store_format=convenience WAPE 37.2 % against the chain's 31.4 % (margin 5 points)."),
      Alert(
        severity: .info, kind: .ingestRejections, segment: "inbox/sales_2025-06-29.csv",
        value: 0.0012, threshold: 0.01,
        suggestedAction: "None; the rejected rows are in quarantine/.",
        message: "0.12 % of rows quarantined (limit 1 %)."),
      Alert(
        severity: .warning, kind: .accuracyDegraded, segment: "chain", value: 0.352,
        threshold: 0.33, suggestedAction: "Compare with last week's run; retrain if it persists.",
        message:
          "chain: WAPE 35.2 % in the last week against the backtest's 28.0 % (+5 points allowed)."),
    ]
  }
}
