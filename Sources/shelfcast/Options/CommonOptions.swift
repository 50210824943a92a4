import ArgumentParser
import DemandCore
import Foundation
import Logging
import Pipeline

/// `--workspace DIR`, shared by every command that reads or writes a workspace.
struct WorkspaceOptions: ParsableArguments {
  @Option(
    name: .long,
    help:
      "The workspace folder; only init, ingest and demo create a missing one, others refuse it.")
  var workspace: String

  /// The workspace, created when missing (ingest, demo, init).
  func open() throws -> Workspace {
    do { return try Workspace(path: workspace) } catch {
      throw ValidationError("\(error)")
    }
  }

  /// The workspace with its run lock held, so no other run writes to it meanwhile. Another live
  /// run holding it is exit code 75 with the holder named; a lock left by a killed run is taken
  /// over, with a warning, and the temporary files killed runs left are removed. A folder that
  /// is not a workspace is exit code 64, unless `create`.
  ///
  /// With `waitSeconds` > 0, a held lock is tried again every half second until that many
  /// seconds have passed (an intraday drop waits for the night to finish, within a bound).
  /// With `dailyOnly`, a weekly workspace is exit code 64 before the lock is taken (see
  /// `requireDaily`).
  func locked(
    command: String, logger: Logger? = nil, create: Bool = false, waitSeconds: Double = 0,
    dailyOnly: Bool = false
  ) throws -> (Workspace, RunLock) {
    let workspace = try create ? open() : existing()
    if dailyOnly { try requireDaily(workspace, command: command) }
    do {
      let deadline = Date().addingTimeInterval(waitSeconds)
      var attempt: RunLock?
      while attempt == nil {
        do {
          attempt = try RunLock(workspace: workspace, command: command)
        } catch PipelineError
          .lockHeld(let path, let holder)
        {
          guard Date() < deadline else { throw PipelineError.lockHeld(path: path, holder: holder) }
          usleep(500_000)
        }
      }
      guard let lock = attempt else { throw ExitCode(ExitStatus.lockHeld.rawValue) }
      if let previous = lock.takenOverFrom {
        logger?.warning(
          "took over the lock of a run that did not finish",
          metadata: ["previous": "\(previous.description)"])
      }
      let removed = workspace.removeStrayTemporaryFiles()
      if removed > 0 {
        logger?.notice(
          "removed temporary files left by a run that was killed",
          metadata: ["files": "\(removed)"])
      }
      return (workspace, lock)
    } catch let error as PipelineError {
      if case .lockHeld = error {
        FileHandle.standardError.write(Data(("Error: \(error)\n").utf8))
        throw ExitCode(ExitStatus.lockHeld.rawValue)
      }
      throw error
    }
  }

  /// The workspace, which must already exist (for commands that only read).
  func existing() throws -> Workspace {
    do { return try Workspace(path: workspace, create: false) } catch {
      throw UsageFailure.exit("\(error)")
    }
  }

  /// The grain of `workspace` (exit 64 when its grain file is unreadable).
  func grain(of workspace: Workspace) throws -> Grain {
    do { return try workspace.grain() } catch { throw UsageFailure.exit("\(error)") }
  }

  /// Refuses a weekly workspace (exit 64) for a command that does not read weeks yet: at weekly
  /// grain only init, ingest, backtest, train, forecast, recommend, explain, monitor and the
  /// commands that do not forecast work today, and a
  /// forecast made day by day from weekly data would be wrong without saying so.
  func requireDaily(_ workspace: Workspace, command: String) throws {
    let grain: Grain
    do { grain = try workspace.grain() } catch { throw UsageFailure.exit("\(error)") }
    guard grain == .daily else {
      throw UsageFailure.exit(
        "\(workspace.root) is a \(grain) workspace, and `shelfcast \(command)` works on daily "
          + "workspaces only so far (at weekly grain: init, ingest, backtest, train, forecast, "
          + "recommend, explain and monitor; see docs/real-data.md).")
    }
  }
}

/// `--quiet` and `--log-level`: how much a command says on the terminal.
struct OutputOptions: ParsableArguments {
  @Flag(name: .long, help: "Print no progress and only warnings and errors in the log.")
  var quiet = false

  @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
  var logLevel: String?

  func validate() throws {
    if let logLevel, Logger.Level(rawValue: logLevel) == nil {
      throw ValidationError(
        "Please give --log-level as one of: "
          + Logger.Level.allCases.map(\.rawValue).joined(separator: ", ") + ".")
    }
  }

  /// Progress lines are drawn only on a terminal, and never with --quiet.
  var showsProgress: Bool { !quiet && Terminal.isInteractive }

  func makeLogger(label: String) -> Logger {
    let level = logLevel.flatMap(Logger.Level.init(rawValue:)) ?? (quiet ? .warning : .notice)
    LoggingBootstrap.once()
    var logger = Logger(label: label)
    logger.logLevel = level
    return logger
  }
}

extension Day: ExpressibleByArgument {
  public init?(argument: String) { self.init(iso: argument) }
}

/// A user mistake found while running (not while parsing options): the message alone on standard
/// error, then the usage exit code, without the usage text ArgumentParser adds to a
/// `ValidationError`.
enum UsageFailure {
  static func exit(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data(("Error: " + message + "\n").utf8))
    return ExitCode(ExitStatus.usage.rawValue)
  }
}
