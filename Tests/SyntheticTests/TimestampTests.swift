import DemandCore
import Foundation
import XCTest

@testable import Synthetic

/// `--timestamps`: the time of each transaction line, from the store format's and weekday's
/// intraday shape, touching no other file.
final class TimestampTests: XCTestCase {
  static let stamped: String = {
    var configuration = TinyChain.configuration
    configuration.timestamps = true
    let directory = TinyChain.temporaryDirectory("timestamps")
    TinyChain.removeAtExit(directory)
    do {
      _ = try ChainGenerator(configuration: configuration).write(to: directory, progress: nil)
    } catch {
      fatalError("The stamped chain could not be generated: \(error)")
    }
    return directory
  }()

  private func text(_ directory: String, _ file: String) throws -> String {
    try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
  }

  func testOnlyTheTransactionFilesAndChainJSONChange() throws {
    let plain = TinyChain.shared.directory
    let files = TinyChain.files(under: plain)
    XCTAssertEqual(TinyChain.files(under: Self.stamped), files)
    for file in files where !file.hasPrefix("inbox/") && file != "chain.json" {
      XCTAssertEqual(try text(Self.stamped, file), try text(plain, file), file)
    }
    XCTAssertTrue(try text(Self.stamped, "chain.json").contains("\"timestamps\" : true"))
    XCTAssertFalse(try text(plain, "chain.json").contains("timestamps"))
    // The same lines, the time column apart (their order is by time instead of by basket).
    for file in files where file.hasPrefix("inbox/") {
      let stamped = try text(Self.stamped, file).split(separator: "\n")
      XCTAssertEqual(stamped.first, "date,store_id,sku_id,quantity,unit_price,promo,txn_id,time")
      let withoutTime = stamped.dropFirst().map { $0[..<($0.lastIndex(of: ",") ?? $0.endIndex)] }
      XCTAssertEqual(
        withoutTime.sorted(), try text(plain, file).split(separator: "\n").dropFirst().sorted(),
        file)
    }
  }

  func testTimesAreInOpeningHoursInOrderWithLunchAndEveningPeaks() throws {
    var units = [Int](repeating: 0, count: 24)
    for file in TinyChain.files(under: Self.stamped) where file.hasPrefix("inbox/") {
      var previous: (store: Substring, time: Substring)? = nil
      for line in try text(Self.stamped, file).split(separator: "\n").dropFirst() {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        let time = fields[7]
        XCTAssertEqual(time.count, 8)
        let hour = Int(time.prefix(2)) ?? -1
        XCTAssertTrue((7..<22).contains(hour), "\(line)")
        if let previous, previous.store == fields[1] {
          XCTAssertLessThanOrEqual(previous.time, time, "lines of a store in time order")
        }
        previous = (fields[1], time)
        units[hour] += max(0, Int(fields[3]) ?? 0)
      }
    }
    // Peaks: lunch (12) above mid-morning (9), evening (17–18) above mid-afternoon (15).
    XCTAssertGreaterThan(units[12], units[9])
    XCTAssertGreaterThan(units[17] + units[18], 2 * units[15])
  }

  func testDeterministic() throws {
    var configuration = TinyChain.configuration
    configuration.timestamps = true
    let again = TinyChain.temporaryDirectory("timestamps-again")
    defer { TinyChain.remove(again) }
    _ = try ChainGenerator(configuration: configuration).write(to: again, progress: nil)
    for file in TinyChain.files(under: again) {
      XCTAssertEqual(try text(again, file), try text(Self.stamped, file), file)
    }
  }
}
