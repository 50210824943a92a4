import DemandCore
import Features
import LinearAlgebra
import Models
import XCTest
import _TestSupport

/// One pass for several fits gives each fit the sums, and the model, that an accumulator
/// reading its days alone gives with the served (longest) fit's yearly terms, including a fit
/// too short to get them on its own: the backtest fits are the served model on fewer days.
final class RidgeFitGroupTests: XCTestCase {
  func testEachFitEqualsTheAccumulatorOfItsOwnDays() throws {
    let truth = RidgeTruth()
    let start = Day(year: 2022, month: 1, day: 3)!
    let days = 800
    var settings = RidgeSettings(horizonDays: truth.horizonDays, penalties: [1e-4, 1e-2])
    settings.fourierOrder = 2
    let first = start.adding(days: 40)
    // 700 days (no yearly terms alone), 740 days (yearly terms), and one ending inside the
    // second fit's validation days.
    let fits = [
      first...first.adding(days: 699), first...first.adding(days: 739),
      first...first.adding(days: 720),
    ]
    var group = RidgeFitGroup(category: "dairy", settings: settings, fits: fits)
    XCTAssertEqual(
      fits.map {
        settings.usesYearlyTerms(trainingDayCount: $0.lowerBound.days(to: $0.upperBound) + 1)
      },
      [false, true, false])
    XCTAssertEqual(group.layout.fourierOrder, 2, "the longest fit, 740 days, decides")
    var served = settings
    served.yearlyTerms = .always
    var alone = fits.map {
      RidgeAccumulator(category: "dairy", settings: served, trainingDays: $0)
    }
    XCTAssertEqual(alone.map { $0.layout.fourierOrder }, [2, 2, 2])
    var generator = SplitMix64(seed: 5)
    for index in 0..<24 {
      var (series, covariates) = simulatedSeries(
        index: index, level: 2 + Double(generator.below(20)), start: start, days: days,
        truth: truth, generator: &generator)
      // Some censored days, which neither may read as rows.
      for position in stride(from: index, to: days, by: 37) { series.censored[position] = true }
      group.add(series, covariates: covariates, calendar: CalendarContext(holidays: []))
      for fit in alone.indices {
        alone[fit].add(series, covariates: covariates, calendar: CalendarContext(holidays: []))
      }
      if index == 11 { group.compact() }
    }
    for fit in fits.indices {
      let shared = group.accumulator(for: fit)
      XCTAssertEqual(shared.layout, alone[fit].layout, "fit \(fit)")
      XCTAssertEqual(shared.rowCount, alone[fit].rowCount, "fit \(fit)")
      let a = try shared.fit()
      let b = try alone[fit].fit()
      XCTAssertEqual(a.trainingRows, b.trainingRows)
      XCTAssertEqual(a.validationRows, b.validationRows)
      XCTAssertEqual(a.selection.penalty, b.selection.penalty)
      for (x, y) in zip(a.coefficients, b.coefficients) {
        XCTAssertEqual(x, y, accuracy: 1e-9 * max(1, abs(y)), "fit \(fit)")
      }
      for (x, y) in zip(a.dispersions, b.dispersions) {
        XCTAssertEqual(x, y, accuracy: 1e-9 * max(1, abs(y)), "fit \(fit)")
      }
    }
  }

  /// When the longest fit is shorter than 730 days, no fit has yearly terms.
  func testNoYearlyTermsWhenTheServedFitIsShorterThanTwoYears() {
    var settings = RidgeSettings(horizonDays: 7)
    settings.fourierOrder = 2
    let first = Day(year: 2022, month: 1, day: 3)!
    let group = RidgeFitGroup(
      category: "dairy", settings: settings,
      fits: [first...first.adding(days: 699), first...first.adding(days: 728)])
    XCTAssertEqual(group.layout.fourierOrder, 0)
    XCTAssertEqual(group.accumulator(for: 0).layout.fourierOrder, 0)
    XCTAssertEqual(group.accumulator(for: 1).layout.fourierOrder, 0)
  }
}
