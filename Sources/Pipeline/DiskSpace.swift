import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Free space on the file system holding a workspace, to say plainly that a failure is a full
/// disk: SQLite reports one as "database or disk is full" or, when it cannot grow its
/// shared-memory file, "disk I/O error", without naming a file.
public enum DiskSpace {
  /// Below this many free bytes a failure is put down to a full disk.
  public static let fullBelowBytes: Int64 = 1 << 20

  /// Bytes free for unprivileged writes on the file system holding `path`, or `nil` when it
  /// cannot be asked.
  public static func freeBytes(at path: String) -> Int64? {
    var info = statvfs()
    guard statvfs(path, &info) == 0 else { return nil }
    return Int64(info.f_bavail) * Int64(info.f_frsize)
  }

  /// `error`, or when the workspace's file system has less than `fullBelowBytes` free, a
  /// `PipelineError.workspaceUnusable` that says so first and keeps `error`'s text.
  public static func explained(_ error: Error, workspace: Workspace) -> Error {
    guard let free = freeBytes(at: workspace.root), free < fullBelowBytes else { return error }
    return PipelineError.workspaceUnusable(
      path: workspace.root,
      reason:
        "No space left on device: the file system holding it has \(free / 1024) KiB free; "
        + "free some space and run again (what failed: \(error))")
  }
}
