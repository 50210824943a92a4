import DemandCore
import Forecasting
import Foundation
import Models
import Pipeline

/// `shelfcast explain`'s text: what served the series, then one table per target day with the
/// largest contributions and the rest summed.
enum ExplainText {
  /// - Parameter top: contributions listed per day, by decreasing magnitude; the others are
  ///   summed on one line.
  static func render(_ explanation: SeriesExplanation, top: Int = 8) -> String {
    let served = explanation.served
    var lines = [
      "\(explanation.key) (\(explanation.category)): forecast issued on "
        + "\(explanation.runDate.iso) for \(served.start.iso) … "
        + "\(served.start.adding(days: max(0, served.mean.count - 1) * explanation.daysPerTarget).iso) "
        + "by \(served.model)"
        + (explanation.modelVersion.isEmpty ? "" : ", fitted set \(explanation.modelVersion)")
    ]
    if let archived = explanation.archivedModelVersion, archived != explanation.modelVersion {
      lines.append(
        "Note: the forecast archived for \(explanation.runDate.iso) was issued by \(archived); "
          + "this is the forecast of the set now in service, \(explanation.modelVersion).")
    }
    lines.append(roleSentence(explanation))
    let weekly = explanation.daysPerTarget == 7
    let per = weekly ? "week" : "day"
    if !explanation.candidates.isEmpty {
      lines.append(
        "Each \(per) lists the models that made "
          + "the issued mean, split into their parts; "
          + "[issued] marks the model whose value is the issued mean (½ each: the mean of two "
          + "middle models).")
    }
    let p50 = served.quantile(0.5) ?? served.mean
    // The days explained: the regression's decomposed days or the models' paths (an archived
    // forecast may cover more days than were asked for).
    let explained = max(explanation.days.count, explanation.candidates.map(\.path.count).max() ?? 0)
    for index in 0..<min(served.mean.count, explained) {
      let date = served.start.adding(days: index * explanation.daysPerTarget)
      lines.append("")
      lines.append(
        "\(date.iso) \(weekdayNames[date.weekdayIndex]): issued mean "
          + "\(units(served.mean[index])), p50 \(units(p50[index]))")
      if let closure = explanation.closure(dayIndex: index) {
        lines.append(
          "  Store closed on \(closure.holiday): it sold nothing in any series on "
            + "\(closure.lastClosedDay.iso), the last \(closure.holiday), so the day is "
            + "forecast at 0; the models' values below are for reference.")
      }
      for candidate in explanation.candidates
      where !candidate.isRegression && candidate.path.indices.contains(index) {
        lines.append("  " + modelLine(candidate, step: index, weekly: weekly))
      }
      guard explanation.days.indices.contains(index),
        let terms = explanation.terms(dayIndex: index)
      else { continue }
      let day = explanation.days[index]
      let model = explanation.regression?.model ?? "Ridge(\(explanation.category))"
      var heading =
        "  \(model) \(units(day.meanUnits)) = baseline \(units(day.baselineUnits)) "
        + "(level \(units(day.scaleUnitsPerDay))/\(per)) + contributions "
        + signed(day.contributionUnits.reduce(0, +))
        + "; sales read through "
        + "\(day.day.adding(days: -terms.horizonDays * explanation.daysPerTarget).iso)"
      if day.meanUnits < 0 { heading += ", clipped to 0" }
      if explanation.regressionServes(dayIndex: index) {
        heading += " [issued]"
      } else {
        heading += " (for reference)"
      }
      lines.append(heading)
      lines.append(contentsOf: table(day, terms: terms, top: top))
    }
    return lines.joined(separator: "\n")
  }

  /// `ETS(A,N,A) 3.210 = level 2.900 + season +0.310 [issued]`: one model's value for a step,
  /// its parts, and whether it is the issued mean.
  static func modelLine(_ candidate: CandidateExplanation, step: Int, weekly: Bool) -> String {
    var line = "\(candidate.model) \(units(candidate.path[step]))"
    let parts = candidate.components.filter { $0.values.indices.contains(step) }
    if !(parts.count == 1 && parts[0].kind == .modelMean) {
      line +=
        " = "
        + parts.enumerated().map { index, part in
          let value = part.values[step]
          return index == 0
            ? "\(partName(part.kind, weekly: weekly)) \(units(value))"
            : "\(partName(part.kind, weekly: weekly)) \(signed(value))"
        }.joined(separator: " + ")
    }
    switch candidate.weights.indices.contains(step) ? candidate.weights[step] : 0 {
    case 1: line += " [issued]"
    case 0.5: line += " [issued, ½]"
    default: break
    }
    return line
  }

