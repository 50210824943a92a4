import DemandCore
import Foundation
import Pipeline
import XCTest
import _TestSupport

@testable import Serving

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The API in process, on a free loopback port, against a workspace with two nights run by the
/// real nightly stage: each answer is checked against the night's own files, read here apart
/// from the server's reader.
final class ServingAPITests: XCTestCase {
  /// Built once for the class (the tests only read it), removed after its last test.
  nonisolated(unsafe) private static var shared: ServingFixture?
  private var fixture: ServingFixture!
  private var server: RunningServer!
  private var night: Day { fixture.firstNight.adding(days: 1) }

  override func setUp() async throws {
    if Self.shared == nil { Self.shared = try ServingFixture(nights: 2) }
    fixture = Self.shared
    server = try await RunningServer(workspace: fixture.workspace)
  }

  override func tearDown() async throws {
    try await server?.shutDown()
    server = nil
    fixture = nil
  }

  override class func tearDown() { shared = nil }

  /// Rows of the night's recommendations.csv for `store`, as field lists.
  private func recommendationRows(_ store: String) throws -> (header: [String], rows: [[String]]) {
    let lines = try fixture.csv(.recommendations, night: night)
    return (lines[0], lines.dropFirst().filter { $0[0] == store })
  }

  func testTheLastFinishedNightIsServed() async throws {
    let served = try await server.json(Components.Schemas.Night.self, "/ready")
    XCTAssertEqual(served.night, night.iso)
    XCTAssertEqual(served.outcome, .completed)
    let health = try await server.json(Components.Schemas.Health.self, "/health")
    XCTAssertEqual(health.status, .ok)
  }

  func testRecommendationsArePagedInTheFilesOrder() async throws {
    let (header, rows) = try recommendationRows("S001")
    let sku = try XCTUnwrap(header.firstIndex(of: "sku_id"))
    let quantity = try XCTUnwrap(header.firstIndex(of: "recommended_order_qty"))
    XCTAssertEqual(rows.count, 8, "8 SKUs in store S001")
    let first = try await server.json(
      Components.Schemas.RecommendationPage.self,
      "/v1/stores/S001/recommendations?page=1&page_size=3")
    let third = try await server.json(
      Components.Schemas.RecommendationPage.self,
      "/v1/stores/S001/recommendations?page=3&page_size=3")
    XCTAssertEqual(first.total, 8)
    XCTAssertEqual(first.night, night.iso)
    XCTAssertEqual(first.items.map(\.skuId), rows[0..<3].map { $0[sku] })
    XCTAssertEqual(third.items.map(\.skuId), rows[6..<8].map { $0[sku] })
    XCTAssertEqual(
      first.items.map(\.recommendedOrderQty), rows[0..<3].map { Double($0[quantity])! })
    let beyond = try await server.json(
      Components.Schemas.RecommendationPage.self,
      "/v1/stores/S001/recommendations?page=4&page_size=3")
    XCTAssertEqual(beyond.items.count, 0)
  }

  func testAnOlderFinishedNightIsServedByItsDate() async throws {
    let older = fixture.firstNight
    let lines = try fixture.csv(.recommendations, night: older)
    let sku = try XCTUnwrap(lines[0].firstIndex(of: "sku_id"))
    let page = try await server.json(
      Components.Schemas.RecommendationPage.self,
      "/v1/stores/S002/recommendations?night=\(older.iso)")
    XCTAssertEqual(page.night, older.iso)
    XCTAssertEqual(
      page.items.map(\.skuId), lines.dropFirst().filter { $0[0] == "S002" }.map { $0[sku] })
    let served = try await server.json(
      Components.Schemas.RecommendationPage.self, "/v1/stores/S002/recommendations")
    XCTAssertEqual(served.night, night.iso, "the default is still the last night")
  }

  func testRecommendationsAsCSVAreTheFilesLines() async throws {
    let answer = try await server.get(
      "/v1/stores/S002/recommendations?page_size=2", headers: ["Accept": "text/csv"])
    XCTAssertEqual(answer.status, 200)
    XCTAssertTrue(answer.contentType.hasPrefix("text/csv"), answer.contentType)
    let text = try String(
      contentsOfFile: fixture.workspace.path(of: .recommendations, night: night), encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init)
    let expected = [lines[0]] + lines.dropFirst().filter { $0.hasPrefix("S002,") }.prefix(2)
    XCTAssertEqual(
      String(decoding: answer.body, as: UTF8.self), expected.joined(separator: "\n") + "\n")
  }

