import DemandCore
import Forecasting
import Foundation
import XCTest

/// `BacktestTally` keeps the JSON of the training reports and registries written before it
/// held the shared `ErrorTally`, and its measures are the tally's.
final class BacktestTallyCodingTests: XCTestCase {
  func testJSONKeepsTheFlatKeysAndRoundTrips() throws {
    var tally = BacktestTally()
    tally.series = 2
    tally.errors.add(actual: 4, forecast: 5)
    tally.errors.add(actual: 6, forecast: 3)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let text = String(decoding: try encoder.encode(tally), as: UTF8.self)
    XCTAssertEqual(
      text,
      #"{"points":2,"series":2,"sumAbsoluteError":4,"sumActual":10,"sumError":-2,"#
        + #""sumSquaredError":10}"#)
    XCTAssertEqual(try JSONDecoder().decode(BacktestTally.self, from: Data(text.utf8)), tally)
    XCTAssertEqual(tally.wape, 0.4)
    XCTAssertEqual(tally.biasPercent, -20)
  }

  /// Nothing sold: WAPE is `nil`, as in every tally built on `ErrorTally`.
  func testNothingSoldHasNoWAPE() {
    var tally = BacktestTally()
    tally.errors.add(actual: 0, forecast: 1)
    XCTAssertNil(tally.wape)
    XCTAssertEqual(tally.mae, 1)
  }
}
