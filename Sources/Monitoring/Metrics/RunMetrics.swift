/// What one ShelfCast run measured about itself, for `reports/metrics.prom`.
///
/// Every field is optional or may be empty: a run that did not ingest has no row counts, and a
/// missing measurement is left out of the file rather than written as 0, so a dashboard can tell
/// "nothing happened" from "not measured". Alert counts are the exception: all three severities
/// are always written (0 when none), since "no alerts" is itself a measurement.
public struct RunMetrics: Sendable, Equatable {
  /// Identifies one drift test: which segment, which feature, which test.
  public struct DriftKey: Sendable, Hashable, Comparable {
    /// The chain, a region or a category.
    public var segment: MetricSegment
    /// The feature whose distribution was tested, e.g. `price`.
    public var feature: String
    /// The statistic's short name, e.g. `psi` or `ks`.
    public var test: String

    public init(segment: MetricSegment, feature: String, test: String) {
      self.segment = segment
      self.feature = feature
      self.test = test
    }

    public static func < (lhs: DriftKey, rhs: DriftKey) -> Bool {
      (lhs.segment, lhs.feature, lhs.test) < (rhs.segment, rhs.feature, rhs.test)
    }
  }

  /// Wall-clock seconds each stage took, keyed by stage name (`ingest`, `train`, `forecast`…).
  public var stageDurationSeconds: [String: Double]
  /// Wall-clock seconds of the whole run.
  public var runDurationSeconds: Double?
  /// Rows ingested and stored this run.
  public var rowsIngested: Int?
  /// Rows sent to quarantine this run.
  public var rowsQuarantined: Int?
  /// Store/SKU series forecast this run.
  public var seriesForecast: Int?
  /// Store/SKU series whose archived forecasts were compared with actuals this run.
  public var seriesMonitored: Int?
  /// WAPE (Σ|error| / Σactual, a ratio) by segment.
  public var wapeBySegment: [MetricSegment: Double]
  /// Bias as a ratio, Σ(forecast − actual) / Σactual (0.05 is forecasts 5 % high), by segment.
  public var biasRatioBySegment: [MetricSegment: Double]
  /// Drift effect sizes (the `statistic` of `drift.csv`) by segment, feature and test.
  public var driftStatistics: [DriftKey: Double]
  /// Drift p-values by segment, feature and test, for the tests that have one.
  public var driftPValues: [DriftKey: Double]
  /// Alerts raised this run by severity; a severity that is absent counts 0.
  public var alertCounts: [Alert.Severity: Int]
  /// Unix time (seconds since 1970-01-01 UTC) of the last run that succeeded. A failed run should
  /// carry the previous value over (`MetricsFile.lastSuccessTimestampSeconds(inText:)`), so the
  /// metric ages instead of vanishing.
  public var lastSuccessTimestampSeconds: Double?
  /// Whether this run succeeded (written 1 or 0).
  public var lastRunSucceeded: Bool?
  /// The model version the forecasts came from, written as a label of an info metric.
  public var modelVersion: String?
  /// The run date the metrics describe, as Unix time (seconds) of its midnight UTC: a catch-up
  /// or a backfill writes an older date than the wall clock.
  public var runDateTimestampSeconds: Double?
  /// A shadow run in progress or just ended (after an automatic promotion, the replaced
  /// champion is scored beside the new one).
  public var shadow: ShadowMetrics?
  /// The last intraday run (`shelfcast intraday`); `nil` in the nightly's metrics.
  public var intraday: IntradayMetrics?

  /// What the last intraday run took in and raised.
  public struct IntradayMetrics: Sendable, Equatable {
    /// Drop lines counted, set aside as already delivered, and quarantined.
    public var linesCounted: Int
    public var linesDuplicate: Int
    public var linesQuarantined: Int
    /// Fast-mover series nowcast, and those with an expedite alert.
    public var seriesNowcast: Int
    public var expediteAlerts: Int
    /// Unix time of the run's cut-off (its date and time of day).
    public var cutoffTimestampSeconds: Double

    public init(
      linesCounted: Int, linesDuplicate: Int, linesQuarantined: Int, seriesNowcast: Int,
      expediteAlerts: Int, cutoffTimestampSeconds: Double
    ) {
      self.linesCounted = linesCounted
      self.linesDuplicate = linesDuplicate
      self.linesQuarantined = linesQuarantined
      self.seriesNowcast = seriesNowcast
      self.expediteAlerts = expediteAlerts
      self.cutoffTimestampSeconds = cutoffTimestampSeconds
    }
  }

  /// Both versions of a shadow run, scored on the same store/SKU/days since it began.
  public struct ShadowMetrics: Sendable, Equatable {
    public var championVersion: String
    public var shadowVersion: String
    /// WAPE ratios over the nights scored so far; `nil` before any.
    public var championWAPE: Double?
    public var shadowWAPE: Double?
    public var nightsScored: Int

    public init(
      championVersion: String, shadowVersion: String, championWAPE: Double?,
      shadowWAPE: Double?, nightsScored: Int
    ) {
      self.championVersion = championVersion
      self.shadowVersion = shadowVersion
      self.championWAPE = championWAPE
      self.shadowWAPE = shadowWAPE
      self.nightsScored = nightsScored
    }
  }

  public init(
    stageDurationSeconds: [String: Double] = [:], runDurationSeconds: Double? = nil,
    rowsIngested: Int? = nil, rowsQuarantined: Int? = nil, seriesForecast: Int? = nil,
    wapeBySegment: [MetricSegment: Double] = [:],
    biasRatioBySegment: [MetricSegment: Double] = [:], driftStatistics: [DriftKey: Double] = [:],
    driftPValues: [DriftKey: Double] = [:], alertCounts: [Alert.Severity: Int] = [:],
    lastSuccessTimestampSeconds: Double? = nil, lastRunSucceeded: Bool? = nil,
    modelVersion: String? = nil, seriesMonitored: Int? = nil
  ) {
    self.stageDurationSeconds = stageDurationSeconds
    self.runDurationSeconds = runDurationSeconds
    self.rowsIngested = rowsIngested
    self.rowsQuarantined = rowsQuarantined
    self.seriesForecast = seriesForecast
    self.wapeBySegment = wapeBySegment
    self.biasRatioBySegment = biasRatioBySegment
    self.driftStatistics = driftStatistics
    self.driftPValues = driftPValues
    self.alertCounts = alertCounts
    self.lastSuccessTimestampSeconds = lastSuccessTimestampSeconds
    self.lastRunSucceeded = lastRunSucceeded
    self.modelVersion = modelVersion
    self.seriesMonitored = seriesMonitored
  }

  /// Sets `alertCounts` from the alerts the run raised.
  public mutating func countAlerts(_ alerts: some Sequence<Alert>) {
    alertCounts = Alert.Severity.counts(of: alerts)
  }
}
