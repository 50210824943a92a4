import Prometheus

/// One metric family of `metrics.prom`: a name, its help text and its samples, in file order.
///
/// Every family is a gauge: each value describes the last run (a batch job), not a running total,
/// which is how the Prometheus documentation asks batch jobs to report. Names carry the
/// `shelfcast_` prefix and their unit (`_seconds`, `_rows`, `_ratio`).
struct MetricFamily: Equatable {
  struct Sample: Equatable {
    /// Label names and values, in the order they are written.
    var labels: [Label]
    var value: Double
  }

  struct Label: Equatable {
    var name: String
    var value: String
  }

  /// The name without the `shelfcast_` namespace and the unit, e.g. `stage_duration`.
  var metricName: String
  /// The unit suffix, e.g. `seconds`; empty for a count of the thing named or an info metric.
  var unit: String
  var help: String
  var samples: [Sample]

  /// The full name, `shelfcast_<metricName>_<unit>` (no trailing `_` when there is no unit).
  var name: String { descriptor.name }

  /// How swift-prometheus is told the name and help text.
  var descriptor: MetricNameDescriptor {
    MetricNameDescriptor(
      namespace: MetricFamily.namespace, metricName: metricName, unitName: unit, helpText: help)
  }

  /// The prefix of every ShelfCast metric.
  static let namespace = "shelfcast"

  init(_ metricName: String, unit: String, help: String, samples: [Sample]) {
    self.metricName = metricName
    self.unit = unit
    self.help = help
    self.samples = samples.filter { $0.value.isFinite }
  }

  /// A family with one unlabelled sample, or no sample when `value` is `nil`.
  init(_ metricName: String, unit: String, help: String, value: Double?) {
    self.init(
      metricName, unit: unit, help: help,
      samples: value.map { [Sample(labels: [], value: $0)] } ?? [])
  }

  /// A family with one sample per key, labelled `labelName`, in key order.
  init(
    _ metricName: String, unit: String, help: String, labelName: String, values: [String: Double]
  ) {
    let samples = values.sorted { $0.key < $1.key }.map { key, value in
      Sample(labels: [Label(name: labelName, value: key)], value: value)
    }
    self.init(metricName, unit: unit, help: help, samples: samples)
  }

  /// One family per dimension of the segments of `values`, so that every family's series share
  /// one label set: the chain's is `shelfcast_<metricName>_<unit>` without a segment label,
  /// another dimension's is `shelfcast_<dimension>_<metricName>_<unit>` labelled by the dimension
  /// (`shelfcast_region_wape_ratio{region="West"}`), followed by the labels `extraLabels` gives.
  ///
  /// - Parameter help: the help text for a dimension, e.g. "… by region."
  static func bySegment<Key: Comparable>(
    _ metricName: String, unit: String, help: (MetricSegment.Dimension) -> String,
    values: [Key: Double], segment: (Key) -> MetricSegment,
    extraLabels: (Key) -> [Label] = { _ in [] }
  ) -> [MetricFamily] {
    let grouped = Dictionary(grouping: values.sorted { $0.key < $1.key }) {
      segment($0.key).dimension
    }
    return MetricSegment.Dimension.allCases.compactMap { dimension in
      guard let entries = grouped[dimension] else { return nil }
      let samples = entries.map { key, value in
        let own = segment(key)
        let labels =
          dimension == .chain ? [] : [Label(name: dimension.rawValue, value: own.name)]
        return Sample(labels: labels + extraLabels(key), value: value)
      }
      let name = dimension == .chain ? metricName : "\(dimension.rawValue)_\(metricName)"
      return MetricFamily(name, unit: unit, help: help(dimension), samples: samples)
    }
  }

  /// "for the whole chain" or "by region" (store format, category): the end of a help text.
  static func scope(_ dimension: MetricSegment.Dimension) -> String {
    switch dimension {
    case .chain: return "for the whole chain"
    case .region: return "by region"
    case .storeFormat: return "by store format"
    case .category: return "by category"
    }
  }
}

