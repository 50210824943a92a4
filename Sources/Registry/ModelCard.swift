import DemandCore
import Forecasting
import Foundation

/// A version's model card (`reports/models/<id>.md`): what the model is for, what it was
/// trained on, how it scored, where it is weak, and who approved it.
///
/// A pure function of the registry record, so a card rewritten after a promotion differs only
/// in its status and approval.
public enum ModelCard {
  /// The card's Markdown.
  public static func markdown(version: ModelVersion) -> String {
    let configuration = try? JSONDecoder().decode(
      ForecastConfiguration.self, from: Data(version.configurationJSON.utf8))
    let horizon = configuration.map { "\($0.horizonDays)" } ?? "?"
    // At weekly grain every count of the configuration is of weeks.
    let grain = configuration?.grain ?? .daily
    let weekly = grain != .daily
    let period = grain.periodsName
    var lines: [String] = []
    func add(_ text: String = "") { lines.append(text) }

    add("# Model card: \(version.id)")
    add()
    add("| | |")
    add("|---|---|")
    add("| Status | **\(version.status.rawValue)** |")
    add("| Registered | \(version.createdAt) by \(version.createdBy) |")
    add("| Trigger | \(version.trigger.rawValue): \(cell(version.reason)) |")
    add("| Code version | `\(version.codeVersion)` |")
    add("| Data fingerprint | `\(version.dataFingerprint)` |")
    add(
      "| Artifact | `\(version.artifactFile)`, \(version.artifactBytes) bytes, SHA-256 "
        + "`\(version.artifactSHA256)` |")
    add()

    add("## Intended use")
    add()
    add(
      (weekly
        ? "Weekly demand (units, or money for data in money) per store and SKU for the next "
          + "\(horizon) weeks after a week-ending run date, as a "
        : "Daily unit demand per store and SKU for the next \(horizon) days after a run date, as a ")
        + "mean and calibrated quantiles (p10, p50, p90), for ShelfCast's replenishment "
        + "recommendations. Forecasts are re-filtered \(weekly ? "at each forecast" : "nightly") "
        + "on the latest history with the parameters fitted here; nothing is re-estimated "
        + "between trainings.")
    add()
    add(
      "Not for: horizons beyond \(horizon) \(period) (refused), SKUs or stores absent from the "
        + "training data beyond the new-item profile, financial planning at chain level (the "
        + "quantiles are per series and do not add up), or demand that was never recorded "
        + "(stock-out days are censored, not estimated).")
    add()

    add("## Data window")
    add()
    add(
      "History window from \(version.windowFirstDay.iso) through \(version.windowLastDay.iso) "
        + (weekly
          ? "(\((version.windowFirstDay.days(to: version.windowLastDay) + 1) / 7) weeks, "
            + "read as one value per week; weeks before the first sale are not series history), "
          : "(\(version.windowFirstDay.days(to: version.windowLastDay) + 1) days), ")
        + "\(version.selectedMix.seriesCount) store/SKU series. Demand fingerprint "
        + "`\(version.dataFingerprint)` (SHA-256 of the panels read, see DataFingerprint); the "
        + "same history always gives the same fingerprint.")
    if let refitOf = version.refitOf, let c = version.evaluationWindowLastDay {
      add()
      add(
        "A refit: \(refitOf), trained through \(c.iso) (the evaluation window), won the "
          + "retraining's comparison on days after it; this version is the same configuration "
          + "trained again through \(version.windowLastDay.iso) (the serving window).")
    } else if let c = version.evaluationWindowLastDay {
      add()
      add("Judged by a retraining on the days after its window (evaluation window end \(c.iso)).")
    }
    if let configuration {
      add()
      add(
        "Selection backtest: \(configuration.backtestOrigins) rolling origins × "
          + "\(configuration.horizonDays) \(period) at the end of the window (fewer for a series "
          + "too young to keep \(configuration.minimumTrainingDays) \(period) before each"
          + (configuration.seasonalTrainingDays.map {
            ", and only those that keep \($0) \(period), a whole season, before them when a "
              + "series can"
          } ?? "") + "); "
          + "per-series models fitted once before the earliest origin and re-filtered, so no "
          + "fit saw a \(weekly ? "week" : "day") it was scored on.")
    }
    add()

    add("## Features and models")
    add()
    if weekly {
      add(
        "- Per-series families: seasonal naive (52 weeks), moving average (13 weeks), ETS "
          + "(A,N,N or A,Ad,N) on the series minus 52-week seasonal indices, Croston SBA, TSB.")
      add(
        "- One ridge regression per category, all stores: yearly Fourier terms over 52.18 "
          + "weeks, holiday weeks, the same week of past years, promotion flag and depth, "
          + "relative price, lags and rolling means at least the horizon back, scaled by each "
          + "series' level.")
    } else {
      add(
        "- Per-series families: seasonal naive (weekly), moving average (28 days), AutoETS "
          + "(additive and multiplicative, weekly season, chosen by AICc), Croston SBA, TSB.")
      add(
        "- One ridge regression per category, all stores: weekday, yearly Fourier terms (with "
          + "at least two years of history), holidays, promotion flag and depth, relative "
          + "price, lags and rolling means at least the horizon back, scaled by each series' "
          + "level.")
    }
    add(
      "- Per series: the candidate with the lowest backtest RMSE of its mean, or the median of "
        + "the best three when that scores lower; new items get their category's weekly "
        + "profile; quantiles are conformal, from the chosen mix's backtest residuals.")
    add()
    add("Selected mix (series):")
    add()
    add("| choice | series |")
    add("|---|---:|")
    for (kind, count) in version.selectedMix.seriesByKind.sorted(by: { $0.key < $1.key }) {
      add("| \(kind) | \(count) |")
    }
    add()
    add("| family in the chosen forecast | series |")
    add("|---|---:|")
    for (family, count) in version.selectedMix.seriesByFamily.sorted(by: { $0.key < $1.key }) {
      add("| \(family) | \(count) |")
    }
    add()

    add("## Metrics")
    add()
    add(
      "Errors of the mean forecast over the selection backtest's uncensored days. WAPE = "
        + "Σ|y − mean| / Σy; bias = Σ(mean − y) / Σy.")
    let metrics = version.metrics
    table(&lines, "Overall", "scope", ["selected mix": metrics.overall])
    table(
      &lines, "By model family (each family on every series it fitted)", "family", metrics.byFamily)
    table(&lines, "By region", "region", metrics.byRegion)
    table(&lines, "By format", "format", metrics.byFormat)
    table(&lines, "By segment", "segment", metrics.bySegment)
    add()

    add("## Known limitations")
    add()
    add(
      "- The selected mix's metrics are measured on the days the choice was made on, so they "
        + "are optimistic; the family rows are not. `shelfcast backtest` scores a true holdout.")
    add(
      "- New items (\(version.selectedMix.seriesByKind["new_item"] ?? 0) series) and short "
        + "histories (\(version.selectedMix.seriesByKind["short_history"] ?? 0)) have no "
        + "backtest and are in no metric.")
    add(
      "- Stock-out days are skipped by every fit and score: demand lost to empty shelves is "
        + "not learnt, so chronically short items are under-forecast.")
    add(
      "- Promotions, prices and holidays reach only the regression; a per-series model chosen "
        + "for an item ignores its planned promotions.")
    add(
      "- The fingerprint covers demand and stock-outs, not master data: a changed category, "
        + "price or promotion plan does not change it.")
    add("- Accuracy degrades as the data drifts from the window; monitoring watches for it.")
    add()

    if let comparison = version.comparison {
      add("## Champion/challenger comparison")
      add()
      add(
        "Decision: **\(version.decision?.kind.rawValue ?? "?")**. Held-out days "
          + "\(comparison.firstDay.iso) … \(comparison.lastDay.iso) (\(comparison.days)), after "
          + "both training windows (candidate \(comparison.candidateVersion ?? "") through "
          + "\(comparison.candidateWindowLastDay.iso), champion \(comparison.championVersion ?? "") "
          + "through \(comparison.championWindowLastDay.iso)); forecasts from the origins "
          + comparison.origins.map(\.iso).joined(separator: ", ")
          + ", each from the history up to it, horizons 1 … \(comparison.maximumHorizonDays) "
          + "days; \(comparison.points) store/SKU/days scored.")
      add()
      add("| model | WAPE of the median |")
      add("|---|---:|")
      add("| candidate | \(percent(comparison.candidateWAPE)) |")
      add("| champion | \(percent(comparison.championWAPE)) |")
      add()
    }

    add("## Status and approval")
    add()
    add("Status: **\(version.status.rawValue)**.")
    add()
    if let note = version.overrideNote {
      add("**Override:** \(cell(note)).")
      add()
    }
    if let by = version.promotedBy, let at = version.promotedAt {
      add(
        "Promoted to champion by \(by) at \(at): \(version.promotionReason ?? "no reason given").")
    } else {
      add("Never promoted.")
    }
    if let retired = version.retiredAt {
      add()
      add("Left service at \(retired).")
    }
    if let why = version.statusReason {
      add()
      add("Status reason: \(why)")
    }
    add()
    add("## Configuration")
    add()
    add("```json")
    add(version.configurationJSON)
    add("```")
    return lines.joined(separator: "\n") + "\n"
  }

  private static func table(
    _ lines: inout [String], _ title: String, _ column: String, _ rows: [String: BacktestTally]
  ) {
    lines.append("")
    lines.append("### \(title)")
    lines.append("")
    guard !rows.isEmpty else {
      lines.append("No backtested series.")
      return
    }
    lines.append("| \(column) | series | days | WAPE | MAE | RMSE | bias |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|")
    for (name, tally) in rows.sorted(by: { $0.key < $1.key }) {
      lines.append(
        "| \(cell(name)) | \(tally.series) | \(tally.points) | \(percent(tally.wape)) | "
          + "\(number(tally.mae)) | \(number(tally.rmse)) | \(percent(tally.biasPercent.map { $0 / 100 })) |"
      )
    }
  }

  private static func percent(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "n/a" }
    return String(format: "%.1f %%", value * 100)
  }

  private static func number(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "n/a" }
    return String(format: "%.3f", value)
  }

  /// Text safe inside a table cell (no pipes or line breaks).
  private static func cell(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }
}
