import DemandCore
import Forecasting
import Pipeline

/// `GET …/explanation`: `shelfcast explain`'s decomposition (`ExplainStage.explain`, the same
/// code path) of the forecast the served night issued, as the contract's value.
enum ExplanationBody {
  /// Explains `store`/`sku`'s forecast issued on the night's run date, listing the `top`
  /// contributions of each day by magnitude (ties in feature order) and summing the others.
  /// - Throws: `ServingError.notFound` when the series cannot be explained (no history, no
  ///   fitted set); `.internalFailure` for anything else.
  static func make(workspace: Workspace, night: ServedNight, store: String, sku: String, top: Int)
    throws -> Components.Schemas.Explanation
  {
    let explanation: SeriesExplanation
    do {
      explanation = try night.explainer.explain(workspace: workspace) { session in
        try ExplainStage.explain(
          session: session, store: StoreID(store), sku: SKUID(sku), date: night.night,
          horizonDays: nil)
      }
    } catch PipelineError.invalidArgument(let message) {
      throw ServingError.notFound(message)
    } catch let error as ForecastError {
      throw ServingError.notFound("\(store)/\(sku) cannot be explained: \(error).")
    } catch {
      throw ServingError.internalFailure("\(store)/\(sku) cannot be explained: \(error).")
    }
    let served = explanation.served
    let p50 = served.quantile(0.5)
    let days = explanation.days.enumerated().map { index, day in
      let terms = explanation.terms(dayIndex: index)
      let names = terms?.featureNames ?? []
      // Column 0 is the intercept (the baseline); the features follow.
      let columns = Array(1..<max(1, min(names.count, day.contributionUnits.count)))
      let ranked = columns.sorted {
        let (a, b) = (abs(day.contributionUnits[$0]), abs(day.contributionUnits[$1]))
        return a != b ? a > b : $0 < $1
      }
      let rest = ranked.dropFirst(top)
      return Components.Schemas.ExplanationDay(
        date: day.day.iso, baselineUnits: day.baselineUnits, ridgeMeanUnits: day.meanUnits,
        forecastMeanUnits: served.mean.indices.contains(index) ? served.mean[index] : 0,
        forecastP50Units: p50.flatMap { $0.indices.contains(index) ? $0[index] : nil },
        othersUnits: rest.isEmpty ? nil : rest.reduce(0.0) { $0 + day.contributionUnits[$1] },
        contributions: ranked.prefix(top).map { column in
          Components.Schemas.Contribution(
            feature: names[column], value: day.values[column],
            trainingMean: terms?.trainingMeans[column] ?? 0,
            coefficient: terms?.coefficients[column] ?? 0,
            contributionUnits: day.contributionUnits[column])
        })
    }
    return Components.Schemas.Explanation(
      night: night.night.iso, store: store, sku: sku, model: served.model,
      modelVersion: explanation.modelVersion, ridgeRole: explanation.role.code,
      scaleUnitsPerDay: explanation.days.first?.scaleUnitsPerDay, days: days,
      models: models(explanation))
  }

  /// Each model of the issued forecast, day by day, with its weight and parts.
  static func models(_ explanation: SeriesExplanation) -> [Components.Schemas.ExplainedModel] {
    let served = explanation.served
    return explanation.candidates.map { candidate in
      Components.Schemas.ExplainedModel(
        model: candidate.model, regression: candidate.isRegression,
        days: candidate.path.indices.map { step in
          Components.Schemas.ExplainedModelDay(
            date: served.start.adding(days: step * explanation.daysPerTarget).iso,
            meanUnits: candidate.path[step], weight: candidate.weights[step],
            parts: candidate.components.compactMap { part in
              guard part.values.indices.contains(step),
                let kind = Components.Schemas.ModelPart.PartPayload(rawValue: part.kind.rawValue)
              else { return nil }
              return Components.Schemas.ModelPart(part: kind, units: part.values[step])
            })
        })
    }
  }
}
