import ArgumentParser
import DemandCore
import Foundation
import Monitoring
import Pipeline

extension FailLevel: ExpressibleByArgument {}

extension ShelfCast {
  struct Monitor: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Compare archived forecasts with the actuals that have arrived, and raise alerts.",
      discussion: """
        Scores every forecast archived by 'shelfcast forecast' whose target day is among the 28 \
        days ending on D against that day's sales (stock-out days shown, never scored) and \
        writes OUT/D/forecast_vs_actual.csv, accuracy_summary.csv, alerts.csv, alerts.json and \
        OUT/metrics.prom. With --fail-on, exits with 3 when an alert reaches that level. On a \
        weekly workspace D is a week-ending date, each row is a week dated by its week-ending \
        date, and the drift tests (which read days) are skipped.
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The run date (YYYY-MM-DD); default: the last day with demand.")
    var date: Day?

    @Option(help: "YAML configuration: window, accuracy tolerance, bias limit, subgroup margin.")
    var config: String?

    @Option(help: "Output folder; default: DIR/reports.")
    var out: String?

    @Option(help: "Exit with 3 when an alert is at least this severe: warning or critical.")
    var failOn: FailLevel?

    @Flag(help: "Skip the drift tests (drift.csv and drift alerts).")
    var noDrift = false

    func run() throws {
      let logger = output.makeLogger(label: "shelfcast.monitor")
      let (root, lock) = try workspace.locked(command: "monitor", logger: logger)
      defer { lock.release() }
      let outcome: MonitorStage.Outcome
      do {
        let settings = try config.map(ConfigurationFile.monitoringSettings) ?? MonitoringSettings()
        let drift = try config.map(ConfigurationFile.driftSettings) ?? DriftSettings()
        outcome = try MonitorStage.run(
          workspace: root, date: date, settings: settings,
          drift: noDrift ? nil : drift, outDirectory: out, logger: logger,
          modelLife: ModelLifeReport.make(workspace: root, through: date, logger: logger))
      } catch PipelineError.invalidArgument(let message) {
        throw UsageFailure.exit(message)
      }
      print(MonitorText.render(outcome))
      if let failOn, outcome.reaches(failOn) {
        throw ExitCode(ExitStatus.alertsRaised.rawValue)
      }
    }
  }
}
