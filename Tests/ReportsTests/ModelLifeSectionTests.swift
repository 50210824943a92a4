import DemandCore
import Foundation
import Reports
import XCTest

/// The "Model life" section: every version and decision listed, names escaped, bytes stable.
final class ModelLifeSectionTests: XCTestCase {
  static let day = SampleReport.runDate

  /// Three versions over 14 nights: the first model (v0001), a rejected schedule candidate
  /// (v0002), a drift candidate (v0003) that won and serves as its refit (v0004) with v0001 in
  /// shadow, and a deferred and a failed retraining that registered nothing.
  static func life() -> ModelLife {
    let first = day.adding(days: -13)
    let promotedOn = day.adding(days: -4)
    let service =
      (0..<9).map { ModelLife.ServiceNight(day: first.adding(days: $0), version: "v0001") }
      + (9..<14).map { ModelLife.ServiceNight(day: first.adding(days: $0), version: "v0004") }
    let compared = { (candidate: Double, champion: Double, points: Int) in
      ModelLife.Comparison(
        firstDay: first.adding(days: 1), lastDay: first.adding(days: 7), points: points,
        candidateWAPE: candidate, championWAPE: champion, championVersion: "v0001")
    }
    return ModelLife(
      versions: [
        ModelLife.Version(
          id: "v0001", trainedThrough: first, trigger: "first_model", registeredOn: first,
          decision: .firstModel, reason: "first model", promotedOn: first,
          retiredOn: promotedOn, status: .archived),
        ModelLife.Version(
          id: "v0002", trainedThrough: first.adding(days: 4), trigger: "schedule",
          registeredOn: first.adding(days: 7), decision: .rejected,
          reason: "worse by 4.1 %; champion kept", comparison: compared(0.31, 0.298, 1_200),
          status: .rejected),
        ModelLife.Version(
          id: "v0004", trainedThrough: promotedOn, trigger: "drift", registeredOn: promotedOn,
          decision: .promoted, reason: "better by 8.0 %", comparison: compared(0.25, 0.272, 980),
          refitOf: "v0003", promotedOn: promotedOn, status: .champion),
      ],
      retrainings: [
        ModelLife.Retraining(
          runDate: first, trigger: "first_model", candidate: "v0001", decision: .firstModel,
          reason: "first model"),
        ModelLife.Retraining(
          runDate: first.adding(days: 3), trigger: "accuracy", decision: .deferred,
          reason: "the champion was trained through \(first.iso), leaving 3 day(s)"),
        ModelLife.Retraining(
          runDate: first.adding(days: 7), trigger: "schedule", candidate: "v0002",
          decision: .rejected, comparison: compared(0.31, 0.298, 1_200),
          reason: "worse by 4.1 %; champion kept"),
        ModelLife.Retraining(
          runDate: promotedOn, trigger: "drift", candidate: "v0003", servedAs: "v0004",
          decision: .promoted, comparison: compared(0.25, 0.272, 980), reason: "better by 8.0 %"),
        ModelLife.Retraining(
          runDate: day, trigger: "schedule", decision: .failed, reason: "disk full"),
      ],
      service: service,
      shadowRuns: [
        ModelLife.ShadowRun(
          champion: "v0004", shadow: "v0001", firstNight: promotedOn,
          lastNight: promotedOn.adding(days: 13), endNight: day, state: .active,
          nights: (1...4).map {
            ModelLife.ShadowNight(
              night: promotedOn.adding(days: $0), points: 300,
              championWAPE: 0.2 + 0.01 * Double($0),
              shadowWAPE: 0.25)
          }, championWAPE: 0.225, shadowWAPE: 0.25)
      ])
  }

  static func report(_ life: ModelLife?) -> ReportData {
    var data = SampleReport.full()
    data.modelLife = life
    return data
  }

  /// The text of the section, from its opening tag to its end.
  static func section(_ html: String) -> String {
    guard let start = html.range(of: "<section id=\"model-life\">") else { return "" }
    let rest = html[start.lowerBound...]
    guard let end = rest.range(of: "</section>") else { return "" }
    return String(rest[..<end.upperBound])
  }

