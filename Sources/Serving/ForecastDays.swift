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

/// `GET …/forecast`'s body written by hand, byte for byte what the server's `JSONEncoder`
/// (`.sortedKeys`, compact) writes for the same value, without the encoder's per-value
/// containers: the forecast is the API's most frequent request.
enum ForecastJSON {
  /// The JSON of `forecast`; nil when a number is not finite or a string holds a character
  /// other than printable ASCII (the typed path answers those as before).
  static func encode(_ forecast: Components.Schemas.SeriesForecast) -> [UInt8]? {
    var out: [UInt8] = []
    out.reserveCapacity(128 + forecast.days.count * 80)
    func raw(_ text: StaticString) {
      out.append(
        contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
    func string(_ text: String) -> Bool {
      out.append(UInt8(ascii: "\""))
      for byte in text.utf8 {
        guard byte >= 0x20, byte < 0x7F else { return false }
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "/") {
          out.append(UInt8(ascii: "\\"))
        }
        out.append(byte)
      }
      out.append(UInt8(ascii: "\""))
      return true
    }
    func number(_ value: Double) -> Bool {
      guard value.isFinite else { return false }
      var text = value.description
      if text.hasSuffix(".0") { text.removeLast(2) }
      out.append(contentsOf: text.utf8)
      return true
    }
    raw("{\"days\":[")
    for (index, day) in forecast.days.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      raw("{\"date\":")
      guard string(day.date) else { return nil }
      if let mean = day.mean {
        raw(",\"mean\":")
        guard number(mean) else { return nil }
      }
      raw(",\"p10\":")
      guard number(day.p10) else { return nil }
      raw(",\"p50\":")
      guard number(day.p50) else { return nil }
      raw(",\"p90\":")
      guard number(day.p90) else { return nil }
      out.append(UInt8(ascii: "}"))
    }
    raw("],\"model\":")
    guard string(forecast.model) else { return nil }
    if let version = forecast.modelVersion {
      raw(",\"model_version\":")
      guard string(version) else { return nil }
    }
    raw(",\"night\":")
    guard string(forecast.night) else { return nil }
    raw(",\"sku\":")
    guard string(forecast.sku) else { return nil }
    raw(",\"store\":")
    guard string(forecast.store) else { return nil }
    out.append(UInt8(ascii: "}"))
    return out
  }
}
