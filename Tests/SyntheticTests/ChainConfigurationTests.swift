import DemandCore
import Foundation
import Synthetic
import XCTest

final class ChainConfigurationTests: XCTestCase {
  private let valid = ChainConfiguration(
    storeCount: 3, skuCount: 12, start: Day(year: 2025, month: 1, day: 1)!, dayCount: 60,
    transactionDayCount: 7, seed: 1)

  private func assertRejected(
    _ change: (inout ChainConfiguration) -> Void, _ expected: GeneratorError,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    var configuration = valid
    change(&configuration)
    XCTAssertThrowsError(try configuration.validate(), file: file, line: line) { error in
      XCTAssertEqual(error as? GeneratorError, expected, file: file, line: line)
      XCTAssertTrue(
        "\(error)".contains("Please"), "says what to do: \(error)", file: file, line: line)
    }
  }

  func testAcceptsAValidConfiguration() {
    XCTAssertNoThrow(try valid.validate())
    var everything = valid
    everything.transactionDayCount = 60
    everything.driftStart = valid.start.adding(days: 30)
    everything.driftShare = 1
    XCTAssertNoThrow(try everything.validate())
  }

  func testRejectsCountsOutOfRange() {
    assertRejected({ $0.storeCount = 0 }, .storeCountOutOfRange(0))
    assertRejected({ $0.skuCount = -1 }, .skuCountOutOfRange(-1))
    assertRejected({ $0.dayCount = 0 }, .dayCountOutOfRange(0))
    assertRejected(
      { ($0.storeCount, $0.skuCount) = (5_000, 1_000) },
      .tooManySeries(storeCount: 5_000, skuCount: 1_000))
    assertRejected(
      { $0.transactionDayCount = 61 }, .transactionDayCountOutOfRange(61, dayCount: 60))
    assertRejected(
      { $0.transactionDayCount = -1 }, .transactionDayCountOutOfRange(-1, dayCount: 60))
  }

  func testRejectsDatesAndDriftOutOfRange() {
    let late = Day(year: 2199, month: 12, day: 1)!
    assertRejected({ $0.start = late }, .datesOutOfRange(start: late, dayCount: 151))
    assertRejected({ $0.driftShare = 1.5 }, .driftShareOutOfRange(1.5))
    let early = valid.start
    assertRejected(
      { $0.driftStart = early },
      .driftStartOutOfRange(early, start: valid.start, lastDay: valid.lastDay))
    let after = valid.lastDay.adding(days: 1)
    assertRejected(
      { $0.driftStart = after },
      .driftStartOutOfRange(after, start: valid.start, lastDay: valid.lastDay))
  }

  func testDerivedDates() {
    XCTAssertEqual(valid.lastDay.iso, "2025-03-01")
    XCTAssertEqual(valid.historyDayCount, 53)
    XCTAssertEqual(valid.firstTransactionDay.iso, "2025-02-23")
    XCTAssertEqual(valid.horizonEnd.iso, "2025-05-31")
  }

  func testGeneratorValidatesBeforeWriting() {
    var invalid = valid
    invalid.transactionDayCount = 100
    let directory = TinyChain.temporaryDirectory("invalid")
    XCTAssertThrowsError(
      try ChainGenerator(configuration: invalid).write(to: directory, progress: nil))
    XCTAssertFalse(FileManager.default.fileExists(atPath: directory))
  }

  func testGeneratorRefusesADirectoryWithFiles() throws {
    let directory = TinyChain.temporaryDirectory("occupied")
    defer { TinyChain.remove(directory) }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try Data("x".utf8).write(to: URL(fileURLWithPath: directory + "/old.csv"))
    XCTAssertThrowsError(
      try ChainGenerator(configuration: valid).write(to: directory, progress: nil)
    ) {
      XCTAssertEqual($0 as? GeneratorError, .directoryNotEmpty(path: directory))
    }
  }
}
