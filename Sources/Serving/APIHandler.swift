import DemandCore
import Foundation
import OpenAPIRuntime
import Pipeline

/// The operations of `openapi.yaml`, answered from the catalog's current night (taken once per
/// request). Errors are thrown as `ServingError` and written as problem details by
/// `ProblemMiddleware`.
struct APIHandler: APIProtocol {
  let catalog: NightCatalog
  let intraday: IntradayCatalog
  let metrics: RequestMetrics

  // MARK: - Operations

  func getHealth(_ input: Operations.GetHealth.Input) async throws -> Operations.GetHealth.Output {
    .ok(.init(body: .json(.init(status: .ok))))
  }

  func getReady(_ input: Operations.GetReady.Input) async throws -> Operations.GetReady.Output {
    .ok(.init(body: .json(try served().summary)))
  }

  func getMetrics(_ input: Operations.GetMetrics.Input) async throws
    -> Operations.GetMetrics.Output
  {
    .ok(.init(body: .plainText(HTTPBody(metrics.text()))))
  }

  func getNight(_ input: Operations.GetNight.Input) async throws -> Operations.GetNight.Output {
    try requireAnalyst()
    return .ok(.init(body: .json(try served().summary)))
  }

  func getRecommendations(_ input: Operations.GetRecommendations.Input) async throws
    -> Operations.GetRecommendations.Output
  {
    let store = input.path.store
    try checkStore(store)
    let night = try input.query.night.map { try catalog.night(try Self.night($0)) } ?? served()
    try Self.known(store: store, in: night)
    let page = try Self.bounded(input.query.page ?? 1, "page", 1...1_000_000)
    let pageSize = try Self.bounded(input.query.pageSize ?? 100, "page_size", 1...1000)
    let category = try input.query.category.map { try Self.text($0, "category", 1...128) }
    let abcClass = input.query.abcClass?.rawValue
    let orderOnly = input.query.orderOnly ?? false
    let rows = (night.recommendations[store] ?? []).filter {
      (category == nil || $0.value.category == category)
        && (abcClass == nil || $0.value.abcClass == abcClass)
        && (!orderOnly || $0.value.recommendedOrderQty > 0)
    }
    let first = min((page - 1) * pageSize, rows.count)
    let pageRows = rows[first..<min(first + pageSize, rows.count)]
    if Self.prefersCSV(input.headers.accept) {
      let text = ([night.recommendationsHeader] + pageRows.map(\.line)).joined(separator: "\n")
      return .ok(.init(body: .csv(HTTPBody(text + "\n"))))
    }
    return .ok(
      .init(
        body: .json(
          .init(
            night: night.night.iso, store: store, page: page, pageSize: pageSize,
            total: rows.count, items: pageRows.map(\.value)))))
  }

  func getForecast(_ input: Operations.GetForecast.Input) async throws
    -> Operations.GetForecast.Output
  {
    .ok(.init(body: .json(try forecast(store: input.path.store, sku: input.path.sku))))
  }

  /// The served night's forecast of `store`/`sku` (`getForecast`, and `ForecastMiddleware`,
  /// which writes it without the JSON encoder).
  /// - Throws: `ServingError` (403, 404, 503).
  func forecast(store: String, sku: String) throws -> Components.Schemas.SeriesForecast {
    try checkStore(store)
    let night = try served()
    try Self.known(store: store, sku: sku, in: night)
    guard let (model, days) = ForecastDays.read(night.forecasts, store: store, sku: sku) else {
      throw ServingError.notFound(
        "The night of \(night.night.iso) issued no forecast of \(store)/\(sku).")
    }
    return .init(
      night: night.night.iso, store: store, sku: sku, model: model,
      modelVersion: night.summary.modelVersion, days: days)
  }

  func getExplanation(_ input: Operations.GetExplanation.Input) async throws
    -> Operations.GetExplanation.Output
  {
    let (store, sku) = (input.path.store, input.path.sku)
    try checkStore(store)
    let night = try served()
    try Self.known(store: store, sku: sku, in: night)
    let top = try Self.bounded(input.query.top ?? 8, "top", 1...64)
    let explanation = try ExplanationBody.make(
      workspace: catalog.workspace, night: night, store: store, sku: sku, top: top)
    return .ok(.init(body: .json(explanation)))
  }