  func testFiltersKeepOnlyMatchingRows() async throws {
    let (header, rows) = try recommendationRows("S001")
    let category = try XCTUnwrap(header.firstIndex(of: "category"))
    let abc = try XCTUnwrap(header.firstIndex(of: "abc_class"))
    let quantity = try XCTUnwrap(header.firstIndex(of: "recommended_order_qty"))
    let someCategory = rows[0][category]
    let byCategory = try await server.json(
      Components.Schemas.RecommendationPage.self,
      "/v1/stores/S001/recommendations?category=\(someCategory)")
    XCTAssertEqual(byCategory.total, rows.filter { $0[category] == someCategory }.count)
    XCTAssertTrue(byCategory.items.allSatisfy { $0.category == someCategory })
    let classA = try await server.json(
      Components.Schemas.RecommendationPage.self, "/v1/stores/S001/recommendations?abc_class=A")
    XCTAssertEqual(classA.total, rows.filter { $0[abc] == "A" }.count)
    let orders = try await server.json(
      Components.Schemas.RecommendationPage.self, "/v1/stores/S001/recommendations?order_only=true")
    XCTAssertEqual(orders.total, rows.filter { Double($0[quantity])! > 0 }.count)
  }

  func testForecastIsTheSeriesRowsOfForecastCSV() async throws {
    let lines = try fixture.csv(.forecast, night: night).dropFirst().filter {
      $0[0] == "S002" && $0[1] == "P00003"
    }
    XCTAssertEqual(lines.count, 14, "a 14-day horizon")
    let forecast = try await server.json(
      Components.Schemas.SeriesForecast.self, "/v1/stores/S002/skus/P00003/forecast")
    XCTAssertEqual(forecast.days.map(\.date), lines.map { $0[2] })
    XCTAssertEqual(forecast.days.map(\.p10), lines.map { Double($0[3])! })
    XCTAssertEqual(forecast.days.map(\.p50), lines.map { Double($0[4])! })
    XCTAssertEqual(forecast.days.map(\.p90), lines.map { Double($0[5])! })
    XCTAssertEqual(forecast.days.first?.date, night.adding(days: 1).iso)
    XCTAssertEqual(forecast.modelVersion, "v0001")
    // The first and the last series of the file, found by bisection like any other.
    let all = try fixture.csv(.forecast, night: night).dropFirst()
    for row in [all.first!, all.last!] {
      let answer = try await server.json(
        Components.Schemas.SeriesForecast.self, "/v1/stores/\(row[0])/skus/\(row[1])/forecast")
      XCTAssertEqual(answer.days.count, 14)
    }
  }

