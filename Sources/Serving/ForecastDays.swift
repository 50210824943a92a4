import Foundation

/// `GET …/forecast`'s days: one series' lines of the night's `forecast.csv`, read straight from
/// the mapped bytes (found by `SeriesRows`' index), as the contract's values.
enum ForecastDays {
  /// The model of the series' first line and its days in the file's order; nil when the night
  /// issued no forecast of the series. A number that is empty or not a number is 0 (`mean`: nil).
  static func read(_ file: SeriesRows, store: String, sku: String) -> (
    model: String, days: [Components.Schemas.ForecastDay]
  )? {
    let columns = Columns(file.columns)
    var model: String?
    var days: [Components.Schemas.ForecastDay] = []
    days.reserveCapacity(32)
    file.forEachLine(store: store, sku: sku) { line in
      var day = Components.Schemas.ForecastDay(date: "", p10: 0, p50: 0, p90: 0, mean: nil)
      var dayModel = ""
      func take(_ column: Int, _ text: String) {
        switch column {
        case columns.date: day.date = text
        case columns.p10: day.p10 = Double(text) ?? 0
        case columns.p50: day.p50 = Double(text) ?? 0
        case columns.p90: day.p90 = Double(text) ?? 0
        case columns.mean: day.mean = Double(text)
        case columns.model: dayModel = text
        default: break
        }
      }
      let split = CSVLine.withUnquotedFields(line) { column, bytes in
        guard columns.wanted(column) else { return }
        take(column, String(decoding: bytes, as: UTF8.self))
      }
      if !split {
        for (column, text) in CSVLine.fields(line).enumerated() where columns.wanted(column) {
          take(column, text)
        }
      }
      if model == nil { model = dayModel }
      days.append(day)
    }
    return model.map { ($0, days) }
  }

  /// Where the fields the answer needs are (-1: the file has no such column).
  private struct Columns {
    let date: Int
    let p10: Int
    let p50: Int
    let p90: Int
    let mean: Int
    let model: Int
    private let last: Int

    init(_ columns: [String: Int]) {
      date = columns["date"] ?? -1
      p10 = columns["p10"] ?? -1
      p50 = columns["p50"] ?? -1
      p90 = columns["p90"] ?? -1
      mean = columns["mean"] ?? -1
      model = columns["model"] ?? -1
      last = max(date, p10, p50, p90, mean, model)
    }

    func wanted(_ column: Int) -> Bool {
      column >= 0 && column <= last
        && (column == date || column == p10 || column == p50 || column == p90 || column == mean
          || column == model)
    }
  }
}
