import DemandCore
import Foundation
import Logging
import Registry
import Synthetic
import Tabular

/// `shelfcast demo --nights N`: a demo chain and workspace, then N consecutive nights.
///
/// The chain has the sample chain's settings (10 stores, 60 SKUs, seed 7, history from
/// 2024-11-01) with one day of transactions per night after 716 days of history, and drift
/// injected into 20 % of the series from the middle night on, so the monitoring has something
/// to find and a drift-triggered retraining something to fix. The workspace gets the master
/// data and the history, and a first model trained on it. Each night, that day's transaction
/// and stock files are delivered to the inbox, then `NightlyStage` runs. Nights already finished
/// (a demo run again) are skipped, so a killed demo continues where it stopped.
public enum DemoStage {
  /// History days before the first night (the sample chain's).
  public static let historyDays = 716

  /// The sample chain's first day, 2024-11-01 (20,028 days after 1970-01-01).
  public static let start = Day(daysSinceEpoch: 20_028)

  /// The demo chain for `nights` nights.
  public static func chain(nights: Int) -> ChainConfiguration {
    let firstNight = start.adding(days: historyDays)
    return ChainConfiguration(
      storeCount: 10, skuCount: 60, start: start, dayCount: historyDays + nights,
      transactionDayCount: nights, seed: 7,
      driftStart: nights >= 14 ? firstNight.adding(days: nights / 2) : nil,
      driftShare: nights >= 14 ? 0.2 : 0)
  }

  /// Whether `chain` is a demo chain, for any number of nights: the sample chain's stores,
  /// SKUs, first day, seed and profile, and the demo's days of history before its nights.
  static func isDemoChain(_ chain: ChainConfiguration) -> Bool {
    let demo = Self.chain(nights: 1)
    return chain.storeCount == demo.storeCount && chain.skuCount == demo.skuCount
      && chain.start == demo.start && chain.seed == demo.seed && chain.profile == demo.profile
      && chain.dayCount - chain.transactionDayCount == historyDays
  }

  /// Whether `directory` holds the demo's chain already (`false`: it is to be generated there).
  /// Called by `run` and, before the workspace is made, by the command, so that a folder the
  /// demo cannot use leaves no empty workspace behind.
  /// - Throws: `PipelineError.invalidArgument` when it holds another chain (the user's own, or
  ///   one made for more nights), or other files.
  public static func checkChain(directory: String, nights: Int) throws -> Bool {
    if let data = FileManager.default.contents(atPath: directory + "/chain.json") {
      // Said, rather than read as a demo chain left unfinished.
      let existing = try? JSONDecoder().decode(ChainConfiguration.self, from: data)
      guard let existing, Self.isDemoChain(existing) else {
        throw PipelineError.invalidArgument(
          "\(directory) holds a chain that is not this demo's (the demo generates its own "
            + "with the sample chain's settings for \(nights) nights): give --chain a new or "
            + "empty folder, or run your own chain with 'shelfcast ingest' and 'shelfcast "
            + "nightly'")
      }
      return true
    }
    try GenerateStage.requireEmpty(directory)
    return false
  }

  /// The registry reason of the demo's first model.
  static let firstModelReason = "demo: the first model"

  /// The first run date.
  public static func firstNight(nights: Int) -> Day {
    chain(nights: nights).start.adding(days: historyDays)
  }

  /// What the demo reports as it goes.
  public enum Event: Sendable {
    /// A setup step: generating the chain, loading the history and the first model.
    case step(String)
    /// A night already finished by an earlier demo run.
    case alreadyDone(Day)
    /// A night that ran.
    case night(NightlyStage.Outcome)
  }

