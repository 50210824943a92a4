import ArgumentParser
import DemandCore
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
        existing workspace changes nothing. --grain fixes the period of the workspace's \
        demand for good: daily, or weekly with the weekday weeks end on (weekly-friday); \
        without it, the first demand file ingested decides (dates all on one weekday: weekly).
        """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "daily, or weekly-<weekday> (weekly-friday): weeks ending on that weekday.")
    var grain: String?

    func validate() throws {
      if let grain, Grain(storageText: grain) == nil {
        throw ValidationError(
          "Please give --grain as daily or weekly-<weekday>, such as weekly-friday.")
      }
    }

    func run() throws {
      let (workspace, lock) = try self.workspace.locked(command: "init", create: true)
      defer { lock.release() }
      let session = try WorkspaceSession(workspace: workspace)
      if let grain = grain.flatMap(Grain.init(storageText:)) {
        try workspace.fix(grain: grain, hasDemand: try session.database.lastDemandDay() != nil)
      }
      let grain = try workspace.grain()
      print("Workspace ready: \(workspace.root)" + (grain == .daily ? "" : " (\(grain))"))
    }
  }
}
