import Inventory
import Monitoring
import Registry

/// Everything the nightly job reads from its configuration file (`jobs/nightly.yaml`): where
/// input arrives, what must arrive, budgets and fail level, and one section per stage. Every key
/// is optional; a missing key keeps the default documented here and in docs/configuration.md, and
/// `shelfcast config check FILE` prints the effective values.
public struct NightlyConfiguration: Sendable, Equatable, Codable {
  /// The inbox folder, relative to the workspace (it must stay inside it). Default `inbox`.
  public var inbox: String
  /// What must arrive for the run date: `sales` (every open store's sales for D) and/or
  /// `inventory` (every open store's end-of-day stock for D). Missing sales stop the night
  /// (nothing to forecast from); missing stock is a warning. Default both.
  public var expectedInputs: [ExpectedInput]
  /// A file with more than this share of bad rows is refused whole. Default 0.01.
  public var maxRejectShare: Double
  /// Quarantined rows above this share of the night's rows raise a warning (critical at
  /// twice). Default 0.005.
  public var rejectWarningShare: Double
  /// The night's wall-clock budget in minutes: over it a warning, over twice a critical alert.
  /// Default 60.
  public var timeBudgetMinutes: Double
  /// Exit with 3 when a model-quality alert (accuracy, bias, subgroup gap, drift) reaches this
  /// level: `warning`, `critical`, or `null` (never). Default `null`: a forecast that needs
  /// attention is reported (alerts files, metrics, report) but the job did not fail.
  public var failOn: FailLevel?
  /// Exit with 3 when an operational alert (missing input, rejected rows, time budget)
  /// reaches this level: `warning`, `critical`, or `null`. Default `critical`. (Missing sales
  /// exit 4 and a refused file exit 2 whatever this says.)
  public var failOnOperational: FailLevel?
  /// Items (by order value) whose regression forecast is explained in `explain.csv`.
  /// Default 50.
  public var explainItems: Int
  /// A Prometheus Pushgateway (`http://host:9091`) that also receives the night's metrics;
  /// `null` (the default) pushes nothing: `reports/metrics.prom` is for node_exporter's textfile
  /// collector, which needs no server.
  public var pushgatewayURL: String?
  /// Whether the night's CSV files start with a UTF-8 byte-order mark, so that Excel opens them
  /// as UTF-8 (without it, Excel reads them in the system's code page and garbles "≥" or "é").
  /// Default `false`: plain UTF-8, as most tools expect.
  public var csvByteOrderMark: Bool
  /// Copies of the database kept in `DIR/backups/` (one per finished night, the newest kept);
  /// 0 keeps none and takes none. Default 7.
  public var backupKeep: Int
  public var training: TrainingSettings
  public var retraining: RetrainingSettings
  public var inventory: InventorySettings
  public var monitoring: MonitoringSettings
  public var drift: DriftSettings

  public init(
    inbox: String = "inbox", expectedInputs: [ExpectedInput] = [.sales, .inventory],
    maxRejectShare: Double = 0.01, rejectWarningShare: Double = 0.005,
    timeBudgetMinutes: Double = 60, failOn: FailLevel? = nil,
    failOnOperational: FailLevel? = .critical, explainItems: Int = 50,
    pushgatewayURL: String? = nil, csvByteOrderMark: Bool = false, backupKeep: Int = 7,
    training: TrainingSettings = TrainingSettings(),
    retraining: RetrainingSettings = RetrainingSettings(),
    inventory: InventorySettings = InventorySettings(),
    monitoring: MonitoringSettings = MonitoringSettings(), drift: DriftSettings = DriftSettings()
  ) {
    self.inbox = inbox
    self.expectedInputs = expectedInputs
    self.maxRejectShare = maxRejectShare
    self.rejectWarningShare = rejectWarningShare
    self.timeBudgetMinutes = timeBudgetMinutes
    self.failOn = failOn
    self.failOnOperational = failOnOperational
    self.explainItems = explainItems
    self.pushgatewayURL = pushgatewayURL
    self.csvByteOrderMark = csvByteOrderMark
    self.backupKeep = backupKeep
    self.training = training
    self.retraining = retraining
    self.inventory = inventory
    self.monitoring = monitoring
    self.drift = drift
  }

