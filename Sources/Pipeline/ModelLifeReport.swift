import DemandCore
import Foundation
import Logging
import Registry
import Reports

/// The report's "Model life" (`Reports.ModelLife`) from the registry, the night log and the
/// shadow log: which version served each night, what each retraining decided and why, and how
/// the shadow runs scored.
///
/// Sources, in order of trust: the registry's versions (their windows, judgement, comparison,
/// promotion and status), the night log (the model that forecast each night and the retraining
/// it ran), the nights' manifests (the decision's sentence, the only record of a deferral's or
/// failure's reason), and, for the night still running, `tonight` (its night record is written
/// after the monitor).
public enum ModelLifeReport {
  /// The days the report looks back over by default.
  public static let defaultWindowDays = 120

  /// The model life of the workspace's registry up to `runDate`, or `nil` with a warning when
  /// the registry cannot be read (the report is drawn without the section; the run goes on).
  /// - Parameters:
  ///   - runDate: the report's run date D; `nil` for the workspace's last day with demand.
  ///   - tonight: the retraining of the night being run, when the nightly job calls.
  public static func make(
    workspace: Workspace, through runDate: Day?, tonight: NightlyManifest.Retraining? = nil,
    windowDays: Int = defaultWindowDays, logger: Logger
  ) -> ModelLife? {
    do {
      guard let day = try runDate ?? workspace.openDatabase().lastDemandDay() else {
        return nil
      }
      return try make(
        registry: workspace.openRegistry(), through: day, tonight: tonight,
        windowDays: windowDays)
    } catch {
      logger.warning(
        "the report's model life could not be read; the section is left out",
        metadata: ["error": "\(error)"])
      return nil
    }
  }

  /// As `make(workspace:…)`, from an open registry; `nil` with a warning on a read error.
  public static func make(
    registry: ModelRegistry, through runDate: Day, tonight: NightlyManifest.Retraining? = nil,
    windowDays: Int = defaultWindowDays, logger: Logger
  ) -> ModelLife? {
    do {
      return try make(
        registry: registry, through: runDate, tonight: tonight, windowDays: windowDays)
    } catch {
      logger.warning(
        "the report's model life could not be read; the section is left out",
        metadata: ["error": "\(error)"])
      return nil
    }
  }

  /// Reads the registry's versions, nights and shadow runs and builds the model life.
  /// - Throws: registry read errors.
  public static func make(
    registry: ModelRegistry, through runDate: Day, tonight: NightlyManifest.Retraining? = nil,
    windowDays: Int = defaultWindowDays
  ) throws -> ModelLife {
    let shadowLog = ShadowLog(database: registry.database)
    let shadows = try shadowLog.runs().map { (run: $0, scores: try shadowLog.scores(run: $0.id)) }
    return make(
      versions: try registry.list(), nights: try NightLog(database: registry.database).all(),
      shadows: shadows, through: runDate, tonight: tonight, windowDays: windowDays,
      manifest: readManifest)
  }

  /// The model life from the records (no I/O but `manifest`).
  /// - Parameters:
  ///   - versions: every version, oldest first.
  ///   - nights: every finished night, oldest first.
  ///   - shadows: every shadow run with its scores.
  ///   - runDate: the report's run date; nothing after it is shown.
  ///   - windowDays: nights, retrainings and shadow runs of the `windowDays` days ending on
  ///     `runDate` are shown, with every version registered, in service or shadowing in them,
  ///     and the champion.
  ///   - manifest: reads a night's manifest (its path from the night record), `nil` when gone.
  static func make(
    versions: [ModelVersion], nights: [NightRecord],
    shadows: [(run: ShadowRun, scores: [ShadowScore])], through runDate: Day,
    tonight: NightlyManifest.Retraining?, windowDays: Int,
    manifest: (String) -> NightlyManifest?
  ) -> ModelLife {
    let firstDay = runDate.adding(days: 1 - max(1, windowDays))
    let inWindow = { (day: Day) in day >= firstDay && day <= runDate }
    let nights = nights.filter { inWindow($0.runDate) }
    let service = serviceNights(versions: versions, nights: nights, through: runDate)
      .filter { inWindow($0.day) }
    let retrainings = retrainingRows(
      versions: versions, nights: nights, through: runDate, tonight: tonight,
      inWindow: inWindow, manifest: manifest)
    let shadowRuns = shadows.map { shadowRun($0.run, scores: $0.scores, service: service) }
      .filter { $0.endNight >= firstDay && $0.firstNight <= runDate }

    let served = Set(service.map(\.version))
    var firstServed: [String: Day] = [:]
    for night in service where firstServed[night.version] == nil {
      firstServed[night.version] = night.day
    }
    let registered = { (version: ModelVersion) in
      registeredOn(version, firstServed: firstServed[version.id], through: runDate)
    }
    let shadowing = Set(shadowRuns.flatMap { [$0.shadow, $0.champion] })
    let refitted = Set(versions.compactMap(\.refitOf))
    let shown = versions.filter { version in
      // A judged winner serves as its refit: one lane for both.
      if refitted.contains(version.id) && version.promotedAt == nil { return false }
      // Registered after the run date (a report drawn again for an earlier day).
      if registered(version) > runDate { return false }
      return version.status == .champion || served.contains(version.id)
        || shadowing.contains(version.id)
        || inWindow(registered(version))
    }
    return ModelLife(
      versions: shown.map { lifeVersion($0, service: service, registeredOn: registered($0)) },
      retrainings: retrainings, service: service, shadowRuns: shadowRuns, firstDay: firstDay)
  }

