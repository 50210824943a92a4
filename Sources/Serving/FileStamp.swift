import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file's or folder's inode, size and modification time (to the filesystem's resolution): a
/// file replaced by rename, or written again, has another stamp; a folder's changes when an
/// entry is added, removed or renamed. (A freed inode may be reused by the next file within one
/// timestamp tick; the size tells such versions apart unless it is the same too.)
struct FileStamp: Equatable, Sendable {
  let inode: UInt64
  let sizeBytes: Int64
  let seconds: Int
  let nanoseconds: Int

  init(_ status: stat) {
    inode = UInt64(status.st_ino)
    sizeBytes = Int64(status.st_size)
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