  /// Makes the chain under `chainDirectory` unless it is there, and the workspace's history and
  /// first model unless it has them; then runs the nights, calling `report` with each step and
  /// night.
  /// - Returns: the nights run (skipped ones excluded).
  public static func run(
    _ context: NightlyStage.Context, nights: Int, chainDirectory: String,
    report: (Event) -> Void
  ) throws -> [NightlyStage.Outcome] {
    let workspace = context.workspace
    let configuration = chain(nights: nights)
    let resume = "the next 'shelfcast demo' (or 'make run') continues from there"
    // Generated unless an earlier run made it.
    if try !checkChain(directory: chainDirectory, nights: nights) {
      try StopRequest.checkpoint(
        next: "generating the demo chain", done: "nothing", resume: resume)
      report(.step("generating the demo chain under \(chainDirectory)"))
      _ = try StopRequest.during(
        "the generation of the demo chain", done: "nothing", resume: resume
      ) {
        try GenerateStage.run(
          configuration: configuration, directory: chainDirectory, progress: nil)
      }
    }
    if try workspace.openRegistry().champion() == nil {
      try StopRequest.checkpoint(
        next: "loading the history", done: "the demo chain", resume: resume)
      report(.step("loading the history and training the first model"))
      let history = try IngestStage.run(
        workspace: workspace,
        paths: [chainDirectory + "/master", chainDirectory + "/history"],
        asOf: firstNight(nights: nights).adding(days: -1), logger: context.logger,
        clock: context.now)
      guard !history.hasRejectedFiles else {
        throw PipelineError.invalidArgument(
          "the demo chain's history was refused; see \(workspace.quarantineDirectory)")
      }
      try checkHistory(
        workspace: workspace, through: firstNight(nights: nights).adding(days: -1),
        chainDirectory: chainDirectory)
      try StopRequest.checkpoint(
        next: "training the first model", done: "the demo chain and its history",
        resume: resume)
      let lastDay = firstNight(nights: nights).adding(days: -1)
      // A demo killed between the first model's registration and its promotion: promote it
      // rather than train a second one.
      if let registered = try workspace.openRegistry().list().first(where: {
        $0.status == .candidate && $0.reason == firstModelReason && $0.windowLastDay == lastDay
      }) {
        _ = try RegistryStage.promote(
          workspace: workspace, id: registered.id, reason: "first model")
      } else {
        let training = try context.configuration.training.forecastConfiguration()
        _ = try StopRequest.during(
          "the training of the first model", done: "the demo chain and its history",
          resume: resume
        ) {
          try TrainStage.run(
            workspace: workspace, asOf: lastDay, configuration: training,
            logger: context.logger,
            registration: .init(trigger: .manual, reason: firstModelReason),
            progress: context.progress)
        }
      }
    }
    let inbox = try workspace.pathInside(context.configuration.inbox, setting: "inbox")
    try AtomicFile.makeDirectories(inbox)
    let log = NightLog(database: try workspace.openRegistry().database)
    var outcomes: [NightlyStage.Outcome] = []
    for night in 0..<nights {
      let day = firstNight(nights: nights).adding(days: night)
      if try log.night(day) != nil {
        report(.alreadyDone(day))
        continue
      }
      try StopRequest.checkpoint(
        next: "the night of \(day.iso)", done: "the demo's setup and the nights before it",
        resume: resume)
      for (folder, prefix) in [("inbox", "transactions_"), ("inventory", "on_hand_")] {
        let name = prefix + day.iso + ".csv"
        let source = chainDirectory + "/" + folder + "/" + name
        guard let data = FileManager.default.contents(atPath: source) else {
          throw PipelineError.invalidArgument(
            "\(source) is missing: the demo chain under \(chainDirectory) was made for fewer "
              + "nights; remove it to make a new one.")
        }
        if !FileManager.default.fileExists(atPath: inbox + "/" + name) {
          try AtomicFile.write([UInt8](data), to: inbox + "/" + name)
        }
      }
      let outcome = try NightlyStage.run(context, runDate: day)
      report(.night(outcome))
      outcomes.append(outcome)
      if outcome.status == .inputMissing { break }
    }
    return outcomes
  }

  /// Checks that the history loaded from the chain reaches the day before the first night.
  ///
  /// A chain that stops short was left part-way by a `generate` of an earlier version (this
  /// one renames a chain into place only when it is complete); the demo cannot go on with it.
  /// - Throws: `PipelineError.invalidArgument` saying what is unfinished and the one command
  ///   that repairs it.
  static func checkHistory(workspace: Workspace, through day: Day, chainDirectory: String) throws {
    let last = try workspace.openDatabase().lastDemandDay()
    guard let last, last >= day else {
      let chain = (chainDirectory as NSString).standardizingPath
      let removal =
        chain.hasPrefix(workspace.root + "/")
        ? "rm -rf '\(workspace.root)'" : "rm -rf '\(chain)' '\(workspace.root)'"
      throw PipelineError.invalidArgument(
        "the demo's setup is unfinished: the chain under \(chainDirectory) holds history only "
          + "through \(last?.iso ?? "no day") but the demo needs it through \(day.iso) (a "
          + "chain generation was stopped part-way by an earlier version). Remove the chain "
          + "and the workspace made from it, then run the demo again: \(removal) (or 'make "
          + "clean' for the default workspace)")
    }
  }
}
