import Foundation
import XCTest

/// Decodes `Fixtures/<name>.json` from the test bundle.
func loadFixture<T: Decodable>(_ type: T.Type, named name: String) throws -> T {
  let url = try XCTUnwrap(
    Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"),
    "Fixtures/\(name).json is missing from the test bundle")
  return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
}
