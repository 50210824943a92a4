import Foundation
import XCTest
import _TestSupport

/// `shelfcast demo --chain` naming a folder that holds other files is a usage error (exit 64)
/// naming the folder (it was exit 1, an internal error), refused before the workspace is made.
final class DemoCommandTests: XCTestCase {
  func testAChainFolderWithOtherFilesIsAUsageError() throws {
    let directory = try TemporaryDirectory()
    try directory.write("not a chain\n", to: "cfg/notes.txt")
    let result = try ShelfCastProcess.run([
      "demo", "--nights", "1", "--chain", directory.path("cfg"), "--workspace",
      directory.path("ws"), "--quiet",
    ])
    XCTAssertEqual(result.status, 64, result.error)
    XCTAssertTrue(
      result.error.contains("The output directory \(directory.path("cfg")) already contains files"),
      result.error)
    // Refused before the workspace is made: no empty workspace folder is left behind.
    XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path("ws")))
  }
}
