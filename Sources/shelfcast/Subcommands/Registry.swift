import ArgumentParser
import Pipeline
import Registry

extension ShelfCast {
  struct RegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "registry",
      abstract: "List, inspect, promote and roll back trained model versions.",
      discussion: """
        Every `shelfcast train` registers a version (v0001, v0002, …). The champion's fitted set \
        is the one forecast and recommend read (DIR/models/fitted-set.json); promote and \
        rollback replace it atomically and record who and why in the audit log.
        """,
      subcommands: [List.self, Show.self, Promote.self, Rollback.self, Reject.self])
  }
}

extension ShelfCast.RegistryCommand {
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

    @Argument(help: "The version, as `registry list` shows it (v0003).")
    var version: String

    func run() throws {
      let workspace = try workspace.existing()
      let registry = try workspace.openRegistry()
      try RegistryFailure.mapped {
        let shown = try registry.show(version)
        print(
          RegistryText.show(
            shown, artifactPath: registry.artifactPath(shown),
            cardPath: workspace.modelCardPath(shown.id)))
      }
    }
  }

  struct Promote: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Make a candidate or archived version the champion.",
      discussion: """
        The version's artifact is checked (size, SHA-256, format) first; if it is corrupted or \
        from an incompatible build, nothing changes and the champion stays in service (exit 1).
        """)

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "The version to promote (v0003).")
    var version: String

    @Option(help: "Why, for the registry and the audit log.")
    var reason = "promoted by hand"

    func run() throws {
      let workspace = try workspace.existing()
      try RegistryFailure.mapped {
        let promotion = try RegistryStage.promote(
          workspace: workspace, id: version, reason: reason)
        print(RegistryText.promotion(promotion, verb: "promoted"))
      }
    }
  }

  struct Rollback: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Reject the champion and return the previous one to service.",
      discussion: """
        The previous champion is the archived version that left service most recently; the \
        current champion becomes rejected. Repeated rollbacks walk further back.
        """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "Why, for the registry and the audit log.")
    var reason = "rolled back by hand"

    func run() throws {
      let workspace = try workspace.existing()
      try RegistryFailure.mapped {
        let promotion = try RegistryStage.rollback(workspace: workspace, reason: reason)
        print(RegistryText.promotion(promotion, verb: "rolled back"))
      }
    }
  }

  struct Reject: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Mark a candidate or archived version as never to be promoted.")

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "The version to reject (v0003).")
    var version: String

    @Option(help: "Why, for the registry and the audit log.")
    var reason: String

    func run() throws {
      let workspace = try workspace.existing()
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
      case .unknownVersion, .invalidTransition: throw UsageFailure.exit("\(error)")
      default: throw error
      }
    }
  }
}
