#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension AtomicFile {
  /// A file written in pieces that readers see only whole: the pieces go to a hidden temporary
  /// name in the destination's directory, and `commit()` syncs it and renames it over the
  /// destination, as `AtomicFile.write` does in one call.
  ///
  /// For outputs too large to hold in memory at once (a chain's `forecast_vs_actual.csv` can run
  /// to gigabytes): fill a `ByteSink` with a part, `append` it, `removeAll` the sink, repeat.
  /// A stream that is never committed (an error midway) removes its temporary file when it is
  /// released, and the destination keeps its old content.
  ///
  /// ```swift
  /// let stream = try AtomicFile.Stream(path: path)
  /// for part in parts {
  ///   fill(sink, with: part)
  ///   try stream.append(sink)
  ///   sink.removeAll()
  /// }
  /// try stream.commit()
  /// ```
  public final class Stream {
    /// The destination.
    public let path: String
    private let temporary: String
    private let directory: String
    private var descriptor: Int32
    private var committed = false
    /// Bytes appended so far.
    public private(set) var count = 0

    /// Opens the temporary file, creating missing directories.
    /// - Throws: `TabularError.cannotWrite` when the directory or the file cannot be made.
    public init(path: String) throws {
      try AtomicFile.makeDirectories(parentOf: path)
      let (directory, name) = AtomicFile.split(path)
      self.path = path
      self.directory = directory
      temporary = directory + "/." + name + ".tmp-\(getpid())"
      descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
      guard descriptor >= 0 else { throw TabularError.cannotWrite(path: path, errno: errno) }
    }

    deinit {
      if !committed {
        if descriptor >= 0 { close(descriptor) }
        unlink(temporary)
      }
    }

    /// Appends the bytes of `sink`.
    public func append(_ sink: ByteSink) throws {
      try sink.withUnsafeBytes { try append($0) }
    }

    /// Appends `bytes`.
    /// - Throws: `TabularError.cannotWrite` (the stream can then only be dropped).
    public func append(_ bytes: UnsafeRawBufferPointer) throws {
      precondition(!committed, "append after commit")
      guard let base = bytes.baseAddress else { return }
      var written = 0
      while written < bytes.count {
        let n = streamWrite(descriptor, base + written, bytes.count - written)
        if n < 0 {
          if errno == EINTR { continue }
          throw TabularError.cannotWrite(path: path, errno: errno)
        }
        written += n
      }
      count += bytes.count
    }

    /// Syncs the file to disk and renames it over the destination.
    /// - Throws: `TabularError.cannotWrite`; the destination then keeps its old content.
    public func commit() throws {
      precondition(!committed, "commit twice")
      let synced = fsync(descriptor) == 0 ? 0 : errno
      close(descriptor)
      descriptor = -1
      guard synced == 0 else { throw TabularError.cannotWrite(path: path, errno: synced) }
      CrashPoint.hit("atomic-stream.before-rename", detail: AtomicFile.split(path).name)
      guard rename(temporary, path) == 0 else {
        throw TabularError.cannotWrite(path: path, errno: errno)
      }
      committed = true
      CrashPoint.hit("atomic-stream.after-rename", detail: AtomicFile.split(path).name)
      let directoryDescriptor = open(directory, O_RDONLY)
      if directoryDescriptor >= 0 {
        fsync(directoryDescriptor)
        close(directoryDescriptor)
      }
    }
  }
}

@inline(__always)
private func streamWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  write(fd, buffer, count)
}
