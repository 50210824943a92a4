/// Facts about the build, fixed when the package was compiled.
public enum BuildInfo {
  /// The git commit the binary was built from: 40 hex digits, with `-dirty` when tracked files
  /// had uncommitted changes, `SHELFCAST_GIT_COMMIT` when that was set at build time, or
  /// `unknown` for a build outside a git checkout. Written by `Plugins/GitCommitPlugin` before
  /// every build.
  public static let gitCommit: String = generatedGitCommit
}
