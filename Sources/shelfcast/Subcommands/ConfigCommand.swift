import ArgumentParser
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
          name; exit code 64 then. With --workspace, the inbox is also checked to lie inside it.
          """)

      @Argument(help: "The YAML file, e.g. jobs/nightly.yaml.")
      var file: String

      @Option(help: "Check paths against this workspace.")
      var workspace: String?

      func run() throws {
        do {
          let configuration = try ConfigurationFile.nightly(path: file)
          if let workspace {
            _ = try Workspace(path: workspace, create: false).pathInside(
              configuration.inbox, setting: "inbox")
          }
          print("# \(file): valid. Effective configuration:")
          print(try ConfigurationFile.effectiveYAML(configuration), terminator: "")
        } catch PipelineError.invalidArgument(let message) {
          throw UsageFailure.exit(message)
        } catch let error as PipelineError {
          throw UsageFailure.exit("\(error)")
        }
      }
    }
  }
}
