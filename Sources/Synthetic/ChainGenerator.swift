import DemandCore
import Dispatch
import Foundation
import Tabular

/// Generates a synthetic retail chain with its ground truth: master data, daily history,
/// raw transactions and inventory for the last days, and the true expected demand.
///
/// ```swift
/// let configuration = ChainConfiguration(
///   storeCount: 200, skuCount: 500, start: Day(iso: "2025-01-01")!, dayCount: 395,
///   transactionDayCount: 30, seed: 7)
/// let generator = ChainGenerator(configuration: configuration)
/// let summary = try generator.write(to: "data/chain", progress: nil)
/// ```
///
/// Output is byte-identical for equal configurations, whatever the number of cores: every
/// store draws from its own random stream and stores are concatenated in store order.
/// The files and the demand model are described in the `README.md` written with the chain.
public struct ChainGenerator: Sendable {
  public let configuration: ChainConfiguration

  public init(configuration: ChainConfiguration) {
    self.configuration = configuration
  }

  /// Writes the chain under `directory`, creating it.
  ///
  /// - Parameters:
  ///   - directory: where to write; it must not exist yet or be empty.
  ///   - progress: called now and then, on the calling thread, with the fraction done (0...1)
  ///     and a short message.
  ///   - cancellation: checked before each run of days (about 100 MB of rows; `CrashPoint`
  ///     `generate.run-written` after each); a stop throws `GeneratorError.stopped`.
  /// - Returns: what was written and how long it took.
  /// - Throws: `GeneratorError` when the configuration is invalid, the directory holds files,
  ///   a file cannot be written, or a stop was requested. Files written before a failure are
  ///   left in place.
  /// - Complexity: time linear in stores × SKUs × days, spread over all cores. Memory is
  ///   about 1 KB per store/SKU series plus two sets of row buffers of roughly 100–250 MB
  ///   each (about 570 MB resident at 200 × 500, whatever the number of days).
  public func write(
    to directory: String, progress: (@Sendable (Double, String) -> Void)?,
    cancellation: Cancellation = .never
  ) throws(GeneratorError) -> GenerationSummary {
    let clock = ContinuousClock()
    let began = clock.now
    try configuration.validate()
    try ChainGenerator.prepare(directory)
    progress?(0, "Drawing master data")
    let catalog = ChainCatalog(configuration: configuration)
    var files = ChainFiles(root: directory)
    try files.writeMasterData(catalog)

    let context = SimulationContext(catalog: catalog, templates: RowTemplates(catalog: catalog))
    let stores = (0..<configuration.storeCount).map {
      StoreSlot(simulator: StoreSimulator(storeIndex: $0, catalog: catalog))
    }
    try files.openTruth(configuration.profile)
    let runs = ChainGenerator.dayRuns(configuration)
    let totalWork = runs.reduce(0) { $0 + ChainGenerator.work(of: $1, configuration) }
    var workDone = 0.0
    // Each run is simulated into one of two buffers while the previous run, in the other
    // buffer, is written to disk by iteration 0 of the same parallel loop.
    let writer = RunWriter(files: files, stores: stores, catalog: catalog)
    var previous: (run: Range<Int>, buffer: Int)?
    for (number, run) in runs.enumerated() {
      if cancellation.isRequested { throw .stopped }
      let table = DayTable(catalog: catalog, days: run)
      let buffer = number % 2
      let pending = previous
      DispatchQueue.concurrentPerform(iterations: stores.count + 1) { iteration in
        if iteration == 0 {
          if let pending { writer.write(pending.run, buffer: pending.buffer) }
        } else {
          stores[iteration - 1].run(table, context: context, buffer: buffer)
        }
      }
      if let failure = writer.failure { throw failure }
      if pending != nil { CrashPoint.hit("generate.run-written", detail: "\(number)") }
      previous = (run, buffer)
      workDone += ChainGenerator.work(of: run, configuration)
      let last = configuration.start.adding(days: run.upperBound - 1)
      progress?(min(1, workDone / totalWork), "Simulated through \(last.iso)")
    }
    if let previous { writer.write(previous.run, buffer: previous.buffer) }
    if let failure = writer.failure { throw failure }
    files = writer.files
    try files.finish()

    var summary = GenerationSummary(
      directory: directory, filesWritten: files.written, bytesWritten: files.bytesWritten,
      transactionLineCount: 0, historyRowCount: 0, inventoryRowCount: 0,
      expectedDemandRowCount: 0, sellingSeriesDayCount: 0, stockoutSeriesDayCount: 0,
      elapsedSeconds: 0)
    for slot in stores {
      let simulator = slot.simulator
      summary.transactionLineCount += simulator.transactionLines
      summary.historyRowCount += simulator.historyRows
      summary.inventoryRowCount += simulator.inventoryRows
      summary.expectedDemandRowCount += simulator.expectedDemandRows
      summary.sellingSeriesDayCount += simulator.sellingSeriesDays
      summary.stockoutSeriesDayCount += simulator.stockoutSeriesDays
    }
    let elapsed = began.duration(to: clock.now).components
    summary.elapsedSeconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
    progress?(1, "Wrote \(files.written.count) files")
    return summary
  }

