import DemandCore
import Foundation
import OpenAPIRuntime

/// The intraday operations: the expedite alerts of the latest finished intraday run
/// (`IntradayCatalog`), chain-wide or for one store.
extension APIHandler {
  func getIntradayExpedite(_ input: Operations.GetIntradayExpedite.Input) async throws
    -> Operations.GetIntradayExpedite.Output
  {
    let store = input.query.store
    // A merchandiser may filter on one of its stores; the whole chain is for analysts.
    if let store { try checkStore(store) } else { try requireAnalyst() }
    let answer = try expedite(
      store: store, date: input.query.date, page: input.query.page,
      pageSize: input.query.pageSize, csv: Self.prefersCSV(input.headers.accept))
    switch answer {
    case .json(let page): return .ok(.init(body: .json(page)))
    case .csv(let text): return .ok(.init(body: .csv(HTTPBody(text))))
    }
  }

  func getStoreIntradayExpedite(_ input: Operations.GetStoreIntradayExpedite.Input) async throws
    -> Operations.GetStoreIntradayExpedite.Output
  {
    let store = input.path.store
    try checkStore(store)
    let answer = try expedite(
      store: store, date: input.query.date, page: input.query.page,
      pageSize: input.query.pageSize, csv: Self.prefersCSV(input.headers.accept))
    switch answer {
    case .json(let page): return .ok(.init(body: .json(page)))
    case .csv(let text): return .ok(.init(body: .csv(HTTPBody(text))))
    }
  }

  /// One page of the alerts: JSON, or `expedite.csv`'s header and the page's lines.
  private enum ExpediteAnswer {
    case json(Components.Schemas.ExpeditePage)
    case csv(String)
  }

  /// One page of the alerts of the latest finished run (of `date`, when given), of `store`
  /// only when given.
  /// - Throws: `ServingError.badRequest` for a malformed date or page; `.notReady` (a store
  ///   is asked for before any night finished: the master data is the served night's);
  ///   `.notFound` for an unknown store or when no run has finished.
  private func expedite(
    store: String?, date: String?, page: Int?, pageSize: Int?, csv: Bool
  ) throws -> ExpediteAnswer {
    if let store { try Self.known(store: store, in: try served()) }
    let day = try date.map { try Self.day($0, "date") }
    let page = try Self.bounded(page ?? 1, "page", 1...1_000_000)
    let pageSize = try Self.bounded(pageSize ?? 100, "page_size", 1...1000)
    let run = try intraday.run(of: day)
    let rows = run.rows.filter { store == nil || $0.value.storeId == store }
    let first = min((page - 1) * pageSize, rows.count)
    let pageRows = rows[first..<min(first + pageSize, rows.count)]
    if csv {
      return .csv(([run.header] + pageRows.map(\.line)).joined(separator: "\n") + "\n")
    }
    return .json(
      Components.Schemas.ExpeditePage(
        date: run.location.day.iso, cutoff: run.location.cutoff, generatedAt: run.generatedAt,
        store: store, page: page, pageSize: pageSize, total: rows.count,
        items: pageRows.map(\.value)))
  }
}
