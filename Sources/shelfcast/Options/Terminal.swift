import Foundation
import Logging

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Progress drawing on a terminal; silent when standard error is not a TTY (cron, CI).
enum Terminal {
  static var isInteractive: Bool { isatty(STDERR_FILENO) == 1 }

  /// A progress callback that redraws one line on standard error, or `nil` when not wanted.
  static func progress(enabled: Bool, label: String) -> (@Sendable (Int, Int, String) -> Void)? {
    guard enabled else { return nil }
    return { done, total, item in
      let width = 24
      let filled = total == 0 ? width : done * width / total
      let bar =
        String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
      let line = "\r\(label) [\(bar)] \(done)/\(total) \(item)"
      FileHandle.standardError.write(
        Data((line.padding(toLength: 100, withPad: " ", startingAt: 0)).utf8))
      if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
  }

  /// A fractional progress callback (0…1) for long single tasks such as generation.
  static func fraction(enabled: Bool, label: String) -> (@Sendable (Double, String) -> Void)? {
    guard enabled else { return nil }
    return { fraction, message in
      let percent = Int((fraction * 100).rounded())
      let line = "\r\(label) \(percent)% \(message)"
      FileHandle.standardError.write(
        Data((line.padding(toLength: 100, withPad: " ", startingAt: 0)).utf8))
      if fraction >= 1 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
  }
}

/// Structured logs go to standard error, one line per event, via swift-log.
enum LoggingBootstrap {
  private static let done: Void = {
    LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
  }()
  static func once() { _ = done }
}