  func getForecastVsActual(_ input: Operations.GetForecastVsActual.Input) async throws
    -> Operations.GetForecastVsActual.Output
  {
    let (store, sku) = (input.path.store, input.path.sku)
    try checkStore(store)
    let night = try served()
    try Self.known(store: store, sku: sku, in: night)
    let from = try input.query.from.map { try Self.day($0, "from") }
    let to = try input.query.to.map { try Self.day($0, "to") }
    if let from, let to, from > to {
      throw ServingError.badRequest("`from` (\(from.iso)) is after `to` (\(to.iso)).")
    }
    guard let file = night.forecastVsActual else {
      throw ServingError.notFound(
        "The night of \(night.night.iso) wrote no forecast_vs_actual.csv.")
    }
    let rows = file.rows(store: store, sku: sku).filter { row in
      guard let day = Day(iso: row["date"]) else { return false }
      return (from.map { day >= $0 } ?? true) && (to.map { day <= $0 } ?? true)
    }
    return .ok(
      .init(
        body: .json(
          .init(
            night: night.night.iso, store: store, sku: sku,
            rows: rows.map {
              .init(
                date: $0["date"], issuedOn: $0["issued_on"],
                horizonDays: $0.integer("horizon_days") ?? 0, p10: $0.number("p10") ?? 0,
                p50: $0.number("p50") ?? 0, p90: $0.number("p90") ?? 0, mean: $0.number("mean"),
                actual: $0.number("actual") ?? 0, stockout: $0.flag("stockout") ?? false,
                error: $0.number("error"), model: $0["model"], modelVersion: $0["model_version"])
            }))))
  }

  func getAccuracy(_ input: Operations.GetAccuracy.Input) async throws
    -> Operations.GetAccuracy.Output
  {
    try requireAnalyst()
    let night = try served()
    guard let lines = night.accuracy else {
      throw ServingError.notFound("The night of \(night.night.iso) wrote no accuracy summary.")
    }
    let level = try input.query.level.map { try Self.text($0, "level", 1...64) }
    return .ok(
      .init(
        body: .json(
          .init(night: night.night.iso, lines: lines.filter { level == nil || $0.level == level }))
      ))
  }

  func getAlerts(_ input: Operations.GetAlerts.Input) async throws -> Operations.GetAlerts.Output {
    try requireAnalyst()
    let night = try served()
    guard let alerts = night.alerts else {
      throw ServingError.notFound("The night of \(night.night.iso) wrote no alerts.csv.")
    }
    return .ok(.init(body: .json(.init(night: night.night.iso, alerts: alerts))))
  }

  func listVersions(_ input: Operations.ListVersions.Input) async throws
    -> Operations.ListVersions.Output
  {
    try requireAnalyst()
    let night = try served()
    return .ok(.init(body: .json(.init(champion: night.champion, versions: night.versions))))
  }

  func getChampion(_ input: Operations.GetChampion.Input) async throws
    -> Operations.GetChampion.Output
  {
    try requireAnalyst()
    let night = try served()
    guard let champion = night.versions.first(where: { $0.id == night.champion }) else {
      throw ServingError.notFound("The registry has no champion yet.")
    }
    return .ok(.init(body: .json(champion)))
  }

  func getModelCard(_ input: Operations.GetModelCard.Input) async throws
    -> Operations.GetModelCard.Output
  {
    try requireAnalyst()
    let night = try served()
    let version = input.path.version
    guard version.wholeMatch(of: /v[0-9]{4,9}/) != nil else {
      throw ServingError.badRequest("A version id is `v` and 4 to 9 digits (v0001).")
    }
    guard night.versions.contains(where: { $0.id == version }),
      let data = FileManager.default.contents(atPath: catalog.workspace.modelCardPath(version)),
      let markdown = String(data: data, encoding: .utf8)
    else {
      throw ServingError.notFound("The registry has no model card of \(version).")
    }
    return .ok(.init(body: .json(.init(version: version, markdown: markdown))))
  }

