import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Workspace {
  /// `path` (relative to the workspace, or absolute) as a canonical absolute path that must lie
  /// inside the workspace: `..` components are collapsed and, for what exists, symbolic links
  /// resolved, so neither `../elsewhere` nor a link out of the workspace gets through.
  /// - Throws: `PipelineError.invalidArgument` naming `setting` when the path leaves the
  ///   workspace.
  public func pathInside(_ path: String, setting: String) throws -> String {
    let joined = path.hasPrefix("/") ? path : root + "/" + path
    let standard = (joined as NSString).standardizingPath
    let canonicalRoot = Self.realPath(root) ?? root
    let canonical = Self.realPath(standard) ?? standard
    guard [root, canonicalRoot].contains(where: { canonical.hasPrefix($0 + "/") }) else {
      throw PipelineError.invalidArgument(
        "\(setting) '\(path)' is outside the workspace \(root) (it resolves to \(canonical)); "
          + "give a folder inside it.")
    }
    return canonical
  }

  /// Where a command writes its reports: `out` (an `--out` folder, relative to the current
  /// directory) as a canonical absolute path, symbolic links resolved when it exists, or
  /// `DIR/reports` by default. Report paths printed and recorded in manifests then have one
  /// spelling.
  public func outputDirectory(_ out: String?) -> String {
    guard let out else { return reportDirectory }
    return Self.canonical(Self.absolute(out))
  }

  /// `path` made absolute against the current directory, `.` and `..` collapsed (symbolic
  /// links untouched): a bare name (`chain`) is a folder of the current directory.
  static func absolute(_ path: String) -> String {
    let joined =
      path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    return (joined as NSString).standardizingPath
  }

  /// `standard` (absolute, standardised) with the symbolic links of its longest existing
  /// ancestor resolved; the missing rest is appended as it is.
  static func canonical(_ standard: String) -> String {
    var existing = standard
    var missing: [String] = []
    while realPath(existing) == nil, existing != "/", !existing.isEmpty {
      missing.insert((existing as NSString).lastPathComponent, at: 0)
      existing = (existing as NSString).deletingLastPathComponent
    }
    let resolved = realPath(existing) ?? existing
    return missing.reduce(resolved) { ($0 == "/" ? "" : $0) + "/" + $1 }
  }

  /// The path with every symbolic link resolved, or `nil` when it does not exist.
  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}
