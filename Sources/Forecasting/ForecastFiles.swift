import DemandCore
import Tabular
import _Parallel

/// The CSV files the forecast engine writes, spreadsheet-safe (text fields that could start a
/// formula are neutralised), with plain headers and ISO dates.
public enum ForecastFiles {
  /// Decimal places of forecast quantities (units per day).
  static let unitDigits = 3

  /// `forecast.csv`: `store_id,sku_id,date,p10,p50,p90,mean,model` (plus one `pNN` column per
  /// extra requested level, in level order), one row per store/SKU/day, sorted by store, SKU
  /// and day. With `daysPerTarget` 7 (weekly grain) each series' rows are its weeks, dated by
  /// their week-ending dates (`series.start`, then every 7 days), in units per week.
  ///
  /// Stores are written in parallel, each into its own buffer, and the buffers joined in store
  /// order: the bytes are those of a single pass.
  public static func forecastCSV(
    _ stores: [Forecaster.StoreForecast], levels: [Double], daysPerTarget: Int = 1
  ) throws -> [UInt8] {
    let sorted = levels.sorted()
    let header = ByteSink(spreadsheetSafe: true)
    header.append("store_id,sku_id,date")
    for level in sorted {
      header.appendComma()
      header.append(utf8: columnName(level))
    }
    header.append(",mean,model\n")
    // A few stores per task: enough work to pay for the task, enough tasks for every core.
    let storesPerTask = 8
    let tasks = (stores.count + storesPerTask - 1) / storesPerTask
    let parts = try concurrentMap(tasks) { task -> [UInt8] in
      let sink = ByteSink(initialCapacityBytes: 1 << 20, spreadsheetSafe: true)
      let end = min(stores.count, (task + 1) * storesPerTask)
      for store in stores[(task * storesPerTask)..<end] {
        appendRows(of: store, levels: sorted, daysPerTarget: daysPerTarget, to: sink)
      }
      return sink.withUnsafeBytes { Array($0) }
    }
    var bytes = header.withUnsafeBytes { Array($0) }
    bytes.reserveCapacity(bytes.count + parts.reduce(0) { $0 + $1.count })
    for part in parts { bytes.append(contentsOf: part) }
    return bytes
  }

  /// The rows of one store's forecasts, in series then day order.
  static func appendRows(
    of store: Forecaster.StoreForecast, levels sorted: [Double], daysPerTarget: Int = 1,
    to sink: ByteSink
  ) {
    for series in store.series {
      let paths = sorted.map { series.quantile($0) ?? series.mean }
      for h in 0..<series.mean.count {
        sink.appendField(series.key.store.rawValue)
        sink.appendComma()
        sink.appendField(series.key.sku.rawValue)
        sink.appendComma()
        appendDay(series.start.adding(days: h * daysPerTarget), to: sink)
        for path in paths {
          sink.appendComma()
          sink.appendDecimal(path[h], fractionDigits: unitDigits)
        }
        sink.appendComma()
        sink.appendDecimal(series.mean[h], fractionDigits: unitDigits)
        sink.appendComma()
        sink.appendField(series.model)
        sink.appendNewline()
      }
    }
  }

  /// `p10`, `p50`, `p90`, `p025` for 0.025: the percent, without a trailing zero digit.
  public static func columnName(_ level: Double) -> String {
    let percent = level * 100
    if abs(percent - percent.rounded()) < 1e-9 {
      let whole = Int(percent.rounded())
      return whole < 10 ? "p0\(whole)" : "p\(whole)"
    }
    let tenths = Int((percent * 10).rounded())
    return "p" + (tenths < 100 ? "0" : "") + "\(tenths)"
  }

  static func appendDay(_ day: Day, to sink: ByteSink) {
    sink.appendDirectly(maximumBytes: 10) { pointer in
      day.writeISO(into: pointer)
      return 10
    }
  }

  /// `metrics.csv`: one row per model and scope.
  public static func metricsCSV(_ rows: [Backtester.MetricsRow]) -> [UInt8] {
    metricRows(
      header: "model,scope", rows.map { row in ([row.model, row.scope.rawValue], row.metrics) })
  }

  /// `holdout.csv`: the selected mix's forecast beside the actual for every held-out day of
  /// every window, with the forecast's issue date (`origin`) and how many days ahead of it the
  /// day lies (`horizon_days`, 1 = the day after the origin); `expected` holds the generator's
  /// true mean when a truth file was given.
  public static func holdoutCSV(_ rows: [Backtester.HoldoutRow], withTruth: Bool) -> [UInt8] {
    let sink = ByteSink(initialCapacityBytes: 1 << 20, spreadsheetSafe: true)
    appendHoldoutHeader(withTruth: withTruth, to: sink)
    appendHoldoutRows(rows, withTruth: withTruth, to: sink)
    return sink.withUnsafeBytes { Array($0) }
  }

  /// The header line of `holdout.csv` (see `holdoutCSV`).
  public static func appendHoldoutHeader(withTruth: Bool, to sink: ByteSink) {
    sink.append("store_id,sku_id,date,actual,censored,p10,p50,p90,mean,model,origin,horizon_days")
    if withTruth { sink.append(",expected\n") } else { sink.appendNewline() }
  }