  // MARK: - Service

  /// The model of each night: the night log's, and the champion on `runDate` when its night is
  /// not recorded yet (the nightly job writes it after the report). Without any night
  /// recorded (monitor runs only), each version's promotion to retirement, by their days.
  static func serviceNights(
    versions: [ModelVersion], nights: [NightRecord], through runDate: Day
  ) -> [ModelLife.ServiceNight] {
    var service = nights.compactMap { night in
      night.modelVersion.map { ModelLife.ServiceNight(day: night.runDate, version: $0) }
    }
    if nights.isEmpty {
      var byDay: [Day: String] = [:]
      for version in versions.sorted(by: { ($0.promotedAt ?? "") < ($1.promotedAt ?? "") }) {
        guard let promoted = version.promotedAt.flatMap(day(of:)) else { continue }
        let retired = version.status == .champion ? nil : version.retiredAt.flatMap(day(of:))
        let last = min(retired?.adding(days: -1) ?? runDate, runDate)
        guard promoted <= last else { continue }
        for day in stride(from: promoted, through: last, by: 1) { byDay[day] = version.id }
      }
      service = byDay.keys.sorted().map { ModelLife.ServiceNight(day: $0, version: byDay[$0]!) }
    }
    if service.last.map({ $0.day < runDate }) ?? true,
      let champion = versions.last(where: { $0.status == .champion })
    {
      service.append(ModelLife.ServiceNight(day: runDate, version: champion.id))
    }
    return service.filter { $0.day <= runDate }
  }

  // MARK: - Retrainings

  /// One row per retraining: each night that ran one, the night still running (`tonight`), and
  /// versions a retraining registered on a night the log does not hold.
  static func retrainingRows(
    versions: [ModelVersion], nights: [NightRecord], through runDate: Day,
    tonight: NightlyManifest.Retraining?, inWindow: (Day) -> Bool,
    manifest: (String) -> NightlyManifest?
  ) -> [ModelLife.Retraining] {
    var registeredOn: [Day: [ModelVersion]] = [:]
    for version in versions {
      if let day = version.runDate { registeredOn[day, default: []].append(version) }
    }
    var rows: [ModelLife.Retraining] = []
    for night in nights {
      guard let trigger = night.retrainTrigger, let decision = night.retrainDecision else {
        continue
      }
      let record = manifest(night.manifest)?.retraining
      rows.append(
        retraining(
          on: night.runDate, trigger: trigger, decision: decision,
          registered: registeredOn[night.runDate] ?? [], record: record))
    }
    if let tonight, !rows.contains(where: { $0.runDate == runDate }) {
      rows.append(
        retraining(
          on: runDate, trigger: tonight.trigger, decision: tonight.decision,
          registered: registeredOn[runDate] ?? [], record: tonight))
    }
    let covered = Set(rows.map(\.runDate))
    for day in registeredOn.keys.sorted() where inWindow(day) && !covered.contains(day) {
      let registered = registeredOn[day] ?? []
      guard let judged = registered.first(where: { $0.refitOf == nil }) else { continue }
      rows.append(
        retraining(
          on: day, trigger: judged.trigger.rawValue,
          decision: decisionKind(judged).rawValue, registered: registered, record: nil))
    }
    return rows.sorted { $0.runDate < $1.runDate }
  }

  /// A retraining's row from the versions it registered and, when kept, its manifest record.
  static func retraining(
    on day: Day, trigger: String, decision text: String, registered: [ModelVersion],
    record: NightlyManifest.Retraining?
  ) -> ModelLife.Retraining {
    let judged = registered.first { $0.refitOf == nil }
    let refit = registered.first { $0.refitOf != nil }
    let decision =
      RetrainDecision.Kind(rawValue: text).map(lifeDecision)
      ?? judged.map(decisionKind) ?? .failed
    var reason = record?.decisionReason ?? ""
    if reason.isEmpty, let judged { reason = decisionReason(judged, refit: refit) }
    if reason.isEmpty, decision == .deferred {
      reason = "no fair comparison possible yet; the champion stayed in service"
    }
    if let error = record?.error, !error.isEmpty { reason += (reason.isEmpty ? "" : ": ") + error }
    return ModelLife.Retraining(
      runDate: day, trigger: trigger, candidate: judged?.id ?? record?.candidate,
      servedAs: refit?.id, decision: decision,
      comparison: (judged?.comparison ?? record?.comparison).map(comparison), reason: reason)
  }

  // MARK: - Versions

