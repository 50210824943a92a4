import DemandCore
import Features
import Models
import _Parallel

extension Forecaster {
  /// Explains the forecasts of `keys` after `runDate`: each series' forecast exactly as
  /// `forecast(source:runDate:horizon:levels:)` issues it (same history window, same fit, same
  /// new-item rule), with its category regression's per-feature decomposition of each day.
  ///
  /// Each store's history is read once, however many of its series are asked for.
  ///
  /// - Parameters:
  ///   - keys: the series, in the order the explanations are returned (duplicates are kept).
  ///   - horizon: days after `runDate`, `1 ... configuration.horizonDays`.
  ///   - levels: the quantile levels of the issued forecast.
  /// - Throws: `ForecastError.invalidConfiguration` for a horizon out of range;
  ///   `ForecastError.seriesNotFound` for a key whose store has no history of it up to
  ///   `runDate`; `RidgeError.missingTrainingMeans` when the category's regression was saved
  ///   without its training means; errors of `source`.
  /// - Complexity: one store history read per store among `keys`, then O(p · horizon) per key
  ///   besides re-filtering its chosen models.
  public func explain(
    keys: [SeriesKey], source: any StoreHistorySource, runDate: Day, horizon: Int,
    levels: [Double], served: ChainForecast? = nil
  ) throws -> [SeriesExplanation] {
    let configuration = fittedSet.configuration
    try checkHorizon(horizon)
    let fitsByKey = fittedSet.indexByKey()
    let windowStart = historyStart(runDate: runDate)
    let calendar = source.calendar
    let sortedLevels = levels.sorted()
    let stores = Set(keys.map(\.store)).sorted()
    let perStore = try concurrentMap(stores.count) { index -> [SeriesKey: SeriesExplanation] in
      let store = stores[index]
      let history = try source.history(of: store, from: windowStart, through: runDate)
      let wanted = Set(keys.filter { $0.store == store })
      var explained: [SeriesKey: SeriesExplanation] = [:]
      if let served {
        // The issued forecast is given: only the wanted series are prepared, and the whole
        // store only when a named holiday of the window may have closed it (`StoreClosures`
        // prepares it lazily).
        let closures = StoreClosures(
          series: history.preparedSeries(), lastDay: runDate, horizon: horizon,
          calendar: calendar, grain: configuration.grain)
        for i in 0..<history.panel.seriesCount where wanted.contains(history.panel.keys[i]) {
          let series = PreparedSeries(
            panel: history.panel, index: i, covariates: history.covariates[i], dayCount: nil,
            findingGaps: history.grain == .daily)
          guard let issued = served.series(series.key) else { continue }
          explained[series.key] = try explanation(
            of: series, fit: servingFit(series, fitsByKey: fitsByKey), served: issued,
            calendar: calendar, runDate: runDate, horizon: horizon
          ).closed(by: closures)
        }
        return explained
      }
      let prepared = history.preparedSeries()
      let profiles = CategoryProfiles(
        series: prepared, lastDay: runDate, establishedDays: configuration.newItemDays)
      let closures = StoreClosures(
        series: prepared, lastDay: runDate, horizon: horizon, calendar: calendar,
        grain: configuration.grain)
      for series in prepared where wanted.contains(series.key) {
        let fit = servingFit(series, fitsByKey: fitsByKey)
        let made = forecastSeries(
          series, fit: fit, profiles: profiles, calendar: calendar, horizon: horizon,
          levels: sortedLevels)
        let issued = closures?.applied(to: made) ?? made
        explained[series.key] = try explanation(
          of: series, fit: fit, served: issued, calendar: calendar, runDate: runDate,
          horizon: horizon
        ).closed(by: closures)
      }
      return explained
    }
    var explained: [SeriesKey: SeriesExplanation] = [:]
    for part in perStore { explained.merge(part) { first, _ in first } }
    return try keys.map { key in
      guard let explanation = explained[key] else {
        throw ForecastError.seriesNotFound(key: key, runDate: runDate)
      }
      return explanation
    }
  }

