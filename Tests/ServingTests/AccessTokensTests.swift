import Foundation
import XCTest
import _TestSupport

@testable import Serving

/// `--tokens`: the file's format, and the roles enforced by a running server (401 without a
/// known token, 403 outside the role, problem-details bodies).
final class AccessTokensTests: XCTestCase {

  func testHashIsSHA256Hex() {
    // FIPS 180-2's example: SHA-256("abc").
    XCTAssertEqual(
      AccessTokens.hash("abc"),
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  func testAPrintedLineIsReadBackWithItsRole() throws {
    let lines = [
      try AccessTokens.line(token: "secret", role: .analyst),
      try AccessTokens.line(token: "S3cr3t-t0ken", role: .merchandiser(stores: ["S002", "S001"])),
    ]
    // `printf secret | sha256sum`.
    XCTAssertEqual(
      lines[0], "2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b   analyst")
    let tokens = try AccessTokens(text: lines.joined(separator: "\n"), path: "t")
    XCTAssertEqual(tokens.role(of: "secret"), .analyst)
    XCTAssertEqual(tokens.role(of: "S3cr3t-t0ken"), .merchandiser(stores: ["S001", "S002"]))
    XCTAssertThrowsError(try AccessTokens.line(token: "", role: .analyst))
    XCTAssertThrowsError(try AccessTokens.line(token: "a b", role: .analyst))
    XCTAssertThrowsError(
      try AccessTokens.line(token: String(repeating: "a", count: 513), role: .analyst))
  }

  func testTheFileIsParsedAndBadLinesAreNamed() throws {
    let analyst = AccessTokens.hash("analyst-secret")
    let merchandiser = AccessTokens.hash("merch-secret")
    let tokens = try AccessTokens(
      text:
        "# comment\n\n\(analyst) analyst\n\(merchandiser.uppercased())  merchandiser S001,S003 \n",
      path: "t")
    XCTAssertEqual(tokens.count, 2)
    XCTAssertEqual(tokens.role(of: "analyst-secret"), .analyst)
    XCTAssertEqual(tokens.role(of: "merch-secret"), .merchandiser(stores: ["S001", "S003"]))
    XCTAssertNil(tokens.role(of: "guess"))
    XCTAssertThrowsError(try AccessTokens(text: "\(analyst) admin\n", path: "t")) {
      XCTAssertEqual(
        "\($0)",
        "t, line 1: expected `<sha256> analyst` or `<sha256> merchandiser <store>,<store>,...`.")
    }
    XCTAssertThrowsError(try AccessTokens(text: "\n\nsecret analyst\n", path: "t")) {
      XCTAssertEqual(
        $0 as? AccessTokensError,
        .invalidLine(
          path: "t", line: 3, reason: "the first word must be a token's SHA-256 as 64 hex digits"))
    }
    XCTAssertThrowsError(
      try AccessTokens(text: "\(analyst) analyst\n\(analyst) analyst\n", path: "t"))
  }

  func testRolesAreEnforcedWithProblemBodies() async throws {
    let fixture = try ServingFixture(nights: 1)
    let server = try await RunningServer(
      workspace: fixture.workspace, tokens: try TwoRoles.tokens())
    let (analyst, merchandiser) = (TwoRoles.analyst, TwoRoles.merchandiser)
    let cases: [(String, [String: String], Int)] = [
      ("/v1/stores/S001/recommendations", [:], 401),
      ("/v1/stores/S001/recommendations", ["Authorization": "Bearer wrong"], 401),
      ("/v1/stores/S001/recommendations", ["Authorization": "Basic YTpi"], 401),
      ("/v1/stores/S001/recommendations", analyst, 200),
      ("/v1/stores/S002/recommendations", analyst, 200),
      ("/v1/stores/S001/recommendations", merchandiser, 200),
      ("/v1/stores/S001/skus/P00001/forecast", merchandiser, 200),
      ("/v1/stores/S002/recommendations", merchandiser, 403),
      ("/v1/stores/S002/skus/P00001/forecast", merchandiser, 403),
      ("/v1/accuracy", merchandiser, 403),
      ("/v1/registry/versions", merchandiser, 403),
      ("/v1/accuracy", analyst, 200),
      ("/health", [:], 200),
      ("/ready", [:], 200),
      ("/metrics", [:], 200),
    ]
    for (path, headers, status) in cases {
      let answer = try await server.get(path, headers: headers)
      XCTAssertEqual(answer.status, status, "\(path) \(headers)")
      if status >= 400 {
        XCTAssertEqual(answer.contentType, "application/problem+json")
        let problem = try JSONDecoder().decode(Components.Schemas.Problem.self, from: answer.body)
        XCTAssertEqual(problem.status, status)
      }
    }
    try await server.shutDown()
  }
}
