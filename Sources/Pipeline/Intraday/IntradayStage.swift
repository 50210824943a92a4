import DemandCore
import Forecasting
import Foundation
import History
import Ingest
import Inventory
import Logging
import Monitoring
import Tabular

/// `shelfcast intraday`: takes partial-day POS drops, nowcasts the rest of the day for the fast
/// movers and raises expedite alerts where the stock will not last until the next delivery.
///
/// Steps, under the workspace lock: store the drops (`IntradayIngest`, apart from the daily
/// history); read the forecast the last night archived for today, the last stock snapshots, the
/// ABC classes and the intraday profiles learnt from timestamped history; nowcast each fast mover
/// (`Nowcast`); write `OUT/D/intraday/HHMM/{nowcast.csv,expedite.csv,alerts.json}` atomically and
/// the `shelfcast_intraday_*` families of `metrics.prom`. See docs/intraday.md.
public enum IntradayStage {
  public struct Settings: Sendable, Equatable {
    /// ABC classes nowcast (the fast movers).
    public var classes: Set<ABCClass>
    /// An alert is raised when P(stock-out before the next delivery) is at least this…
    public var alertProbability: Double
    /// …and the profile puts at least this share of the day's sales before the cut-off (earlier,
    /// the sales so far say too little, and a morning delivery is not yet seen in them).
    public var minimumElapsedShare: Double
    /// Weeks of timestamped history the intraday profiles are learnt from.
    public var profileWeeks: Int
    /// Days of stock snapshots read to see when pending orders were placed (`PendingOrders`);
    /// covers lead times up to this many days minus one.
    public var snapshotDays = 15
    /// Days of stock snapshots the chain's delivery reliability is learnt from
    /// (`DeliveryReliability`).
    public var reliabilityDays = 28

    /// The default alert threshold: chosen on tuning chains so that the alerts raised by 14:00
    /// keep the largest margin over recall 0.6 and precision 0.5 (docs/intraday.md, "The
    /// threshold").
    public static let defaultAlertProbability = 0.3
    /// The default minimum elapsed share before an alert.
    public static let defaultMinimumElapsedShare = 0.15

    public init(
      classes: Set<ABCClass> = [.a], alertProbability: Double = defaultAlertProbability,
      minimumElapsedShare: Double = defaultMinimumElapsedShare, profileWeeks: Int = 8
    ) {
      self.classes = classes
      self.alertProbability = alertProbability
      self.minimumElapsedShare = minimumElapsedShare
      self.profileWeeks = profileWeeks
    }
  }

  public struct Outcome: Sendable {
    public var drops: [IntradayIngest.DropReport]
    public var day: Day
    /// `HHMM` of the cut-off.
    public var cutoff: String
    /// The folder written, or `nil` when no forecast was archived for the day.
    public var directory: String?
    public var rows: [IntradayNowcastRow]
    public var alerts: [IntradayNowcastRow] { rows.filter(\.alert) }
    public var note: String?
  }

