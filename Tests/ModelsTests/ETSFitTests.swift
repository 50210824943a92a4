import DemandCore
import Models
import XCTest
import _TestSupport

/// Maximum-likelihood fits, model choice by AICc, censoring and the fitted-model contract.
final class ETSFitTests: XCTestCase {
  /// Our optimum against the best of a multi-start scipy search of the same likelihood (same
  /// heuristic initial states, same parameter box).
  ///
  /// Log-likelihood: at least the reference's minus 2e-3. The Nelder–Mead stops when its
  /// vertices agree to 1e-6 relative + 1e-4 (2.3e-4 here), and the maximum can lie a few such
  /// spreads beyond the best vertex; 2e-3 log-likelihood units move an AICc by 4e-3, far below
  /// any difference that decides a model choice. (The shortfalls observed are about 1e-4.)
  ///
  /// Forecasts: within 0.1% of the reference's. The likelihood is flat near its maximum, so a
  /// 1e-3 shortfall in logL still allows parameters about 1e-3 apart; over 28 days that moves
  /// these forecasts (level about 20, α about 0.3) by a few 1e-4 at most.
  func testMaximumLikelihoodMatchesReferenceOptimum() throws {
    let reference = try ETSReference.load()
    XCTAssertEqual(reference.ml.map(\.model), ["ANN", "ANA", "AAdA", "MNM", "MAdM"])
    for item in reference.ml {
      let fitted = try ETSReference.settings(item.model).fit(reference.demand)
      XCTAssertGreaterThanOrEqual(
        fitted.logLikelihood, item.logLikelihood - 2e-3,
        "\(item.model): α \(fitted.parameters.alpha) vs \(item.parameters.alpha)")
      XCTAssertLessThanOrEqual(
        fitted.logLikelihood, item.logLikelihood + 1e-6,
        "\(item.model): above the reference optimum, so the likelihoods differ")
      let forecast = fitted.predict(horizon: item.forecast.count, levels: [])
      assertClose(forecast.mean, item.forecast, relativeTolerance: 1e-3, item.model)
      if let statsmodels = item.statsmodelsLogLikelihood {
        // statsmodels' own fit of the same model (L-BFGS-B from its default start).
        XCTAssertGreaterThanOrEqual(fitted.logLikelihood, statsmodels - 2e-3, item.model)
      }
    }
  }

  func testAICcChoosesSeasonalModelForSeasonalSeries() throws {
    let reference = try ETSReference.load()
    let series = DemandSeries(start: ETSReference.start, values: reference.selection.seasonal)
    let fitted = try AutoETSSettings().fit(series)
    XCTAssertNotEqual(fitted.chosen.settings.season, .none, "chose \(fitted.name)")
    XCTAssertEqual(fitted.scores.count, 5)
    let best = fitted.scores.compactMap(\.aicc).min()
    XCTAssertEqual(best, fitted.chosen.aicc)
  }

  func testAICcChoosesNonSeasonalModelForWhiteNoise() throws {
    let reference = try ETSReference.load()
    let series = DemandSeries(start: ETSReference.start, values: reference.selection.whiteNoise)
    let fitted = try AutoETSSettings().fit(series)
    XCTAssertEqual(fitted.chosen.settings.season, .none, "chose \(fitted.name)")
    XCTAssertEqual(fitted.name, "ETS(A,N,N)")
  }

  func testAutoETSSkipsMultiplicativeModelsWhenSeriesHasZeros() throws {
    var values = try ETSReference.load().series
    values[20] = 0
    let fitted = try AutoETSSettings().fit(DemandSeries(start: ETSReference.start, values: values))
    XCTAssertEqual(fitted.chosen.settings.error, .additive)
    let skipped = fitted.scores.filter { $0.aicc == nil }.map(\.model)
    XCTAssertEqual(skipped, ["ETS(M,N,M)", "ETS(M,Ad,M)"])
    XCTAssertThrowsError(
      try ETSSettings.mnm.fit(DemandSeries(start: ETSReference.start, values: values))
    ) {
      XCTAssertEqual($0 as? ModelError, .nonPositiveData(model: "ETS(M,N,M)"))
    }
  }

