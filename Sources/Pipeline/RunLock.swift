import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Keeps two runs from working on one workspace at once: an exclusive `flock(2)` on
/// `DIR/.shelfcast.lock`, which holds the holder's pid, host, command and start time.
///
/// The kernel releases the lock when its process dies, however it dies (SIGKILL included), so a
/// lock left by a killed run never blocks the next one: the next run takes it, finds the old
/// holder's record still in the file and reports it as taken over. A second run while the first
/// is alive gets `PipelineError.lockHeld` naming the holder.
public final class RunLock: @unchecked Sendable {
  /// Who holds (or last held) the lock.
  public struct Holder: Sendable, Equatable, Codable {
    public var pid: Int32
    public var host: String
    public var command: String
    /// ISO 8601, UTC.
    public var startedAt: String

    public var description: String {
      "pid \(pid) on \(host), running '\(command)' since \(startedAt)"
    }
  }

  public let path: String
  /// The previous holder's record when it was left by a run that did not finish.
  public let takenOverFrom: Holder?
  private var descriptor: Int32

  /// Takes the lock or throws at once (never waits).
  /// - Throws: `PipelineError.lockHeld` when another live process holds it;
  ///   `PipelineError.workspaceUnusable` when the lock file cannot be opened.
  public init(workspace: Workspace, command: String, now: Date = Date()) throws {
    path = workspace.root + "/.shelfcast.lock"
    descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw PipelineError.workspaceUnusable(
        path: workspace.root, reason: "cannot open \(path): \(String(cString: strerror(errno)))")
    }
    let previous = Self.readHolder(descriptor)
    guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
      let code = errno
      close(descriptor)
      if code == EWOULDBLOCK {
        // The holder writes its record just after taking the lock: a run started at the same
        // moment may look before it is there, so it looks again for up to 0.2 s.
        var holder = Self.readHolder(path: path)
        for _ in 0..<20 where holder == nil {
          usleep(10_000)
          holder = Self.readHolder(path: path)
        }
        throw PipelineError.lockHeld(
          path: path, holder: (holder ?? previous)?.description ?? "unknown")
      }
      throw PipelineError.workspaceUnusable(
        path: workspace.root, reason: "cannot lock \(path): \(String(cString: strerror(code)))")
    }
    takenOverFrom = previous
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    var host = [CChar](repeating: 0, count: 256)
    gethostname(&host, host.count - 1)
    let hostBytes = host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    let holder = Holder(
      pid: getpid(), host: String(decoding: hostBytes, as: UTF8.self), command: command,
      startedAt: formatter.string(from: now))
    Self.write(holder, to: descriptor)
  }

  /// Releases the lock and empties the record, so the next run sees a clean finish.
  public func release() {
    guard descriptor >= 0 else { return }
    _ = ftruncate(descriptor, 0)
    flock(descriptor, LOCK_UN)
    close(descriptor)
    descriptor = -1
  }

  deinit { release() }

  private static func write(_ holder: Holder, to descriptor: Int32) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    guard let data = try? encoder.encode(holder) else { return }
    _ = ftruncate(descriptor, 0)
    _ = data.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    fsync(descriptor)
  }

  private static func readHolder(_ descriptor: Int32) -> Holder? {
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = pread(descriptor, &buffer, buffer.count, 0)
    guard count > 0 else { return nil }
    return try? JSONDecoder().decode(Holder.self, from: Data(buffer[0..<count]))
  }

  private static func readHolder(path: String) -> Holder? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    return readHolder(descriptor)
  }
}
