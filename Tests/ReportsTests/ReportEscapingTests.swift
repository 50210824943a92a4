import DemandCore
import Foundation
import Monitoring
import Reports
import XCTest

/// Names from the chain's data cannot inject markup, and the page loads nothing from outside.
final class ReportEscapingTests: XCTestCase {
  static let hostile = #"<script>alert("x")</script> Fish & Chips 'n' more"#
  static let escaped =
    "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Fish &amp; Chips &#39;n&#39; more"

  /// Every text field of the report set to `hostile`.
  static func hostileReport() -> ReportData {
    var data = SampleReport.full()
    data.title = hostile
    data.chainName = hostile
    data.chain.name = hostile
    data.regions[0].name = hostile
    data.topMovers[0].caption = hostile
    data.accuracyByWeek[0].label = hostile
    data.drift[0].segment = hostile
    data.drift[0].feature = hostile
    data.subgroups[0].level = hostile
    data.subgroups[0].segment = hostile
    data.alerts[0].segment = hostile
    data.alerts[0].suggestedAction = hostile
    data.alerts[0].message = hostile
    return data
  }

  func testHostileNamesAreEscapedEverywhere() {
    let html = ReportRenderer.html(Self.hostileReport())
    XCTAssertFalse(html.contains("<script"))
    XCTAssertFalse(html.contains("Fish & Chips"))
    XCTAssertFalse(html.contains("'n'"))
    XCTAssertTrue(html.contains(Self.escaped))
    XCTAssertTrue(html.contains("data-panel=\"region:" + Self.escaped + "\""))
    // The escaped text appears in the title, heading, chain caption, region caption and its
    // aria-label, the mover caption, the week label (chart and table), drift and subgroup
    // labels, and the alert row; count a few of the fixed places.
    XCTAssertGreaterThanOrEqual(html.components(separatedBy: Self.escaped).count - 1, 12)
  }

  func testOnlyKnownElementsAppearWhateverTheData() {
    let allowed: Set<String> = [
      "html", "head", "meta", "title", "style", "body", "main", "header", "footer", "nav", "a",
      "h1", "h2", "h3", "p", "span", "strong", "section", "div", "figure", "figcaption",
      "details", "summary", "table", "thead", "tbody", "tr", "th", "td", "svg", "line", "rect",
      "circle", "path", "text", "wbr",
    ]
    for data in [SampleReport.full(), Self.hostileReport()] {
      let tags = Set(
        ReportRenderer.html(data).split(separator: "<", omittingEmptySubsequences: true)
          .dropFirst().compactMap { piece -> String? in
            let name = piece.prefix { $0.isLetter || $0.isNumber }
            return name.isEmpty ? nil : name.lowercased()
          })
      XCTAssertEqual(tags.subtracting(allowed), [], "unexpected elements")
      XCTAssertEqual(Set(Markup.tagNames(ReportRenderer.html(data))), tags)
    }
  }

  func testThePageIsSelfContained() {
    let html = ReportRenderer.html(SampleReport.full())
    for reference in [
      "http:", "https:", "//", "url(", "@import", "src=", "<script", "<link", "<img",
    ] {
      XCTAssertFalse(html.contains(reference), "the page mentions \(reference)")
    }
    XCTAssertTrue(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""))
  }
}
