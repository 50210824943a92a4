import ArgumentParser
import Foundation
import Ingest
import Pipeline

extension ShelfCast {
  /// `shelfcast import`: public retail data sets turned into ShelfCast's input files.
  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Turn a public retail data set into ShelfCast's input files.",
      subcommands: [M5.self, Walmart.self])
  }
}
