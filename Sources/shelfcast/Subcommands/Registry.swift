import ArgumentParser
import Foundation
import Pipeline
import Registry

extension ShelfCast {
  struct RegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "registry",
      abstract: "List, inspect, compare, promote and roll back trained model versions.",
      discussion: """
        Every `shelfcast train` registers a version (v0001, v0002, …). The champion's artifact \
        (DIR/models/versions/) is the one every command serves, copied to \
        DIR/models/fitted-set.json for other readers; promote and rollback change it \
        atomically and record who and why in the audit log. Wherever a \
        version is asked for, the aliases `champion` (in service), `challenger` (the newest \
        candidate or rejected version that did not win) and `previous` (what rollback returns \
        to) may be given instead, with or without a leading @.
        """,
      subcommands: [
        List.self, Show.self, Diff.self, Promote.self, Rollback.self, Reject.self,
        Upgrade.self,
      ])
  }
}

extension ShelfCast.RegistryCommand {
  struct Upgrade: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Rewrite every version's artifact in the current fitted-set format.",
      discussion: """
        The same models, in the format this build writes (version 2: a binary container read \
        on all cores, about 10 times faster than version 1's JSON). Each rewrite is recorded \
        in the audit log; a run killed at any point leaves every version readable. Holds the \
        workspace lock.
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let logger = output.makeLogger(label: "shelfcast.registry")
      let (workspace, lock) = try self.workspace.locked(command: "registry upgrade", logger: logger)
      defer { lock.release() }
      for upgrade in try workspace.openRegistry().upgradeArtifacts() {
        guard !output.quiet else { continue }
        print(
          upgrade.rewritten
            ? "\(upgrade.version): rewritten, \(upgrade.bytesBefore) → \(upgrade.bytesAfter) bytes"
            : "\(upgrade.version): already current")
      }
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List every version with its status, window and backtest WAPE.")

    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
      let registry = try workspace.existing().openRegistry()
      print(RegistryText.list(try registry.list()))
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show everything the registry holds about one version.")

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "The version (v0003) or an alias (champion, challenger, previous).")
    var version: String

    func run() throws {
      let workspace = try workspace.existing()
      let registry = try workspace.openRegistry()
      try RegistryFailure.mapped {
        let shown = try registry.show(try registry.resolve(version))
        print(
          RegistryText.show(
            shown, artifactPath: registry.artifactPath(shown),
            cardPath: workspace.modelCardPath(shown.id), aliases: try registry.aliases(of: shown.id)
          ))
      }
    }
  }

  struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Compare two versions: windows, data, configuration, decision, metrics.",
      discussion: """
        Fields that differ are marked with *. Metrics are the backtest WAPEs recorded at \
        registration, overall and by family, segment, region and format.
        """)

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "The first version or alias (e.g. champion).")
    var a: String

    @Argument(help: "The second version or alias (e.g. challenger).")
    var b: String

    func run() throws {
      let registry = try workspace.existing().openRegistry()
      try RegistryFailure.mapped {
        let diff = VersionDiff(
          try registry.show(try registry.resolve(a)), try registry.show(try registry.resolve(b)))
        print(RegistryText.diff(diff))
      }
    }
  }

  struct Promote: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Make any version but the champion the champion, by hand.",
      discussion: """
        A rejected version may be promoted too: the override (who, when, why, and the \
        rejection overridden) is kept in the registry, the audit log and the model card. The \
        version's artifact is checked (size, SHA-256, format) first; if it is corrupted or from \
        an incompatible build, nothing changes and the champion stays in service (exit 1).
        """)

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "The version to promote (v0003) or an alias (challenger, previous).")
    var version: String

    @Option(help: "Why, for the registry, the audit log and the model card (required).")
    var reason: String

    func validate() throws {
      guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw ValidationError("Please give the reason for the promotion with --reason TEXT.")
      }
    }

    func run() throws {
      let (workspace, lock) = try self.workspace.locked(command: "registry promote")
      defer { lock.release() }
      try RegistryStage.repair(workspace)
      try RegistryFailure.mapped {
        let promotion = try RegistryStage.promote(
          workspace: workspace, id: version, reason: reason, byHand: true)
        print(RegistryText.promotion(promotion, verb: "promoted"))
      }
    }
  }

  struct Rollback: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Reject the champion and return the previous one (or --to) to service.",
      discussion: """
        The previous champion (alias `previous`) is the archived version that left service \
        most recently; the current champion becomes rejected. Repeated rollbacks walk further \
        back. With --to, any other version returns instead (a rejected one as an override by \
        hand, recorded as by promote).
        """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "Why, for the registry and the audit log.")
    var reason = "rolled back by hand"

    @Option(help: "The version (or alias) to return to; default: previous.")
    var to: String?

    func run() throws {
      let (workspace, lock) = try self.workspace.locked(command: "registry rollback")
      defer { lock.release() }
      try RegistryStage.repair(workspace)
      try RegistryFailure.mapped {
        let promotion = try RegistryStage.rollback(workspace: workspace, reason: reason, to: to)
        print(RegistryText.promotion(promotion, verb: "rolled back"))
      }
    }
  }

  struct Reject: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Mark a candidate or archived version as never to be promoted.")

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "The version to reject (v0003) or an alias (challenger, previous).")
    var version: String

    @Option(help: "Why, for the registry and the audit log.")
    var reason: String

    func run() throws {
      let (workspace, lock) = try self.workspace.locked(command: "registry reject")
      defer { lock.release() }
      try RegistryStage.repair(workspace)
      try RegistryFailure.mapped {
        let rejected = try RegistryStage.reject(workspace: workspace, id: version, reason: reason)
        print("\(rejected.id) is rejected: \(reason)")
      }
    }
  }
}

/// Registry errors as exit codes: a version that does not exist or cannot take the operation
/// is a usage error (64); everything else (no champion, a corrupted artifact) keeps exit 1.
enum RegistryFailure {
  static func mapped(_ body: () throws -> Void) throws {
    do { try body() } catch let error as RegistryError {
      switch error {
      case .unknownVersion, .invalidTransition, .aliasUnset:
        throw UsageFailure.exit("\(error)")
      default: throw error
      }
    }
  }
}
