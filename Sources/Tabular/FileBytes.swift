#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A whole input file read into memory, after checking that it is a regular file.
///
/// Input files are read in one piece (a day of a 200-store chain is ~15 MB) so the scanner works on
/// one contiguous buffer. Directories, FIFOs, devices and sockets are refused before opening for
/// reading, so a FIFO dropped in the inbox cannot hang a run. A file that is replaced, or whose
/// size or modification time changes, while it is read is refused as incomplete.
public struct FileBytes: Sendable {
  public let path: String
  /// The buffer the file was read into; only its first `count` bytes are the file.
  public private(set) var storage: [UInt8]
  /// The file's size in bytes.
  public let count: Int
  /// Modification time, seconds since the epoch.
  public let modifiedAt: Double

  /// Files above this size are refused; a month of a 200-store chain is ~500 MB.
  public static let defaultLimitBytes = 4 << 30

  /// Reads the file at `path`.
  ///
  /// The path is checked with `stat` (following a symlink), then opened without blocking and
  /// checked again through the descriptor: if what was opened is not the file that was checked
  /// (replaced in between), or its size or modification time differs after the read, the file is
  /// refused as `changedWhileReading`.
  ///
  /// - Parameter buffer: storage to reuse when it is large enough; reading into memory the process
  ///   already has avoids the kernel zeroing fresh pages for every file (see `IngestRunner`).
  public init(
    path: String, limitBytes: Int = FileBytes.defaultLimitBytes, reusing buffer: [UInt8] = []
  ) throws {
    try self.init(path: path, limitBytes: limitBytes, reusing: buffer, afterReading: nil)
  }

  /// Reads the file at `path`, calling `afterReading` once its bytes are in memory and before it
  /// is checked for changes: the seam tests use to change a file under the reader.
  package init(
    path: String, limitBytes: Int, reusing buffer: [UInt8], afterReading: (() -> Void)?
  ) throws {
    self.path = path
    var before = stat()
    // `stat` follows a symlink: one to a regular file is read, one to anything else is refused.
    guard stat(path, &before) == 0 else {
      throw errno == ENOENT
        ? TabularError.notFound(path: path) : TabularError.unreadable(path: path, errno: errno)
    }
    if let kind = FileBytes.kindName(before.st_mode) {
      throw TabularError.notARegularFile(path: path, kind: kind)
    }
    let size = Int(before.st_size)
    guard size <= limitBytes else {
      throw TabularError.tooLarge(path: path, bytes: size, limitBytes: limitBytes)
    }
    // O_NONBLOCK: should the path have become a FIFO since the `stat`, opening it cannot hang.
    let descriptor = open(path, O_RDONLY | O_NONBLOCK)
    guard descriptor >= 0 else { throw TabularError.unreadable(path: path, errno: errno) }
    defer { close(descriptor) }
    var opened = stat()
    guard fstat(descriptor, &opened) == 0, FileBytes.sameFile(opened, before) else {
      throw TabularError.changedWhileReading(path: path)
    }
    var buffer = buffer
    if buffer.count < size { buffer = [UInt8](repeating: 0, count: size) }
    var filled = 0
    let readError: Int32 = buffer.withUnsafeMutableBytes { raw in
      guard let base = raw.baseAddress else { return 0 }
      while filled < size {
        let n = read(descriptor, base + filled, size - filled)
        if n < 0 {
          if errno == EINTR { continue }
          return errno
        }
        if n == 0 { break }
        filled += n
      }
      return 0
    }
    if readError != 0 { throw TabularError.unreadable(path: path, errno: readError) }
    afterReading?()
    // One byte more than the size: a file that grew after the `stat` must not pass as complete.
    var probe: UInt8 = 0
    let extra = read(descriptor, &probe, 1)
    var after = stat()
    guard fstat(descriptor, &after) == 0, filled == size, extra == 0,
      FileBytes.sameFile(after, before)
    else { throw TabularError.changedWhileReading(path: path) }
    self.storage = buffer
    self.count = size
    self.modifiedAt = FileBytes.mtime(after)
  }

  /// Same device, inode, size and modification time.
  static func sameFile(_ a: stat, _ b: stat) -> Bool {
    a.st_dev == b.st_dev && a.st_ino == b.st_ino && a.st_size == b.st_size
      && FileBytes.mtime(a) == FileBytes.mtime(b)
  }

  /// `nil` for a regular file, otherwise what it is, in words.
  static func kindName(_ mode: mode_t) -> String? {
    switch mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFDIR: return "directory"
    case S_IFIFO: return "FIFO (named pipe)"
    case S_IFSOCK: return "socket"
    case S_IFCHR, S_IFBLK: return "device"
    default: return "special file"
    }
  }

  static func mtime(_ info: stat) -> Double {
    #if canImport(Darwin)
      return Double(info.st_mtimespec.tv_sec) + Double(info.st_mtimespec.tv_nsec) / 1e9
    #else
      return Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
    #endif
  }
}

extension FileBytes {
  /// The file's bytes (a copy); hot paths use `withBytes` instead.
  public var bytes: [UInt8] { Array(storage[0..<count]) }

  /// Calls `body` with the file's bytes, without copying them.
  public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<count])) }
  }

  /// Up to `maximumBytes` from the start of a regular file, for recognising its header cheaply.
  /// Throws unless `path` is a regular file or a link to one, without opening it: a FIFO, a
  /// device (`/dev/zero`) or a socket would hang or never end a reader that streams it.
  /// - Throws: `TabularError.notFound`, `.unreadable` or `.notARegularFile`.
  public static func requireRegularFile(path: String) throws(TabularError) {
    _ = try regularFileStatus(path: path)
  }

  /// The `stat` of `path` (a link followed) when it is a regular file; see `requireRegularFile`.
  static func regularFileStatus(path: String) throws(TabularError) -> stat {
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw errno == ENOENT
        ? TabularError.notFound(path: path) : TabularError.unreadable(path: path, errno: errno)
    }
    if let kind = kindName(info.st_mode) {
      throw TabularError.notARegularFile(path: path, kind: kind)
    }
    return info
  }

  public static func prefix(path: String, maximumBytes: Int = 1 << 16) throws -> [UInt8] {
    let info = try regularFileStatus(path: path)
    let descriptor = open(path, O_RDONLY | O_NONBLOCK)
    guard descriptor >= 0 else { throw TabularError.unreadable(path: path, errno: errno) }
    defer { close(descriptor) }
    var buffer = [UInt8](repeating: 0, count: min(maximumBytes, max(Int(info.st_size), 0)))
    var filled = 0
    while filled < buffer.count {
      let n = buffer.withUnsafeMutableBytes {
        read(descriptor, $0.baseAddress! + filled, $0.count - filled)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw TabularError.unreadable(path: path, errno: errno)
      }
      if n == 0 { break }
      filled += n
    }
    return Array(buffer.prefix(filled))
  }
}
