import Foundation

/// A flag set once from any task or thread and read from any other (the server's start, a
/// stop request).
final class Flag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false
  func set() { lock.withLock { value = true } }
  var isSet: Bool { lock.withLock { value } }
}
