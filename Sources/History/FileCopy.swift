import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Copies a whole file in the kernel (`copy_file_range`), falling back to a read/write loop
/// where the file system or the kernel cannot, and makes the copy durable (`fsync`) before
/// returning.
///
/// A database copy of 2.9 GB took 2.2 s this way (plus 0.8 s to reach the disk) where the
/// page-by-page copy of SQLite's backup API took about 12 s, and `cp` 6.8 s.
public enum FileCopy {
  /// What stopped a copy: the step (`open`, `copy`, `fsync`), the path and the system's reason.
  public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
    public var step: String
    public var path: String
    public var reason: String

    public var description: String { "cannot \(step) \(path): \(reason)" }
  }

  /// Copies `source` to `destination`, which must not exist (it is created with mode 0644),
  /// and flushes it to the disk.
  /// - Returns: the bytes copied.
  /// - Throws: `Failure`; a partial `destination` is left for the caller to remove.
  @discardableResult
  public static func copy(from source: String, to destination: String) throws(Failure) -> Int {
    let input = open(source, O_RDONLY | O_CLOEXEC)
    guard input >= 0 else { throw failure("open", source) }
    defer { close(input) }
    let output = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard output >= 0 else { throw failure("create", destination) }
    defer { close(output) }
    var copied = 0
    var inKernel = true
    let capacity = 4 << 20
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 4096)
    defer { buffer.deallocate() }
    while true {
      var written = -1
      #if canImport(Glibc)
        if inKernel, let copyFileRange = Self.copyFileRange {
          written = copyFileRange(input, nil, output, nil, 1 << 30, 0)
          if written < 0 && [EXDEV, ENOSYS, EINVAL, EOPNOTSUPP].contains(errno) && copied == 0 {
            inKernel = false
            continue
          }
        } else {
          written = copyBlock(from: input, to: output, buffer: buffer, capacity: capacity)
        }
      #else
        written = copyBlock(from: input, to: output, buffer: buffer, capacity: capacity)
      #endif
      if written < 0 {
        if errno == EINTR { continue }
        throw failure("copy to", destination)
      }
      if written == 0 { break }
      copied += written
    }
    guard fsync(output) == 0 else { throw failure("fsync", destination) }
    return copied
  }

  /// Makes `destination`, an earlier copy of `source` (it may have been taken while `source`
  /// changed), equal to `source`: every 1 MiB chunk that differs is rewritten, the length is
  /// set to `source`'s, and the result is flushed to the disk.
  ///
  /// Reading both files from the page cache costs about a second per 2 GB, far less than
  /// writing a whole copy to the disk again when a night changed a few percent of the file.
  /// - Returns: the bytes rewritten.
  /// - Throws: `Failure`; `destination` is then in an unknown state.
  @discardableResult
  public static func update(_ destination: String, from source: String) throws(Failure) -> Int {
    let input = open(source, O_RDONLY | O_CLOEXEC)
    guard input >= 0 else { throw failure("open", source) }
    defer { close(input) }
    let output = open(destination, O_RDWR | O_CLOEXEC)
    guard output >= 0 else { throw failure("open", destination) }
    defer { close(output) }
    let chunk = 1 << 20
    let wanted = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 4096)
    defer { wanted.deallocate() }
    let held = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 4096)
    defer { held.deallocate() }
    var offset = 0
    var rewritten = 0
    while true {
      let count = try readFully(input, into: wanted, count: chunk, at: offset, path: source)
      if count == 0 { break }
      let present = try readFully(output, into: held, count: count, at: offset, path: destination)
      if present != count || memcmp(wanted, held, count) != 0 {
        let written = repeatedly(count) { done in
          pwrite(output, wanted + done, count - done, off_t(offset + done))
        }
        guard written == count else { throw failure("write to", destination) }
        rewritten += count
      }
      offset += count
    }
    guard ftruncate(output, off_t(offset)) == 0 else { throw failure("truncate", destination) }
    guard fsync(output) == 0 else { throw failure("fsync", destination) }
    return rewritten
  }

  /// Reads up to `count` bytes at `offset` (fewer only at the end of the file).
  private static func readFully(
    _ descriptor: Int32, into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int,
    path: String
  ) throws(Failure) -> Int {
    let read = repeatedly(count) { done in
      pread(descriptor, buffer + done, count - done, off_t(offset + done))
    }
    guard let read else { throw failure("read", path) }
    return read
  }

  /// Calls `transfer` with the bytes moved so far until `count` are moved or it returns 0 (the
  /// end of the file), again after an interruption (`EINTR`).
  /// - Parameter transfer: one read or write of the bytes from its argument on: how many it
  ///   moved, 0 at the end of the file, −1 on an error.
  /// - Returns: the bytes moved; `nil` on an error (`errno` says which).
  private static func repeatedly(_ count: Int, _ transfer: (Int) -> Int) -> Int? {
    var done = 0
    while done < count {
      let moved = transfer(done)
      if moved < 0 {
        if errno == EINTR { continue }
        return nil
      }
      if moved == 0 { break }
      done += moved
    }
    return done
  }

  /// One read of up to `capacity` bytes into `buffer` and its write: the bytes copied, 0 at the
  /// end, −1 on an error.
  private static func copyBlock(
    from input: Int32, to output: Int32, buffer: UnsafeMutableRawPointer, capacity: Int
  ) -> Int {
    let read = Foundation.read(input, buffer, capacity)
    guard read > 0 else { return read }
    let written = repeatedly(read) { done in write(output, buffer + done, read - done) }
    return written == read ? read : -1
  }

  #if canImport(Glibc)
    /// glibc's `copy_file_range` (2.27 and later), which its Swift module does not export
    /// (the header declares it under `_GNU_SOURCE`); `nil` where the C library lacks it.
    private typealias CopyFileRange =
      @convention(c) (
        Int32, UnsafeMutablePointer<Int64>?, Int32, UnsafeMutablePointer<Int64>?, Int, UInt32
      ) -> Int
    private static let copyFileRange: CopyFileRange? = dlsym(nil, "copy_file_range").map {
      unsafeBitCast($0, to: CopyFileRange.self)
    }
  #endif

  private static func failure(_ step: String, _ path: String) -> Failure {
    Failure(step: step, path: path, reason: String(cString: strerror(errno)))
  }
}
