import DemandCore
import Foundation
import Synthetic
import XCTest

/// `truthStart` (`generate --truth-from`) shortens `truth/expected_demand.csv` to the days from
/// that date and changes nothing else: the other data files are byte-identical to those of the
/// same configuration without it, and the truth rows kept are exactly the full file's rows from
/// that date on.
final class TruthStartTests: XCTestCase {
  private let base = TinyChain.configuration

  func testWritesOnlyTheTruthFromTheStartAndLeavesEveryOtherFileAlone() throws {
    var configuration = base
    let truthStart = base.lastDay.adding(days: -27)
    configuration.truthStart = truthStart
    let directory = TinyChain.temporaryDirectory("truth-start")
    defer { TinyChain.remove(directory) }
    let summary = try ChainGenerator(configuration: configuration).write(
      to: directory, progress: nil)
    let full = TinyChain.shared.directory

    // Files describing the configuration mention the truth start; every data file is identical.
    let described: Set = ["chain.json", "README.md", "truth/expected_demand.csv"]
    XCTAssertEqual(TinyChain.files(under: directory), TinyChain.files(under: full))
    for path in TinyChain.files(under: full) where !described.contains(path) {
      let expected = try Data(contentsOf: URL(fileURLWithPath: full + "/" + path))
      let actual = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + path))
      XCTAssertEqual(actual, expected, "\(path) differs with a truth start")
    }

    // The truth kept is the full truth's lines dated from the truth start, in the same order.
    let fullLines = try TinyChain.lines(full + "/truth/expected_demand.csv")
    let keptLines = try TinyChain.lines(directory + "/truth/expected_demand.csv")
    let fromStart = fullLines.dropFirst().filter {
      TinyChain.fields($0)[2] >= truthStart.iso
    }
    XCTAssertEqual(keptLines.first, fullLines.first, "same header")
    XCTAssertEqual(Array(keptLines.dropFirst()), fromStart)
    let days = truthStart.days(to: base.horizonEnd) + 1
    XCTAssertEqual(fromStart.count, base.storeCount * base.skuCount * days)
    XCTAssertLessThan(fromStart.count, fullLines.count - 1, "the option dropped rows")
    XCTAssertEqual(summary.expectedDemandRowCount, fromStart.count)

    let json = try Data(contentsOf: URL(fileURLWithPath: directory + "/chain.json"))
    XCTAssertEqual(try JSONDecoder().decode(ChainConfiguration.self, from: json), configuration)
    let readme = try String(contentsOfFile: directory + "/README.md", encoding: .utf8)
    XCTAssertTrue(readme.contains("from \(truthStart.iso) through the last future day"))
  }

  func testChainJSONWithoutATruthStartIsUnchanged() throws {
    let json = try String(
      contentsOfFile: TinyChain.shared.directory + "/chain.json", encoding: .utf8)
    XCTAssertFalse(json.contains("truthStart"), "absent, so older chains regenerate byte for byte")
  }

  func testRejectsATruthStartOutsideTheTimeline() {
    let before = base.start.adding(days: -1)
    let after = base.horizonEnd.adding(days: 1)
    for day in [before, after] {
      var configuration = base
      configuration.truthStart = day
      XCTAssertThrowsError(try configuration.validate()) { error in
        XCTAssertEqual(
          error as? GeneratorError,
          .truthStartOutOfRange(day, start: base.start, horizonEnd: base.horizonEnd))
      }
    }
    for day in [base.start, base.horizonEnd] {
      var configuration = base
      configuration.truthStart = day
      XCTAssertNoThrow(try configuration.validate())
    }
  }
}
