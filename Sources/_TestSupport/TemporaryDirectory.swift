import Foundation

/// A fresh, empty directory under the system's temporary folder, removed with everything in it
/// when the value is released.
///
/// Tests that touch the file system each make their own, so they can run in any order and leave
/// nothing behind:
///
/// ```swift
/// let directory = try TemporaryDirectory()
/// let path = try directory.write("a,b\n1,2\n", to: "in/table.csv")
/// ```
public final class TemporaryDirectory: Sendable {
  /// Absolute path of the directory, without a trailing slash.
  public let path: String

  /// - Throws: `CocoaError` when the directory cannot be created.
  public init(prefix: String = "shelfcast-test") throws {
    let template = NSTemporaryDirectory() + "/" + prefix + "-XXXXXX"
    var bytes = Array(template.utf8CString)
    guard let made = mkdtemp(&bytes) else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: template])
    }
    path = (String(cString: made) as NSString).standardizingPath
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// The absolute path of `relative` inside the directory.
  public func path(_ relative: String) -> String { path + "/" + relative }

  /// Writes `bytes` to `relative`, creating folders on the way; returns the absolute path.
  @discardableResult
  public func write(bytes: [UInt8], to relative: String) throws -> String {
    let full = path(relative)
    let folder = (full as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: full))
    return full
  }

  /// Writes `text` as UTF-8 to `relative`; returns the absolute path.
  @discardableResult
  public func write(_ text: String, to relative: String) throws -> String {
    try write(bytes: Array(text.utf8), to: relative)
  }

  /// Names in the directory `relative` (the directory itself when empty), sorted; hidden ones too.
  public func contents(of relative: String = "") throws -> [String] {
    let folder = relative.isEmpty ? path : path(relative)
    return try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
  }
}
