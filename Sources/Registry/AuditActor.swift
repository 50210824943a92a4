import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Who does something the registry records: the operating-system user and the machine.
public struct AuditActor: Sendable, Equatable, Codable {
  public var user: String
  public var host: String

  public init(user: String, host: String) {
    self.user = user
    self.host = host
  }

  /// `user@host`, as the registry's `promoted_by` column holds it.
  public var name: String { user + "@" + host }

  /// The user running this process (`$USER`, else the password database's name for the
  /// effective uid, else `uid N`) on this machine (`gethostname`, else `unknown-host`).
  public static func current(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> AuditActor
  {
    AuditActor(user: currentUser(environment), host: currentHost())
  }

  private static func currentUser(_ environment: [String: String]) -> String {
    if let user = environment["USER"], !user.isEmpty { return user }
    let uid = geteuid()
    if let entry = getpwuid(uid), let name = entry.pointee.pw_name {
      let user = String(cString: name)
      if !user.isEmpty { return user }
    }
    return "uid \(uid)"
  }

  private static func currentHost() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown-host" }
    let host = String(
      decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return host.isEmpty ? "unknown-host" : host
  }
}
