import DemandCore
import Foundation
import Monitoring
import Reports

/// Small hand-made report data for the tests: every panel filled, names plain.
enum SampleReport {
  static let runDate = Day(year: 2025, month: 3, day: 30)!

  /// `count` days ending on `runDate`, demand 10, 20, 30 … with a band of ±5 around it.
  static func series(
    _ name: String, caption: String = "", count: Int = 7, stockoutAt: Set<Int> = []
  ) -> ForecastActualSeries {
    let first = runDate.adding(days: -(count - 1))
    let points = (0..<count).map { index in
      let level = Double(10 * (index + 1))
      return ForecastActualPoint(
        day: first.adding(days: index), actual: level + 1, p10: level - 5, p50: level,
        p90: level + 5, stockout: stockoutAt.contains(index))
    }
    return ForecastActualSeries(name: name, caption: caption, points: points)
  }

  static let alerts = [
    Alert(
      severity: .info, kind: .ingestRejections, segment: "inbox/a.csv", value: 0.001,
      threshold: 0.01, suggestedAction: "None.", message: "few rejections"),
    Alert(
      severity: .critical, kind: .drift, segment: "region:West", value: 0.4, threshold: 0.25,
      suggestedAction: "Retrain.", message: "PSI 0.4"),
    Alert(
      severity: .warning, kind: .bias, segment: "chain", value: -0.12, threshold: -0.1,
      suggestedAction: "Check promotions.", message: "forecasts run low"),
  ]

  static func full() -> ReportData {
    ReportData(
      title: "Monitoring report", runDate: runDate, chainName: "Test Chain",
      chain: series("Test Chain"),
      regions: [series("North"), series("West", stockoutAt: [2])],
      topMovers: [series("S001/P00001", caption: "Milk 1 L"), series("S002/P00002")],
      accuracyByWeek: [
        AccuracyRow(label: "Mar 17–23", wape: 0.3, biasPercent: 2, coverage80: 0.8, scoredDays: 70),
        AccuracyRow(
          label: "Mar 24–30", wape: 0.35, biasPercent: -4, coverage80: 0.75, scoredDays: 70),
      ],
      accuracyByHorizon: [
        AccuracyRow(label: "1–7 d", wape: 0.28, biasPercent: -1, coverage80: 0.8, scoredDays: 70),
        AccuracyRow(label: "8–14 d", wape: 0.31, biasPercent: -3, coverage80: 0.7, scoredDays: 70),
      ],
      drift: [
        DriftRow(
          segment: "chain", feature: "demand_level", test: "ks", statistic: 0.1, threshold: 0.2,
          drifted: false),
        DriftRow(
          segment: "region:West", feature: "demand_level", test: "ks", statistic: 0.3,
          threshold: 0.2, drifted: true),
      ],
      subgroups: [
        SubgroupRow(level: "region", segment: "North", wape: 0.3, chainWape: 0.32, flagged: false),
        SubgroupRow(level: "region", segment: "West", wape: 0.45, chainWape: 0.32, flagged: true),
      ],
      alerts: alerts)
  }
}

/// Pieces of rendered HTML that the tests look for.
enum Markup {
  /// The `data-panel` values of the `<svg>` elements, in page order (still HTML-escaped).
  static func chartPanels(_ html: String) -> [String] {
    attributeValues(html, element: "<svg ", attribute: "data-panel")
  }

  /// The `data-empty-panel` values of the empty-panel notes, in page order.
  static func emptyPanels(_ html: String) -> [String] {
    attributeValues(html, element: "<p ", attribute: "data-empty-panel")
  }

  /// Every tag name opened in `html` (`<svg …>` gives `svg`), in order; `<!DOCTYPE` excluded.
  static func tagNames(_ html: String) -> [String] {
    var names: [String] = []
    var rest = Substring(html)
    while let open = rest.firstIndex(of: "<") {
      let afterOpen = rest[rest.index(after: open)...]
      let name = afterOpen.prefix { $0.isLetter || $0.isNumber }
      if !name.isEmpty { names.append(String(name).lowercased()) }
      rest = afterOpen
    }
    return names
  }

  /// The `<svg …>…</svg>` element whose `data-panel` is `panel`.
  static func svg(_ html: String, panel: String) -> String? {
    guard let start = html.range(of: "<svg class=\"chart\" data-panel=\"\(panel)\"") else {
      return nil
    }
    guard let end = html.range(of: "</svg>", range: start.upperBound..<html.endIndex) else {
      return nil
    }
    return String(html[start.lowerBound..<end.upperBound])
  }

  /// How many times `needle` occurs in `text`.
  static func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  /// The values of `attribute` on every element whose opening tag starts with `element`.
  static func attributeValues(_ html: String, element: String, attribute: String) -> [String] {
    var values: [String] = []
    var rest = Substring(html)
    while let start = rest.range(of: element) {
      let tag = rest[start.lowerBound...].prefix { $0 != ">" }
      if let found = tag.range(of: " " + attribute + "=\"") {
        values.append(String(tag[found.upperBound...].prefix { $0 != "\"" }))
      }
      rest = rest[start.upperBound...]
    }
    return values
  }
}
