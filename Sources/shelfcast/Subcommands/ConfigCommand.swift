import ArgumentParser
import Foundation
import Pipeline

extension ShelfCast {
  struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "config", abstract: "Check a nightly configuration file.",
      subcommands: [Check.self])

    struct Check: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Validate a configuration and print the effective values (defaults filled in).",
        discussion: """
          Unknown keys are refused with their line and column, values out of range by their \
          name; exit code 64 then. With --workspace, the inbox is also checked to lie inside it, \
          and a warning (exit 0) names an inbox folder that does not exist and a category \
          override no SKU of the workspace has.
          """)

      @Argument(help: "The YAML file, e.g. jobs/nightly.yaml.")
      var file: String

      @Option(help: "Check paths against this workspace.")
      var workspace: String?

      func run() throws {
        do {
          let configuration = try ConfigurationFile.nightly(path: file)
          if let workspace {
            let opened = try Workspace(path: workspace, create: false)
            let inbox = try opened.pathInside(configuration.inbox, setting: "inbox")
            for warning in try Self.warnings(configuration, workspace: opened, inbox: inbox) {
              FileHandle.standardError.write(Data("Warning: \(warning)\n".utf8))
            }
          }
          print("# \(file): valid. Effective configuration:")
          print(try ConfigurationFile.effectiveYAML(configuration), terminator: "")
        } catch PipelineError.invalidArgument(let message) {
          throw UsageFailure.exit(message)
        } catch let error as PipelineError {
          throw UsageFailure.exit("\(error)")
        }
      }

      /// What is valid but likely wrong against `workspace`: an inbox folder that does not
      /// exist (the night would create it empty and report its sales missing), and category
      /// overrides that no SKU of the master data has (they would change nothing).
      static func warnings(
        _ configuration: NightlyConfiguration, workspace: Workspace, inbox: String
      ) throws -> [String] {
        var found: [String] = []
        if !FileManager.default.fileExists(atPath: inbox) {
          found.append(
            "the inbox folder \(inbox) does not exist: a night would create it empty and "
              + "report its sales missing")
        }
        let categories = Set(
          try workspace.openDatabaseForReading().masterIndex().skus.map(\.record.category))
        for (name, _) in configuration.inventory.categoriesWithoutSKUs(known: categories) {
          found.append(
            "inventory.categories.\(name): no SKU of the workspace's master data has this "
              + "category, so its settings change nothing")
        }
        return found
      }
    }
  }
}
