import DemandCore
import Foundation
import Reports
import XCTest

/// One chart per promised panel, named by `data-panel`; a note instead of a chart when a panel
/// has nothing to draw.
final class ReportPanelTests: XCTestCase {
  func testEveryPromisedPanelIsOneChartInPageOrder() {
    let data = SampleReport.full()
    let html = ReportRenderer.html(data)
    let expected = [
      "chain", "accuracy-week", "accuracy-horizon", "region:North", "region:West",
      "top-mover:S001/P00001", "top-mover:S002/P00002", "drift", "subgroup",
    ]
    XCTAssertEqual(data.panels.map(\.identifier), expected)
    XCTAssertEqual(Markup.chartPanels(html), expected)
    XCTAssertEqual(Markup.emptyPanels(html), [])
    // Every <svg> is a panel: no unnamed charts or decorations.
    XCTAssertEqual(Markup.tagNames(html).filter { $0 == "svg" }.count, expected.count)
  }

  func testEmptyPanelsBecomeNotes() {
    let data = ReportData(
      title: "Empty", runDate: SampleReport.runDate, chainName: "Nothing Yet",
      chain: ForecastActualSeries(name: "Nothing Yet", points: []))
    let html = ReportRenderer.html(data)
    XCTAssertEqual(Markup.chartPanels(html), [])
    XCTAssertEqual(
      Markup.emptyPanels(html), ["chain", "accuracy-week", "accuracy-horizon", "drift", "subgroup"])
    XCTAssertEqual(data.panels.map(\.identifier), Markup.emptyPanels(html))
    XCTAssertTrue(html.contains("No regional series in this run."))
    XCTAssertTrue(html.contains("No top movers in this run."))
    XCTAssertTrue(html.contains("No alerts: every check passed."))
  }

  func testASeriesWithNothingFiniteIsAnEmptyPanel() {
    var data = SampleReport.full()
    let day = SampleReport.runDate
    data.regions[0] = ForecastActualSeries(
      name: "North",
      points: [
        ForecastActualPoint(
          day: day, actual: nil, p10: .nan, p50: .nan, p90: .nan, stockout: false),
        ForecastActualPoint(
          day: day.adding(days: -1), actual: .nan, p10: 1, p50: .infinity, p90: 3, stockout: false),
      ])
    let html = ReportRenderer.html(data)
    XCTAssertEqual(Markup.emptyPanels(html), ["region:North"])
    XCTAssertFalse(Markup.chartPanels(html).contains("region:North"))
    XCTAssertTrue(Markup.chartPanels(html).contains("region:West"))
  }

  func testChainChartGeometry() throws {
    // The chain chart is 1152 × 330 with margins 28 (top), 14 (right), 30 (bottom), 62 (left):
    // plot x 62 … 1138, y 28 … 300. Seven days, each drawn at its middle: domain day₀ − 0.5 …
    // day₆ + 0.5, so x(i) = 62 + (i + 0.5) / 7 · 1076. The highest value is p90 = 75: 75 / 6 =
    // 12.5 → step 10, axis 0 … 80, y(v) = 300 − v / 80 · 272. Values printed with one decimal:
    //   python3 -c "x=lambda i: 62+(i+0.5)/7*1076; y=lambda v: 300-v/80*272;
    //               print('L'.join('%.1f,%.1f'%(x(i),y(10*(i+1))) for i in range(7)))"
    let html = ReportRenderer.html(SampleReport.full())
    let chain = try XCTUnwrap(Markup.svg(html, panel: "chain"))
    XCTAssertEqual(
      Markup.attributeValues(chain, element: "<path class=\"median\"", attribute: "d"),
      ["M138.9,266.0L292.6,232.0L446.3,198.0L600.0,164.0L753.7,130.0L907.4,96.0L1061.1,62.0"])
    for (value, y) in [(0, "300.0"), (40, "164.0"), (80, "28.0")] {
      XCTAssertTrue(
        chain.contains("y1=\"\(y)\" x2=\"1138.0\" y2=\"\(y)\""), "grid line at \(value)")
      XCTAssertTrue(chain.contains(">\(value)</text>"), "tick label \(value)")
    }
    // Seven days fit at one tick a day (1076 / 64 ≥ 7): Mar 24 … Mar 30.
    XCTAssertTrue(chain.contains(">Mar 24</text>") && chain.contains(">Mar 30</text>"))
    XCTAssertEqual(Markup.occurrences(of: "class=\"actual\"", in: chain), 7)
  }

