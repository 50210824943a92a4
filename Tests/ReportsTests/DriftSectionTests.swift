import DemandCore
import Monitoring
import Reports
import XCTest

/// The drift section: the windows named in the title, the p-values beside the statistics, and
/// the reference and recent distributions of a drifted finding drawn side by side.
final class DriftSectionTests: XCTestCase {
  static func data() -> ReportData {
    var data = SampleReport.full()
    let runDate = SampleReport.runDate
    let recentStart = runDate.adding(days: -27)
    data.driftWindows = DriftPanel.Windows(
      reference: recentStart.adding(days: -364)...recentStart.adding(days: -1),
      recent: recentStart...runDate, levelBlockDays: 7)
    data.drift = [
      DriftRow(
        segment: "chain", feature: "price", test: "psi", statistic: 0.1, pValue: nil,
        threshold: 0.25, drifted: false),
      DriftRow(
        segment: "region=West", feature: "weekday_profile", test: "chi_square", statistic: 0.31,
        pValue: 9.906189417994954e-17, threshold: 0.1, drifted: true),
    ]
    data.driftDistributions = [
      DriftDistribution(
        segment: "region=West", feature: .weekdayProfile, counted: "units sold",
        bins: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        reference: [10, 10, 10, 10, 10, 30, 20], recent: [5, 5, 5, 5, 5, 15, 60])
    ]
    return data
  }

  func testTheTitleNamesTheWindowsCompared() {
    let html = ReportRenderer.html(Self.data())
    XCTAssertTrue(
      html.contains("<h2>Drift: the last 28 days against the 364 days before them</h2>"))
    XCTAssertFalse(html.contains("training window"))
    let recentStart = SampleReport.runDate.adding(days: -27)
    XCTAssertTrue(
      html.contains(
        "Recent: \(recentStart.iso) … \(SampleReport.runDate.iso); reference: "
          + "\(recentStart.adding(days: -364).iso) … \(recentStart.adding(days: -1).iso)."))
  }

  func testPValuesStandBesideTheStatistics() throws {
    let html = ReportRenderer.html(Self.data())
    // Table: statistic, p-value (3 significant digits), threshold; no p-value for the PSI.
    XCTAssertTrue(
      html.contains(
        "<td class=\"num\">0.310</td><td class=\"num\">9.91e-17</td><td class=\"num\">0.100</td>"),
      html)
    XCTAssertTrue(
      html.contains(
        "<td class=\"num\">0.100</td><td class=\"num\">—</td><td class=\"num\">0.250</td>"))
    let grid = try XCTUnwrap(Markup.svg(html, panel: "drift"))
    XCTAssertTrue(grid.contains(">p 9.91e-17</text>"), grid)
    XCTAssertTrue(grid.contains("p-value 9.91e-17 — drifted"), grid)
    XCTAssertTrue(grid.contains("threshold 0.250, no p-value — no drift"), grid)
  }

  /// Shares by hand: reference 10 of 100 units on each weekday but Saturday (30) and Sunday
  /// (20); recent 5 each but Saturday (15) and Sunday (60).
  func testTheDistributionsAreDrawnSideBySide() throws {
    let data = Self.data()
    XCTAssertTrue(
      data.panels.map(\.identifier).contains("drift-distribution:region=West · weekday_profile"))
    let html = ReportRenderer.html(data)
    let chart = try XCTUnwrap(
      Markup.svg(html, panel: "drift-distribution:region=West · weekday_profile"))
    XCTAssertEqual(Markup.occurrences(of: "class=\"bar-reference\"", in: chart), 7)
    XCTAssertEqual(Markup.occurrences(of: "class=\"bar-recent\"", in: chart), 7)
    for text in [
      "Sat: reference 30.0 % (30 units sold)", "Sun: recent 60.0 % (60 units sold)",
      "Mon: reference 10.0 % (10 units sold)", "Mon: recent 5.0 % (5 units sold)",
    ] {
      XCTAssertTrue(chart.contains("region=West · " + text), text)
    }
    // <text class="value-label" x=… y=… text-anchor="middle">10.0</text>
    let labels = chart.components(separatedBy: "<text class=\"value-label\"").dropFirst().map {
      String($0.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" })
    }
    XCTAssertEqual(
      labels,
      [
        "10.0", "5.0", "10.0", "5.0", "10.0", "5.0", "10.0", "5.0", "10.0", "5.0", "30.0", "15.0",
        "20.0", "60.0",
      ])
    XCTAssertEqual(Markup.chartPanels(html).filter { $0.hasPrefix("drift-distribution:") }.count, 1)
  }
}
