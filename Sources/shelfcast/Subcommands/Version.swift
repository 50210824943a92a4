import ArgumentParser
import Pipeline

extension ShelfCast {
  struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print ShelfCast's version and the BLAS library in use.")

    func run() throws {
      print(VersionText.render())
    }
  }
}