  /// A zero on a censored day is not data: the multiplicative models still fit.
  func testCensoredZeroDoesNotExcludeMultiplicativeModels() throws {
    var values = try ETSReference.load().series
    var censored = [Bool](repeating: false, count: values.count)
    values[20] = 0
    censored[20] = true
    let series = DemandSeries(start: ETSReference.start, values: values, censored: censored)
    let fitted = try AutoETSSettings().fit(series)
    XCTAssertTrue(fitted.scores.allSatisfy { $0.aicc != nil }, "\(fitted.scores)")
  }

  /// Replacing censored values by anything leaves the fit unchanged, bit for bit; n counts the
  /// uncensored days only. Censored days sit both inside the heuristic's window and later.
  func testCensoredDaysAreIgnored() throws {
    let reference = try ETSReference.load()
    var censored = [Bool](repeating: false, count: reference.series.count)
    for day in [3, 10, 17, 30, 44, 45, 55] { censored[day] = true }
    for settings in [ETSSettings.ana, .aada, .mnm, .madm] {
      var first = reference.series
      var second = reference.series
      for day in censored.indices where censored[day] {
        first[day] = 1
        second[day] = 1000 + Double(day)
      }
      let a = try settings.fit(
        DemandSeries(start: ETSReference.start, values: first, censored: censored))
      let b = try settings.fit(
        DemandSeries(start: ETSReference.start, values: second, censored: censored))
      XCTAssertEqual(a, b, settings.name)
      XCTAssertEqual(a.observedCount, reference.series.count - 7)
      // And the censored days do differ from treating those values as data.
      let uncensored = try settings.fit(DemandSeries(start: ETSReference.start, values: second))
      XCTAssertNotEqual(uncensored.logLikelihood, a.logLikelihood, settings.name)
    }
  }

  /// On a censored day the states move with the prediction: no error, no correction.
  func testCensoredDayPropagatesStateWithPrediction() throws {
    let values: [Double] = [10, 12, 11, 13, 12, 10, 11, 12, 14, 13, 12, 11]
    var censored = [Bool](repeating: false, count: values.count)
    censored[11] = true
    let series = DemandSeries(start: ETSReference.start, values: values, censored: censored)
    let fitted = FittedETS(
      settings: .ann, parameters: ETSParameters(alpha: 0.3), initialState: ETSState(level: 11),
      series: series)
    let prefix = FittedETS(
      settings: .ann, parameters: ETSParameters(alpha: 0.3), initialState: ETSState(level: 11),
      series: series.prefix(11))
    XCTAssertEqual(fitted.finalState.level, prefix.finalState.level)
    XCTAssertEqual(fitted.fittedValues[11], prefix.finalState.level)
    XCTAssertEqual(fitted.observedCount, 11)
  }

  /// A dead item (all zeros) or a constant series fits perfectly: every candidate's likelihood
  /// is the same floored value, so AICc picks the one with the fewest parameters, and the
  /// forecast is the constant with no spread.
  func testConstantSeriesFitWithoutSpread() throws {
    for constant in [0.0, 5.0] {
      let series = DemandSeries(
        start: ETSReference.start, values: [Double](repeating: constant, count: 120))
      let fitted = try AutoETSSettings().fit(series)
      XCTAssertEqual(fitted.name, "ETS(A,N,N)", "constant \(constant)")
      let forecast = fitted.predict(horizon: 14, levels: [0.1, 0.9])
      assertClose(forecast.mean, [Double](repeating: constant, count: 14), absoluteTolerance: 1e-9)
      for path in forecast.quantiles {
        assertClose(path.values, forecast.mean, absoluteTolerance: 1e-9, "level \(path.level)")
      }
    }
  }

  /// A multiplicative model applied to a later series with zeros on one day of the week cannot
  /// be re-initialised (a zero seasonal factor); it keeps its own initial states, rotated, and
  /// forecasts finite values.
  func testMultiplicativeModelAppliedToSeriesWithZeros() throws {
    let reference = try ETSReference.load()
    let fitted = try ETSSettings.mnm.fit(reference.demand)
    var values = reference.series
    for day in stride(from: 2, to: values.count, by: 7) { values[day] = 0 }
    let later = DemandSeries(start: ETSReference.start.adding(days: 3), values: values)
    let applied = fitted.applied(to: later)
    XCTAssertEqual(applied.initialState.level, fitted.initialState.level)
    XCTAssertEqual(applied.initialState.season[0], fitted.initialState.season[3])
    let forecast = applied.predict(horizon: 14, levels: [0.5])
    XCTAssertTrue(forecast.mean.allSatisfy(\.isFinite))
    XCTAssertTrue(applied.fittedValues.allSatisfy(\.isFinite))
  }