  public enum CodingKeys: String, CodingKey, CaseIterable {
    case inbox
    case expectedInputs = "expected_inputs"
    case maxRejectShare = "max_reject_share"
    case rejectWarningShare = "reject_warning_share"
    case timeBudgetMinutes = "time_budget_minutes"
    case failOn = "fail_on"
    case failOnOperational = "fail_on_operational"
    case explainItems = "explain_items"
    case pushgatewayURL = "pushgateway_url"
    case csvByteOrderMark = "csv_byte_order_mark"
    case backupKeep = "backup_keep"
    case training, retraining, inventory, monitoring, drift
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let d = NightlyConfiguration()
    func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
      try container.decodeIfPresent(T.self, forKey: key) ?? fallback
    }
    inbox = try value(.inbox, d.inbox)
    expectedInputs = try value(.expectedInputs, d.expectedInputs)
    maxRejectShare = try value(.maxRejectShare, d.maxRejectShare)
    rejectWarningShare = try value(.rejectWarningShare, d.rejectWarningShare)
    timeBudgetMinutes = try value(.timeBudgetMinutes, d.timeBudgetMinutes)
    failOn =
      container.contains(.failOn)
      ? try container.decodeIfPresent(FailLevel.self, forKey: .failOn) : d.failOn
    failOnOperational =
      container.contains(.failOnOperational)
      ? try container.decodeIfPresent(FailLevel.self, forKey: .failOnOperational)
      : d.failOnOperational
    explainItems = try value(.explainItems, d.explainItems)
    pushgatewayURL = try container.decodeIfPresent(String.self, forKey: .pushgatewayURL)
    csvByteOrderMark = try value(.csvByteOrderMark, d.csvByteOrderMark)
    backupKeep = try value(.backupKeep, d.backupKeep)
    training = try value(.training, d.training)
    retraining = try value(.retraining, d.retraining)
    inventory = try value(.inventory, d.inventory)
    monitoring = try value(.monitoring, d.monitoring)
    drift = try value(.drift, d.drift)
  }

  /// Always writes `fail_on` and `retraining.weekday`-style nulls, so the effective
  /// configuration shows every key.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(inbox, forKey: .inbox)
    try container.encode(expectedInputs, forKey: .expectedInputs)
    try container.encode(maxRejectShare, forKey: .maxRejectShare)
    try container.encode(rejectWarningShare, forKey: .rejectWarningShare)
    try container.encode(timeBudgetMinutes, forKey: .timeBudgetMinutes)
    try container.encode(failOn, forKey: .failOn)
    try container.encode(failOnOperational, forKey: .failOnOperational)
    try container.encode(explainItems, forKey: .explainItems)
    try container.encode(pushgatewayURL, forKey: .pushgatewayURL)
    try container.encode(csvByteOrderMark, forKey: .csvByteOrderMark)
    try container.encode(backupKeep, forKey: .backupKeep)
    try container.encode(training, forKey: .training)
    try container.encode(retraining, forKey: .retraining)
    try container.encode(inventory, forKey: .inventory)
    try container.encode(monitoring, forKey: .monitoring)
    try container.encode(drift, forKey: .drift)
  }

  /// Whether `alerts` make the night exit 3: an operational alert reaching
  /// `fail_on_operational`, or a model-quality one reaching `fail_on`.
  public func failsOn(_ alerts: [Alert]) -> Bool {
    let operational = alerts.filter(\.kind.isOperational)
    let modelQuality = alerts.filter { !$0.kind.isOperational }
    return failOnOperational?.isReached(by: operational) == true
      || failOn?.isReached(by: modelQuality) == true
  }

  /// - Throws: `PipelineError.invalidArgument` naming the first setting out of range.
  public func validate() throws {
    func invalid(_ setting: String, _ value: String, _ expected: String) -> PipelineError {
      .invalidArgument("\(setting) is \(value); expected \(expected).")
    }
    guard maxRejectShare.isFinite, (0...1).contains(maxRejectShare) else {
      throw invalid("max_reject_share", "\(maxRejectShare)", "a share from 0 to 1")
    }
    guard rejectWarningShare.isFinite, (0...1).contains(rejectWarningShare) else {
      throw invalid("reject_warning_share", "\(rejectWarningShare)", "a share from 0 to 1")
    }
    guard timeBudgetMinutes.isFinite, timeBudgetMinutes > 0 else {
      throw invalid("time_budget_minutes", "\(timeBudgetMinutes)", "minutes > 0")
    }
    guard explainItems >= 0 else {
      throw invalid("explain_items", "\(explainItems)", "0 or more")
    }
    guard (0...366).contains(backupKeep) else {
      throw invalid("backup_keep", "\(backupKeep)", "0 to 366 copies")
    }
    if let pushgatewayURL {
      do { _ = try PushGateway(url: pushgatewayURL) } catch {
        throw invalid("pushgateway_url", pushgatewayURL, "an http(s) URL such as http://host:9091")
      }
    }
    do { _ = try training.forecastConfiguration() } catch {
      throw PipelineError.invalidArgument("training: \(error)")
    }
    do { try retraining.validate() } catch { throw PipelineError.invalidArgument("\(error)") }
    guard retraining.holdoutDays <= training.horizonDays else {
      throw invalid(
        "retraining.holdout_days", "\(retraining.holdoutDays)",
        "at most training.horizon_days (\(training.horizonDays))")
    }
    guard retraining.driftHoldoutDays <= training.horizonDays else {
      throw invalid(
        "retraining.drift_holdout_days", "\(retraining.driftHoldoutDays)",
        "at most training.horizon_days (\(training.horizonDays))")
    }
    do { try inventory.validate() } catch {
      throw PipelineError.invalidArgument("inventory.\(error)")
    }
    do { try monitoring.validate() } catch {
      throw PipelineError.invalidArgument("monitoring.\(error)")
    }
    do { try drift.validate() } catch { throw PipelineError.invalidArgument("drift.\(error)") }
  }
}

/// An input the nightly job expects for its run date (`expected_inputs`).
public enum ExpectedInput: String, Sendable, Codable, CaseIterable {
  /// Every open store's sales of the run date: without any, nothing is forecast (exit 4).
  case sales
  /// Every open store's end-of-day stock of the run date: missing stock is a warning.
  case inventory
}
