import Foundation
import XCTest

@testable import Serving

/// The committed generated code follows the committed contract: `Generated/openapi.sha256` is
/// the SHA-256 of `openapi.yaml` as `scripts/generate-openapi.sh` last generated from it.
final class ServingContractTests: XCTestCase {
  func testTheGeneratedCodeWasMadeFromThisDocument() throws {
    let serving = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Sources/Serving")
    let document = try String(
      contentsOf: serving.appendingPathComponent("openapi.yaml"), encoding: .utf8)
    let recorded = try String(
      contentsOf: serving.appendingPathComponent("Generated/openapi.sha256"), encoding: .utf8)
    XCTAssertEqual(
      AccessTokens.hash(document), recorded.trimmingCharacters(in: .whitespacesAndNewlines),
      "openapi.yaml changed since the code was generated: run scripts/generate-openapi.sh")
  }
}
