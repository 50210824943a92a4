import LinearAlgebra
import XCTest

final class BLASInfoTests: XCTestCase {
  func testReportsTheOpenBLASInUse() {
    let info = BLASInfo.current
    print("BLAS in use: \(info)")
    XCTAssertFalse(info.corename.isEmpty)
    XCTAssertNotEqual(info.corename, "unknown")
    XCTAssertEqual(info.threads, 1, "ShelfCast runs OpenBLAS on the calling thread")
    XCTAssertTrue(info.config.contains("OpenBLAS"), info.config)
    XCTAssertTrue(info.description.contains("core \(info.corename)"), info.description)
  }
}
