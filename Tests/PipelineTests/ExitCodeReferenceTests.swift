import Foundation
import Pipeline
import XCTest

/// docs/exit-codes.md's first table lists exactly the codes `ExitStatus` defines.
final class ExitCodeReferenceTests: XCTestCase {
  func testTheExitCodeTableListsEveryExitStatus() throws {
    let defined = Set((0...255).compactMap { ExitStatus(rawValue: Int32($0))?.rawValue })
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let text = try String(
      contentsOf: root.appendingPathComponent("docs/exit-codes.md"), encoding: .utf8)
    // The first table: rows `| code | meaning |` up to the first line that is not a row.
    var documented = Set<Int32>()
    var inTable = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("| code |") {
        inTable = true
        continue
      }
      guard inTable else { continue }
      guard line.hasPrefix("|") else { break }
      let cell = line.split(separator: "|").first?.trimmingCharacters(in: .whitespaces) ?? ""
      if let code = Int32(cell) { documented.insert(code) }
    }
    XCTAssertEqual(documented, defined)
  }
}
