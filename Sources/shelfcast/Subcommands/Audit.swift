import ArgumentParser
import Pipeline

extension ShelfCast {
  struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check and read the workspace's hash-chained audit log.",
      subcommands: [Verify.self, List.self])
  }
}

extension ShelfCast.Audit {
  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check that no audit entry was edited, deleted or reordered.",
      discussion: """
        Prints the last entry's seq and hash; keep them elsewhere to detect a log rewritten \
        from some entry to its end. Exit 0 when the chain holds, 5 when it is broken (the \
        message names the first broken entry).
        """)

    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
      let registry = try workspace.existing().openRegistry()
      let result = try registry.audit.verify()
      print(RegistryText.verification(result))
      if !result.isIntact { throw ExitCode(ExitStatus.auditBroken.rawValue) }
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print audit entries, oldest first.")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "Print entries after this seq.")
    var after: Int64 = 0

    @Option(help: "Print at most this many entries.")
    var limit: Int?

    func run() throws {
      let registry = try workspace.existing().openRegistry()
      print(RegistryText.entries(try registry.audit.entries(after: after, limit: limit)))
    }
  }
}
