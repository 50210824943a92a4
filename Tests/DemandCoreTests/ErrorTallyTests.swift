import DemandCore
import XCTest

/// The shared error tally, worked out by hand.
final class ErrorTallyTests: XCTestCase {
  /// y = 4, 0, 6 against ŷ = 5, 1, 3: e = −1, −1, 3, so Σ|e| = 5, Σy = 10, Σe² = 11 and
  /// Σ(ŷ − y) = −1.
  func testMeasuresByHand() throws {
    var tally = ErrorTally()
    for (actual, forecast) in [(4.0, 5.0), (0, 1), (6, 3)] {
      tally.add(actual: actual, forecast: forecast)
    }
    XCTAssertEqual(tally.points, 3)
    XCTAssertEqual(tally.sumActual, 10)
    XCTAssertEqual(tally.sumAbsoluteError, 5)
    XCTAssertEqual(tally.sumSquaredError, 11)
    XCTAssertEqual(tally.sumForecastExcess, -1)
    XCTAssertEqual(try XCTUnwrap(tally.wape), 0.5)
    XCTAssertEqual(try XCTUnwrap(tally.mae), 5.0 / 3, accuracy: 1e-15)
    XCTAssertEqual(try XCTUnwrap(tally.rmse), (11.0 / 3).squareRoot(), accuracy: 1e-15)
    XCTAssertEqual(try XCTUnwrap(tally.biasPercent), -10, accuracy: 1e-13)
  }

  /// Nothing sold: WAPE and bias are undefined (`nil`), not 0 and not NaN; MAE and RMSE are
  /// still defined (units forecast that did not sell).
  func testNothingSoldLeavesWAPEAndBiasUndefined() throws {
    var tally = ErrorTally()
    tally.add(actual: 0, forecast: 2)
    tally.add(actual: 0, forecast: 0)
    XCTAssertNil(tally.wape)
    XCTAssertNil(tally.biasPercent)
    XCTAssertEqual(try XCTUnwrap(tally.mae), 1)
    XCTAssertEqual(try XCTUnwrap(tally.rmse), 2.0.squareRoot(), accuracy: 1e-15)
  }

  func testAnEmptyTallyHasNoMeasure() {
    let tally = ErrorTally()
    XCTAssertNil(tally.wape)
    XCTAssertNil(tally.mae)
    XCTAssertNil(tally.rmse)
    XCTAssertNil(tally.biasPercent)
  }

  func testMergingEqualsAddingEverything() {
    let days: [(Double, Double)] = [(4, 5), (0, 1), (6, 3), (2, 2.5), (9, 7)]
    var whole = ErrorTally()
    var first = ErrorTally()
    var second = ErrorTally()
    for (index, (actual, forecast)) in days.enumerated() {
      whole.add(actual: actual, forecast: forecast)
      if index < 2 {
        first.add(actual: actual, forecast: forecast)
      } else {
        second.add(actual: actual, forecast: forecast)
      }
    }
    first.merge(second)
    XCTAssertEqual(first.points, whole.points)
    XCTAssertEqual(first.sumActual, whole.sumActual)
    XCTAssertEqual(first.sumAbsoluteError, whole.sumAbsoluteError)
    XCTAssertEqual(first.sumSquaredError, whole.sumSquaredError)
    XCTAssertEqual(first.sumForecastExcess, whole.sumForecastExcess)
  }
}
