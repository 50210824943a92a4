import DemandCore
import Foundation
import Pipeline
import XCTest
import _TestSupport

@testable import Serving

/// The night served: only finished nights, and the switch to the next one is atomic: an answer
/// given while the next night runs and finishes is wholly the old night's or wholly the new
/// one's, checked against each night's files.
final class NightSwitchTests: XCTestCase {
  func testOnlyFinishedNightsAreServedAndTheSwitchIsWhole() async throws {
    let fixture = try ServingFixture(nights: 1)
    let first = fixture.firstNight
    let second = first.adding(days: 1)
    let workspace = fixture.workspace

    // A later night that failed, and a later night's folder without a manifest: not served.
    let catalog = NightCatalog(workspace: workspace, logger: ServingFixture.logger)
    XCTAssertTrue(catalog.refresh())
    XCTAssertEqual(catalog.current?.night, first)
    var failed = try JSONDecoder().decode(
      NightlyManifest.self,
      from: Data(contentsOf: URL(fileURLWithPath: workspace.nightlyManifestPath(first))))
    failed.runDate = first.adding(days: 5)
    failed.outcome = .failed
    try failed.json().write(
      toFile: workspace.nightlyManifestPath(first.adding(days: 5)), atomically: true,
      encoding: .utf8)
    try FileManager.default.createDirectory(
      atPath: workspace.nightDirectory(first.adding(days: 6)), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: workspace.path(of: .forecast, night: first),
      toPath: workspace.path(of: .forecast, night: first.adding(days: 6)))
    XCTAssertFalse(catalog.refresh())
    XCTAssertEqual(catalog.current?.night, first)
    try FileManager.default.removeItem(atPath: workspace.nightlyManifestPath(first.adding(days: 5)))

    // Requests while the second night runs and finishes.
    let server = try await RunningServer(workspace: workspace)
    let night = Task.detached { try fixture.runNight(second) }
    var answers: [Components.Schemas.SeriesForecast] = []
    var pages: [Components.Schemas.RecommendationPage] = []
    var switched = false
    var rounds = 0
    while !switched && rounds < 20_000 {
      rounds += 1
      answers.append(
        try await server.json(
          Components.Schemas.SeriesForecast.self, "/v1/stores/S001/skus/P00004/forecast"))
      pages.append(
        try await server.json(
          Components.Schemas.RecommendationPage.self, "/v1/stores/S002/recommendations"))
      switched = answers.last?.night == second.iso && pages.last?.night == second.iso
      if switched { try await night.value }
    }
    try await night.value
    try await server.shutDown()
    XCTAssertTrue(switched, "the server switched to the second night")

    // Each answer is one night's, whole: its days and quantiles are that night's file's.
    var expected: [String: [Double]] = [:]
    var expectedSKUs: [String: [String]] = [:]
    for day in [first, second] {
      // p10, p50 and p90 of each day (columns 3 … 5 of forecast.csv).
      expected[day.iso] = try fixture.csv(.forecast, night: day).filter {
        $0[0] == "S001" && $0[1] == "P00004"
      }.flatMap { [Double($0[3])!, Double($0[4])!, Double($0[5])!] }
      expectedSKUs[day.iso] = try fixture.csv(.recommendations, night: day).filter {
        $0[0] == "S002"
      }.map { $0[2] }
    }
    XCTAssertNotEqual(expected[first.iso], expected[second.iso], "the nights differ")
    var seen: Set<String> = []
    for answer in answers {
      seen.insert(answer.night)
      XCTAssertEqual(
        answer.days.flatMap { [$0.p10, $0.p50, $0.p90] }, expected[answer.night], answer.night)
      let day = try XCTUnwrap(Day(iso: answer.night))
      XCTAssertEqual(answer.days.first?.date, day.adding(days: 1).iso)
    }
    for page in pages {
      XCTAssertEqual(page.items.map(\.skuId), expectedSKUs[page.night], page.night)
    }
    XCTAssertEqual(seen, [first.iso, second.iso], "answers from both nights were seen")
  }
}
