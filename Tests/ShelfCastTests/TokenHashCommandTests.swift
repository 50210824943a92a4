import Foundation
import XCTest
import _TestSupport

/// `shelfcast token hash`: the tokens-file line of a token read from standard input, whose hash
/// is the token's SHA-256 (reference values from `printf secret | sha256sum` and
/// `printf 'S3cr3t-t0ken' | sha256sum`).
final class TokenHashCommandTests: XCTestCase {
  let secretHash = "2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b"
  let otherHash = "8fa7a63462e80e6aedcf2bb13c38d038b3119e2f8f233c09bcd22ebed32eda16"

  func testAnAnalystLineIsTheSHA256OfStandardInput() throws {
    let result = try ShelfCastProcess.run(
      ["token", "hash", "--role", "analyst"], input: Data("secret".utf8))
    XCTAssertEqual(result.status, 0, result.error)
    XCTAssertEqual(result.output, secretHash + "   analyst\n")
    XCTAssertFalse(result.output.contains("secret") || result.error.contains("secret"))
  }

  func testTheLineBreakEndingTheInputIsNotPartOfTheToken() throws {
    for input in ["secret\n", "secret\r\n"] {
      let result = try ShelfCastProcess.run(
        ["token", "hash", "--role", "analyst"], input: Data(input.utf8))
      XCTAssertEqual(result.output, secretHash + "   analyst\n", input.debugDescription)
    }
  }

  func testAMerchandiserLineListsItsStoresSorted() throws {
    let result = try ShelfCastProcess.run(
      ["token", "hash", "--role", "merchandiser", "--stores", "S002,S001"],
      input: Data("S3cr3t-t0ken".utf8))
    XCTAssertEqual(result.status, 0, result.error)
    XCTAssertEqual(result.output, otherHash + "   merchandiser  S001,S002\n")
  }

  func testUnusableTokensAndRolesAreUsageErrors() throws {
    let cases: [([String], String)] = [
      (["--role", "analyst"], ""),
      (["--role", "analyst"], "two words"),
      (["--role", "analyst"], "caf\u{e9}"),
      (["--role", "analyst", "--stores", "S001"], "secret"),
      (["--role", "merchandiser"], "secret"),
      (["--role", "merchandiser", "--stores", "S 1"], "secret"),
      (["--role", "owner"], "secret"),
    ]
    for (arguments, token) in cases {
      let result = try ShelfCastProcess.run(["token", "hash"] + arguments, input: Data(token.utf8))
      XCTAssertEqual(result.status, 64, "\(arguments) \(token.debugDescription): \(result.error)")
      XCTAssertEqual(result.output, "", "\(arguments)")
      if !token.isEmpty {
        XCTAssertFalse(result.error.contains(token), "the token is never echoed: \(result.error)")
      }
    }
  }
}