  func testMissingDaysBreakTheLinesAndStockOutsAreMarked() throws {
    var data = SampleReport.full()
    // Days 0, 1, 2, 4, 5, 6: day 3 is missing, so two runs; day 5 is a stock-out.
    var west = SampleReport.series("West", stockoutAt: [5])
    west.points.remove(at: 3)
    data.regions[1] = west
    let html = ReportRenderer.html(data)
    let chart = try XCTUnwrap(Markup.svg(html, panel: "region:West"))
    XCTAssertEqual(Markup.occurrences(of: "class=\"median\"", in: chart), 2)
    XCTAssertEqual(Markup.occurrences(of: "class=\"band\"", in: chart), 2)
    XCTAssertEqual(Markup.occurrences(of: "class=\"actual-line\"", in: chart), 2)
    XCTAssertEqual(Markup.occurrences(of: "class=\"actual censored\"", in: chart), 1)
    XCTAssertEqual(Markup.occurrences(of: "class=\"stockout-day\"", in: chart), 1)
    XCTAssertEqual(Markup.occurrences(of: "class=\"actual\"", in: chart), 5)
    XCTAssertTrue(html.contains("(stock-out, not scored)"))
  }

  func testAccuracyAxisSpansBiasAndCoverage() throws {
    // Values −4 … 80 (bias of week 2, the 80 % target), with 6 % headroom above: −4 … 84.8;
    // 88.8 / 5 = 17.76 → step 20, −20 … 100.
    let html = ReportRenderer.html(SampleReport.full())
    let chart = try XCTUnwrap(Markup.svg(html, panel: "accuracy-week"))
    for label in ["-20 %", "0 %", "20 %", "80 %", "100 %"] {
      XCTAssertTrue(chart.contains(">\(label)</text>"), label)
    }
    XCTAssertFalse(chart.contains(">-40 %</text>") || chart.contains(">120 %</text>"))
    // Two weeks × three metrics.
    let bars = ["bar-wape", "bar-bias", "bar-coverage"].map {
      Markup.occurrences(of: "class=\"\($0)\"", in: chart)
    }
    XCTAssertEqual(bars, [2, 2, 2])
  }

  func testDriftAndSubgroupHighlightTheirFindings() throws {
    let html = ReportRenderer.html(SampleReport.full())
    let drift = try XCTUnwrap(Markup.svg(html, panel: "drift"))
    XCTAssertEqual(Markup.occurrences(of: "class=\"cell drifted\"", in: drift), 1)
    XCTAssertEqual(Markup.occurrences(of: "class=\"cell\"", in: drift), 1)
    let subgroup = try XCTUnwrap(Markup.svg(html, panel: "subgroup"))
    XCTAssertEqual(Markup.occurrences(of: "class=\"bar-flagged\"", in: subgroup), 1)
    XCTAssertEqual(Markup.occurrences(of: "class=\"bar-segment\"", in: subgroup), 1)
    XCTAssertEqual(Markup.occurrences(of: "class=\"chain-line\"", in: subgroup), 2)
  }

  func testAlertsAreInSeverityOrder() throws {
    let html = ReportRenderer.html(SampleReport.full())
    let critical = try XCTUnwrap(html.range(of: "PSI 0.4"))
    let warning = try XCTUnwrap(html.range(of: "forecasts run low"))
    let info = try XCTUnwrap(html.range(of: "few rejections"))
    XCTAssertLessThan(critical.lowerBound, warning.lowerBound)
    XCTAssertLessThan(warning.lowerBound, info.lowerBound)
    XCTAssertTrue(html.contains("<tr class=\"sev-critical\">"))
  }
}
