import ArgumentParser
import Foundation
import Ingest
import Pipeline

/// What every `shelfcast import` command takes after its input folder: the folder to write
/// and the output options.
struct ImportOutputOptions: ParsableArguments {
  @Argument(help: "The folder to write; it must not exist or be empty.")
  var out: String

  @OptionGroup var output: OutputOptions
}

/// How the import commands end on an `ImportError`: a wrong input folder or a non-empty output
/// folder is a usage error (exit 64); an input that cannot be read as its format is refused
/// (exit 2, the error on standard error); a failed write is rethrown.
enum ImportExit {
  static func mapped(_ body: () throws -> Void) throws {
    do { try body() } catch let error as ImportError {
      switch error {
      case .missingFile, .outputNotEmpty:
        throw UsageFailure.exit(error.description)
      case .noDemand, .missingColumn, .cannotRead, .emptyFile, .badField, .unknownDay,
        .dayColumnOutOfSequence, .daysNotContinued, .notWeekly:
        FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
        throw ExitCode(ExitStatus.inputRefused.rawValue)
      case .cannotWrite:
        throw error
      }
    }
  }
}
