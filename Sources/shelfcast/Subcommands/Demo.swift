import ArgumentParser
import Foundation
import Pipeline

extension ShelfCast {
  struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Create a demo chain and workspace, then run consecutive nightly jobs on it.",
      discussion: """
        The chain has the sample chain's settings (10 stores, 60 SKUs, seed 7) with one day \
        of transactions per night and drift injected into 20 % of the series from the middle \
        night. It is generated under DIR/chain unless there; the workspace gets its history \
        and a first model. Each night delivers that day's files to the inbox and runs the \
        nightly job, printing one line. Nights already done are skipped.
        """)

    @OptionGroup var output: OutputOptions

    @Option(help: "The workspace folder (created if missing).")
    var workspace = "workspace/demo"

    @Option(help: "Nights to run.")
    var nights = 35

    @Option(help: "The nightly configuration (YAML); default: built-in defaults.")
    var config: String?

    @Option(help: "Where the demo chain is (generated if missing); default: DIR/chain.")
    var chain: String?

    func validate() throws {
      guard (1...365).contains(nights) else {
        throw ValidationError("Please give --nights between 1 and 365.")
      }
    }

    func run() throws {
      let logger = output.makeLogger(label: "shelfcast.demo")
      let configuration: NightlyConfiguration
      do {
        configuration = try config.map(ConfigurationFile.nightly) ?? NightlyConfiguration()
      } catch PipelineError.invalidArgument(let message) {
        throw UsageFailure.exit(message)
      }
      // A --chain the demo cannot use is refused before the workspace is made (it would be
      // left behind empty): a usage error, exit 64, as every `PipelineError.invalidArgument`.
      if let chain { _ = try DemoStage.checkChain(directory: chain, nights: nights) }
      let options = try WorkspaceOptions.parse(["--workspace", workspace])
      let (workspace, lock) = try options.locked(command: "demo", logger: logger, create: true)
      defer { lock.release() }
      let context = NightlyStage.Context(
        workspace: workspace, configuration: configuration, configurationPath: config,
        logger: logger,
        progress: Terminal.progress(enabled: output.showsProgress, label: "demo"))
      _ = try DemoStage.run(
        context, nights: nights, chainDirectory: chain ?? workspace.root + "/chain"
      ) { event in
        switch event {
        case .step(let text): print(text)
        case .alreadyDone(let day): print("\(day.iso)  already done")
        case .night(let outcome): print(NightlyText.line(outcome))
        }
      }
      if !output.quiet { print(try DemoText.summary(workspace: workspace)) }
    }
  }
}
