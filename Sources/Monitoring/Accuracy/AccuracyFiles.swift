import DemandCore
import Tabular

/// The accuracy files of a monitoring run, as bytes: `forecast_vs_actual.csv` and
/// `accuracy_summary.csv`. Text fields are spreadsheet-safe; writing is the caller's job, through
/// `AtomicFile.write`.
public enum AccuracyFiles {
  /// The header line of `forecast_vs_actual.csv`.
  ///
  /// `mean` is the archived mean forecast (empty when none was archived: `error` then uses p50)
  /// and `mase_scale` the series' MASE scale (empty without one), so that every metric of
  /// `accuracy_summary.csv` can be recomputed from this file alone.
  public static let forecastVsActualHeader =
    "store_id,sku_id,date,issued_on,horizon_days,p10,p50,p90,mean,actual,stockout,error,"
    + "abs_error,mase_scale,model,model_version\n"

  /// Decimals of `mase_scale` (units; the metrics use the unrounded scale).
  static let scaleDigits = 6

  /// The header line of `accuracy_summary.csv`.
  public static let summaryHeader =
    "level,segment,wape,mae,rmse,mase,bias_ratio,coverage_80,n,flagged\n"

  /// Decimal places of the summary's metrics.
  static let metricDigits = 6

  /// Appends `rows` to `sink` as lines of `forecast_vs_actual.csv` (without the header).
  ///
  /// Units have `ForecastActualJoin.unitDigits` decimals; `stockout` is 1 or 0; `error` is
  /// actual − point forecast (the mean, or p50 without one), written for censored rows too
  /// although they are never scored; `mase_scale` comes from `scales` (empty when absent).
  public static func appendForecastVsActual(
    _ rows: some Sequence<ForecastActualRow>, scales: [SeriesKey: Double] = [:], to sink: ByteSink
  ) {
    let digits = ForecastActualJoin.unitDigits
    for row in rows {
      sink.appendField(row.key.store.rawValue)
      sink.appendComma()
      sink.appendField(row.key.sku.rawValue)
      sink.appendComma()
      appendDay(row.date, to: sink)
      sink.appendComma()
      appendDay(row.issuedOn, to: sink)
      sink.appendComma()
      sink.appendInt(row.horizonDays)
      for value in [row.p10, row.p50, row.p90] {
        sink.appendComma()
        sink.appendDecimal(value, fractionDigits: digits)
      }
      appendOptional(row.mean, digits: digits, to: sink)
      sink.appendComma()
      sink.appendDecimal(row.actual, fractionDigits: digits)
      sink.append(row.stockout ? ",1," : ",0,")
      let error = row.error
      sink.appendDecimal(error, fractionDigits: digits)
      sink.appendComma()
      sink.appendDecimal(abs(error), fractionDigits: digits)
      appendOptional(scales[row.key], digits: scaleDigits, to: sink)
      sink.appendComma()
      sink.appendField(row.model)
      sink.appendComma()
      sink.appendField(row.modelVersion)
      sink.appendNewline()
    }
  }