  func testTheHandWrittenForecastIsTheEncodersBytes() async throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let lines = try fixture.csv(.forecast, night: night).dropFirst()
    let series = Set(lines.map { [$0[0], $0[1]] })
    XCTAssertEqual(series.count, 16)
    for key in series {
      let path = "/v1/stores/\(key[0])/skus/\(key[1])/forecast"
      let fast = try await server.get(path)
      // `application/*` is not taken by the hand-written path: the generated code encodes.
      let typed = try await server.get(path, headers: ["Accept": "application/*"])
      XCTAssertEqual(fast.status, 200, path)
      XCTAssertEqual(fast.body, typed.body, path)
      XCTAssertEqual(fast.contentType, typed.contentType, path)
      let value = try JSONDecoder().decode(Components.Schemas.SeriesForecast.self, from: fast.body)
      XCTAssertEqual(fast.body, try encoder.encode(value), path)
    }
    let crafted = Components.Schemas.SeriesForecast(
      night: "2026-01-01", store: "S/1", sku: "P\"1", model: "a\\b", modelVersion: nil,
      days: [
        .init(date: "2026-01-02", p10: 0, p50: 1e-05, p90: 1e20, mean: nil),
        .init(date: "2026-01-03", p10: -0.0, p50: 123456789.125, p90: 0.1, mean: 2.5),
      ])
    XCTAssertEqual(ForecastJSON.encode(crafted), Array(try encoder.encode(crafted)))
    var notFinite = crafted
    notFinite.days[0].p50 = .nan
    XCTAssertNil(ForecastJSON.encode(notFinite), "left to the encoder")
    var accented = crafted
    accented.model = "caf\u{e9}"
    XCTAssertNil(ForecastJSON.encode(accented), "left to the encoder")
  }

  func testExplanationAddsUpToTheRegressionsMean() async throws {
    let explanation = try await server.json(
      Components.Schemas.Explanation.self, "/v1/stores/S001/skus/P00001/explanation?top=3")
    XCTAssertEqual(explanation.night, night.iso)
    let reference = try ExplainStage.explain(
      workspace: fixture.workspace, store: StoreID("S001"), sku: SKUID("P00001"), date: night,
      horizonDays: nil)
    XCTAssertEqual(explanation.model, reference.served.model)
    XCTAssertEqual(explanation.days.count, reference.days.count)
    for day in explanation.days {
      XCTAssertLessThanOrEqual(day.contributions.count, 3)
      let sum = day.contributions.map(\.contributionUnits).reduce(0, +) + (day.othersUnits ?? 0)
      XCTAssertEqual(day.baselineUnits + sum, day.ridgeMeanUnits, accuracy: 1e-9, day.date)
      let magnitudes = day.contributions.map { abs($0.contributionUnits) }
      XCTAssertEqual(magnitudes, magnitudes.sorted(by: >), "largest first")
    }
    // The models of the issued forecast: per day, Σ weight × mean is the issued mean (read back
    // from the night's archive at single precision), and each model's parts add up to its mean.
    let models = try XCTUnwrap(explanation.models)
    XCTAssertEqual(models.map(\.model), reference.candidates.map(\.model))
    for (step, day) in explanation.days.enumerated() {
      let weighted = models.reduce(0.0) { $0 + $1.days[step].weight * $1.days[step].meanUnits }
      XCTAssertEqual(
        max(0, weighted), day.forecastMeanUnits, accuracy: 1e-6 * max(1, weighted), day.date)
      for model in models where model.days[step].meanUnits > 0 {
        XCTAssertEqual(model.days[step].date, day.date)
        let parts = model.days[step].parts.map(\.units).reduce(0, +)
        XCTAssertEqual(parts, model.days[step].meanUnits, accuracy: 1e-6, model.model)
      }
    }
  }

  func testForecastVsActualIsTheSeriesRowsWithinTheDays() async throws {
    let lines = try fixture.csv(.forecastVsActual, night: night).dropFirst().filter {
      $0[0] == "S001" && $0[1] == "P00002"
    }
    let all = try await server.json(
      Components.Schemas.ForecastVsActual.self, "/v1/stores/S001/skus/P00002/forecast-vs-actual")
    XCTAssertEqual(all.rows.count, lines.count)
    XCTAssertGreaterThan(all.rows.count, 0, "night 1's forecast of night 2 is scored")
    let none = try await server.json(
      Components.Schemas.ForecastVsActual.self,
      "/v1/stores/S001/skus/P00002/forecast-vs-actual?to=2000-01-01")
    XCTAssertEqual(none.rows.count, 0)
  }

  func testAccuracyAlertsAndRegistry() async throws {
    let accuracy = try await server.json(
      Components.Schemas.AccuracySummary.self, "/v1/accuracy?level=chain")
    let chainLine = try fixture.csv(.accuracySummary, night: night)[1]
    XCTAssertEqual(accuracy.lines.count, 1)
    XCTAssertEqual(accuracy.lines.first?.n, Int(chainLine[8]))
    let alerts = try await server.json(Components.Schemas.AlertList.self, "/v1/alerts")
    XCTAssertEqual(alerts.alerts.count, try fixture.csv(.alertsCSV, night: night).count - 1)
    let versions = try await server.json(
      Components.Schemas.VersionList.self, "/v1/registry/versions")
    XCTAssertEqual(versions.versions.map(\.id), ["v0001"])
    XCTAssertEqual(versions.champion, "v0001")
    let champion = try await server.json(
      Components.Schemas.ModelVersion.self, "/v1/registry/champion")
    XCTAssertEqual(champion.status, .champion)
    let card = try await server.json(
      Components.Schemas.ModelCard.self, "/v1/registry/versions/v0001/card")
    XCTAssertEqual(
      card.markdown,
      try String(contentsOfFile: fixture.workspace.modelCardPath("v0001"), encoding: .utf8))
  }

  func testBadInputGetsAProblemNeverA500() async throws {
    let cases: [(String, Int)] = [
      ("/v1/stores/S001/recommendations?page_size=0", 400),
      ("/v1/stores/S001/recommendations?page_size=1001", 400),
      ("/v1/stores/S001/recommendations?page_size=ten", 400),
      ("/v1/stores/S001/recommendations?page=0", 400),
      ("/v1/stores/S001/recommendations?night=2026-13-45", 400),
      ("/v1/stores/S001/recommendations?night=yesterday", 400),
      ("/v1/stores/S001/recommendations?abc_class=D", 400),
      ("/v1/stores/S001/recommendations?night=2025-01-01", 404),
      ("/v1/stores/S999/recommendations", 404),
      ("/v1/stores/S001/skus/P99999/forecast", 404),
      ("/v1/stores/S001/skus/P00001/forecast-vs-actual?from=2026-02-30", 400),
      ("/v1/stores/S001/skus/P00001/forecast-vs-actual?from=2026-03-02&to=2026-03-01", 400),
      ("/v1/stores/S001/skus/P00001/explanation?top=0", 400),
      ("/v1/registry/versions/v9999/card", 404),
      ("/v1/registry/versions/latest/card", 400),
      // Ids that the master data does not list and that could not be ids under the contract's
      // pattern: 400, not 404.
      ("/v1/stores/S%20001/recommendations", 400),
      ("/v1/stores/-S001/skus/P00001/forecast", 400),
      ("/v1/stores/S001/skus/P%2F1/forecast", 400),
      ("/v1/stores/\(String(repeating: "S", count: 65))/recommendations", 400),
      ("/v1/stores/S001/skus/\(String(repeating: "P", count: 20_000))/forecast", 400),
    ]
    for (path, status) in cases {
      let answer = try await server.get(path)
      XCTAssertEqual(answer.status, status, path)
      XCTAssertEqual(answer.contentType, "application/problem+json", path)
      let problem = try JSONDecoder().decode(Components.Schemas.Problem.self, from: answer.body)
      XCTAssertEqual(problem.status, status, path)
      XCTAssertFalse(problem.detail.isEmpty, path)
      // In words: never the decoder's ("DecodingError", "Cannot initialize ABCClass").
      XCTAssertFalse(problem.detail.contains("DecodingError"), problem.detail)
    }
    let unknown = try await server.get("/v1/stores/S001/recommendations?abc_class=D")
    XCTAssertEqual(
      try JSONDecoder().decode(Components.Schemas.Problem.self, from: unknown.body).detail,
      "A query parameter cannot be read: 'D' is not an accepted value. See docs/api.md for "
        + "each parameter's values.")
  }

  /// An `Accept` header naming no media type a path answers in is 406 with a problem body
  /// (was 400), and one that names JSON among others, or `*/*`, gets JSON.
  func testAnUnacceptableMediaTypeIs406() async throws {
    let path = "/v1/stores/S001/skus/P00001/forecast"
    for accept in ["application/xml", "text/html, image/png"] {
      let answer = try await server.get(path, headers: ["Accept": accept])
      XCTAssertEqual(answer.status, 406, accept)
      XCTAssertEqual(answer.contentType, "application/problem+json", accept)
      let problem = try JSONDecoder().decode(Components.Schemas.Problem.self, from: answer.body)
      XCTAssertEqual(problem.title, "Not Acceptable")
      XCTAssertTrue(problem.detail.contains("(\(accept))"), problem.detail)
    }
    for accept in ["application/xml, application/json;q=0.5", "*/*"] {
      let answer = try await server.get(path, headers: ["Accept": accept])
      XCTAssertEqual(answer.status, 200, accept)
      XCTAssertEqual(answer.contentType, "application/json; charset=utf-8", accept)
    }
  }

  func testHEADAnswersAsGETWithoutTheBody() async throws {
    for (path, status) in [
      ("/v1/stores/S001/skus/P00001/forecast", 200), ("/v1/stores/S001/recommendations", 200),
      ("/health", 200), ("/v1/stores/S999/recommendations", 404),
    ] {
      let get = try await server.get(path)
      var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)\(path)")!)
      request.httpMethod = "HEAD"
      let (data, response) = try await URLSession.shared.data(for: request)
      let http = try XCTUnwrap(response as? HTTPURLResponse)
      XCTAssertEqual(http.statusCode, status, path)
      XCTAssertEqual(get.status, status, path)
      XCTAssertEqual(data.count, 0, "no body: \(path)")
      XCTAssertFalse(get.body.isEmpty, path)
      XCTAssertEqual(http.value(forHTTPHeaderField: "Content-Type"), get.contentType, path)
      if let length = http.value(forHTTPHeaderField: "Content-Length") {
        XCTAssertEqual(Int(length), get.body.count, "the GET body's length: \(path)")
      }
    }
  }

  func testOnlyGETAndHEADAreServed() async throws {
    for method in ["POST", "PUT", "DELETE", "TRACE"] {
      var request = URLRequest(
        url: URL(string: "http://127.0.0.1:\(server.port)/v1/stores/S001/recommendations")!)
      request.httpMethod = method
      let (data, response) = try await URLSession.shared.data(for: request)
      let http = try XCTUnwrap(response as? HTTPURLResponse)
      XCTAssertEqual(http.statusCode, 405, method)
      XCTAssertEqual(http.value(forHTTPHeaderField: "Allow"), "GET, HEAD", method)
      let problem = try JSONDecoder().decode(Components.Schemas.Problem.self, from: data)
      XCTAssertEqual(problem.status, 405)
    }
  }

  /// A path the API does not have is a 404 with a problem-details body, as every error is
  /// (the router's own 404 had an empty body and no content type).
  func testAnUnknownPathIsAProblem() async throws {
    for path in ["/", "/v1/nosuch", "/v2/stores"] {
      let answer = try await server.get(path)
      XCTAssertEqual(answer.status, 404, path)
      XCTAssertEqual(answer.contentType, "application/problem+json", path)
      let problem = try JSONDecoder().decode(Components.Schemas.Problem.self, from: answer.body)
      XCTAssertEqual(problem.status, 404, path)
      XCTAssertTrue(problem.detail.contains("No such path: \(path)."), problem.detail)
    }
  }

  /// A port another server holds is a usage error naming the address (exit 64 in the
  /// command), not the socket library's text as an internal error.
  func testAnAddressInUseIsAUsageError() async throws {
    do {
      try await APIServer.run(
        workspace: fixture.workspace,
        settings: APIServerSettings(
          host: "127.0.0.1", port: server.port, tokens: nil, pollInterval: .milliseconds(100)),
        logger: ServingFixture.logger, stopRequested: { true })
      XCTFail("a second server on the same port started")
    } catch PipelineError.invalidArgument(let message) {
      XCTAssertTrue(message.hasPrefix("cannot listen on 127.0.0.1:\(server.port) ("), message)
      XCTAssertTrue(message.contains("Address already in use"), message)
    }
  }

  func testMetricsCountRequestsByRouteAndStatus() async throws {
    for _ in 0..<3 { _ = try await server.get("/v1/stores/S001/skus/P00001/forecast") }
    _ = try await server.get("/v1/stores/S001/skus/P99999/forecast")
    let text = String(decoding: try await server.get("/metrics").body, as: UTF8.self)
    XCTAssertTrue(
      text.contains(#"shelfcast_api_requests_total{route="getForecast",status="200"} 3"#), text)
    XCTAssertTrue(
      text.contains(#"shelfcast_api_requests_total{route="getForecast",status="404"} 1"#), text)
    XCTAssertTrue(
      text.contains(
        #"shelfcast_api_request_duration_seconds_count{route="getForecast",status="200"} 3"#), text)
  }
}
