import DemandCore
import Features
import LinearAlgebra
import Models
import XCTest
import _TestSupport

/// One pass for several fits gives each fit the sums, and the model, that an accumulator
/// reading its days alone gives, including a fit too short for the yearly terms the longer one
/// has.
final class RidgeFitGroupTests: XCTestCase {
  func testEachFitEqualsTheAccumulatorOfItsOwnDays() throws {
    let truth = RidgeTruth()
    let start = Day(year: 2022, month: 1, day: 3)!
    let days = 800
    var settings = RidgeSettings(horizonDays: truth.horizonDays, penalties: [1e-4, 1e-2])
    settings.fourierOrder = 2
    let first = start.adding(days: 40)
    // 700 days (no yearly terms), 740 days (yearly terms), and one ending inside the second
    // fit's validation days.
    let fits = [
      first...first.adding(days: 699), first...first.adding(days: 739),
      first...first.adding(days: 720),
    ]
    var group = RidgeFitGroup(category: "dairy", settings: settings, fits: fits)
    var alone = fits.map {
      RidgeAccumulator(category: "dairy", settings: settings, trainingDays: $0)
    }
    XCTAssertEqual(alone.map { $0.layout.fourierOrder }, [0, 2, 0])
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

  /// The principal submatrix of the sums is the sums of the narrower rows.
  func testSelectingColumnsEqualsAddingTheNarrowerRows() throws {
    var generator = SplitMix64(seed: 9)
    let rows = (0..<50).map { _ in (0..<5).map { _ in Double(generator.below(100)) / 10 } }
    let targets = (0..<50).map { _ in Double(generator.below(100)) }
    let weights = (0..<50).map { _ in 1 + Double(generator.below(4)) }
    var wide = NormalEquations(dimension: 5)
    try wide.add(
      rows: Matrix(rows: 50, columns: 5, rowMajor: rows.flatMap { $0 }), targets: targets,
      weights: weights)
    var narrow = NormalEquations(dimension: 3)
    try narrow.add(
      rows: Matrix(rows: 50, columns: 3, rowMajor: rows.flatMap { [$0[0], $0[2], $0[3]] }),
      targets: targets, weights: weights)
    let selected = wide.selecting(columns: [0, 2, 3])
    XCTAssertEqual(selected.count, narrow.count)
    XCTAssertEqual(selected.totalWeight, narrow.totalWeight)
    XCTAssertEqual(selected.targetSumOfSquares, narrow.targetSumOfSquares)
    for i in 0..<3 {
      XCTAssertEqual(selected.crossProduct[i], narrow.crossProduct[i], accuracy: 1e-9)
      for j in 0..<3 {
        XCTAssertEqual(selected.gram[i, j], narrow.gram[i, j], accuracy: 1e-9)
      }
    }
  }
}
