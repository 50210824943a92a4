import DemandCore
import Foundation
import Models
import XCTest
import _TestSupport

/// The contract every forecasting method keeps (`ForecastMethod`, `FittedModel`), checked over a
/// list of methods and several data shapes. Add a method to `methods` and it is checked.
final class ModelContractTests: XCTestCase {
  /// The methods under contract; append new ones here.
  static let methods: [any ForecastMethod] = [
    SeasonalNaiveSettings(period: 7),
    MovingAverageSettings(windowDays: 28),
    CrostonSBASettings(),
    CrostonSBASettings(sizeAlpha: 0.1, intervalAlpha: 0.1),
    TSBSettings(),
    TSBSettings(demandAlpha: 0.1, probabilityAlpha: 0.2),
    AutoETSSettings(),
    ETSSettings.ana,
    ETSSettings.mnm,
    // The damped model with its initial states estimated (as the standard catalog fits it).
    ETSSettings(
      error: .additive, trend: .additiveDamped, season: .additive, estimatesInitialStates: true),
  ]

  /// Methods that choose among candidates: their fitted models carry the winner's name.
  static let selectors: Set<String> = ["AutoETS"]

  static let levels = [0.9, 0.1, 0.5, 0.025, 0.975]
  static let horizon = 21

  func testEveryMethodKeepsTheContractOnEveryShape() throws {
    XCTAssertEqual(
      Set(Self.methods.map(\.name)).count, Self.methods.count, "model names are unique")
    for method in Self.methods {
      for (shape, series) in ContractShapes.all() {
        try checkContract(method, on: series, shape: shape)
      }
    }
  }

  func testEveryMethodRefusesASeriesWithoutAnUncensoredDay() {
    let empty = DemandSeries(start: ContractShapes.start, values: [])
    let allCensored = DemandSeries(
      start: ContractShapes.start, values: [3, 0, 5, 1], censored: [true, true, true, true])
    for method in Self.methods {
      for series in [empty, allCensored] {
        XCTAssertThrowsError(try method.fit(series), method.name) { error in
          guard case .tooShort(let model, let observed, let required) = error as? ModelError
          else { return XCTFail("\(method.name): expected tooShort, got \(error)") }
          // A selector (AutoETS) names the candidate that refused.
          XCTAssertTrue(model == method.name || Self.selectors.contains(method.name), model)
          XCTAssertEqual(observed, 0)
          XCTAssertGreaterThan(required, 0)
        }
      }
    }
  }

  func testEveryMethodRefusesANonFiniteUncensoredValue() {
    let series = DemandSeries(start: ContractShapes.start, values: [1, 2, .nan, 4, 5])
    for method in Self.methods {
      XCTAssertThrowsError(try method.fit(series), method.name) { error in
        guard case .nonFiniteValue(let model, let index) = error as? ModelError else {
          return XCTFail("\(method.name): expected nonFiniteValue, got \(error)")
        }
        XCTAssertTrue(model == method.name || Self.selectors.contains(method.name), model)
        XCTAssertEqual(index, 2)
      }
    }
  }

  /// Opens the existential so the checks see the concrete `Fitted` type.
  private func checkContract<Method: ForecastMethod>(
    _ method: Method, on series: DemandSeries, shape: String
  ) throws {
    let context = "\(method.name) on \(shape)"
    let fitted: Method.Fitted
    do { fitted = try method.fit(series) } catch .tooShort(_, let observed, let required) {
      // Seasonal models need a few weeks; refusing a shorter series is the contract.
      XCTAssertLessThan(observed, required, context)
      XCTAssertEqual(observed, series.observedCount, context)
      return
    } catch .nonPositiveData {
      // Multiplicative models refuse zeros; every shape here with a zero day says so.
      XCTAssertTrue(
        zip(series.values, series.censored).contains { $0.0 <= 0 && !$0.1 }, context)
      return
    }
    let forecast = fitted.predict(horizon: Self.horizon, levels: Self.levels)

    XCTAssertEqual(
      try method.forecast(series, horizon: Self.horizon, levels: Self.levels), forecast,
      "forecast equals fit then predict — \(context)")
    if !Self.selectors.contains(method.name) { XCTAssertEqual(fitted.name, method.name, context) }
    XCTAssertEqual(fitted.family, method.family, context)
    XCTAssertEqual(fitted.fittedValues.count, series.count, "one fitted value per day — \(context)")
    checkPaths(forecast, context: context)

    assertIdentical(
      fitted.applied(to: series), fitted, horizon: Self.horizon,
      "applied to the training series — \(context)")
    assertIdentical(try method.fit(series), fitted, horizon: Self.horizon, "refit — \(context)")

    let compact = fitted.compacted()
    XCTAssertTrue(compact.fittedValues.isEmpty, "compacted drops fitted values — \(context)")
    let levels = [0.025, 0.1, 0.5, 0.9, 0.975]
    XCTAssertEqual(
      compact.predict(horizon: Self.horizon, levels: levels),
      forecast.horizon == Self.horizon
        ? fitted.predict(horizon: Self.horizon, levels: levels)
        : forecast, "compacted predicts the same — \(context)")
    XCTAssertEqual(
      compact.applied(to: series).predict(horizon: Self.horizon, levels: levels),
      fitted.applied(to: series).predict(horizon: Self.horizon, levels: levels),
      "compacted moves the same — \(context)")

    let data = try JSONEncoder().encode(fitted)
    let decoded = try JSONDecoder().decode(Method.Fitted.self, from: data)
    assertIdentical(decoded, fitted, horizon: Self.horizon, "JSON round trip — \(context)")

    // A censored day's value is never read: change every one of them.
    if series.censored.contains(true) {
      var changed = series
      for t in changed.values.indices where changed.censored[t] {
        changed.values[t] = t.isMultiple(of: 2) ? 1_000 : .nan
      }
      assertIdentical(
        try method.fit(changed), fitted, horizon: Self.horizon,
        "censored values changed — \(context)")
    }
  }