  static func lifeVersion(
    _ version: ModelVersion, service: [ModelLife.ServiceNight], registeredOn: Day
  ) -> ModelLife.Version {
    let nights = service.filter { $0.version == version.id }
    let decision = decisionKind(version)
    var reason = decisionReason(version, refit: nil)
    if version.status == .archived || version.status == .rejected,
      let status = version.statusReason, !status.isEmpty, status != reason
    {
      reason += (reason.isEmpty ? "" : " · ") + version.status.rawValue + ": " + status
    }
    let stillServing = version.status == .champion
    return ModelLife.Version(
      id: version.id, trainedThrough: version.windowLastDay, trigger: version.trigger.rawValue,
      registeredOn: registeredOn, decision: decision,
      reason: reason, comparison: version.comparison.map(comparison), refitOf: version.refitOf,
      promotedOn: nights.first?.day ?? version.promotedAt.flatMap(day(of:)),
      retiredOn: stillServing
        ? nil : nights.last.map { $0.day.adding(days: 1) } ?? version.retiredAt.flatMap(day(of:)),
      status: ModelLife.Status(rawValue: version.status.rawValue) ?? .candidate,
      overrideNote: version.overrideNote)
  }

  /// The nightly run date that registered it; for a version trained by hand, the day it was
  /// registered, but no later than its first night in service or `runDate` (demo and backfill
  /// nights run on dates before the wall clock's, which dates the registration).
  static func registeredOn(_ version: ModelVersion, firstServed: Day?, through runDate: Day)
    -> Day
  {
    if let runDate = version.runDate { return runDate }
    return min(day(of: version.createdAt) ?? runDate, firstServed ?? runDate, runDate)
  }

  /// The decision a retraining recorded on it; without one, `firstModel` for the workspace's
  /// first model and `byHand` for a version trained by hand.
  static func decisionKind(_ version: ModelVersion) -> ModelLife.Decision {
    if let decision = version.decision { return lifeDecision(decision.kind) }
    return version.trigger == .firstModel ? .firstModel : .byHand
  }

  /// The sentence behind its decision: the rejection's or the promotion's reason.
  static func decisionReason(_ version: ModelVersion, refit: ModelVersion?) -> String {
    switch decisionKind(version) {
    case .rejected: return version.statusReason ?? ""
    case .promoted: return refit?.promotionReason ?? version.promotionReason ?? ""
    case .firstModel: return version.promotionReason ?? "first model"
    case .byHand: return version.promotionReason ?? version.reason
    case .deferred, .failed: return ""
    }
  }

  static func lifeDecision(_ kind: RetrainDecision.Kind) -> ModelLife.Decision {
    switch kind {
    case .firstModel: .firstModel
    case .promoted: .promoted
    case .rejected: .rejected
    case .deferred: .deferred
    case .failed: .failed
    }
  }

  static func comparison(_ compared: HoldoutComparison) -> ModelLife.Comparison {
    ModelLife.Comparison(
      firstDay: compared.firstDay, lastDay: compared.lastDay, points: compared.points,
      candidateWAPE: compared.candidateWAPE, championWAPE: compared.championWAPE,
      championVersion: compared.championVersion)
  }

  // MARK: - Shadow runs

  /// A shadow run with its nightly WAPEs. It ended on its last planned night, or, rolled back
  /// or superseded, on the last night its champion served (or its last scored night).
  static func shadowRun(
    _ run: ShadowRun, scores: [ShadowScore], service: [ModelLife.ServiceNight]
  ) -> ModelLife.ShadowRun {
    let nights = scores.map {
      ModelLife.ShadowNight(
        night: $0.night, points: $0.points,
        championWAPE: ratio($0.championAbsoluteError, $0.actualUnits),
        shadowWAPE: ratio($0.shadowAbsoluteError, $0.actualUnits))
    }
    var end = run.lastNight
    if run.state == .rolledBack || run.state == .superseded {
      let served = service.filter {
        $0.version == run.champion && $0.day >= run.firstNight && $0.day <= run.lastNight
      }
      end = served.last?.day ?? scores.last?.night ?? run.firstNight
    } else if run.state == .active, let last = service.last?.day {
      end = min(run.lastNight, max(run.firstNight, last))
    }
    let actual = scores.map(\.actualUnits).reduce(0, +)
    return ModelLife.ShadowRun(
      champion: run.champion, shadow: run.shadow, firstNight: run.firstNight,
      lastNight: run.lastNight, endNight: end,
      state: ModelLife.ShadowRun.State(rawValue: run.state.rawValue) ?? .active,
      endReason: run.endReason, nights: nights,
      championWAPE: ratio(scores.map(\.championAbsoluteError).reduce(0, +), actual),
      shadowWAPE: ratio(scores.map(\.shadowAbsoluteError).reduce(0, +), actual))
  }

  // MARK: - Helpers

  static func ratio(_ error: Double, _ actual: Double) -> Double {
    actual > 0 ? error / actual : .nan
  }

  /// The day of an ISO 8601 timestamp (`2026-10-24T03:12:00Z`).
  static func day(of timestamp: String) -> Day? { Day(iso: timestamp.prefix(10)) }

  /// The manifest at `path`, or `nil` when it is gone or unreadable.
  static func readManifest(_ path: String) -> NightlyManifest? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return try? JSONDecoder().decode(NightlyManifest.self, from: data)
  }
}