  func testEveryVersionAndDecisionIsListed() {
    let html = ReportRenderer.html(Self.report(Self.life()))
    let section = Self.section(html)
    XCTAssertFalse(section.isEmpty)
    XCTAssertTrue(html.contains("<a href=\"#model-life\">Model life</a>"))
    for id in ["v0001", "v0002", "v0003", "v0004"] {
      XCTAssertTrue(section.contains(id), id)
    }
    // One marker per retraining on the timeline, coloured by its decision.
    for decision in ["first_model", "deferred", "rejected", "promoted", "failed"] {
      XCTAssertEqual(
        section.components(separatedBy: "<circle class=\"decision \(decision)\"").count - 1, 1,
        decision)
      XCTAssertTrue(section.contains("<tr class=\"decision-\(decision)\">"), decision)
    }
    // Newest first: the failed retraining's row comes before the first model's.
    let failed = section.range(of: "<tr class=\"decision-failed\">")!.lowerBound
    let firstModel = section.range(of: "<tr class=\"decision-first_model\">")!.lowerBound
    XCTAssertLessThan(failed, firstModel)
    // WAPEs and points of the rejected candidate, and the refit it serves as.
    XCTAssertTrue(section.contains("<td class=\"num\">31.0 %</td><td class=\"num\">29.8 %</td>"))
    XCTAssertTrue(section.contains("<td class=\"num\">1,200</td>"))
    XCTAssertTrue(section.contains("v0003 → v0004"))
    XCTAssertTrue(section.contains("Champion v0004 (trained through"))
    XCTAssertTrue(
      section.contains(
        "5 retrainings: 1 first model, 1 promoted, 1 rejected, 1 deferred, 1 failed."))
    // Two service spans, the current one marked; one shadow period on v0001's lane.
    XCTAssertEqual(section.components(separatedBy: "<rect class=\"service current\"").count - 1, 1)
    XCTAssertEqual(section.components(separatedBy: "<rect class=\"service\"").count - 1, 1)
    XCTAssertEqual(section.components(separatedBy: "<rect class=\"shadow-period\"").count - 1, 1)
    XCTAssertTrue(section.contains("v0001 in shadow behind v0004"))
  }

  func testPanelsIncludeTheTimelineAndEachShadowRun() {
    let data = Self.report(Self.life())
    let html = ReportRenderer.html(data)
    let expected = ["model-life", "shadow-run:v0004/v0001/" + Self.day.adding(days: -4).iso]
    XCTAssertEqual(Array(data.panels.map(\.identifier).suffix(2)), expected)
    XCTAssertEqual(Array(Markup.chartPanels(html).suffix(2)), expected)
    XCTAssertEqual(Markup.chartPanels(html), data.panels.map(\.identifier))
  }

  func testWithoutModelLifeThePageIsUnchanged() {
    let html = ReportRenderer.html(Self.report(nil))
    XCTAssertEqual(html, ReportRenderer.html(SampleReport.full()))
    XCTAssertFalse(html.contains("<section id=\"model-life\">"))
  }

  func testOneVersionAndOnlyRejectedOrDeferredDecisions() {
    let first = Self.day.adding(days: -6)
    let life = ModelLife(
      versions: [
        ModelLife.Version(
          id: "v0001", trainedThrough: first, trigger: "first_model", registeredOn: first,
          decision: .firstModel, promotedOn: first, status: .champion)
      ],
      retrainings: [
        ModelLife.Retraining(
          runDate: Self.day.adding(days: -2), trigger: "schedule", decision: .deferred,
          reason: "too few unseen days")
      ],
      service: (0..<7).map { ModelLife.ServiceNight(day: first.adding(days: $0), version: "v0001") }
    )
    let data = Self.report(life)
    let html = ReportRenderer.html(data)
    let section = Self.section(html)
    XCTAssertEqual(Markup.chartPanels(html), data.panels.map(\.identifier))
    XCTAssertTrue(section.contains("<circle class=\"decision deferred\""))
    XCTAssertFalse(section.contains("Shadow runs"))
    XCTAssertTrue(section.contains("1 retraining: 1 deferred."))
  }

  func testNoVersionIsAnEmptyPanel() {
    let html = ReportRenderer.html(Self.report(ModelLife(versions: [])))
    XCTAssertEqual(Markup.emptyPanels(html), ["model-life"])
    XCTAssertTrue(html.contains("No model version is registered yet."))
  }

  func testNamesAreEscaped() {
    let hostile = ReportEscapingTests.hostile
    let escaped = ReportEscapingTests.escaped
    var life = Self.life()
    life.versions[1].id = hostile
    life.versions[1].trigger = hostile
    life.versions[1].reason = hostile
    life.versions[1].overrideNote = hostile
    life.retrainings[2].candidate = hostile
    life.retrainings[2].trigger = hostile
    life.retrainings[2].reason = hostile
    life.shadowRuns[0].shadow = hostile
    life.shadowRuns[0].endReason = hostile
    let html = ReportRenderer.html(Self.report(life))
    XCTAssertFalse(html.contains("<script"))
    XCTAssertFalse(html.contains("Fish & Chips"))
    XCTAssertFalse(html.contains("'n'"))
    XCTAssertGreaterThanOrEqual(Self.section(html).components(separatedBy: escaped).count - 1, 8)
  }

  func testTheSameDataGivesTheSameBytes() {
    let data = Self.report(Self.life())
    let first = ReportRenderer.html(data)
    for _ in 0..<5 { XCTAssertEqual(ReportRenderer.html(data), first) }
    XCTAssertEqual(ReportRenderer.html(Self.report(Self.life())), first)
  }
}
