import ArgumentParser
import DemandCore
import Foundation
import Inventory
import Pipeline

extension ShelfCast {
  struct Intraday: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Take partial-day POS drops, nowcast the fast movers and raise expedite alerts.",
      discussion: """
        Each FILE is a transaction file with a txn_id on every line. Lines that earlier drops or \
        the nightly files delivered are not counted again; the day's running sales are kept \
        apart from the daily history until the night's file of the same store and day replaces \
        them. With the forecast the last night archived for D, the fast movers' rest of the day \
        is nowcast from the sales so far and the learnt intraday profile, and store/SKUs whose \
        stock is unlikely to last until the next delivery are written to \
        OUT/D/intraday/HHMM/expedite.csv and alerts.json (all nowcasts to nowcast.csv). See \
        docs/intraday.md.
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "Drop files (transactions with txn_id), taken in the order given.")
    var files: [String] = []

    @Option(help: "The day of the drops (YYYY-MM-DD); default: today (UTC).")
    var date: Day?

    @Option(help: "The cut-off the drops run to (HH:MM); default: now (UTC).")
    var at: String?

    @Option(help: "ABC classes nowcast, e.g. A or AB.")
    var classes: String = "A"

    @Option(help: "Alert when P(stock-out before the next delivery) is at least this.")
    var alertProbability: Double = IntradayStage.Settings.defaultAlertProbability

    @Option(help: "Alert only once this share of the day's sales is usually made (0 to 1).")
    var minElapsedShare: Double = IntradayStage.Settings.defaultMinimumElapsedShare

    @Option(help: "Seconds to wait for the workspace lock before giving up (exit 75).")
    var waitSeconds: Double = 0

    @Option(help: "Output folder; default: DIR/reports.")
    var out: String?

    func validate() throws {
      if let at, Self.secondOfDay(at) == nil {
        throw ValidationError("Please give --at as HH:MM, 00:00 to 23:59.")
      }
      if Self.abcClasses(classes) == nil {
        throw ValidationError("Please give --classes as letters among A, B and C (e.g. A or AB).")
      }
      if !(alertProbability > 0 && alertProbability <= 1) {
        throw ValidationError("Please give --alert-probability in (0, 1].")
      }
      if !(minElapsedShare >= 0 && minElapsedShare <= 1) {
        throw ValidationError("Please give --min-elapsed-share between 0 and 1.")
      }
      if !(waitSeconds >= 0 && waitSeconds <= 3600) {
        throw ValidationError("Please give --wait-seconds between 0 and 3600.")
      }
    }

    func run() throws {
      let logger = output.makeLogger(label: "shelfcast.intraday")
      let (workspace, lock) = try self.workspace.locked(
        command: "intraday", logger: logger, waitSeconds: waitSeconds, dailyOnly: true)
      defer { lock.release() }
      let now = Date()
      let today = Day(daysSinceEpoch: Int32((now.timeIntervalSince1970 / 86_400).rounded(.down)))
      let second =
        at.flatMap(Self.secondOfDay)
        ?? Int(
          now.timeIntervalSince1970.truncatingRemainder(
            dividingBy: 86_400))
      do {
        let outcome = try IntradayStage.run(
          workspace: workspace, paths: files, day: date ?? today, secondOfDay: second,
          settings: IntradayStage.Settings(
            classes: Self.abcClasses(classes) ?? [.a], alertProbability: alertProbability,
            minimumElapsedShare: minElapsedShare),
          outDirectory: out, logger: logger)
        let counted = outcome.drops.reduce(0) { $0 + $1.rowsCounted }
        let duplicate = outcome.drops.reduce(0) { $0 + $1.rowsDuplicate }
        var text =
          "Intraday \(outcome.day.iso) \(outcome.cutoff): \(outcome.drops.count) drops, "
          + "\(counted) lines counted, \(duplicate) already delivered"
        if let directory = outcome.directory {
          text +=
            "; \(outcome.rows.count) fast movers nowcast, \(outcome.alerts.count) expedite "
            + "alerts: \(directory)"
        } else if let note = outcome.note {
          text += "; \(note)"
        }
        if !output.quiet { print(text) }
        // A refused drop is refused input, as for ingest; the nowcast above still stands.
        if outcome.drops.contains(where: \.refused) {
          throw ExitCode(ExitStatus.inputRefused.rawValue)
        }
      } catch PipelineError.invalidArgument(let message) {
        throw UsageFailure.exit(message)
      }
    }

    static func secondOfDay(_ text: String) -> Int? {
      let parts = text.split(separator: ":")
      guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
        let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour),
        (0..<60).contains(minute)
      else { return nil }
      return hour * 3600 + minute * 60
    }

    static func abcClasses(_ text: String) -> Set<ABCClass>? {
      let classes = text.uppercased().map { ABCClass(rawValue: String($0)) }
      guard !classes.isEmpty, classes.allSatisfy({ $0 != nil }) else { return nil }
      return Set(classes.compactMap { $0 })
    }
  }
}
