import DemandCore
import Features
import History

/// The workspace's covariates (external regressors) arranged for the forecasting engine: which
/// regressors exist, and the values of each as they apply to one series.
///
/// A value given for several scopes that include a series is taken from the most specific one
/// that has the day: a SKU's own row, then its category's, then every SKU's; within each, the
/// series' store before every store. A day no scope gives is missing.
struct ExternalCovariates: Sendable {
  /// Every regressor named in the covariates, sorted by name: the order of a layout's columns.
  let regressors: [ExternalRegressor]
  /// For each regressor name, the values of each scope that gives any.
  private let layers: [String: [Scope: CovariateSeries]]

  /// A store scope (`nil` = every store) and an item scope.
  struct Scope: Hashable, Sendable {
    var store: StoreID?
    var item: CovariateItemScope
  }

  init(records: [CovariateRecord]) {
    var days: [String: [Scope: [(Day, Double?)]]] = [:]
    var known: [String: Bool] = [:]
    for record in records {
      days[record.name, default: [:]][Scope(store: record.store, item: record.item), default: []]
        .append((record.day, record.value))
      known[record.name] = record.knownInAdvance
    }
    regressors = known.keys.sorted().map {
      ExternalRegressor(name: $0, knownInAdvance: known[$0] ?? true)
    }
    layers = days.mapValues { scopes in
      scopes.mapValues { values in
        let first = values.map(\.0).min() ?? Day(daysSinceEpoch: 0)
        let last = values.map(\.0).max() ?? first
        var series = [Double](repeating: .nan, count: first.days(to: last) + 1)
        for (day, value) in values { series[first.days(to: day)] = value ?? .nan }
        return CovariateSeries(firstDay: first, values: series)
      }
    }
  }

  /// True when the workspace has no covariates.
  var isEmpty: Bool { regressors.isEmpty }

  /// Values merged from several scopes, by regressor name and the scopes merged (most specific
  /// first), shared between the series of one store that have the same scopes.
  typealias MergedValues = [MergeKey: CovariateSeries]

  struct MergeKey: Hashable {
    var name: String
    var scopes: [Scope]
  }

  /// The scopes that include a series, most specific first.
  static func scopes(store: StoreID, sku: SKUID, category: String) -> [Scope] {
    [
      Scope(store: store, item: .sku(sku)), Scope(store: nil, item: .sku(sku)),
      Scope(store: store, item: .category(category)), Scope(store: nil, item: .category(category)),
      Scope(store: store, item: .all), Scope(store: nil, item: .all),
    ]
  }

  /// The values of every regressor for the series `key` of `category`, by name; a regressor no
  /// scope of the series gives is absent. `cache` holds merged values between the series of one
  /// store, so that series with the same scopes share one array.
  func values(
    for key: SeriesKey, category: String, cache: inout MergedValues
  ) -> [String: CovariateSeries] {
    guard !isEmpty else { return [:] }
    let candidates = Self.scopes(store: key.store, sku: key.sku, category: category)
    var result: [String: CovariateSeries] = [:]
    for regressor in regressors {
      guard let byScope = layers[regressor.name] else { continue }
      let present = candidates.filter { byScope[$0] != nil }
      guard let only = present.first else { continue }
      if present.count == 1 {
        result[regressor.name] = byScope[only]
        continue
      }
      let cacheKey = MergeKey(name: regressor.name, scopes: present)
      if let merged = cache[cacheKey] {
        result[regressor.name] = merged
        continue
      }
      let parts = present.compactMap { byScope[$0] }
      guard let first = parts.map(\.firstDay).min(),
        let last = parts.map({ $0.firstDay.adding(days: $0.values.count - 1) }).max()
      else { continue }
      var values = [Double](repeating: .nan, count: first.days(to: last) + 1)
      for offset in values.indices {
        let day = first.adding(days: offset)
        for part in parts {
          let value = part.value(on: day)
          if !value.isNaN {
            values[offset] = value
            break
          }
        }
      }
      let merged = CovariateSeries(firstDay: first, values: values)
      cache[cacheKey] = merged
      result[regressor.name] = merged
    }
    return result
  }
}