  /// The explanation of one prepared series whose issued forecast is `served`.
  private func explanation(
    of series: PreparedSeries, fit: SeriesFit?, served: SeriesForecast,
    calendar: CalendarContext, runDate: Day, horizon: Int
  ) throws -> SeriesExplanation {
    let category = series.covariates.category
    let paths =
      fit.map { fit in
        served.isNewItem
          ? []
          : fit.candidatePaths(
            series: series.series, covariates: series.covariates, calendar: calendar,
            regressions: fittedSet.regressions, horizon: horizon)
      } ?? []
    guard let regression = fittedSet.regressions[category] else {
      var explanation = SeriesExplanation(
        key: series.key, category: category, runDate: runDate, served: served,
        role: .noRegression, regressionBuckets: [], days: [])
      explanation.candidates = Self.candidates(paths, regressionDays: [], horizon: horizon)
      return explanation
    }
    let days = try regression.decompose(
      series: series.series, covariates: series.covariates, calendar: calendar,
      horizon: min(horizon, regression.horizonDays))
    var explanation = SeriesExplanation(
      key: series.key, category: category, runDate: runDate, served: served,
      role: role(of: fit, served: served, paths: paths),
      regressionBuckets: regression.horizonModels.map { model in
        RegressionTerms(
          model: model.name, horizonDays: model.horizonDays, featureNames: model.featureNames,
          coefficients: model.coefficients, trainingMeans: model.trainingMeans ?? [])
      },
      days: days)
    explanation.candidates = Self.candidates(paths, regressionDays: days, horizon: horizon)
    return explanation
  }

  /// How the regression takes part in `served`, the forecast by `fit` combining `paths`.
  private func role(
    of fit: SeriesFit?, served: SeriesForecast,
    paths: [CandidatePath]
  ) -> RegressionRole {
    guard let fit, !served.isNewItem else { return .newItem }
    if paths.contains(where: { $0.candidate.isRegression }) {
      return paths.count == 1 ? .alone : .median(of: paths.count)
    }
    return fit.chosen.contains(where: \.isRegression) ? .unsupported : .notChosen
  }

  /// Each of `paths` with its parts and its weight in the issued mean. The regression's parts
  /// are its decomposition's baseline and summed contributions (`regressionDays`).
  static func candidates(
    _ paths: [CandidatePath],
    regressionDays: [RidgeDecomposition], horizon: Int
  ) -> [CandidateExplanation] {
    let weights = CandidateExplanation.medianWeights(paths.map(\.path), horizon: horizon)
    return paths.enumerated().map { index, entry in
      let components: [ForecastComponent]
      if let applied = entry.applied {
        components = applied.forecastComponents(horizon: horizon)
      } else {
        components = [
          ForecastComponent(kind: .regressionBaseline, values: regressionDays.map(\.baselineUnits)),
          ForecastComponent(
            kind: .regressionFeatures,
            values: regressionDays.map { $0.contributionUnits.reduce(0, +) }),
        ]
      }
      return CandidateExplanation(
        model: entry.candidate.name, isRegression: entry.applied == nil, path: entry.path,
        components: components, weights: weights[index])
    }
  }
}

extension CandidateFit {
  /// True for the category's regression.
  var isRegression: Bool {
    if case .ridge = source { return true }
    return false
  }
}

extension SeriesExplanation {
  /// This explanation with the store's closed days (`closures`) marked: each candidate's
  /// weight is 0 on them, as the issued mean is.
  func closed(by closures: StoreClosures?) -> SeriesExplanation {
    guard let closures, !closures.closures.isEmpty else { return self }
    var explanation = self
    explanation.closures = closures.closures.filter { $0.step < served.mean.count }
    for closure in explanation.closures {
      for index in explanation.candidates.indices
      where explanation.candidates[index].weights.indices.contains(closure.step) {
        explanation.candidates[index].weights[closure.step] = 0
      }
    }
    return explanation
  }
}