  // MARK: - Checks

  /// The night served now.
  /// - Throws: `ServingError.notReady` before any night finished.
  func served() throws -> ServedNight {
    guard let night = catalog.current else {
      throw ServingError.notReady("No nightly run of the workspace has finished yet.")
    }
    return night
  }

  func checkStore(_ store: String) throws {
    guard Caller.role.mayRead(store: store) else {
      throw ServingError.forbidden("The token may not read store \(store).")
    }
  }

  func requireAnalyst() throws {
    guard Caller.role == .analyst else {
      throw ServingError.forbidden("Only an analyst token may read this.")
    }
  }

  /// - Throws: `ServingError.notFound` for a store or SKU the master data does not list, or
  ///   `.badRequest` when that id could not be one under the contract's `Identifier` pattern
  ///   (a letter or digit, then up to 63 letters, digits, `.`, `_` or `-`). An id the master data
  ///   lists is served whatever its characters.
  static func known(store: String, sku: String? = nil, in night: ServedNight) throws {
    guard night.stores.contains(store) else { throw unknown("Store", store) }
    if let sku, !night.skus.contains(sku) { throw unknown("SKU", sku) }
  }

  private static func unknown(_ kind: String, _ id: String) -> ServingError {
    // The pattern's bytes (`ForecastMiddleware.plain`), at most 64, the first a letter or digit.
    let isIdentifier =
      (1...64).contains(id.utf8.count) && ForecastMiddleware.plain(id[...]) != nil
      && !"._-".utf8.contains(id.utf8.first ?? UInt8(ascii: "."))
    guard isIdentifier else {
      let shown = id.count > 40 ? "\(id.prefix(40))… (\(id.utf8.count) bytes)" : id
      return .badRequest(
        "'\(shown)' is not a \(kind.lowercased()) id: ids start with a letter or digit and have at "
          + "most 64 letters, digits, '.', '_' or '-'.")
    }
    return .notFound("\(kind) \(id) is not in the workspace's master data.")
  }

  /// `text` as a day: a date outside the years ShelfCast handles (1900 … 2199) is clamped to
  /// them, which a window bound may be.
  /// - Throws: `ServingError.badRequest` unless `text` is a real date, YYYY-MM-DD.
  static func day(_ text: String, _ name: String) throws -> Day {
    if let day = Day(iso: text) { return day }
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard text.utf8.count == 10, parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), year >= 1,
      (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year),
      let clamped = year < 1900
        ? Day(year: 1900, month: 1, day: 1) : Day(year: 2199, month: 12, day: 31)
    else {
      throw ServingError.badRequest("`\(name)` must be a real date, YYYY-MM-DD (got \(text)).")
    }
    return clamped
  }

  /// The finished night of `text`: a real date outside 1900 … 2199 is a night that cannot exist.
  private static func night(_ text: String) throws -> Day {
    let day = try Self.day(text, "night")
    guard day.iso == text else {
      throw ServingError.notFound("The workspace has no finished night of \(text).")
    }
    return day
  }

  static func text(_ value: String, _ name: String, _ length: ClosedRange<Int>) throws -> String {
    guard length.contains(value.count) else {
      throw ServingError.badRequest(
        "`\(name)` must be \(length.lowerBound) to \(length.upperBound) characters long.")
    }
    return value
  }

  static func bounded(_ value: Int, _ name: String, _ range: ClosedRange<Int>) throws -> Int {
    guard range.contains(value) else {
      throw ServingError.badRequest(
        "`\(name)` must be between \(range.lowerBound) and \(range.upperBound) (got \(value)).")
    }
    return value
  }

  /// True when the request's `Accept` ranks `text/csv` above JSON.
  static func prefersCSV<T: AcceptableProtocol>(_ accept: [AcceptHeaderContentType<T>]) -> Bool {
    func quality(_ type: String) -> Double {
      accept.filter { $0.contentType.rawValue == type }.map(\.quality.doubleValue).max() ?? 0
    }
    let (csv, json) = (quality("text/csv"), quality("application/json"))
    return csv > 0 && csv >= json
  }
}
