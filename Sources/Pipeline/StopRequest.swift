import Foundation
import Tabular

/// A signal that asked the running command to stop.
public enum StopSignal: Int32, Sendable, Equatable {
  /// SIGINT: Ctrl-C on a terminal.
  case interrupt = 2
  /// SIGTERM: a scheduler stopping the job (systemd stop, Kubernetes eviction).
  case terminate = 15

  /// The exit code of a command it stopped: 128 + the signal number (130, 143), as a shell
  /// reports a process the signal killed.
  public var exitCode: Int32 { 128 + rawValue }

  /// `SIGINT` or `SIGTERM`.
  public var name: String {
    switch self {
    case .interrupt: "SIGINT"
    case .terminate: "SIGTERM"
    }
  }
}

/// The command-wide stop request that SIGINT and SIGTERM leave for the running command.
///
/// The executable's signal handlers record the signal (`source`, or `request(_:)`); the command
/// polls `checkpoint` between
/// its atomic steps (each stage of a night, each night of a catch-up or demo, each setup step
/// of the demo), so a stop finishes the step under way and never leaves half of one. A step
/// that has begun is finished: ingesting a file, a registration, a promotion. Long
/// computations whose results are written only at their end (a training, a backtest, a
/// simulation, a generated chain, an import) check `cancellation` inside their loops instead
/// and are dropped part-way (`during`). Safe to call from any thread.
public enum StopRequest {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var requested: StopSignal?

  /// Where the executable's signal handlers leave the signal (they may not take a lock); read
  /// by `signal` along with `request(_:)`'s own record.
  nonisolated(unsafe) public static var source: (@Sendable () -> StopSignal?)?

  /// The first signal received, if any.
  public static var signal: StopSignal? {
    lock.lock()
    defer { lock.unlock() }
    return requested ?? source?()
  }

  /// Records `signal`.
  /// - Returns: true for the first request, false when one was already made (the caller then
  ///   stops at once).
  @discardableResult
  public static func request(_ signal: StopSignal) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    guard requested == nil else { return false }
    requested = signal
    return true
  }

  /// Forgets the request (tests that run several commands in one process).
  public static func reset() {
    lock.lock()
    defer { lock.unlock() }
    requested = nil
  }

  /// The request as the modules upstream check it inside their long loops (per store, window,
  /// simulated day or file): they throw `Cancelled`, and `during` names what was dropped.
  public static let cancellation = Cancellation { signal != nil }

  /// Runs `body`, a computation whose loops check `cancellation` and which writes nothing
  /// before it has finished, and turns a stop inside it into `PipelineError.interrupted`
  /// ("stopped during STEP (…); done: DONE; RESUME"). Only the outermost caller should say
  /// what the next run does: the stages below it let `Cancelled` through.
  /// - Parameters:
  ///   - step: what was under way, as the user reads it ("the training on the history
  ///     through 2026-10-17"); it is dropped, nothing of it kept.
  ///   - done: what the command had completed before it ("nothing").
  ///   - resume: what the next run will do.
  public static func during<T>(
    _ step: String, done: String, resume: String, _ body: () throws -> T
  ) throws -> T {
    do {
      return try body()
    } catch is Cancelled {
      throw PipelineError.interrupted(
        signal: signal ?? .interrupt,
        summary: "stopped during \(step) (the work under way was dropped; nothing "
          + "half-written is left); done: \(done); \(resume)")
    }
  }

  /// Throws when a stop was requested, before the step `next` begins.
  /// - Parameters:
  ///   - next: the step that would begin now, as the user reads it ("the forecast stage").
  ///   - done: what the command has completed so far ("ingest and retrain of 2026-10-18").
  ///   - resume: what the next run will do ("shelfcast nightly --date 2026-10-18 runs the
  ///     night again from the forecast").
  /// - Throws: `PipelineError.interrupted` naming them.
  public static func checkpoint(next: String, done: String, resume: String) throws {
    guard let signal else { return }
    throw PipelineError.interrupted(
      signal: signal, summary: "stopped before \(next); done: \(done); \(resume)")
  }
}
