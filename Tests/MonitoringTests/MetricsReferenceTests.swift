import Foundation
import Monitoring
import XCTest

/// docs/metrics.md against the writer: every family `metrics.prom` can hold has a row in the
/// doc's table with its type and labels, and the doc names no family the writer does not have.
final class MetricsReferenceTests: XCTestCase {
  func testEveryMetricIsDocumentedWithItsTypeAndLabels() throws {
    var metrics = RunMetrics(
      stageDurationSeconds: ["forecast": 1], runDurationSeconds: 2, rowsIngested: 3,
      rowsQuarantined: 4, seriesForecast: 5, alertCounts: [.warning: 1],
      lastSuccessTimestampSeconds: 6, lastRunSucceeded: true, modelVersion: "v0001",
      seriesMonitored: 7)
    // Every dimension a run writes: accuracy for the chain, regions and store formats
    // (`SubgroupCheck.levels`), drift for the chain, regions and categories (`DriftSegment`).
    for dimension in [MetricSegment.Dimension.chain, .region, .storeFormat] {
      metrics.wapeBySegment[MetricSegment(dimension, "x")] = 0.3
      metrics.biasRatioBySegment[MetricSegment(dimension, "x")] = 0.015
    }
    for dimension in [MetricSegment.Dimension.chain, .region, .category] {
      let key = RunMetrics.DriftKey(
        segment: MetricSegment(dimension, "x"), feature: "price", test: "ks")
      metrics.driftStatistics[key] = 0.1
      metrics.driftPValues[key] = 0.01
    }
    metrics.runDateTimestampSeconds = 8
    metrics.shadow = .init(
      championVersion: "v0002", shadowVersion: "v0001", championWAPE: 0.3, shadowWAPE: 0.31,
      nightsScored: 3)
    metrics.intraday = .init(
      linesCounted: 9, linesDuplicate: 2, linesQuarantined: 1, seriesNowcast: 4,
      expediteAlerts: 1, cutoffTimestampSeconds: 10)
    // name → (type, label names) as written.
    var written: [String: (type: String, labels: Set<String>)] = [:]
    for line in MetricsFile.renderText(metrics).split(separator: "\n") {
      let words = line.split(separator: " ")
      if line.hasPrefix("# TYPE "), words.count == 4 {
        written[String(words[2]), default: ("", [])].type = String(words[3])
      } else if !line.hasPrefix("#") {
        let name = String(line.prefix { $0 != "{" && $0 != " " })
        let labels = line.drop { $0 != "{" }.prefix { $0 != "}" }.dropFirst()
          .split(separator: ",").map { String($0.prefix { $0 != "=" }) }
        written[name, default: ("", [])].labels.formUnion(labels)
      }
    }
    XCTAssertEqual(written.count, 29)

    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let text = try String(
      contentsOf: root.appendingPathComponent("docs/metrics.md"), encoding: .utf8)
    // Rows: | `name` | type | `label` (…), `label` | meaning |
    var documented: [String: (type: String, labels: Set<String>)] = [:]
    for line in text.split(separator: "\n") where line.hasPrefix("| `shelfcast_") {
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      guard cells.count >= 3 else { continue }
      let name = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
      // Label names are the backquoted words of the cell that are not inside parentheses.
      var labels = Set<String>()
      var depth = 0
      var word: String?
      for character in cells[2] {
        switch character {
        case "(": depth += 1
        case ")": depth -= 1
        case "`" where depth == 0:
          if let finished = word {
            labels.insert(finished)
            word = nil
          } else {
            word = ""
          }
        default:
          if depth == 0, word != nil { word?.append(character) }
        }
      }
      documented[name] = (cells[1], labels)
    }
    var problems: [String] = []
    for (name, family) in written.sorted(by: { $0.key < $1.key }) {
      guard let doc = documented[name] else {
        problems.append("\(name): written to metrics.prom, not in docs/metrics.md")
        continue
      }
      if doc.type != family.type {
        problems.append("\(name): a \(family.type) in metrics.prom, a \(doc.type) in the doc")
      }
      if doc.labels != family.labels {
        problems.append(
          "\(name): labels \(family.labels.sorted()) in metrics.prom, \(doc.labels.sorted()) in the doc"
        )
      }
    }
    for name in documented.keys.sorted() where written[name] == nil {
      problems.append("\(name): in docs/metrics.md, never written to metrics.prom")
    }
    XCTAssertTrue(problems.isEmpty, "\n" + problems.joined(separator: "\n"))
  }
}