  /// Runs the intraday step for `day` at `secondOfDay` (the cut-off: the time the drops run to).
  public static func run(
    workspace: Workspace, paths: [String], day: Day, secondOfDay: Int, settings: Settings,
    outDirectory: String?, clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger
  ) throws -> Outcome {
    let session = try WorkspaceSession(workspace: workspace)
    let database = session.database
    // Once the night has taken the day's sales, its history is the day's whole truth: a drop
    // would find its lines delivered and a nowcast read no sales so far.
    if let last = try database.lastDemandDay(), last >= day {
      throw PipelineError.invalidArgument(
        "the sales of \(day.iso) are already in the daily history (it runs to \(last.iso)): the "
          + "night has reconciled the day, and intraday drops are taken only before it")
    }
    var options = IngestOptions(
      asOf: day, quarantineDirectory: workspace.quarantineDirectory,
      manifestDirectory: workspace.manifestDirectory, clock: clock, logger: logger)
    options.cutoffSecondOfDay = secondOfDay
    let drops = try IntradayIngest(database: database, options: options).run(paths: paths)
    for drop in drops {
      if let message = drop.message { logger.warning("\(message)") }
      for error in drop.errors.prefix(3) { logger.warning("\(error)") }
    }
    try database.deleteIntraday(before: day)
    let cutoff = zeroPadded(secondOfDay / 3600) + zeroPadded(secondOfDay / 60 % 60)
    var outcome = Outcome(drops: drops, day: day, cutoff: cutoff, directory: nil, rows: [])
    let chain: ChainForecast
    do {
      chain = try ForecastStage.archived(session: session, date: day.adding(days: -1))
    } catch PipelineError.invalidArgument {
      outcome.note =
        "no forecast archived by the night of \(day.adding(days: -1)); drops stored, no nowcast"
      logger.warning("\(outcome.note ?? "")")
      return outcome
    }
    outcome.rows = try nowcast(
      chain, session: session, day: day, secondOfDay: secondOfDay, settings: settings,
      logger: logger)
    let directory =
      workspace.nightDirectory(day, out: outDirectory) + "/intraday/" + cutoff
    try AtomicFile.makeDirectories(directory)
    CrashPoint.hit("intraday.before-reports")
    try AtomicFile.write(IntradayNowcastRow.csv(outcome.rows), to: directory + "/nowcast.csv")
    try AtomicFile.write(
      IntradayNowcastRow.csv(outcome.alerts), to: directory + "/expedite.csv")
    // alerts.json stays the last file written: `shelfcast serve` counts the folder as
    // finished once it is there (Serving's IntradayRunLocation).
    try AtomicFile.write(
      alertsJSON(outcome.alerts, day: day, cutoff: cutoff), to: directory + "/alerts.json")
    outcome.directory = directory
    let metricsPath = workspace.metricsPath(out: outDirectory)
    let existing = (try? String(contentsOfFile: metricsPath, encoding: .utf8)) ?? ""
    let metrics = RunMetrics.IntradayMetrics(
      linesCounted: drops.reduce(0) { $0 + $1.rowsCounted },
      linesDuplicate: drops.reduce(0) { $0 + $1.rowsDuplicate },
      linesQuarantined: drops.reduce(0) { $0 + $1.rowsQuarantined },
      seriesNowcast: outcome.rows.count, expediteAlerts: outcome.alerts.count,
      cutoffTimestampSeconds: Double(day.daysSinceEpoch) * 86_400 + Double(secondOfDay))
    try AtomicFile.write(MetricsFile.mergingIntraday(metrics, into: existing), to: metricsPath)
    logger.notice(
      "intraday written",
      metadata: [
        "path": "\(directory)", "nowcasts": "\(outcome.rows.count)",
        "alerts": "\(outcome.alerts.count)",
      ])
    return outcome
  }

