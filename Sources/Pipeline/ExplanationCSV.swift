import DemandCore
import Forecasting
import Tabular

/// `explain.csv`: the regression's per-feature decomposition of each explained forecast day, in
/// long format, spreadsheet-safe.
///
/// One row per (store, SKU, target day, feature), the intercept left out (its value and mean
/// are both 1: it never contributes; it is inside the baseline):
///
/// | column | meaning |
/// |---|---|
/// | `store_id`, `sku_id` | the series |
/// | `run_date` | the issue date D; `date` is the target day, D+1 … D+h |
/// | `feature` | the column name (`FeatureColumn.name`) |
/// | `value` | x_tj |
/// | `training_mean` | x̄_j, weighted as the fit weighted its rows |
/// | `coefficient` | β_j, in demand per unit of scale per unit of the feature |
/// | `contribution_units` | `scale · β_j · (x_tj − x̄_j)` |
/// | `scale_units_per_day` | s_t, the series level at the cut-off, floored |
/// | `baseline_units` | `s_t · x̄ᵀβ` |
/// | `ridge_mean_units` | `s_t · x_tᵀβ` = baseline + Σ contributions, before the clip at 0 |
/// | `forecast_mean_units`, `forecast_p50_units` | what ShelfCast issued for the day |
/// | `ridge_serves` | 1 when the issued mean is the regression's clipped mean that day |
/// | `ridge_role` | `RegressionRole.code`: alone, median_of_N, unsupported, not_chosen, new_item |
/// | `model` | the issued forecast's model label, as in `forecast.csv` |
/// | `model_version` | the fitted set in service |
///
/// The per-day columns repeat on every feature row of the day, so a pivot of
/// `contribution_units` by feature needs no filtering, and `baseline_units` plus the day's sum of
/// `contribution_units` is `ridge_mean_units` (to the 6 written decimals, times the features).
/// Rows follow the series in the order given, then the day, then the layout's column order.
public enum ExplanationCSV {
  public static let header =
    "store_id,sku_id,run_date,date,feature,value,training_mean,coefficient,contribution_units,"
    + "scale_units_per_day,baseline_units,ridge_mean_units,forecast_mean_units,"
    + "forecast_p50_units,ridge_serves,ridge_role,model,model_version"

  /// Decimals of feature values, means and coefficients (dimensionless or per unit of scale).
  static let termDigits = 9
  /// Decimals of quantities in units.
  static let unitDigits = 6

  /// The file's bytes; a series without a regression contributes no row.
  public static func render(_ explanations: [SeriesExplanation]) -> [UInt8] {
    let sink = ByteSink(initialCapacityBytes: 1 << 16, spreadsheetSafe: true)
    sink.append(utf8: header)
    sink.appendNewline()
    for explanation in explanations {
      guard explanation.regression != nil else { continue }
      let p50 = explanation.served.quantile(0.5) ?? explanation.served.mean
      for (index, day) in explanation.days.enumerated() {
        let served = explanation.served.mean.indices.contains(index)
        let perDay: [Double] = [
          day.scaleUnitsPerDay, day.baselineUnits, day.meanUnits,
          served ? explanation.served.mean[index] : .nan, served ? p50[index] : .nan,
        ]
        let regressionServes = explanation.regressionServes(dayIndex: index)
        guard let terms = explanation.terms(dayIndex: index) else { continue }
        for column in 1..<terms.featureNames.count {
          for text in [
            explanation.key.store.rawValue, explanation.key.sku.rawValue,
            explanation.runDate.iso, day.day.iso, terms.featureNames[column],
          ] {
            sink.appendField(text)
            sink.appendComma()
          }
          for value in [
            day.values[column], terms.trainingMeans[column], terms.coefficients[column],
          ] {
            sink.appendDecimal(value, fractionDigits: termDigits)
            sink.appendComma()
          }
          sink.appendDecimal(day.contributionUnits[column], fractionDigits: unitDigits)
          for value in perDay {
            sink.appendComma()
            sink.appendDecimal(value, fractionDigits: unitDigits)
          }
          sink.appendComma()
          sink.appendInt(regressionServes ? 1 : 0)
          for text in [
            explanation.role.code, explanation.served.model, explanation.modelVersion,
          ] {
            sink.appendComma()
            sink.appendField(text)
          }
          sink.appendNewline()
        }
      }
    }
    return sink.withUnsafeBytes { Array($0) }
  }
}
