/// Failures of a whole command, each with the exit code operations scripts can rely on.
public enum PipelineError: Error, Equatable, Sendable, CustomStringConvertible {
  case workspaceUnusable(path: String, reason: String)
  case noWorkspace(path: String)
  case invalidArgument(String)
  /// Another run holds the workspace's lock.
  case lockHeld(path: String, holder: String)
  /// SIGINT or SIGTERM stopped the command between two atomic steps; `summary` says what was
  /// done and what the next run will do.
  case interrupted(signal: StopSignal, summary: String)

  public var description: String {
    switch self {
    case .workspaceUnusable(let path, let reason):
      return "\(path): the workspace cannot be used (\(reason))."
    case .noWorkspace(let path):
      return "\(path) is not a ShelfCast workspace (no shelfcast.sqlite): check --workspace, "
        + "or create one with 'shelfcast init --workspace \(path)' or 'shelfcast ingest "
        + "--workspace \(path) FILES'."
    case .invalidArgument(let text):
      return text
    case .lockHeld(let path, let holder):
      return "another run holds the workspace lock \(path): \(holder). Wait for it to finish; "
        + "a run that was killed releases the lock by itself."
    case .interrupted(let signal, let summary):
      return "\(signal.name): \(summary)."
    }
  }
}

/// Exit codes of the `shelfcast` command, documented in docs/exit-codes.md.
public enum ExitStatus: Int32, Sendable {
  /// Everything asked for was done.
  case success = 0
  /// An unexpected internal error; the message says what.
  case internalError = 1
  /// Input was refused (a file failed or had too many bad rows); nothing of it was stored.
  case inputRefused = 2
  /// `shelfcast monitor --fail-on LEVEL`: an alert at or above LEVEL was raised (the reports
  /// were still written).
  case alertsRaised = 3
  /// `shelfcast nightly`: the run date's sales have not arrived; nothing was forecast (alerts
  /// and metrics were written). Run again once they are in the inbox.
  case inputMissing = 4
  /// `shelfcast audit verify` found an edited, deleted or reordered audit entry.
  case auditBroken = 5
  /// Command-line usage error (from the argument parser).
  case usage = 64
  /// Another run holds the workspace lock; try again later (sysexits' EX_TEMPFAIL).
  case lockHeld = 75
  /// SIGINT stopped the command after its current atomic step (128 + 2).
  case interrupted = 130
  /// SIGTERM stopped the command after its current atomic step (128 + 15).
  case terminated = 143
}
