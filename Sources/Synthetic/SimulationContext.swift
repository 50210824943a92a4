import Tabular

/// Read-only facts every store needs while simulating, shared across threads.
struct SimulationContext: Sendable {
  let catalog: ChainCatalog
  let templates: RowTemplates
  /// Simulated days; day indexes at or past it are future days (truth only).
  let simulatedDayCount: Int
  /// Day indexes at or past it are transaction days (until `simulatedDayCount`).
  let firstTransactionIndex: Int
  /// First day index of drift (`Int.max` without drift).
  let driftStartIndex: Int
  /// First day index written to the truth file (0 unless `truthStart` is set).
  let truthStartIndex: Int
  /// `driftRatios[profile][category * 7 + weekday]`: the drifted weekly profile divided by the
  /// category's own, so multiplying swaps one profile for the other.
  let driftRatios: [[Double]]

  init(catalog: ChainCatalog, templates: RowTemplates) {
    self.catalog = catalog
    self.templates = templates
    simulatedDayCount = catalog.configuration.dayCount
    firstTransactionIndex = catalog.configuration.historyDayCount
    driftStartIndex = catalog.driftStartIndex
    truthStartIndex = catalog.configuration.truthStartIndex
    driftRatios = ChainCatalog.driftProfiles.map { profile in
      ProductCategory.allCases.flatMap { category in
        let own = ChainCatalog.normalized(category.weeklyShape)
        return (0..<7).map { profile[$0] / own[$0] }
      }
    }
  }
}

/// The kinds of rows a store writes, one byte sink each.
enum RowKind: Int, CaseIterable {
  /// `truth/expected_demand.csv`, every store/SKU/day of the timeline.
  case expectedDemand
  /// `history/demand_YYYY-MM.csv`, history days.
  case history
  /// `inbox/transactions_YYYY-MM-DD.csv`, transaction days.
  case transactions
  /// `inventory/on_hand_YYYY-MM-DD.csv`, transaction days.
  case inventory
  /// `truth/transaction_day_sales.csv`: what the transactions add up to, for checking ingest.
  case transactionDaySales
}

/// The rows one store produced for a run of days: a sink per row kind and, per kind, the byte
/// offset at which each day starts, so days can be interleaved with other stores' rows.
final class StoreOutput {
  let sinks: [ByteSink]
  /// `dayStarts[kind][day]`; `dayStarts[kind][dayCount]` is the end of the last day.
  private(set) var dayStarts: [[Int]]

  init() {
    sinks = RowKind.allCases.map { _ in ByteSink(initialCapacityBytes: 256 * 1024) }
    dayStarts = RowKind.allCases.map { _ in [0] }
  }

  /// Forgets the previous run's rows, keeping the buffers.
  func reset() {
    for sink in sinks { sink.removeAll() }
    dayStarts = RowKind.allCases.map { _ in [0] }
  }

  /// Marks the end of the current day for every kind.
  func endDay() {
    for kind in RowKind.allCases { dayStarts[kind.rawValue].append(sinks[kind.rawValue].count) }
  }

  func sink(_ kind: RowKind) -> ByteSink { sinks[kind.rawValue] }

  /// The byte range of `day` (index within the run) for `kind`.
  func range(of kind: RowKind, day: Int) -> Range<Int> {
    dayStarts[kind.rawValue][day]..<dayStarts[kind.rawValue][day + 1]
  }
}
