import DemandCore
import Reports
import XCTest

/// The legend and the tooltips name the forecast line as what it is: the mean of a sum for the
/// chain and the regions, the median for one series.
final class ForecastLegendTests: XCTestCase {
  func testSumsAreLabelledMeanAndSingleSeriesMedian() throws {
    var data = SampleReport.full()
    data.chain.centre = .mean
    for index in data.regions.indices { data.regions[index].centre = .mean }
    let html = ReportRenderer.html(data)
    let chain = try XCTUnwrap(section(html, id: "chain"))
    XCTAssertTrue(chain.contains("forecast mean (sum of the series&#39; means)"), chain)
    XCTAssertFalse(chain.contains("p50"), chain)
    XCTAssertTrue(chain.contains(" · mean "), "the tooltips say mean")
    let regions = try XCTUnwrap(section(html, id: "regions"))
    XCTAssertFalse(regions.contains("p50"), regions)
    let movers = try XCTUnwrap(section(html, id: "top-movers"))
    XCTAssertTrue(movers.contains("forecast median (p50)"))
    XCTAssertTrue(movers.contains(" · p50 "))
  }

  func section(_ html: String, id: String) -> String? {
    guard let start = html.range(of: "<section id=\"\(id)\">"),
      let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex)
    else { return nil }
    return String(html[start.lowerBound..<end.upperBound])
  }
}