  /// The nowcast of every fast mover of `chain` (forecast issued the night before `day`).
  ///
  /// Two passes: the first reads each store's snapshots, learns the chain's delivery
  /// reliability from them (`DeliveryReliability`, every SKU of every store) and nowcasts the
  /// fast movers; the second weighs each stock-out outlook over the outcomes of a delivery due
  /// this morning (`DeliveryMixture`).
  static func nowcast(
    _ chain: ChainForecast, session: WorkspaceSession, day: Day, secondOfDay: Int,
    settings: Settings, logger: Logger
  ) throws -> [IntradayNowcastRow] {
    let database = session.database
    let source = try session.history()
    let classes =
      try ABCTable.saved(session.workspace)
      ?? ABCTable(source: source, lastDay: day.adding(days: -1))
    let master = try database.masterIndex()
    let storeKeys = Dictionary(
      master.stores.map { ($0.record.id, $0.key) }, uniquingKeysWith: { a, _ in a })
    let skus = Dictionary(
      master.skus.map { ($0.record.id, ($0.key, $0.record)) }, uniquingKeysWith: { a, _ in a })
    let leadTimes = Dictionary(
      master.skus.map { ($0.key, $0.record.leadTimeDays) }, uniquingKeysWith: { a, _ in a })
    var sold: [Int64: Double] = [:]
    for sale in try database.intradaySales(day: day, through: secondOfDay) {
      sold[Int64(sale.storeKey) << 32 | Int64(sale.skuKey)] = sale.unitsSold - sale.unitsReturned
    }
    let targetIndex = chain.firstTargetDay.days(to: day)
    guard targetIndex >= 0, targetIndex < chain.horizonDays else { return [] }
    let profileStart = day.adding(days: -7 * settings.profileWeeks)
    let windowDays = max(settings.snapshotDays, settings.reliabilityDays)
    var reliability = DeliveryReliability()
    var cases: [Case] = []
    for store in chain.stores {
      guard let storeKey = storeKeys[store.store] else { continue }
      let stock = Dictionary(
        try database.latestStock(store: store.store, onOrBefore: day.adding(days: -1)).map {
          ($0.sku, $0)
        }, uniquingKeysWith: { a, _ in a })
      // Each SKU's snapshots and sales of the last `windowDays` days, oldest first.
      let (history, lineSizes) = try snapshotHistory(
        database: database, storeKey: storeKey, day: day, windowDays: windowDays)
      for (skuKey, days) in history.sorted(by: { $0.key < $1.key }) {
        reliability.record(days: days, leadTimeDays: leadTimes[skuKey] ?? 1)
      }
      let hourly = try database.hourlyUnits(
        storeKey: storeKey, weekdayIndex: day.weekdayIndex, from: profileStart,
        through: day.adding(days: -1))
      var storeUnits = [Double](repeating: 0, count: 24)
      for units in hourly.values { for h in 0..<24 { storeUnits[h] += units[h] } }
      let storeProfile = IntradayProfile(units: storeUnits, prior: .flat)
      var profiles: [String: IntradayProfile] = [:]
      for series in store.series.lazy.map({ $0.asArchived() }) {
        let abc = classes(series.key)
        guard settings.classes.contains(abc), let (skuKey, sku) = skus[series.key.sku],
          let p10 = series.quantile(0.1), let p90 = series.quantile(0.9)
        else { continue }
        let profile =
          profiles[sku.category]
          ?? IntradayProfile(
            units: hourly[sku.category] ?? Array(repeating: 0, count: 24), prior: storeProfile)
        profiles[sku.category] = profile
        let position = stock[series.key.sku]
        let snapshot = position?.onHand ?? 0
        let onOrder = position?.onOrder ?? 0
        let soldSoFar = sold[Int64(storeKey) << 32 | Int64(skuKey)] ?? 0
        // Pending orders from the snapshots and the lead time: what is due this morning, and
        // when the next arrives. Selling more than the snapshot and this morning's due units
        // held proves a delivery came as well: then everything pending is taken as arrived.
        let days =
          history[skuKey].map { Array($0.suffix(settings.snapshotDays)) }
          ?? Array(repeating: nil, count: settings.snapshotDays)
        let pending = PendingOrders(days: days, leadTimeDays: sku.leadTimeDays)
        let proven = onOrder > 0 && soldSoFar > snapshot + pending.arrivingTodayUnits
        let dueUnits = proven ? onOrder : pending.arrivingTodayUnits
        let onHandNow = snapshot + dueUnits - soldSoFar
        // Without anything pending, an order placed tonight arrives after the lead time.
        let daysToDelivery =
          (proven ? nil : pending.daysToNextArrival) ?? max(1, sku.leadTimeDays)
        // The forecast's days after today to its horizon (at least to the due day): the days
        // from the due day on are read when that delivery may come late.
        let laterDays = max(daysToDelivery - 1, series.mean.count - 1 - targetIndex)
        let extra = (0..<laterDays).map { later -> Double in
          series.mean[min(targetIndex + 1 + later, series.mean.count - 1)]
        }
        let share = profile.elapsedShare(atSecondOfDay: secondOfDay)
        let mean = series.mean[targetIndex]
        let unitsPerLine = lineSizes.unitsPerLine(sku: skuKey)
        let rest = Nowcast(
          dayMeanUnits: mean, dayP10Units: p10[targetIndex], dayP90Units: p90[targetIndex],
          soldUnits: max(soldSoFar, 0), elapsedShare: share, unitsPerLine: unitsPerLine)
        let untilDelivery = Nowcast(
          dayMeanUnits: mean, dayP10Units: p10[targetIndex], dayP90Units: p90[targetIndex],
          soldUnits: max(soldSoFar, 0), elapsedShare: share,
          extraDayMeans: Array(extra.prefix(daysToDelivery - 1)), unitsPerLine: unitsPerLine)
        cases.append(
          Case(
            row: IntradayNowcastRow(
              store: store.store, sku: series.key.sku, category: sku.category, abcClass: abc,
              snapshotOnHand: snapshot, onOrder: onOrder, soldSoFar: soldSoFar,
              onHandNow: onHandNow, dayForecast: mean, elapsedShare: share,
              restOfDayMean: rest.meanUnits, restOfDayP10: rest.quantile(0.1),
              restOfDayP90: rest.quantile(0.9), daysToDelivery: daysToDelivery,
              untilDeliveryMean: untilDelivery.meanUnits, stockoutProbability: 0,
              expectedUnitsShort: 0, alert: false),
            dayP10Units: p10[targetIndex], dayP90Units: p90[targetIndex], dueUnits: dueUnits,
            laterDayMeans: extra, proven: proven, unitsPerLine: unitsPerLine))
      }
    }
    // A delivery proven by the sales came; any other due this morning may have come late or
    // short, as often as the chain's deliveries did.
    let outcomes = reliability.outcomes
    logger.info(
      "delivery reliability learnt",
      metadata: [
        "on_time": "\(reliability.onTimeCount)", "short": "\(reliability.shortCount)",
        "late": "\(reliability.lateCount)",
      ])
    var rows: [IntradayNowcastRow] = []
    rows.reserveCapacity(cases.count)
    for item in cases {
      var row = item.row
      let outlook = DeliveryMixture(
        dayMeanUnits: row.dayForecast, dayP10Units: item.dayP10Units,
        dayP90Units: item.dayP90Units, soldUnits: row.soldSoFar, elapsedShare: row.elapsedShare,
        snapshotUnits: row.snapshotOnHand, dueUnits: item.dueUnits,
        laterDayMeans: item.laterDayMeans, daysToNextDelivery: row.daysToDelivery,
        outcomes: item.proven ? [DeliveryOutcome(probability: 1, filledShare: 1)] : outcomes,
        nextDeliveryOutcomes: outcomes, unitsPerLine: item.unitsPerLine)
      row.stockoutProbability = outlook.stockoutProbability
      row.expectedUnitsShort = outlook.expectedUnitsShort
      row.alert =
        outlook.stockoutProbability >= settings.alertProbability
        && row.elapsedShare >= settings.minimumElapsedShare
      rows.append(row)
    }
    // Most likely to run out first; ties by store and SKU.
    rows.sort {
      ($1.stockoutProbability, $0.store.rawValue, $0.sku.rawValue)
        < ($0.stockoutProbability, $1.store.rawValue, $1.sku.rawValue)
    }
    return rows
  }

