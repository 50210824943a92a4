import Dispatch
import Foundation
import Hummingbird
import Logging
import OpenAPIHummingbird
import OpenAPIRuntime
import Pipeline
import ServiceLifecycle

/// How `shelfcast serve` listens and whom it answers.
public struct APIServerSettings: Sendable {
  /// The address to bind (`127.0.0.1` by default: loopback only).
  public var host: String
  /// The TCP port; 0 asks the system for a free one (tests).
  public var port: Int
  /// The bearer tokens and their roles; nil: no authentication (every path open).
  public var tokens: AccessTokens?
  /// How often `manifests/` is checked for a newer finished night.
  public var pollInterval: Duration

  public init(
    host: String = "127.0.0.1", port: Int = 8080, tokens: AccessTokens? = nil,
    pollInterval: Duration = .seconds(2)
  ) {
    self.host = host
    self.port = port
    self.tokens = tokens
    self.pollInterval = pollInterval
  }
}

/// `shelfcast serve`: the read-only HTTP API of `openapi.yaml` over a workspace's last finished
/// night, on Hummingbird, run by a swift-service-lifecycle `ServiceGroup` beside the watcher
/// that switches to newer nights and ends the server gracefully on a stop request.
public enum APIServer {
  /// Serves `workspace` until `stopRequested()` turns true (checked every 100 ms; the
  /// executable's SIGINT/SIGTERM handlers set it) or the task is cancelled; in-flight requests
  /// are finished first.
  ///
  /// - Parameter onListening: called with the bound port once the server accepts connections.
  /// - Throws: `PipelineError.workspaceUnusable` when the database cannot be opened read-only
  ///   or its schema is older than this build's; `.invalidArgument` when the address cannot be
  ///   bound (exit 64 in the command).
  public static func run(
    workspace: Workspace, settings: APIServerSettings, logger: Logger,
    stopRequested: @escaping @Sendable () -> Bool = { StopRequest.signal != nil },
    onListening: @escaping @Sendable (Int) async -> Void = { _ in }
  ) async throws {
    // The server only reads: the database is opened read-only and never migrated. A schema
    // older than this build's stops it here, before it listens (the error says what to run).
    _ = try WorkspaceSession(workspace: workspace, readOnly: true)
    let catalog = NightCatalog(workspace: workspace, logger: logger)
    catalog.refresh()
    let intraday = IntradayCatalog(
      reportDirectory: workspace.reportDirectory, logger: logger)
    intraday.refresh()
    let metrics = RequestMetrics()
    // HEAD of a GET path answers as GET without the body (RFC 9110, 9.3.2).
    let router = Router(options: .autoGenerateHeadEndpoints)
    router.add(middleware: MethodNotAllowedMiddleware())
    router.add(middleware: NotFoundMiddleware())
    let handler = APIHandler(catalog: catalog, intraday: intraday, metrics: metrics)
    // Compact JSON with sorted keys: the same answer is the same bytes.
    try handler.registerHandlers(
      on: router, configuration: .init(jsonEncodingOptions: [.sortedKeys]),
      middlewares: [
        ObservingMiddleware(metrics: metrics, logger: logger),
        ProblemMiddleware(tokens: settings.tokens),
        ForecastMiddleware(handler: handler),
      ])
    var quiet = logger
    quiet.logLevel = max(logger.logLevel, .notice)
    let listening = Flag()
    let application = Application(
      router: router,
      configuration: .init(address: .hostname(settings.host, port: settings.port)),
      onServerRunning: { channel in
        listening.set()
        let port = channel.localAddress?.port ?? settings.port
        logger.notice(
          "serving",
          metadata: ["address": "\(settings.host):\(port)", "workspace": "\(workspace.root)"])
        await onListening(port)
      },
      logger: quiet)
    let watcher = NightWatcher(
      catalog: catalog, intraday: intraday, pollInterval: settings.pollInterval,
      stopRequested: stopRequested)
    let group = ServiceGroup(
      configuration: .init(
        services: [
          .init(service: application),
          .init(service: watcher, successTerminationBehavior: .gracefullyShutdownGroup),
        ],
        gracefulShutdownSignals: [], logger: quiet))
    do {
      try await group.run()
    } catch let error where !listening.isSet {
      // Before the server listened: the address cannot be had (a port in use, a host that is
      // not an address of this machine), which the command line must change.
      throw PipelineError.invalidArgument(
        "cannot listen on \(settings.host):\(settings.port) (\(error)); give another --port "
          + "(or stop what holds it), or a --host this machine has, such as 127.0.0.1")
    }
  }
}

/// Looks for a newer finished night and a newer finished intraday run every `pollInterval`,
/// and ends (shutting the group down gracefully) once a stop is requested.
struct NightWatcher: Service {
  let catalog: NightCatalog
  let intraday: IntradayCatalog
  let pollInterval: Duration
  let stopRequested: @Sendable () -> Bool

  func run() async throws {
    let clock = ContinuousClock()
    var nextRefresh = clock.now.advanced(by: pollInterval)
    while !stopRequested(), !Task.isCancelled, !Task.isShuttingDownGracefully {
      try? await Task.sleep(for: .milliseconds(100))
      if clock.now >= nextRefresh {
        // Reading a new night takes seconds at chain scale: on a Dispatch thread, not one of
        // the few threads that answer requests.
        let (catalog, intraday) = (self.catalog, self.intraday)
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
          DispatchQueue.global().async {
            catalog.refresh()
            intraday.refresh()
            done.resume()
          }
        }
        nextRefresh = clock.now.advanced(by: pollInterval)
      }
    }
  }
}
