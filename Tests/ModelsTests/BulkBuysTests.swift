import Models
import XCTest

/// `BulkBuys.lowered`, with bounds worked by hand from the rule: a day above both 3 × the
/// largest and 10 × the mean of the usable days of the 56 before it is lowered to the larger.
final class BulkBuysTests: XCTestCase {
  func flat(_ value: Double, _ days: Int) -> [Double] { [Double](repeating: value, count: days) }
  func none(_ count: Int) -> [Bool] { [Bool](repeating: false, count: count) }

  func testOneDayOfAHundredTimesTheUsualIsCutToTenTimesTheMean() throws {
    // 60 days of 5 then 500: the 56 days before have mean 5 and largest 5, so the bound is
    // max(10 × 5, 3 × 5) = 50.
    let values = flat(5, 60) + [500] + flat(5, 10)
    let lowered = try XCTUnwrap(BulkBuys.lowered(values: values, censored: none(71)))
    XCTAssertEqual(lowered, flat(5, 60) + [50] + flat(5, 10))
  }

  func testAStepUpPassesAfterOneDay() throws {
    // 5 → 100 for good: the first day is lowered to 50; the next day's window has mean
    // (55 × 5 + 50) / 56 = 5.80 and largest 50, bound max(58.0, 150) = 150 > 100, so it passes,
    // and so do the days after.
    let values = flat(5, 60) + flat(100, 20)
    let lowered = try XCTUnwrap(BulkBuys.lowered(values: values, censored: none(80)))
    XCTAssertEqual(lowered, flat(5, 60) + [50] + flat(100, 19))
    // Fourfold is no bulk buy (20 < 10 × 5).
    XCTAssertNil(BulkBuys.lowered(values: flat(5, 60) + flat(20, 20), censored: none(80)))
  }

  func testUnjudgedWithoutEnoughUsableDaysOrWithoutASale() {
    // 27 usable days before the spike (the rest flagged): not judged.
    var censored = none(61)
    for i in 0..<33 { censored[i] = true }
    XCTAssertNil(BulkBuys.lowered(values: flat(5, 60) + [500], censored: censored))
    // An item back after 60 days without a sale: nothing to compare with, not judged.
    XCTAssertNil(BulkBuys.lowered(values: flat(0, 60) + [40], censored: none(61)))
    // A flagged day is never lowered (it is only a lower bound on demand anyway).
    var last = none(61)
    last[60] = true
    XCTAssertNil(BulkBuys.lowered(values: flat(5, 60) + [500], censored: last))
  }

  func testADaysBoundReadsOnlyTheDaysBeforeIt() throws {
    // The first n days are lowered the same whether the series ends there or goes on.
    var values: [Double] = []
    for day in 0..<200 { values.append(Double((day * 7919) % 13)) }
    values[120] = 900
    values[150] = 400
    let whole = try XCTUnwrap(BulkBuys.lowered(values: values, censored: none(200)))
    for n in [121, 140, 151, 180] {
      let prefix = BulkBuys.lowered(values: Array(values.prefix(n)), censored: none(n))
      XCTAssertEqual(prefix, Array(whole.prefix(n)), "first \(n) days")
    }
    XCTAssertLessThan(whole[120], 900)
    XCTAssertLessThan(whole[150], 400)
  }

  func testTheMethodsReadTheLoweredDayAndTheSeriesKeepsIt() {
    let values = flat(5, 60) + [500]
    let series = DemandSeries(start: .init(daysSinceEpoch: 20_000), values: values)
    XCTAssertEqual(series.readByMethods.values.last, 50)
    XCTAssertEqual(series.values.last, 500)
  }
}
