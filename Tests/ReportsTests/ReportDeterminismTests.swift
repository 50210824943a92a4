import DemandCore
import Foundation
import Reports
import XCTest
import _TestSupport

/// The same report data gives the same bytes, whatever order the unordered inputs come in.
final class ReportDeterminismTests: XCTestCase {
  func testSameDataSameBytes() {
    let first = ReportRenderer.html(SampleReport.full())
    let second = ReportRenderer.html(SampleReport.full())
    XCTAssertEqual(first, second)
  }

  func testAlertAndDayOrderDoNotMatter() {
    var shuffled = SampleReport.full()
    shuffled.alerts.reverse()
    shuffled.chain.points.reverse()
    shuffled.regions[1].points.swapAt(0, 4)
    XCTAssertEqual(ReportRenderer.html(shuffled), ReportRenderer.html(SampleReport.full()))
  }

  func testDifferentDataDifferentBytes() {
    // A guard on the two tests above: a change in one number changes the page.
    var changed = SampleReport.full()
    changed.subgroups[0].wape = 0.31
    XCTAssertNotEqual(ReportRenderer.html(changed), ReportRenderer.html(SampleReport.full()))
  }

  func testWriteStoresTheRenderedBytes() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path + "/2025-03-30/report.html"
    try ReportRenderer.write(SampleReport.full(), to: path)
    let stored = try String(contentsOfFile: path, encoding: .utf8)
    XCTAssertEqual(stored, ReportRenderer.html(SampleReport.full()))
  }
}
