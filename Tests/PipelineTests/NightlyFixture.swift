import DemandCore
import Foundation
import Pipeline

/// What the nightly tests share: a generated chain's night files delivered to an inbox.
enum NightlyFixture {
  /// Copies the transaction and stock files of `day` from the chain folder `chain` into the
  /// workspace's inbox, as the point-of-sale export would.
  static func deliver(_ day: Day, from chain: String, to workspace: Workspace) throws {
    let inbox = workspace.root + "/inbox"
    try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
    for (folder, prefix) in [("inbox", "transactions_"), ("inventory", "on_hand_")] {
      let name = prefix + day.iso + ".csv"
      try FileManager.default.copyItem(
        atPath: chain + "/" + folder + "/" + name, toPath: inbox + "/" + name)
    }
  }

  static func read(_ path: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path))
  }
}