  // MARK: - Planning

  /// The timeline cut into runs of days simulated together. Runs never straddle the start of
  /// the transaction days or of the future days, and are sized so one run's rows for all
  /// stores stay near 100 MB.
  static func dayRuns(_ configuration: ChainConfiguration) -> [Range<Int>] {
    let series = configuration.storeCount * configuration.skuCount
    let budgetBytes = 100_000_000
    let phases = [
      (0..<configuration.historyDayCount, 60),
      (configuration.historyDayCount..<configuration.dayCount, 260),
      (configuration.dayCount..<configuration.timelineDayCount, 40),
    ]
    var runs: [Range<Int>] = []
    for (phase, bytesPerSeriesDay) in phases where !phase.isEmpty {
      let length = max(1, min(28, budgetBytes / max(1, series * bytesPerSeriesDay)))
      var lower = phase.lowerBound
      while lower < phase.upperBound {
        let upper = min(phase.upperBound, lower + length)
        runs.append(lower..<upper)
        lower = upper
      }
    }
    return runs
  }

  /// Relative cost of a run, for progress reporting: transaction days cost the most.
  static func work(of run: Range<Int>, _ configuration: ChainConfiguration) -> Double {
    run.reduce(0.0) { total, day in
      total + (day >= configuration.dayCount ? 1 : day >= configuration.historyDayCount ? 8 : 2)
    }
  }

  /// Creates `directory` and its subdirectories, refusing one that already holds files.
  static func prepare(_ directory: String) throws(GeneratorError) {
    let manager = FileManager.default
    if let existing = try? manager.contentsOfDirectory(atPath: directory), !existing.isEmpty {
      throw .directoryNotEmpty(path: directory)
    }
    for sub in ["", "/master", "/history", "/inbox", "/inventory", "/truth"] {
      do {
        try manager.createDirectory(atPath: directory + sub, withIntermediateDirectories: true)
      } catch {
        throw .outputFailed(path: directory + sub, reason: error.localizedDescription)
      }
    }
  }
}

/// A store's simulator and its two output buffers, boxed so each parallel iteration mutates
/// only its own box. While one buffer is filled, the other may be read by the file writer.
final class StoreSlot: @unchecked Sendable {
  var simulator: StoreSimulator
  let outputs = [StoreOutput(), StoreOutput()]

  init(simulator: StoreSimulator) { self.simulator = simulator }

  func run(_ table: DayTable, context: SimulationContext, buffer: Int) {
    simulator.run(table, context: context, output: outputs[buffer])
  }
}

/// Writes finished runs to the chain's files from inside the parallel loop.
///
/// Only iteration 0 of a loop touches it, and the main thread reads it only after the loop has
/// returned, so there is never concurrent access; the buffer it reads is not the one being filled.
final class RunWriter: @unchecked Sendable {
  private(set) var files: ChainFiles
  private(set) var failure: GeneratorError?
  private let stores: [StoreSlot]
  private let catalog: ChainCatalog

  init(files: ChainFiles, stores: [StoreSlot], catalog: ChainCatalog) {
    self.files = files
    self.stores = stores
    self.catalog = catalog
  }

  /// Writes `run` from output `buffer`; after a failure it does nothing and keeps the failure.
  func write(_ run: Range<Int>, buffer: Int) {
    guard failure == nil else { return }
    do throws(GeneratorError) {
      try files.writeRun(run, stores: stores, buffer: buffer, catalog: catalog)
    } catch {
      failure = error
    }
  }
}
