#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension AtomicFile {
  /// Removes, under `directory` and its subfolders, the temporary files (`.<name>.tmp-<pid>`)
  /// that `write` and `Stream` leave when their process is killed between creating and
  /// renaming them. A file whose process is still running is left alone (it is being written).
  ///
  /// Symbolic links are not followed. A folder that cannot be read is skipped.
  /// - Returns: how many files were removed.
  @discardableResult
  public static func removeStrayTemporaries(under directory: String) -> Int {
    guard let handle = opendir(directory) else { return 0 }
    var folders: [String] = []
    var strays: [String] = []
    while let entry = readdir(handle) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
      }
      guard name != ".", name != ".." else { continue }
      let path = directory + "/" + name
      var info = stat()
      guard lstat(path, &info) == 0 else { continue }
      if info.st_mode & S_IFMT == S_IFDIR {
        folders.append(path)
      } else if info.st_mode & S_IFMT == S_IFREG, let owner = temporaryOwner(name),
        !isRunning(owner)
      {
        strays.append(path)
      }
    }
    closedir(handle)
    var removed = strays.filter { unlink($0) == 0 }.count
    for folder in folders { removed += removeStrayTemporaries(under: folder) }
    return removed
  }

  /// The process id in a temporary file's name `.<name>.tmp-<pid>`, or `nil` for any other name.
  static func temporaryOwner(_ name: String) -> pid_t? {
    guard name.hasPrefix(".") else { return nil }
    let digits = String(name.reversed().prefix { $0.isASCII && $0.isNumber }.reversed())
    guard (1...9).contains(digits.count), let pid = pid_t(digits), pid > 0 else { return nil }
    let head = name.dropLast(digits.count)
    guard head.hasSuffix(".tmp-"), head.count > ".tmp-".count + 1 else { return nil }
    return pid
  }

  /// Whether a process `pid` exists (signal 0 checks without sending anything).
  static func isRunning(_ pid: pid_t) -> Bool {
    kill(pid, 0) == 0 || errno == EPERM
  }
}
