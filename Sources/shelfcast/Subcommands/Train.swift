import ArgumentParser
import DemandCore
import Forecasting
import Pipeline

extension ShelfCast {
  struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Fit every model family, backtest, choose per series and save the fitted set.",
      discussion: """
        Each series is backtested on rolling origins (3 × the horizon by default) and gets the \
        model, or the median of the best few, with the lowest backtest error. The set is \
        registered as a new version (DIR/models/versions/vNNNN.json, card in \
        DIR/reports/models/) and goes into service (DIR/models/fitted-set.json) when there is \
        no champion yet or with --promote; otherwise promote it with `shelfcast registry \
        promote`. Timings go to DIR/models/training-report.json, with how often the \
        backtest's 7- and 14-day covers stayed within 90, 95 and 98 % order-up-to levels \
        (also printed). On a weekly workspace the horizon is --horizon-weeks and the weekly \
        model families are fitted on one value per week.
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var engine: EngineOptions

    @Option(
      help: "Train on history up to this day (YYYY-MM-DD); default: the last day with demand.")
    var asOf: Day?

    @Flag(help: "Promote the new version to champion even when there is one.")
    var promote = false

    @Option(help: "Why this training, for the registry and the audit log.")
    var reason = "trained by hand"

    @Option(
      help: ArgumentHelp(
        "Weekly workspaces only: weeks the models are trained and calibrated for (1 … 52); "
          + "default 13."))
    var horizonWeeks: Int?

    func validate() throws {
      if let horizonWeeks, !(1...52).contains(horizonWeeks) {
        throw ValidationError("Please give --horizon-weeks between 1 and 52.")
      }
    }

    func run() throws {
      let logger = output.makeLogger(label: "shelfcast.train")
      let (workspace, lock) = try self.workspace.locked(command: "train", logger: logger)
      defer { lock.release() }
      do {
        let configuration = try engine.configuration(
          grain: try self.workspace.grain(of: workspace), horizonWeeks: horizonWeeks)
        let outcome = try StopRequest.during(
          "the training", done: "nothing (no version registered, no file written)",
          resume: "the next 'shelfcast train' trains again from the start"
        ) {
          try TrainStage.run(
            workspace: workspace, asOf: asOf, configuration: configuration, logger: logger,
            registration: .init(trigger: .manual, reason: reason, promote: promote),
            progress: Terminal.progress(enabled: output.showsProgress, label: "train"))
        }
        print(TrainingText.render(outcome))
      } catch PipelineError.invalidArgument(let message) {
        throw UsageFailure.exit(message)
      }
    }
  }

  struct Forecast: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Forecast the days after a run date from the saved fitted set.",
      discussion: """
        D is the run date: the night after D's sales are in. The forecast covers D+1 … D+horizon \
        from history up to D only and goes to OUT/D/forecast.csv \
        (store_id,sku_id,date,p10,p50,p90,mean,model). On a weekly workspace D is a \
        week-ending date and the rows are the --horizon-weeks weeks after it, each dated by its \
        week-ending date, in units per week. The forecast is archived for recommend and monitor, \
        except a shorter one than the set's horizon when a longer one is archived for D.
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The run date (YYYY-MM-DD); default: the last day with demand.")
    var date: Day?

    @Option(
      help: "Days to forecast, at most the horizon the set was trained for (default: that horizon)."
    )
    var horizon: Int?

    @Option(
      help: "Weekly workspaces only: weeks to forecast; default: the weeks the set was trained for."
    )
    var horizonWeeks: Int?

    @Option(help: "Output folder; default: DIR/reports.")
    var out: String?

    func run() throws {
      let logger = output.makeLogger(label: "shelfcast.forecast")
      let (workspace, lock) = try self.workspace.locked(command: "forecast", logger: logger)
      defer { lock.release() }
      let outcome: ForecastStage.Outcome
      do {
        let periods: Int?
        if try self.workspace.grain(of: workspace) == .daily {
          guard horizonWeeks == nil else {
            throw UsageFailure.exit(
              "--horizon-weeks is for weekly workspaces; \(workspace.root) is daily: give --horizon."
            )
          }
          periods = horizon  // nil: the horizon the set in service was trained for
        } else {
          guard horizon == nil else {
            throw UsageFailure.exit(
              "\(workspace.root) is a weekly workspace: give the horizon in weeks, --horizon-weeks."
            )
          }
          periods = horizonWeeks
        }
        outcome = try ForecastStage.run(
          workspace: workspace, date: date, horizon: periods, outDirectory: out,
          logger: logger,
          progress: Terminal.progress(enabled: output.showsProgress, label: "forecast"))
      } catch PipelineError.invalidArgument(let message) {
        throw UsageFailure.exit(message)
      } catch let error as ForecastError {
        if case .invalidConfiguration = error { throw UsageFailure.exit("\(error)") }
        throw error
      }
      print(
        "Forecast \(outcome.firstTargetDay.iso) … \(outcome.lastTargetDay.iso) of "
          + "\(outcome.series) series (\(outcome.newItems) new items): \(outcome.path)")
    }
  }

  struct Backtest: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Hold out the last days, train on the rest, and score every model family.",
      discussion: """
        Prints WAPE, MAE, RMSE, MASE, RMSSE, bias and 80 % interval coverage per family, for \
        the selected mix and (with --truth, the generator's expected_demand.csv) the oracle, \
        overall and for fast and slow movers, and the selected mix per window and per day and \
        week ahead; writes OUT/backtest/metrics.csv, windows.csv, horizons.csv, holdout.csv and \
        series.csv (the last window's). With --windows N the models are trained once, before \
        the first window, and forecast from N origins --step days apart, re-reading the history \
        up to each (as nightly forecasts do between trainings; statsforecast's \
        cross_validation with refit=False).
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var engine: EngineOptions

    @Option(help: "Days held out at the end of the history (also the forecast horizon).")
    var holdoutDays = 28

    @Option(help: "Forecast origins (windows); the last one's holdout ends on the last day.")
    var windows = 1

    @Option(help: "Days between origins (default: --holdout-days).")
    var step: Int?

    @Option(help: "The generator's truth/expected_demand.csv, to score the oracle.")
    var truth: String?

    @Option(help: "Output folder; default: DIR/reports.")
    var out: String?

    func validate() throws {
      guard (1...ForecastConfiguration.maximumHorizonDays).contains(holdoutDays) else {
        throw ValidationError(
          "Please give --holdout-days between 1 and \(ForecastConfiguration.maximumHorizonDays).")
      }
      guard (1...52).contains(windows) else {
        throw ValidationError("Please give --windows between 1 and 52.")
      }
      if let step, !(1...366).contains(step) {
        throw ValidationError("Please give --step between 1 and 366 days.")
      }
    }

    func run() throws {
      let logger = output.makeLogger(label: "shelfcast.backtest")
      let (workspace, lock) = try self.workspace.locked(command: "backtest", logger: logger)
      defer { lock.release() }
      let configuration = try engine.configuration()
      let outcome = try StopRequest.during(
        "the backtest", done: "nothing (no file under backtest/ written)",
        resume: "the next 'shelfcast backtest' runs it again from the start"
      ) {
        try BacktestStage.run(
          workspace: workspace, holdoutDays: holdoutDays, windows: windows, stepDays: step,
          truthPath: truth, outDirectory: out, configuration: configuration, logger: logger,
          progress: Terminal.progress(enabled: output.showsProgress, label: "backtest"))
      }
      print(BacktestText.render(outcome))
    }
  }
}
