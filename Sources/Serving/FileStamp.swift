import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file's or folder's inode and modification time (to the nanosecond): a file replaced by
/// rename, or written again, has another stamp; a folder's changes when an entry is added,
/// removed or renamed.
struct FileStamp: Equatable, Sendable {
  let inode: UInt64
  let seconds: Int
  let nanoseconds: Int

  init(_ status: stat) {
    inode = UInt64(status.st_ino)
    #if canImport(Darwin)
      seconds = Int(status.st_mtimespec.tv_sec)
      nanoseconds = Int(status.st_mtimespec.tv_nsec)
    #else
      seconds = Int(status.st_mtim.tv_sec)
      nanoseconds = Int(status.st_mtim.tv_nsec)
    #endif
  }

  init?(path: String) {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    self.init(status)
  }

  /// The modification time, `YYYY-MM-DDTHH:MM:SSZ`.
  var iso8601: String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
  }
}
