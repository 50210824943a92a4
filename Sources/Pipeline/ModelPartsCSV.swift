import DemandCore
import Forecasting
import Models
import Tabular

/// `explain_models.csv`: the models that made each explained forecast, each split into its
/// parts (level, trend, season, seasonal index, last season's value, …), with its weight in the
/// issued mean. Long format, spreadsheet-safe; one row per (store, SKU, target day, model,
/// part):
///
/// | column | meaning |
/// |---|---|
/// | `store_id`, `sku_id` | the series |
/// | `run_date` | the issue date D; `date` is the target day (a week-ending date at weekly grain) |
/// | `model` | the model's label (`ETS(A,N,A)`, `PooledSeasonalETS(52)+ETS(A,N,N)`, `Ridge(dairy)`) |
/// | `part` | `ForecastComponentKind`'s code: `level`, `trend`, `season`, `seasonal_index`, `seasonal_index_own`, `seasonal_index_sku`, `last_season_value`, `recent_mean`, `intermittent_rate`, `adjusted_floor`, `regression_baseline`, `regression_features`, `model_mean` |
/// | `units` | the part's units for the day |
/// | `model_mean_units` | the model's mean for the day, as the forecast combined it: the sum of its parts, or 0 where that sum is negative and the model clips it |
/// | `weight` | the model's weight in the issued mean: 1 alone; in a per-day median, 1 for the middle model, 0.5 for each of the two middle ones, 0 for the others |
/// | `forecast_mean_units`, `forecast_p50_units` | what ShelfCast issued for the day |
/// | `model_version` | the fitted set in service |
///
/// Per day, Σ weight × model_mean_units over the models is the issued mean. The regression's
/// features are in `explain.csv`; here they are one summed part.
public enum ModelPartsCSV {
  public static let header =
    "store_id,sku_id,run_date,date,model,part,units,model_mean_units,weight,"
    + "forecast_mean_units,forecast_p50_units,model_version"

  /// The file's bytes; a new item (no models) contributes no row.
  public static func render(_ explanations: [SeriesExplanation]) -> [UInt8] {
    let sink = ByteSink(initialCapacityBytes: 1 << 16, spreadsheetSafe: true)
    sink.append(utf8: header)
    sink.appendNewline()
    for explanation in explanations {
      let served = explanation.served
      let p50 = served.quantile(0.5) ?? served.mean
      for step in served.mean.indices {
        let date = served.start.adding(days: step * explanation.daysPerTarget)
        for candidate in explanation.candidates where candidate.path.indices.contains(step) {
          for part in candidate.components where part.values.indices.contains(step) {
            for text in [
              explanation.key.store.rawValue, explanation.key.sku.rawValue,
              explanation.runDate.iso, date.iso, candidate.model, part.kind.rawValue,
            ] {
              sink.appendField(text)
              sink.appendComma()
            }
            for value in [part.values[step], candidate.path[step]] {
              sink.appendDecimal(value, fractionDigits: ExplanationCSV.unitDigits)
              sink.appendComma()
            }
            sink.appendDecimal(candidate.weights[step], fractionDigits: 1)
            for value in [served.mean[step], p50[step]] {
              sink.appendComma()
              sink.appendDecimal(value, fractionDigits: ExplanationCSV.unitDigits)
            }
            sink.appendComma()
            sink.appendField(explanation.modelVersion)
            sink.appendNewline()
          }
        }
      }
    }
    return sink.withUnsafeBytes { Array($0) }
  }
}
