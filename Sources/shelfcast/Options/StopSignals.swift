import ArgumentParser
import Dispatch
import Foundation
import Pipeline

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// SIGINT and SIGTERM as stop requests: the first one is left for the command to honour at its
/// next step boundary (`StopRequest`); a second one ends the process at once, as a kill would
/// (every write is atomic, so that is safe too).
enum StopSignals {
  /// Kept alive for the life of the process.
  nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

  /// Replaces the default handlers (which kill the process) with dispatch sources.
  static func install() {
    for signal in [StopSignal.interrupt, .terminate] {
      Foundation.signal(signal.rawValue, SIG_IGN)
      let source = DispatchSource.makeSignalSource(
        signal: signal.rawValue, queue: .global(qos: .userInitiated))
      source.setEventHandler {
        if StopRequest.request(signal) {
          FileHandle.standardError.write(
            Data(
              ("\(signal.name) received: stopping after the current step (send it again to "
                + "stop at once).\n").utf8))
        } else {
          FileHandle.standardError.write(
            Data("\(signal.name) received again: stopping at once.\n".utf8))
          _exit(signal.exitCode)
        }
      }
      source.resume()
      sources.append(source)
    }
  }

  /// The one line that ends a command stopped by a signal, and its exit code.
  static func stopped(_ signal: StopSignal, summary: String) -> ExitCode {
    FileHandle.standardError.write(Data("Stopped by \(signal.name): \(summary).\n".utf8))
    return ExitCode(signal.exitCode)
  }
}
