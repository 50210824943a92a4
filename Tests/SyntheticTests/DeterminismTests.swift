import DemandCore
import Foundation
import Synthetic
import XCTest

/// Equal configurations give byte-identical chains; a different seed gives a different one.
final class DeterminismTests: XCTestCase {
  private func contents(of directory: String) throws -> [String: Data] {
    var contents: [String: Data] = [:]
    for path in TinyChain.files(under: directory) {
      contents[path] = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + path))
    }
    return contents
  }

  func testSameConfigurationGivesIdenticalBytes() throws {
    let again = TinyChain.temporaryDirectory("again")
    defer { TinyChain.remove(again) }
    let collector = ProgressCollector()
    _ = try ChainGenerator(configuration: TinyChain.configuration).write(to: again) { fraction, _ in
      collector.record(fraction)
    }
    let first = try contents(of: TinyChain.shared.directory)
    let second = try contents(of: again)
    XCTAssertEqual(Set(first.keys), Set(second.keys))
    for (path, data) in first {
      XCTAssertEqual(data, second[path], "\(path) differs between runs")
    }
    let fractions = collector.fractions
    XCTAssertEqual(fractions.first, 0)
    XCTAssertEqual(fractions.last, 1)
    XCTAssertEqual(fractions, fractions.sorted(), "progress never goes back")
  }

  func testDifferentSeedGivesADifferentChain() throws {
    var other = TinyChain.configuration
    other.seed += 1
    let directory = TinyChain.temporaryDirectory("other-seed")
    defer { TinyChain.remove(directory) }
    _ = try ChainGenerator(configuration: other).write(to: directory, progress: nil)
    let first = try contents(of: TinyChain.shared.directory)
    let second = try contents(of: directory)
    for path in ["master/skus.csv", "truth/expected_demand.csv", "history/demand_2025-02.csv"] {
      XCTAssertNotEqual(first[path], second[path], path)
    }
  }
}

/// Collects progress reports from the generator (called on the generating thread).
private final class ProgressCollector: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [Double] = []

  func record(_ fraction: Double) {
    lock.lock()
    values.append(fraction)
    lock.unlock()
  }

  var fractions: [Double] {
    lock.lock()
    defer { lock.unlock() }
    return values
  }
}
