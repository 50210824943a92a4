import ArgumentParser
import Foundation
import Pipeline

extension ShelfCast {
  struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Return the workspace database to a backup and replay the files ingested since.",
      discussion: """
        The nightly job keeps a copy of the database after each night in DIR/backups/ \
        (backup_keep, default 7). Restore checks the copy (PRAGMA quick_check), moves the \
        current database aside into DIR/backups/replaced-<time>-<pid>/, puts the copy in its place \
        and ingests again the files the ledger (or, for an unreadable database, the ingest \
        manifests) took in after the copy. The audit log records it. Then run `shelfcast \
        nightly --catch-up` to redo the nights after the copy. Holds the workspace lock.
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The copy to return to (a name in DIR/backups/); default: the newest.")
    var backup: String?

    @Option(help: "The nightly configuration (YAML), for the inbox the files are replayed from.")
    var config: String?

    func run() throws {
      let logger = output.makeLogger(label: "shelfcast.restore")
      let (workspace, lock) = try self.workspace.locked(command: "restore", logger: logger)
      defer { lock.release() }
      do {
        let configuration = try config.map(ConfigurationFile.nightly) ?? NightlyConfiguration()
        let outcome = try RestoreStage.run(
          workspace: workspace, backup: backup, inbox: configuration.inbox, logger: logger)
        if outcome.alreadyRestored {
          print("The workspace already is \(outcome.copy.name), restored by the last change.")
          return
        }
        print(
          "Restored \(outcome.copy.name) (\(outcome.copy.bytes) bytes"
            + (outcome.copy.night.map { ", as the night of \($0.iso) left it" } ?? "") + ").")
        if let replaced = outcome.replacedDirectory {
          print("The replaced database is in \(replaced).")
        }
        print(
          "Replayed \(outcome.replayed.count) files ingested since"
            + (outcome.replayed.isEmpty ? "." : ": " + outcome.replayed.joined(separator: ", ")))
        if !outcome.missing.isEmpty {
          print(
            "Not found (ingest them again by hand): "
              + outcome.missing.joined(separator: ", "))
        }
        print(
          "Next: shelfcast nightly --workspace \(workspace.root) --catch-up redoes the nights "
            + "after the copy.")
      } catch PipelineError.invalidArgument(let message) {
        throw UsageFailure.exit(message)
      }
    }
  }
}
