#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a file so that readers see either the old content or the new, never a half-written one.
///
/// The bytes go to a hidden temporary name in the same directory (`.name.tmp-<pid>`), are flushed
/// with `fsync`, and are renamed over the destination; the directory is then synced so the rename
/// survives a crash. A run killed midway leaves at most a stray temporary file, which the next
/// write replaces.
public enum AtomicFile {
  public static func write(_ bytes: [UInt8], to path: String) throws {
    try makeDirectories(parentOf: path)
    let (directory, name) = split(path)
    let temporary = directory + "/." + name + ".tmp-\(getpid())"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { throw TabularError.cannotWrite(path: path, errno: errno) }
    var written = 0
    let failure: Int32 = bytes.withUnsafeBytes { raw in
      while written < raw.count {
        let n = systemWrite(descriptor, raw.baseAddress! + written, raw.count - written)
        if n < 0 {
          if errno == EINTR { continue }
          return errno
        }
        written += n
      }
      return fsync(descriptor) == 0 ? 0 : errno
    }
    close(descriptor)
    if failure != 0 {
      unlink(temporary)
      throw TabularError.cannotWrite(path: path, errno: failure)
    }
    CrashPoint.hit("atomic-file.before-rename", detail: name)
    guard rename(temporary, path) == 0 else {
      let code = errno
      unlink(temporary)
      throw TabularError.cannotWrite(path: path, errno: code)
    }
    CrashPoint.hit("atomic-file.after-rename", detail: name)
    let directoryDescriptor = open(directory, O_RDONLY)
    if directoryDescriptor >= 0 {
      fsync(directoryDescriptor)
      close(directoryDescriptor)
    }
  }

  public static func write(_ text: String, to path: String) throws {
    try write(Array(text.utf8), to: path)
  }

  /// `mkdir -p` for the directory that will hold `path`.
  public static func makeDirectories(parentOf path: String) throws {
    try makeDirectories(split(path).directory)
  }

  /// `mkdir -p`.
  public static func makeDirectories(_ directory: String) throws {
    var current = directory.hasPrefix("/") ? "" : "."
    for component in directory.split(separator: "/") {
      current += "/" + component
      if mkdir(current, 0o755) != 0, errno != EEXIST {
        throw TabularError.cannotWrite(path: current, errno: errno)
      }
    }
  }

  static func split(_ path: String) -> (directory: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let directory = String(path[..<slash])
    return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
  }
}

@inline(__always)
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  write(fd, buffer, count)
}
