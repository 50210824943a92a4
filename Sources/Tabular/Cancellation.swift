/// A stop asked of a long computation, checked between its units of work (a store of a
/// training, a backtest window, a simulated day, a file written or read).
///
/// The executable turns SIGINT and SIGTERM into a request (`StopRequest` in Pipeline, which
/// hands its own `Cancellation` down); a module that runs a long loop takes one as a parameter
/// instead of reading a global, and calls `check()` once per unit, so a stop is honoured within
/// one unit of work (about a second at chain scale). What the loop has made is dropped: a
/// computation stopped this way returns nothing and writes nothing, and the next run starts it
/// again. Checking costs one call of the closure (a lock and a load).
public struct Cancellation: Sendable {
  private let requested: @Sendable () -> Bool

  /// - Parameter requested: true once the computation should stop; called from any thread.
  public init(_ requested: @escaping @Sendable () -> Bool) { self.requested = requested }

  /// Never stops: for callers without signals (tests, benchmarks).
  public static let never = Cancellation { false }

  /// Whether a stop was requested.
  public var isRequested: Bool { requested() }

  /// - Throws: `Cancelled` when a stop was requested.
  public func check() throws(Cancelled) {
    if requested() { throw Cancelled() }
  }
}

/// Thrown by `Cancellation.check()`: the computation stopped part-way and made nothing.
public struct Cancelled: Error, Sendable, Equatable, CustomStringConvertible {
  public init() {}
  public var description: String { "stopped part-way on request; nothing of it was kept" }
}
