import ArgumentParser
import Dispatch
import Foundation
import Pipeline
import Serving

extension ShelfCast {
  struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Serve the last finished night read-only over HTTP (docs/api.md).",
      discussion: """
        Answers the API of Sources/Serving/openapi.yaml from the workspace's last finished \
        night, and switches to a newer one atomically once its manifest appears. Never takes \
        the workspace lock and opens the database read-only: a nightly run goes on beside it, \
        and a database older than this binary is refused (exit 1; run `shelfcast init` once \
        to migrate it). HEAD is GET without the body. SIGINT or SIGTERM finishes the \
        requests under way and exits with 0 (a second signal stops at once).
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The TCP port to listen on (0: any free port, logged).")
    var port = 8080

    @Option(help: "Bearer tokens file (SHA-256 of each token and its role); default: no auth.")
    var tokens: String?

    @Option(help: "Seconds between two checks for a newer finished night.")
    var pollSeconds = 2.0

    func validate() throws {
      guard (0...65535).contains(port) else {
        throw ValidationError("Please give --port between 0 and 65535.")
      }
      guard pollSeconds >= 0.1, pollSeconds <= 3600 else {
        throw ValidationError("Please give --poll-seconds between 0.1 and 3600.")
      }
    }

    func run() throws {
      let logger = output.makeLogger(label: "shelfcast.serve")
      let root = try workspace.existing()
      let accessTokens: AccessTokens?
      do { accessTokens = try tokens.map { try AccessTokens(path: $0) } } catch {
        throw UsageFailure.exit("\(error)")
      }
      let settings = APIServerSettings(
        host: host, port: port, tokens: accessTokens,
        pollInterval: .milliseconds(Int(pollSeconds * 1000)))
      let outcome = BlockingResult()
      Task {
        do {
          try await APIServer.run(workspace: root, settings: settings, logger: logger)
          outcome.finish(nil)
        } catch { outcome.finish(error) }
      }
      if let error = outcome.wait() { throw error }
      // A stop request is how the server ends: not a failure (StopSignals would say 130/143).
      throw ExitCode.success
    }
  }
}

/// The end of an async task, waited for by the synchronous `run()`.
private final class BlockingResult: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var error: (any Error)?

  func finish(_ error: (any Error)?) {
    self.error = error
    done.signal()
  }

  func wait() -> (any Error)? {
    done.wait()
    return error
  }
}