extension MetricFamily {
  /// The families of `metrics` sorted by name, leaving out those without a (finite) sample.
  static func families(of metrics: RunMetrics) -> [MetricFamily] {
    let alerts = Alert.Severity.allCases.map { severity in
      Sample(
        labels: [Label(name: "severity", value: severity.rawValue)],
        value: Double(metrics.alertCounts[severity] ?? 0))
    }
    let model = metrics.modelVersion.map { version in
      [Sample(labels: [Label(name: "model_version", value: version)], value: 1)]
    }
    var shadowWAPE: [Sample] = []
    if let shadow = metrics.shadow {
      for (role, version, wape) in [
        ("champion", shadow.championVersion, shadow.championWAPE),
        ("shadow", shadow.shadowVersion, shadow.shadowWAPE),
      ] {
        guard let wape, wape.isFinite else { continue }
        shadowWAPE.append(
          Sample(
            labels: [
              Label(name: "model_version", value: version), Label(name: "role", value: role),
            ], value: wape))
      }
    }
    let intradayLines = metrics.intraday.map { intraday in
      [
        ("counted", intraday.linesCounted), ("duplicate", intraday.linesDuplicate),
        ("quarantined", intraday.linesQuarantined),
      ].map { Sample(labels: [Label(name: "outcome", value: $0.0)], value: Double($0.1)) }
    }
    let families = [
      MetricFamily(
        "intraday_cutoff_timestamp", unit: "seconds",
        help: "Unix time of the cut-off (date and time of day) of the last intraday run.",
        value: metrics.intraday?.cutoffTimestampSeconds),
      MetricFamily(
        "intraday_expedite_alerts", unit: "",
        help: "Store/SKUs the last intraday run raised an expedite alert for.",
        value: metrics.intraday.map { Double($0.expediteAlerts) }),
      MetricFamily(
        "intraday_lines", unit: "",
        help: "Lines of the last intraday run's drops: counted, duplicate (delivered before) or "
          + "quarantined.", samples: intradayLines ?? []),
      MetricFamily(
        "intraday_nowcast", unit: "series",
        help: "Fast-mover store/SKU series the last intraday run nowcast.",
        value: metrics.intraday.map { Double($0.seriesNowcast) }),
      MetricFamily(
        "alerts", unit: "", help: "Alerts raised by the last run, by severity.", samples: alerts),
      MetricFamily(
        "forecast", unit: "series", help: "Store/SKU series forecast by the last run.",
        value: metrics.seriesForecast.map(Double.init)),
      MetricFamily(
        "ingested", unit: "rows", help: "Rows ingested and stored by the last run.",
        value: metrics.rowsIngested.map(Double.init)),
      MetricFamily(
        "last_run_success", unit: "", help: "1 if the last run succeeded, 0 if it failed.",
        value: metrics.lastRunSucceeded.map { $0 ? 1 : 0 }),
      MetricFamily(
        "last_success_timestamp", unit: "seconds",
        help: "Unix time of the last successful run.", value: metrics.lastSuccessTimestampSeconds),
      MetricFamily(
        "model", unit: "info", help: "The model version that made the last forecasts (always 1).",
        samples: model ?? []),
      MetricFamily(
        "monitored", unit: "series",
        help: "Store/SKU series whose forecasts the last run compared with actuals.",
        value: metrics.seriesMonitored.map(Double.init)),
      MetricFamily(
        "quarantined", unit: "rows", help: "Rows sent to quarantine by the last run.",
        value: metrics.rowsQuarantined.map(Double.init)),
      MetricFamily(
        "run_duration", unit: "seconds", help: "Wall-clock duration of the last run.",
        value: metrics.runDurationSeconds),
      MetricFamily(
        "run_date_timestamp", unit: "seconds",
        help: "The run date the last run described, as Unix time of its midnight UTC.",
        value: metrics.runDateTimestampSeconds),
      MetricFamily(
        "shadow_nights_scored", unit: "",
        help: "Nights of the current shadow run on which champion and shadow were scored.",
        value: metrics.shadow.map { Double($0.nightsScored) }),
      MetricFamily(
        "shadow_wape", unit: "ratio",
        help: "WAPE of the champion and of the version it replaced (shadow) on the same "
          + "store/SKU/days since the shadow run began.", samples: shadowWAPE),
      MetricFamily(
        "stage_duration", unit: "seconds",
        help: "Wall-clock duration of each stage of the last run.",
        labelName: "stage", values: metrics.stageDurationSeconds),
    ]
    let driftTest = { (key: RunMetrics.DriftKey) in
      [Label(name: "feature", value: key.feature), Label(name: "test", value: key.test)]
    }
    let segmented =
      bySegment(
        "wape", unit: "ratio",
        help: {
          "WAPE of the last run's monitoring window, sum|actual - forecast| / sum(actual), "
            + "\(scope($0))."
        },
        values: metrics.wapeBySegment, segment: { $0 })
      + bySegment(
        "bias", unit: "ratio",
        help: {
          "Forecast bias of the last run's monitoring window, sum(forecast - actual) / "
            + "sum(actual), \(scope($0))."
        },
        values: metrics.biasRatioBySegment, segment: { $0 })
      + bySegment(
        "drift_statistic", unit: "",
        help: { "Effect size of each drift test of the last run, \(scope($0))." },
        values: metrics.driftStatistics, segment: \.segment, extraLabels: driftTest)
      + bySegment(
        "drift_p_value", unit: "",
        help: { "P-value of each drift test of the last run, \(scope($0))." },
        values: metrics.driftPValues, segment: \.segment, extraLabels: driftTest)
    return (families + segmented).filter { !$0.samples.isEmpty }.sorted { $0.name < $1.name }
  }
}
