import DemandCore
import Foundation
import Logging
import Pipeline
import Registry
import Synthetic
import XCTest
import _TestSupport

@testable import Serving

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A small generated chain (2 stores × 8 SKUs × 200 days, the last 4 days delivered as files),
/// trained, with nights run by the real nightly stage: what the API tests serve.
final class ServingFixture: @unchecked Sendable {
  let directory: TemporaryDirectory
  let workspace: Workspace
  let chain: String
  let start = Day(iso: "2026-01-01")!
  /// The first night: the day after the 196 days of history.
  var firstNight: Day { start.adding(days: 196) }

  /// Builds the workspace and runs `nights` nights from `firstNight`.
  init(nights: Int) throws {
    directory = try TemporaryDirectory(prefix: "shelfcast-serving")
    chain = directory.path("chain")
    let configuration = ChainConfiguration(
      storeCount: 2, skuCount: 8, start: start, dayCount: 200, transactionDayCount: 4, seed: 5)
    _ = try ChainGenerator(configuration: configuration).write(to: chain, progress: nil)
    workspace = try Workspace(path: directory.path("ws"))
    _ = try IngestStage.run(
      workspace: workspace, paths: [chain + "/master", chain + "/history"],
      asOf: start.adding(days: 195), logger: Self.logger)
    _ = try TrainStage.run(
      workspace: workspace, asOf: nil,
      configuration: try Self.nightly.training.forecastConfiguration(), logger: Self.logger)
    for night in 0..<nights { try runNight(firstNight.adding(days: night)) }
  }

  static var logger: Logger {
    var logger = Logger(label: "test")
    logger.logLevel = .warning
    return logger
  }

  static let nightly = NightlyConfiguration(
    failOn: nil, explainItems: 2, training: TrainingSettings(horizonDays: 14),
    retraining: RetrainingSettings(weekday: nil, holdoutDays: 7, newSeriesShare: 0))

  /// Delivers `day`'s files and runs its night.
  func runNight(_ day: Day) throws {
    let inbox = workspace.root + "/inbox"
    try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
    for (folder, prefix) in [("inbox", "transactions_"), ("inventory", "on_hand_")] {
      let name = prefix + day.iso + ".csv"
      try FileManager.default.copyItem(
        atPath: chain + "/" + folder + "/" + name, toPath: inbox + "/" + name)
    }
    let outcome = try NightlyStage.run(
      NightlyStage.Context(
        workspace: workspace, configuration: Self.nightly, configurationPath: nil,
        logger: Self.logger),
      runDate: day)
    XCTAssertEqual(outcome.status, .success)
  }

  /// A night's file split into lines of fields, header first (the test's own reading, apart
  /// from the server's: quoted fields may hold commas and doubled quotes, never line breaks).
  func csv(_ file: NightFile, night: Day) throws -> [[String]] {
    let text = try String(
      contentsOfFile: workspace.path(of: file, night: night), encoding: .utf8)
    return text.split(separator: "\n").map { line in
      var fields: [String] = []
      var field = ""
      var quoted = false
      var previous: Character = " "
      for character in line {
        switch (character, quoted) {
        case ("\"", false):
          if previous == "\"" { field.append("\"") }
          quoted = true
        case ("\"", true): quoted = false
        case (",", false):
          fields.append(field)
          field = ""
        default: field.append(character)
        }
        previous = character
      }
      fields.append(field)
      return fields
    }
  }
}

/// A server of the fixture's workspace on a free loopback port, for one test.
final class RunningServer: @unchecked Sendable {
  let port: Int
  private let task: Task<Void, any Error>
  private let stop = Flag()

  init(workspace: Workspace, tokens: AccessTokens? = nil) async throws {
    let stop = self.stop
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    task = Task {
      // Finished also when the server fails to start, so that the wait below ends.
      defer { continuation.finish() }
      try await APIServer.run(
        workspace: workspace,
        settings: APIServerSettings(
          host: "127.0.0.1", port: 0, tokens: tokens, pollInterval: .milliseconds(100)),
        logger: ServingFixture.logger, stopRequested: { stop.isSet },
        onListening: { continuation.yield($0) })
    }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else {
      _ = try await task.value
      throw URLError(.cannotConnectToHost)
    }
    self.port = port
  }

  /// Stops the server as a SIGTERM would and waits until it has ended.
  func shutDown() async throws {
    stop.set()
    try await task.value
  }

  /// GET `path` (with its query); the status, the Content-Type and the body.
  func get(_ path: String, headers: [String: String] = [:]) async throws -> (
    status: Int, contentType: String, body: Data
  ) {
    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)" + path)!)
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = try XCTUnwrap(response as? HTTPURLResponse)
    return (
      http.statusCode, http.value(forHTTPHeaderField: "Content-Type") ?? "", data
    )
  }

  /// GET `path` and decode its JSON body as `type`, asserting a 200.
  func json<T: Decodable>(
    _ type: T.Type, _ path: String, headers: [String: String] = [:],
    file: StaticString = #filePath, line: UInt = #line
  ) async throws -> T {
    let answer = try await get(path, headers: headers)
    XCTAssertEqual(
      answer.status, 200, String(decoding: answer.body, as: UTF8.self), file: file, line: line)
    return try JSONDecoder().decode(T.self, from: answer.body)
  }
}
