import ArgumentParser
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
///
/// The handlers are plain `sigaction` handlers, installed synchronously before the command
/// parses its options: a dispatch signal source needs the signal ignored first and registers
/// asynchronously, and a signal in between (measured: in the first 25 ms of a run) was lost.
/// The handler only stores the signal number and writes a fixed message (both
/// async-signal-safe); `StopRequest` reads the number through `StopSignals.pending`.
enum StopSignals {
  /// Installs the handlers and connects `StopRequest` to them.
  static func install() {
    // Swift initialises globals lazily, on first use, with an allocation: done here, before any
    // handler can run, so that the handler never allocates (a signal arriving inside `malloc`
    // would otherwise deadlock on the allocator's lock: found by the crash run).
    _ = stopSignalNumber.pointee
    _ = firstMessage.count
    _ = againMessage.count
    // A parent may start the process with the signals blocked (a mask is inherited: seen with
    // Foundation's `Process` under XCTest), and a blocked SIGTERM stays pending forever. Unblocked
    // here, on the main thread before any other starts, so every later thread inherits it.
    var unblock = sigset_t()
    sigemptyset(&unblock)
    sigaddset(&unblock, StopSignal.interrupt.rawValue)
    sigaddset(&unblock, StopSignal.terminate.rawValue)
    pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    for signal in [StopSignal.interrupt, .terminate] {
      var action = sigaction()
      #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = stopSignalHandler
      #else
        action.__sigaction_u.__sa_handler = stopSignalHandler
      #endif
      sigemptyset(&action.sa_mask)
      action.sa_flags = SA_RESTART
      sigaction(signal.rawValue, &action, nil)
    }
    StopRequest.source = {
      let number = stopSignalNumber.pointee
      return number == 0 ? nil : StopSignal(rawValue: number)
    }
  }

  /// The one line that ends a command stopped by a signal, and its exit code.
  static func stopped(_ signal: StopSignal, summary: String) -> ExitCode {
    FileHandle.standardError.write(Data("Stopped by \(signal.name): \(summary).\n".utf8))
    return ExitCode(signal.exitCode)
  }
}

/// The first signal's number (0 before any); written only by the handler.
nonisolated(unsafe) private let stopSignalNumber: UnsafeMutablePointer<Int32> = {
  let pointer = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
  pointer.initialize(to: 0)
  return pointer
}()

/// Messages written from the handler (bytes made by `install()`: `write(2)` is
/// async-signal-safe, the lazy initialisation of a global is not).
private let firstMessage = Array(
  "Stopping after the current step (send the signal again to stop at once).\n".utf8)
private let againMessage = Array("Stopping at once.\n".utf8)

private func stopSignalHandler(_ number: Int32) {
  if stopSignalNumber.pointee != 0 {
    _ = againMessage.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    _exit(128 + number)
  }
  stopSignalNumber.pointee = number
  _ = firstMessage.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