  /// The lines of `rows` in `holdout.csv` (see `holdoutCSV`), for a file written in parts.
  public static func appendHoldoutRows(
    _ rows: [Backtester.HoldoutRow], withTruth: Bool, to sink: ByteSink
  ) {
    for row in rows {
      sink.appendField(row.key.store.rawValue)
      sink.appendComma()
      sink.appendField(row.key.sku.rawValue)
      sink.appendComma()
      appendDay(row.day, to: sink)
      sink.appendComma()
      sink.appendDecimal(row.actual, fractionDigits: unitDigits)
      sink.append(row.censored ? ",1" : ",0")
      for value in [row.p10, row.p50, row.p90, row.mean] {
        sink.appendComma()
        sink.appendDecimal(value, fractionDigits: unitDigits)
      }
      sink.appendComma()
      sink.appendField(row.model)
      sink.appendComma()
      appendDay(row.origin, to: sink)
      sink.appendComma()
      sink.appendInt(row.origin.days(to: row.day))
      if withTruth {
        sink.appendComma()
        if let expected = row.expected { sink.appendDecimal(expected, fractionDigits: 4) }
      }
      sink.appendNewline()
    }
  }

  /// `windows.csv`: the selected mix's metrics per window (`window,origin,n_points,…`).
  public static func windowsCSV(_ rows: [Backtester.WindowRow]) -> [UInt8] {
    metricRows(
      header: "window,origin",
      rows.map { row in (["\(row.window)", row.origin.iso], row.metrics) })
  }

  /// `horizons.csv`: the selected mix's metrics per range of days ahead, over every window
  /// (`horizon_from,horizon_to,n_points,…`): each day ahead, then each week ahead (1–7, 8–14,
  /// …): how accuracy and interval coverage change with the horizon.
  public static func horizonsCSV(_ rows: [Backtester.HorizonRow]) -> [UInt8] {
    metricRows(
      header: "horizon_from,horizon_to",
      rows.map { row in
        (["\(row.horizonDays.lowerBound)", "\(row.horizonDays.upperBound)"], row.metrics)
      })
  }

  /// Rows of leading fields then the metrics columns shared by `metrics.csv`, `windows.csv`
  /// and `horizons.csv`.
  private static func metricRows(header: String, _ rows: [([String], AccuracyMetrics)])
    -> [UInt8]
  {
    let sink = ByteSink(spreadsheetSafe: true)
    sink.append(
      utf8: header + ",n_points,n_series,wape,mae,rmse,mase,rmsse,bias_ratio,coverage_80,wape_mean")
    sink.appendNewline()
    for (fields, m) in rows {
      for field in fields {
        sink.appendField(field)
        sink.appendComma()
      }
      sink.appendInt(m.points)
      sink.appendComma()
      sink.appendInt(m.series)
      for value in [
        m.wape, m.mae, m.rmse, m.mase, m.rmsse, m.biasPercent / 100, m.coverage80, m.wapeOfMean,
      ] {
        sink.appendComma()
        // Undefined (no demand in the range, no scale): an empty cell, as docs/files.md says.
        if value.isFinite { sink.appendDecimal(value, fractionDigits: 6) }
      }
      sink.appendNewline()
    }
    return sink.withUnsafeBytes { Array($0) }
  }

  /// `series.csv`: per series, the selected model, why, and its scaled errors beside the
  /// seasonal naive's.
  public static func seriesCSV(_ rows: [Backtester.SeriesRow]) -> [UInt8] {
    let sink = ByteSink(initialCapacityBytes: 1 << 20, spreadsheetSafe: true)
    sink.append(
      "store_id,sku_id,model,n_points,wape,mase,rmsse,seasonal_naive_mase,seasonal_naive_rmsse,reason\n"
    )
    for row in rows {
      sink.appendField(row.key.store.rawValue)
      sink.appendComma()
      sink.appendField(row.key.sku.rawValue)
      sink.appendComma()
      sink.appendField(row.model)
      sink.appendComma()
      sink.appendInt(row.metrics.points)
      let naive = row.seasonalNaive
      for value in [
        row.metrics.wape, row.metrics.mase, row.metrics.rmsse, naive?.mase ?? .nan,
        naive?.rmsse ?? .nan,
      ] {
        sink.appendComma()
        if value.isFinite { sink.appendDecimal(value, fractionDigits: 6) }
      }
      sink.appendComma()
      sink.appendField(row.reason)
      sink.appendNewline()
    }
    return sink.withUnsafeBytes { Array($0) }
  }

  /// `selection.csv`: what training chose for each series and why
  /// (`store_id,sku_id,kind,model,backtest_rmse,reason`), for analysts; the fitted set holds the
  /// same with the models.
  public static func selectionCSV(_ fits: [SeriesFit]) -> [UInt8] {
    let sink = ByteSink(initialCapacityBytes: 1 << 20, spreadsheetSafe: true)
    sink.append("store_id,sku_id,kind,model,backtest_rmse,reason\n")
    for fit in fits {
      sink.appendField(fit.key.store.rawValue)
      sink.appendComma()
      sink.appendField(fit.key.sku.rawValue)
      sink.appendComma()
      sink.appendField(fit.kind.rawValue)
      sink.appendComma()
      sink.appendField(fit.label)
      sink.appendComma()
      let rmse = fit.chosen.first?.backtestRMSE ?? .nan
      if fit.kind == .single && rmse.isFinite { sink.appendDecimal(rmse, fractionDigits: 4) }
      sink.appendComma()
      sink.appendField(fit.reason)
      sink.appendNewline()
    }
    return sink.withUnsafeBytes { Array($0) }
  }
}
