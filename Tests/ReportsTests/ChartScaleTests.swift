import DemandCore
import Reports
import XCTest

/// Axis arithmetic against values worked out by hand (the working is in each comment).
final class ChartScaleTests: XCTestCase {
  func testNiceTicksRoundTheStepToOneTwoOrFive() {
    // 87 / 5 = 17.4 = 1.74 × 10; 1.74 ≥ √2 ≈ 1.414 and < √10 → step 2 × 10 = 20; 87 / 20 = 4.35,
    // rounded up to 5 steps: 0 … 100.
    let ticks = NiceTicks(lower: 0, upper: 87, targetCount: 5)
    XCTAssertEqual(ticks.step, 20)
    XCTAssertEqual(ticks.values, [0, 20, 40, 60, 80, 100])
    XCTAssertEqual(ticks.fractionDigits, 0)

    // 75 / 6 = 12.5 = 1.25 × 10; 1.25 < √2 → step 10; 7.5 steps rounded up to 8: 0 … 80.
    XCTAssertEqual(
      NiceTicks(lower: 0, upper: 75, targetCount: 6).values,
      Array(stride(from: 0.0, through: 80, by: 10)))

    // 35.5 / 5 = 7.1 ≥ √50 ≈ 7.071 → step 10, the next power of ten: 0 … 40.
    let tens = NiceTicks(lower: 0, upper: 35.5, targetCount: 5)
    XCTAssertEqual(tens.step, 10)
    XCTAssertEqual(tens.upper, 40)

    // 30 / 5 = 6 = 6 × 10⁰: √10 ≈ 3.16 ≤ 6 < √50 → step 5: 0 … 30.
    XCTAssertEqual(
      NiceTicks(lower: 0, upper: 30, targetCount: 5).values, [0, 5, 10, 15, 20, 25, 30])
  }

  func testNiceTicksOfDecimalsAreTheDecimalValues() {
    // 0.93 / 5 = 0.186 = 1.86 × 10⁻¹ → step 0.2; 0.93 / 0.2 = 4.65 → 5 steps: 0 … 1.
    let ticks = NiceTicks(lower: 0, upper: 0.93, targetCount: 5)
    XCTAssertEqual(ticks.values, [0, 0.2, 0.4, 0.6, 0.8, 1.0])
    XCTAssertEqual(ticks.fractionDigits, 1)

    // 0.05 / 5 = 0.01 → step 0.01. 0.05 / 0.01 is 5.000000000000001 in binary, which must not
    // add a sixth step.
    let hundredths = NiceTicks(lower: 0, upper: 0.05, targetCount: 5)
    XCTAssertEqual(hundredths.values, [0, 0.01, 0.02, 0.03, 0.04, 0.05])
    XCTAssertEqual(hundredths.fractionDigits, 2)
  }

  func testNiceTicksCoverNegativeValues() {
    // The accuracy chart's case: bias −9.4 % to coverage 81 %. Span 90.4 / 5 = 18.08 → step 20;
    // −9.4 / 20 = −0.47 → floor −1 (−20); 81 / 20 = 4.05 → ceil 5 (100).
    XCTAssertEqual(
      NiceTicks(lower: -9.4, upper: 81, targetCount: 5).values, [-20, 0, 20, 40, 60, 80, 100])
  }

  func testNiceTicksOfADegenerateDomain() {
    // 5 … 5 widens by 10 % to 4.5 … 5.5: 1 / 5 = 0.2 → step 0.2; 4.5 / 0.2 = 22.5 → 22 (4.4),
    // 5.5 / 0.2 = 27.5 → 28 (5.6).
    let ticks = NiceTicks(lower: 5, upper: 5, targetCount: 5)
    XCTAssertEqual(ticks.lower, 4.4, accuracy: 1e-12)
    XCTAssertEqual(ticks.upper, 5.6, accuracy: 1e-12)
    XCTAssertEqual(ticks.step, 0.2, accuracy: 1e-15)
    // Nothing at all (0 … 0) or no finite bound: 0 … 1 in steps of 0.2.
    XCTAssertEqual(
      NiceTicks(lower: 0, upper: 0, targetCount: 5).values, [0, 0.2, 0.4, 0.6, 0.8, 1])
    XCTAssertEqual(
      NiceTicks(lower: .nan, upper: 3, targetCount: 5).values, [0, 0.2, 0.4, 0.6, 0.8, 1])
  }

  func testLinearScaleMapsEndsToEndsAndRunsBackwards() {
    // A y axis: 0 … 100 onto pixels 300 (bottom) … 20 (top): 25 → 300 − 0.25 · 280 = 230.
    let y = LinearScale(domain: (0, 100), range: (300, 20))
    XCTAssertEqual(y(0), 300)
    XCTAssertEqual(y(100), 20)
    XCTAssertEqual(y(25), 230)
    XCTAssertEqual(y(-10), 328)
    // x: days 10 … 17 onto 62 … 1138: day 12.5 → 62 + 2.5 / 7 · 1076 = 446.2857….
    XCTAssertEqual(
      LinearScale(domain: (10, 17), range: (62, 1138))(12.5), 446.285_714_285_714_3, accuracy: 1e-9)
    // A domain of one value puts everything in the middle.
    XCTAssertEqual(LinearScale(domain: (5, 5), range: (300, 20))(7), 160)
  }

  func testDayTicksPickTheDensestStepThatFits() throws {
    // 2025-03-01 is a Saturday; 28 days to 2025-03-28.
    let first = try XCTUnwrap(Day(iso: "2025-03-01"))
    let last = try XCTUnwrap(Day(iso: "2025-03-28"))
    // Every day: 28 ticks; every other day: 14. With room for 14, every other day from Mar 1.
    let everyOther = DayTicks(first: first, last: last, maximumCount: 14)
    XCTAssertEqual(everyOther.stepDays, 2)
    XCTAssertEqual(everyOther.days.first, first)
    XCTAssertEqual(everyOther.days.map(\.iso).last, "2025-03-27")
    XCTAssertEqual(everyOther.days.count, 14)
    // Room for 8: weekly, on Mondays: Mar 3, 10, 17, 24.
    let weekly = DayTicks(first: first, last: last, maximumCount: 8)
    XCTAssertEqual(weekly.stepDays, 7)
    XCTAssertEqual(
      weekly.days.map(\.iso), ["2025-03-03", "2025-03-10", "2025-03-17", "2025-03-24"])
    XCTAssertEqual(weekly.days.map(DayTicks.label), ["Mar 3", "Mar 10", "Mar 17", "Mar 24"])
    // Room for 3: four weekly ticks are too many, so fortnightly: Mar 3, 17.
    let fortnightly = DayTicks(first: first, last: last, maximumCount: 3)
    XCTAssertEqual(fortnightly.stepDays, 14)
    XCTAssertEqual(fortnightly.days.map(\.iso), ["2025-03-03", "2025-03-17"])
    // A week with room for 7: every day.
    let week = DayTicks(first: last.adding(days: -6), last: last, maximumCount: 7)
    XCTAssertEqual(week.stepDays, 1)
    XCTAssertEqual(week.days.count, 7)
  }
}
