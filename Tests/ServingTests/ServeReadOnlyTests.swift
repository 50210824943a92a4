import Foundation
import Pipeline
import XCTest
import _TestSupport

@testable import Serving

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `shelfcast serve` never takes the workspace lock, so it must never write the database: it
/// opens it read-only, and a schema older than the build's (a workspace last written by an older
/// shelfcast) stops it with exit 1 and the command that migrates, instead of being migrated
/// behind a writer's back.
final class ServeReadOnlyTests: XCTestCase {
  /// `sql` run on `database` by the sqlite3 shell (apart from the server's own reader).
  private func sqlite(_ database: String, _ sql: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [database, sql]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 0, sql)
    return String(decoding: data, as: UTF8.self)
  }

  func testAnOlderSchemaIsRefusedNotMigrated() async throws {
    try XCTSkipUnless(FileManager.default.fileExists(atPath: "/usr/bin/sqlite3"), "no sqlite3")
    let fixture = try ServingFixture(nights: 1)
    let database = fixture.workspace.databasePath
    // The workspace as an older shelfcast left it: without the last migration's tables.
    _ = try sqlite(
      database,
      "DROP TABLE hourly_sales; DROP TABLE intraday_drop; DROP TABLE intraday_sales; "
        + "DROP TABLE intraday_line; DELETE FROM grdb_migrations WHERE identifier = "
        + "'intraday-v1';")
    let before = try Data(contentsOf: URL(fileURLWithPath: database))

    do {
      _ = try await RunningServer(workspace: fixture.workspace)
      XCTFail("the server started on a database it would have to migrate")
    } catch let error as PipelineError {
      guard case .workspaceUnusable(_, let reason) = error else {
        return XCTFail("\(error)")
      }
      XCTAssertTrue(reason.contains("shelfcast init --workspace"), reason)
    }
    let command = try ShelfCastProcess.run([
      "serve", "--workspace", fixture.workspace.root, "--port", "0",
    ])
    XCTAssertEqual(command.status, 1, command.error)
    XCTAssertTrue(command.error.contains("older than this shelfcast"), command.error)
    XCTAssertEqual(
      try sqlite(
        database, "SELECT count(*) FROM grdb_migrations WHERE identifier = 'intraday-v1';"),
      "0\n", "not migrated")
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: database)), before, "not written")

    // The writing command the message names migrates it (under the lock); then it serves.
    let migrated = try ShelfCastProcess.run(["init", "--workspace", fixture.workspace.root])
    XCTAssertEqual(migrated.status, 0, migrated.error)
    let server = try await RunningServer(workspace: fixture.workspace)
    let ready = try await server.get("/ready")
    XCTAssertEqual(ready.status, 200)
    try await server.shutDown()
  }

  func testServingWritesNothingToTheDatabase() async throws {
    let fixture = try ServingFixture(nights: 1)
    let database = fixture.workspace.databasePath
    let wal = URL(fileURLWithPath: database + "-wal")
    let before = try Data(contentsOf: URL(fileURLWithPath: database))
    // A missing log is an empty one: SQLite may create the file for a reader, never fill it.
    let walBefore = (try? Data(contentsOf: wal)) ?? Data()
    let server = try await RunningServer(workspace: fixture.workspace)
    for path in [
      "/v1/stores/S001/skus/P00001/forecast", "/v1/stores/S001/skus/P00001/explanation",
      "/v1/registry/versions", "/v1/stores/S001/recommendations",
    ] {
      let answer = try await server.get(path)
      XCTAssertEqual(answer.status, 200, path)
    }
    try await server.shutDown()
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: database)), before)
    XCTAssertEqual(
      (try? Data(contentsOf: wal)) ?? Data(), walBefore, "the write-ahead log is unchanged")
  }
}
