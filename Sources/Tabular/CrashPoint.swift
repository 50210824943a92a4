#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Named places where `make test-crash` (scripts/crash-test.sh) kills a run, to check that a run
/// killed there is completed by the next one with nothing lost, doubled or half-written.
///
/// `SHELFCAST_CRASH_AT=name` kills the process with `SIGKILL` at the first `hit(name)`;
/// `SHELFCAST_CRASH_AT=name:n` at the n-th (1-based). `SHELFCAST_CRASH_TRACE=FILE` appends
/// one line per hit to FILE, `name<TAB>n<TAB>detail`, so a script can list the points a run
/// reaches and how often. Both variables are read once, at the first hit; when neither is set,
/// a hit costs one check of a constant.
///
/// `SHELFCAST_CRASH_SIGNAL=INT` or `TERM` sends that signal instead of `SIGKILL` at the point,
/// as Ctrl-C or a scheduler's stop would arrive there, and lets the run go on (after 0.2 s, so
/// the signal's handler has run): the graceful stop is tested at the same places as the kill.
///
/// Points are placed at the moments where a kill could leave the workspace in between two
/// states: before and after each stage, between a file's commit and its audit entry, between a
/// temporary file's writing and its rename, between a decision's commit and the files that
/// follow it. They are never compiled out: the test runs the build that ships.
public enum CrashPoint {
  /// Notes a hit of the point `name`, and kills the process when it is the one asked for.
  /// - Parameter detail: shown in the trace only (a file name, a stage); not part of the name,
  ///   so points stay the same from run to run.
  @inline(__always)
  public static func hit(_ name: StaticString, detail: @autoclosure () -> String = "") {
    guard let settings = Settings.current else { return }
    settings.hit(String(describing: name), detail: detail())
  }

  /// The environment, read once.
  final class Settings: @unchecked Sendable {
    static let current: Settings? = Settings(
      crashAt: getenv("SHELFCAST_CRASH_AT").map { String(cString: $0) },
      trace: getenv("SHELFCAST_CRASH_TRACE").map { String(cString: $0) },
      signal: getenv("SHELFCAST_CRASH_SIGNAL").map { String(cString: $0) })

    let target: (name: String, hit: Int)?
    /// The signal sent at the target: SIGKILL unless `SHELFCAST_CRASH_SIGNAL` names another.
    let signal: Int32
    let traceDescriptor: Int32
    /// Hits so far per name; guarded by `lock`.
    private var counts: [String: Int] = [:]
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    /// `nil` when neither variable is set (or both are empty).
    init?(crashAt: String?, trace: String?, signal: String? = nil) {
      target = crashAt.flatMap(Self.parse)
      switch signal {
      case "INT", "SIGINT": self.signal = SIGINT
      case "TERM", "SIGTERM": self.signal = SIGTERM
      default: self.signal = SIGKILL
      }
      if let trace, !trace.isEmpty {
        traceDescriptor = open(trace, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
      } else {
        traceDescriptor = -1
      }
      guard target != nil || traceDescriptor >= 0 else { return nil }
      pthread_mutex_init(lock, nil)
    }

    /// `name` or `name:n` (n ≥ 1); `nil` for an empty or malformed value.
    static func parse(_ text: String) -> (name: String, hit: Int)? {
      guard !text.isEmpty else { return nil }
      guard let colon = text.lastIndex(of: ":") else { return (text, 1) }
      guard let n = Int(text[text.index(after: colon)...]), n >= 1 else { return nil }
      return (String(text[..<colon]), n)
    }

    func hit(_ name: String, detail: String) {
      pthread_mutex_lock(lock)
      let n = (counts[name] ?? 0) + 1
      counts[name] = n
      if traceDescriptor >= 0 {
        let line = Array("\(name)\t\(n)\t\(detail.filter { $0 != "\n" && $0 != "\t" })\n".utf8)
        _ = line.withUnsafeBytes { write(traceDescriptor, $0.baseAddress, $0.count) }
      }
      pthread_mutex_unlock(lock)
      if let target, target.name == name, target.hit == n {
        kill(getpid(), signal)
        if signal != SIGKILL { usleep(200_000) }
      }
    }
  }
}