  func testFitErrors() {
    let start = ETSReference.start
    XCTAssertThrowsError(try ETSSettings.ana.fit(DemandSeries(start: start, values: [1, 2, 3]))) {
      XCTAssertEqual($0 as? ModelError, .tooShort(model: "ETS(A,N,A)", observed: 3, required: 16))
    }
    var values = [Double](repeating: 5, count: 30)
    values[7] = .nan
    XCTAssertThrowsError(try ETSSettings.ann.fit(DemandSeries(start: start, values: values))) {
      XCTAssertEqual($0 as? ModelError, .nonFiniteValue(model: "ETS(A,N,N)", index: 7))
    }
    var censored = [Bool](repeating: true, count: 30)
    censored[0] = false
    XCTAssertThrowsError(
      try AutoETSSettings().fit(
        DemandSeries(start: start, values: [Double](repeating: 5, count: 30), censored: censored))
    ) {
      XCTAssertEqual($0 as? ModelError, .tooShort(model: "ETS(A,N,N)", observed: 1, required: 10))
    }
  }

  func testNames() {
    XCTAssertEqual(ETSSettings.aada.name, "ETS(A,Ad,A)")
    XCTAssertEqual(ETSSettings.madm.name, "ETS(M,Ad,M)")
    XCTAssertEqual(ETSSettings.ann.name, "ETS(A,N,N)")
    XCTAssertEqual(
      ETSSettings(error: .additive, trend: .none, season: .additive, seasonLength: 14).name,
      "ETS(A,N,A)[14]")
    XCTAssertEqual(AutoETSSettings().name, "AutoETS")
    XCTAssertEqual(ETSSettings.ana.family, .exponentialSmoothing)
  }

  /// The `FittedModel` contract: forecast = fit then predict exactly; one fitted value per day;
  /// `applied(to:)` of the training series reproduces the fit, and on a longer series from the
  /// same start it extends the same filter.
  func testFittedModelContract() throws {
    let reference = try ETSReference.load()
    let series = reference.demand
    for method in [ETSSettings.ana, .aada, .mnm, .madm] {
      let fitted = try method.fit(series)
      XCTAssertEqual(fitted.fittedValues.count, series.count)
      XCTAssertEqual(
        try method.forecast(series, horizon: 14, levels: [0.1, 0.9]),
        fitted.predict(horizon: 14, levels: [0.1, 0.9]))
      XCTAssertEqual(fitted.applied(to: series), fitted)
      let shorter = try method.fit(series.prefix(42))
      let extended = shorter.applied(to: series)
      XCTAssertEqual(Array(extended.fittedValues.prefix(42)), shorter.fittedValues)
      XCTAssertEqual(extended.parameters, shorter.parameters)
      XCTAssertEqual(extended.logLikelihood, shorter.logLikelihood, "fit statistics are kept")
      // Its forecast starts from the state after day 56, so its first day is the fitted value
      // a filter over 57 days would give.
      let oneMore = DemandSeries(start: series.start, values: series.values + [20])
      XCTAssertEqual(
        extended.predict(horizon: 1, levels: []).mean[0],
        max(0, shorter.applied(to: oneMore).fittedValues[56]))
    }
  }

  /// A series starting on another day is re-initialised by the heuristic from its own start.
  func testAppliedToLaterSeriesReinitialises() throws {
    let reference = try ETSReference.load()
    let fitted = try ETSSettings.ana.fit(reference.demand)
    let later = DemandSeries(
      start: ETSReference.start.adding(days: 7), values: Array(reference.series.dropFirst(7)))
    let applied = fitted.applied(to: later)
    let direct = FittedETS(
      settings: .ana, parameters: fitted.parameters,
      initialState: try ETSSettings.ana.fit(later).initialState, series: later)
    XCTAssertEqual(applied.fittedValues, direct.fittedValues)
    XCTAssertEqual(applied.start, later.start)
  }

  func testCodableRoundTrip() throws {
    let reference = try ETSReference.load()
    let fitted = try AutoETSSettings().fit(reference.demand)
    let data = try JSONEncoder().encode(fitted)
    XCTAssertEqual(try JSONDecoder().decode(FittedAutoETS.self, from: data), fitted)
    let settings = try JSONDecoder().decode(
      AutoETSSettings.self, from: JSONEncoder().encode(AutoETSSettings()))
    XCTAssertEqual(settings, AutoETSSettings())
  }
}
