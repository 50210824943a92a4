import ArgumentParser
import Foundation
import Ingest
import Pipeline

extension ShelfCast.Import {
  struct M5: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "m5",
      abstract: "Import the M5 competition's daily item × store sales (wide CSV).",
      discussion: """
        Reads sales_train_evaluation.csv (or sales_train_validation.csv), any actuals_*.csv \
        with later days of the same ids, calendar.csv and, when present, sell_prices.csv from \
        DIR, and writes OUT/master/ (stores, skus, calendar with events as holidays, \
        promotions from weekly price cuts, covariates.csv with SNAP days per store and \
        events by type, known in advance), OUT/history/demand_YYYY-MM.csv (days with sales) \
        and import-report.txt. A series with a bad value or an empty id, item, department, \
        category, store or state is dropped whole and listed with its line and column \
        (OUT/quarantine/sales.csv). OUT appears whole or not at all. Exit 2 when no series can \
        be kept, a file is malformed or a header's day columns repeat or skip a day, 64 when \
        DIR lacks the files or OUT is not empty. Then: shelfcast ingest --workspace W \
        OUT/master OUT/history.
        """)

    @Argument(help: "The folder with the M5 files.")
    var directory: String

    @OptionGroup var target: ImportOutputOptions

    func run() throws {
      try ImportExit.mapped {
        let report = try StopRequest.during(
          "the import into \(target.out)", done: "nothing",
          resume:
            "\(target.out) was left as it was; the next 'shelfcast import m5' imports again"
        ) {
          try M5Importer.run(
            directory: directory, out: target.out, cancellation: StopRequest.cancellation)
        }
        if !target.output.quiet { print(report.text + "Written to \(target.out)/") }
      }
    }
  }
}