  /// The words `explain` prints for a part; `weekly`: the workspace's targets are weeks (the
  /// seasonal index is then the week of the year's, and a season ago is a year ago).
  static func partName(_ kind: ForecastComponentKind, weekly: Bool) -> String {
    let index = weekly ? "week-of-year index" : "seasonal index"
    switch kind {
    case .level: return "level"
    case .trend: return "trend"
    case .season: return "season"
    case .seasonalIndex: return index
    case .seasonalIndexOwn: return "this store's \(index)"
    case .seasonalIndexSKU: return "the SKU's \(index) over its stores"
    case .lastSeasonValue: return weekly ? "same week last year" : "same weekday last week"
    case .recentMean: return "recent mean"
    case .intermittentRate: return "size × probability"
    case .adjustedFloor: return "floor at 0"
    case .regressionBaseline: return "baseline"
    case .regressionFeatures: return "features"
    case .modelMean: return "mean"
    }
  }

  /// The sentence saying whether the regression's decomposition is the issued forecast's.
  static func roleSentence(_ explanation: SeriesExplanation) -> String {
    let model = explanation.regression?.model ?? "Ridge(\(explanation.category))"
    switch explanation.role {
    case .alone:
      return "The regression \(model) alone serves this series: the issued mean is its "
        + "prediction, clipped at 0."
    case .median(let count):
      return "The regression \(model) is one of \(count) models whose per-day median is "
        + "issued; days marked [issued] are those where its prediction is the median."
    case .unsupported:
      return "Not served by the regression: \(model) was selected, but this series has too "
        + "little history for its features, so the other models served. Its decomposition "
        + "below is for reference only."
    case .notChosen:
      return "Not served by the regression: the selection chose \(explanation.served.model). "
        + "The decomposition of \(model) below is for reference only."
    case .newItem:
      return "Not served by the regression: the series is forecast as a new item (its "
        + "category's weekly profile scaled to its early sales). The decomposition of \(model) "
        + "below is for reference only."
    case .noRegression:
      return "Not served by a regression: category \(explanation.category) has none (too few "
        + "training rows to fit one), so there is no decomposition to show."
    }
  }

  /// The `top` contributions by magnitude (ties in layout order), then the others summed.
  static func table(_ day: RidgeDecomposition, terms: RegressionTerms, top: Int) -> [String] {
    let columns = Array(1..<terms.featureNames.count)
    let ranked = columns.sorted {
      let (a, b) = (abs(day.contributionUnits[$0]), abs(day.contributionUnits[$1]))
      return a != b ? a > b : $0 < $1
    }
    var lines = [
      "  " + pad("feature", 26) + pad("value", 12, right: true) + pad("mean", 12, right: true)
        + pad("coefficient", 14, right: true) + pad("units", 12, right: true)
    ]
    for column in ranked.prefix(top) {
      lines.append(
        "  " + pad(terms.featureNames[column], 26)
          + pad(term(day.values[column]), 12, right: true)
          + pad(term(terms.trainingMeans[column]), 12, right: true)
          + pad(term(terms.coefficients[column]), 14, right: true)
          + pad(signed(day.contributionUnits[column]), 12, right: true))
    }
    let rest = ranked.dropFirst(top)
    if !rest.isEmpty {
      let sum = rest.reduce(0.0) { $0 + day.contributionUnits[$1] }
      lines.append(
        "  " + pad("\(rest.count) other features", 26 + 12 + 12 + 14)
          + pad(signed(sum), 12, right: true))
    }
    return lines
  }

  static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

  static func units(_ value: Double) -> String { String(format: "%.3f", value) }
  static func signed(_ value: Double) -> String { String(format: "%+.3f", value) }
  static func term(_ value: Double) -> String { String(format: "%.4f", value) }

  static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    guard text.count < width else { return text + " " }
    let fill = String(repeating: " ", count: width - text.count)
    return right ? fill + text : text + fill
  }
}