  private func checkPaths(_ forecast: ModelForecast, context: String) {
    XCTAssertEqual(forecast.horizon, Self.horizon, context)
    XCTAssertTrue(forecast.mean.allSatisfy(\.isFinite), "finite mean — \(context)")
    XCTAssertTrue(forecast.mean.allSatisfy { $0 >= 0 }, "non-negative mean — \(context)")
    let levels = forecast.quantiles.map(\.level)
    XCTAssertEqual(levels, Self.levels.sorted(), "one path per level, sorted — \(context)")
    for path in forecast.quantiles {
      XCTAssertEqual(path.values.count, Self.horizon, context)
      XCTAssertTrue(
        path.values.allSatisfy { $0.isFinite && $0 >= 0 },
        "level \(path.level) finite and non-negative — \(context)")
    }
    for (lower, upper) in zip(forecast.quantiles, forecast.quantiles.dropFirst()) {
      for day in 0..<Self.horizon where lower.values[day] > upper.values[day] {
        XCTFail(
          "level \(lower.level) above level \(upper.level) on day \(day + 1): "
            + "\(lower.values[day]) > \(upper.values[day]) — \(context)")
      }
    }
  }
}

/// Asserts that two fitted models give the same forecast and the same fitted values (NaN equal
/// to NaN), exactly.
func assertIdentical<Model: FittedModel>(
  _ observed: Model, _ expected: Model, horizon: Int, _ message: String,
  file: StaticString = #filePath, line: UInt = #line
) {
  let levels = [0.025, 0.1, 0.5, 0.9, 0.975]
  XCTAssertEqual(
    observed.predict(horizon: horizon, levels: levels),
    expected.predict(horizon: horizon, levels: levels), message, file: file, line: line)
  assertClose(
    observed.fittedValues, expected.fittedValues, relativeTolerance: 0, message, file: file,
    line: line)
}

/// The data shapes of the contract test, drawn from a fixed seed.
enum ContractShapes {
  static let start = Day(year: 2024, month: 1, day: 1)!

  static func all() -> [(String, DemandSeries)] {
    var random = SplitMix64(seed: 7)
    let days = 120
    let weekday = [1.0, 0.9, 0.9, 1.0, 1.3, 1.7, 1.4]
    let smooth = (0..<days).map { t in
      (8 * weekday[t % 7] + Double(random.below(5)) - 2).rounded()
    }
    let intermittent = (0..<days).map { _ in
      random.below(10) < 7 ? 0 : Double(1 + random.below(4))
    }
    let censoredDays = (0..<days).map { t in (40..<47).contains(t) || random.below(12) == 0 }
    return [
      ("smooth seasonal", DemandSeries(start: start, values: smooth)),
      ("intermittent, 70 % zeros", DemandSeries(start: start, values: intermittent)),
      ("all zeros", DemandSeries(start: start, values: [Double](repeating: 0, count: days))),
      ("three days", DemandSeries(start: start, values: [2, 0, 5])),
      ("one day", DemandSeries(start: start, values: [3])),
      (
        "smooth with censored days",
        DemandSeries(start: start, values: smooth, censored: censoredDays)
      ),
      (
        "intermittent with censored days",
        DemandSeries(start: start, values: intermittent, censored: censoredDays)
      ),
      (
        "censored first and last days",
        DemandSeries(
          start: start, values: [9, 9, 0, 2, 0, 0, 3, 9, 9],
          censored: [true, true, false, false, false, false, false, true, true])
      ),
    ]
  }
}

/// Loads a JSON fixture from `Fixtures/`; snake_case keys become camelCase properties.
func loadFixture<Fixture: Decodable>(_ name: String, as type: Fixture.Type) throws -> Fixture {
  let url = try XCTUnwrap(
    Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"),
    "fixture \(name).json is missing")
  let decoder = JSONDecoder()
  decoder.keyDecodingStrategy = .convertFromSnakeCase
  return try decoder.decode(type, from: Data(contentsOf: url))
}

extension Array where Element == Double? {
  /// `null` entries of a fixture as NaN.
  var orNaN: [Double] { map { $0 ?? .nan } }
}