  /// A fast mover's row before its stock-out outlook, with what the outlook needs.
  private struct Case {
    var row: IntradayNowcastRow
    var dayP10Units: Double
    var dayP90Units: Double
    /// Units due this morning (all on order when `proven`).
    var dueUnits: Double
    var laterDayMeans: [Double]
    /// The sales so far prove the pending units came.
    var proven: Bool
    /// Units per basket line of the store/SKU (`LineSizes`).
    var unitsPerLine: Double
  }

  /// Each SKU's end-of-day snapshots and units sold on the `windowDays` days before `day`,
  /// oldest first (`nil`: no snapshot that day; a later file's figures replace an earlier one's),
  /// and the store's units per transaction line over those days.
  private static func snapshotHistory(
    database: HistoryDatabase, storeKey: Int32, day: Day, windowDays: Int
  ) throws -> (days: [Int32: [PendingOrders.Day?]], lineSizes: LineSizes) {
    let first = day.adding(days: -windowDays)
    let last = day.adding(days: -1)
    var history: [Int32: [PendingOrders.Day?]] = [:]
    for block in try database.inventoryBlocks(storeKey: storeKey, from: first, through: last) {
      let index = first.days(to: block.day)
      for i in 0..<block.count {
        history[block.skuKeys[i], default: Array(repeating: nil, count: windowDays)][index] =
          PendingOrders.Day(onHand: block.onHand[i], onOrder: block.onOrder[i], sold: 0)
      }
    }
    var lineSizes = LineSizes()
    for block in try database.demandBlocks(storeKey: storeKey, from: first, through: last) {
      let index = first.days(to: block.day)
      lineSizes.add(block)
      for i in 0..<block.count where history[block.skuKeys[i]]?[index] != nil {
        history[block.skuKeys[i]]?[index]?.sold = block.unitsSold[i]
      }
    }
    return (history, lineSizes)
  }

  static func alertsJSON(_ alerts: [IntradayNowcastRow], day: Day, cutoff: String) -> [UInt8] {
    var text = "{\n  \"date\": \"\(day)\",\n  \"cutoff\": \"\(cutoff)\",\n  \"alerts\": ["
    for (index, row) in alerts.enumerated() {
      text += index == 0 ? "\n" : ",\n"
      text +=
        "    {\"store_id\": \(jsonString(row.store.rawValue)), "
        + "\"sku_id\": \(jsonString(row.sku.rawValue)), "
        + "\"on_hand_now\": \(decimal(row.onHandNow, 2)), "
        + "\"days_to_delivery\": \(row.daysToDelivery), "
        + "\"stockout_probability\": \(decimal(row.stockoutProbability, 4)), "
        + "\"expected_units_short\": \(decimal(row.expectedUnitsShort, 3))}"
    }
    text += alerts.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
    return Array(text.utf8)
  }

  private static func jsonString(_ text: String) -> String {
    let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
    return String(decoding: data, as: UTF8.self)
  }

  private static func decimal(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value)
  }

  private static func zeroPadded(_ value: Int) -> String {
    value < 10 ? "0\(value)" : "\(value)"
  }
}
