import ArgumentParser
import DemandCore
import Pipeline
import Synthetic

extension GeneratorProfile: ExpressibleByArgument {}

extension ShelfCast {
  struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write a synthetic retail chain with its ground truth.",
      discussion: """
        The same arguments always give byte-identical files. The last --transaction-days days \
        are written as raw transactions and inventory snapshots; the days before them as daily \
        demand history. truth/expected_demand.csv holds the true mean demand through 91 days \
        past the end (from --truth-from if given, to keep it small). --profile realistic \
        draws demand with hidden drivers the files do not show (latent level, unlisted prices \
        and promotions, off-shelf spells, bulk buys) and adds the true quantiles p10,p50,p90 \
        to the truth; the chain's README.md lists every driver and its parameters.
        """)

    @Option(help: "Number of stores.") var stores: Int
    @Option(help: "Number of SKUs.") var skus: Int
    @Option(help: "First day of history (YYYY-MM-DD).") var start: Day
    @Option(help: "Days of history in all, transactions included.") var days: Int
    @Option(help: "Trailing days written as transactions and inventory snapshots.")
    var transactionDays: Int
    @Option(help: "Random seed; the same seed gives the same chain.") var seed: UInt64 = 1
    @Option(help: "Folder to write; it must not exist or be empty.") var out: String
    @Option(help: "From this day, some series change level and weekly profile.") var driftAt: Day?
    @Option(help: "Share of store/SKU series that drift (0 to 1).") var driftShare: Double = 0.1
    @Option(help: "Write truth/expected_demand.csv only from this day (default: from --start).")
    var truthFrom: Day?
    @Option(help: "Demand model: simple (default) or realistic.") var profile: GeneratorProfile =
      .simple
    @Flag(help: "Add each transaction line's time of sale (a time column, HH:MM:SS).")
    var timestamps = false
    @OptionGroup var output: OutputOptions

    var chain: ChainConfiguration {
      ChainConfiguration(
        storeCount: stores, skuCount: skus, start: start, dayCount: days,
        transactionDayCount: transactionDays, seed: seed, driftStart: driftAt,
        driftShare: driftAt == nil ? 0 : driftShare, truthStart: truthFrom, profile: profile,
        timestamps: timestamps)
    }

    func validate() throws {
      do { try chain.validate() } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
      let text = try StopRequest.during(
        "the generation of the chain under \(out)", done: "nothing",
        resume: "\(out) was left as it was; the next 'shelfcast generate' writes the chain again"
      ) {
        try GenerateStage.run(
          configuration: chain, directory: out,
          progress: Terminal.fraction(enabled: output.showsProgress, label: "generate"))
      }
      if !output.quiet { print(text) }
    }
  }
}