  /// Appends the rows of `join` at `horizons` (every row when empty) to `sink` as lines of
  /// `forecast_vs_actual.csv`: the same bytes as `appendForecastVsActual(_:to:)` with those
  /// rows as `ForecastActualRow`s.
  public static func appendForecastVsActual(
    _ join: StoreJoin, horizons: [Int] = [], to sink: ByteSink
  ) {
    let digits = ForecastActualJoin.unitDigits
    var wanted: [Bool] = []
    for horizon in horizons where horizon >= 0 {
      if horizon >= wanted.count {
        wanted += [Bool](repeating: false, count: horizon + 1 - wanted.count)
      }
      wanted[horizon] = true
    }
    let everyHorizon = horizons.isEmpty
    // The text fields repeat on every row of a series or a model, so each is quoted and
    // defused once, here: "store,sku," per series and each label, as bytes of `fields`.
    let fields = ByteSink(initialCapacityBytes: 1 << 14, spreadsheetSafe: sink.isSpreadsheetSafe)
    var seriesPrefixes: [Range<Int>] = []
    seriesPrefixes.reserveCapacity(join.skus.count)
    for sku in join.skus {
      let start = fields.count
      fields.appendField(join.store.id.rawValue)
      fields.appendComma()
      fields.appendField(sku.rawValue)
      fields.appendComma()
      seriesPrefixes.append(start..<fields.count)
    }
    var labelFields: [Range<Int>] = []
    for label in join.labels {
      let start = fields.count
      fields.appendField(label)
      labelFields.append(start..<fields.count)
    }
    fields.withUnsafeBytes { text in
      // The sink's storage is always allocated, so the base address is never nil.
      guard let base = text.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
      func append(_ range: Range<Int>) {
        sink.append(base + range.lowerBound, count: range.count)
      }
      for row in join.rows {
        let horizon = row.horizonDays
        guard everyHorizon || (horizon >= 0 && horizon < wanted.count && wanted[horizon]) else {
          continue
        }
        append(seriesPrefixes[Int(row.series)])
        appendDay(row.date, to: sink)
        sink.appendComma()
        appendDay(row.issuedOn, to: sink)
        sink.appendComma()
        sink.appendInt(horizon)
        sink.appendComma()
        sink.appendDecimal(row.p10, fractionDigits: digits)
        sink.appendComma()
        sink.appendDecimal(row.p50, fractionDigits: digits)
        sink.appendComma()
        sink.appendDecimal(row.p90, fractionDigits: digits)
        appendOptional(row.mean, digits: digits, to: sink)
        sink.appendComma()
        sink.appendDecimal(row.actual, fractionDigits: digits)
        sink.append(row.stockout ? ",1," : ",0,")
        let error = row.actual - row.pointForecast
        sink.appendDecimal(error, fractionDigits: digits)
        sink.appendComma()
        sink.appendDecimal(abs(error), fractionDigits: digits)
        appendOptional(join.scales[Int(row.series)], digits: scaleDigits, to: sink)
        sink.appendComma()
        append(labelFields[Int(row.model)])
        sink.appendComma()
        append(labelFields[Int(row.modelVersion)])
        sink.appendNewline()
      }
    }
  }

  /// A comma, then `value` with `digits` decimals, or nothing when it is absent or not finite.
  private static func appendOptional(_ value: Double?, digits: Int, to sink: ByteSink) {
    sink.appendComma()
    if let value, value.isFinite { sink.appendDecimal(value, fractionDigits: digits) }
  }

  /// `forecast_vs_actual.csv` of `rows`, header included.
  public static func forecastVsActualCSV(
    _ rows: some Sequence<ForecastActualRow>, scales: [SeriesKey: Double] = [:]
  ) -> [UInt8] {
    let sink = ByteSink(spreadsheetSafe: true)
    sink.append(utf8: forecastVsActualHeader)
    appendForecastVsActual(rows, scales: scales, to: sink)
    return sink.withUnsafeBytes { Array($0) }
  }

  /// `accuracy_summary.csv`: one line per segment, in the order given.
  ///
  /// Metrics have 6 decimals (MAE and RMSE in units; WAPE, MASE, bias and coverage as ratios:
  /// `bias_ratio` is Σ(ŷ − y) / Σy, `coverage_80` the share of rows with p10 ≤ y ≤ p90); an
  /// undefined metric (no scored row, nothing sold, no MASE scale) is an empty
  /// cell. `flagged` is 1 or 0 for the regions and store formats the subgroup check judged and
  /// empty for every other line.
  public static func summaryCSV(_ lines: some Sequence<AccuracySummaryLine>) -> [UInt8] {
    let sink = ByteSink(spreadsheetSafe: true)
    sink.append(utf8: summaryHeader)
    for line in lines {
      sink.appendField(line.segment.level.rawValue)
      sink.appendComma()
      sink.appendField(line.segment.name)
      let s = line.score
      for value in [s.wape, s.mae, s.rmse, s.mase, s.biasPercent / 100, s.coverage80Percent / 100] {
        sink.appendComma()
        if value.isFinite { sink.appendDecimal(value, fractionDigits: metricDigits) }
      }
      sink.appendComma()
      sink.appendInt(s.points)
      sink.appendComma()
      if let flagged = line.flagged { sink.append(flagged ? "1" : "0") }
      sink.appendNewline()
    }
    return sink.withUnsafeBytes { Array($0) }
  }

  static func appendDay(_ day: Day, to sink: ByteSink) {
    sink.appendDirectly(maximumBytes: 10) { pointer in
      day.writeISO(into: pointer)
      return 10
    }
  }
}
