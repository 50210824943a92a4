import ArgumentParser
import Foundation
import Pipeline

extension ShelfCast {
  struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "init",
      abstract: "Create an empty workspace (its folder and database).",
      discussion: """
        Every other command but ingest and demo refuses a folder that is not a workspace \
        (exit 64), so that a mistyped --workspace never starts an empty one. Initialising an \
        existing workspace changes nothing.
        """)

    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
      let (workspace, lock) = try self.workspace.locked(command: "init", create: true)
      defer { lock.release() }
      _ = try WorkspaceSession(workspace: workspace)
      print("Workspace ready: \(workspace.root)")
    }
  }
}
