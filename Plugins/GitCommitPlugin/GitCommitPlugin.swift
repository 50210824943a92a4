import Foundation
import PackagePlugin

/// Bakes the git commit the package is built from into the target that uses the plugin, as
/// `generatedGitCommit` in a generated `GitCommit.swift`.
///
/// A prebuild command, so it runs before every build and the commit is never stale. The commit is
/// `SHELFCAST_GIT_COMMIT` when that is set in the build's environment (for builds from a source
/// archive), otherwise `git rev-parse HEAD` in the package folder with `-dirty` appended when
/// tracked files differ from it, and `unknown` when neither is available. The file is rewritten
/// only when its content changes, so an unchanged commit recompiles nothing.
@main
struct GitCommitPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let output = context.pluginWorkDirectoryURL.appending(path: "generated")
    var environment = [
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    ]
    if let commit = ProcessInfo.processInfo.environment["SHELFCAST_GIT_COMMIT"] {
      environment["SHELFCAST_GIT_COMMIT"] = commit
    }
    return [
      .prebuildCommand(
        displayName: "Stamping the git commit into \(target.name)",
        executable: URL(filePath: "/bin/sh"),
        arguments: [
          "-c", Self.script, "git-commit", context.package.directoryURL.path(), output.path(),
        ],
        environment: environment,
        outputFilesDirectory: output)
    ]
  }

  /// `$1` the package folder, `$2` the output folder.
  static let script = #"""
    commit="${SHELFCAST_GIT_COMMIT:-}"
    if [ -z "$commit" ]; then
      if commit=$(git -C "$1" rev-parse HEAD 2>/dev/null); then
        git -C "$1" diff --quiet HEAD -- 2>/dev/null || commit="$commit-dirty"
      else
        commit=unknown
      fi
    fi
    commit=$(printf '%s' "$commit" | tr -cd 'A-Za-z0-9._-')
    [ -n "$commit" ] || commit=unknown
    mkdir -p "$2"
    out="$2/GitCommit.swift"
    tmp="$out.tmp.$$"
    printf '// Generated at build time by GitCommitPlugin; do not edit.\nlet generatedGitCommit = "%s"\n' "$commit" > "$tmp"
    if cmp -s "$tmp" "$out"; then rm -f "$tmp"; else mv "$tmp" "$out"; fi
    """#
}
