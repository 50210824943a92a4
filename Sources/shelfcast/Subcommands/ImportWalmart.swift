import ArgumentParser
import Foundation
import Ingest
import Pipeline

extension ShelfCast.Import {
  struct Walmart: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "walmart",
      abstract: "Import Walmart's store × department weekly sales (train, features, stores).",
      discussion: """
        Reads train.csv (or train.csv.zip, streamed through unzip -p), features.csv and \
        stores.csv from DIR and writes OUT/demand.csv (weekly, SKU = department, values in \
        dollars), stores.csv, skus.csv, calendar.csv (holiday weeks), covariates.csv \
        (markdowns, temperature, fuel price, CPI, unemployment) and import-report.txt. The \
        weeks end on the weekday most of train.csv's dates fall on, as ingest infers it; rows \
        on another weekday and other bad rows go to OUT/quarantine/ with their line, column \
        and reason; negative weeks are kept and counted. OUT appears whole or not at all. Exit \
        2 when nothing of the sales could be kept or a header lacks a column, 64 when DIR lacks \
        the files or OUT is not empty.
        """)

    @Argument(help: "The folder with train.csv[.zip], features.csv and stores.csv.")
    var directory: String

    @OptionGroup var target: ImportOutputOptions

    func run() throws {
      try ImportExit.mapped {
        let report = try WalmartImporter.run(directory: directory, out: target.out)
        if !target.output.quiet { print(report.text + "\nWritten to \(target.out)/") }
      }
    }
  }
}
