import Foundation
import Tabular
import XCTest
import _TestSupport

/// Reading whole input files, and refusing what is not a regular file before opening it.
final class FileBytesTests: XCTestCase {
  func testReadsARegularFile() throws {
    let directory = try TemporaryDirectory()
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b\r\n1,2".utf8) + [0, 255]
    let path = try directory.write(bytes: bytes, to: "in.csv")
    let file = try FileBytes(path: path)
    XCTAssertEqual(file.path, path)
    XCTAssertEqual(file.bytes, bytes)
    let modified =
      try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
    XCTAssertEqual(file.modifiedAt, try XCTUnwrap(modified).timeIntervalSince1970, accuracy: 1e-3)
  }

  func testReadsAnEmptyFile() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("", to: "empty.csv")
    XCTAssertEqual(try FileBytes(path: path).bytes, [])
    XCTAssertEqual(try FileBytes.prefix(path: path), [])
  }

  func testMissingFileIsNotFound() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("nope.csv")
    XCTAssertThrowsError(try FileBytes(path: path)) {
      XCTAssertEqual($0 as? TabularError, .notFound(path: path))
    }
    XCTAssertThrowsError(try FileBytes.prefix(path: path)) {
      XCTAssertEqual($0 as? TabularError, .notFound(path: path))
    }
  }

  func testDirectoryIsRefused() throws {
    let directory = try TemporaryDirectory()
    try FileManager.default.createDirectory(
      atPath: directory.path("folder.csv"), withIntermediateDirectories: false)
    let path = directory.path("folder.csv")
    XCTAssertThrowsError(try FileBytes(path: path)) {
      XCTAssertEqual($0 as? TabularError, .notARegularFile(path: path, kind: "directory"))
    }
    XCTAssertThrowsError(try FileBytes.prefix(path: path)) {
      XCTAssertEqual($0 as? TabularError, .notARegularFile(path: path, kind: "directory"))
    }
  }

  /// A FIFO would block a reader forever; it must be refused from its `stat`, without opening it.
  func testFIFOIsRefusedWithoutBlocking() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("pipe.csv")
    XCTAssertEqual(mkfifo(path, 0o600), 0, "mkfifo failed")
    XCTAssertThrowsError(try FileBytes(path: path)) {
      XCTAssertEqual($0 as? TabularError, .notARegularFile(path: path, kind: "FIFO (named pipe)"))
      XCTAssertEqual(
        "\($0)",
        "\(path): is a FIFO (named pipe), not a regular file; "
          + "give ShelfCast CSV files or folders of them."
      )
    }
    XCTAssertThrowsError(try FileBytes.prefix(path: path)) {
      XCTAssertEqual($0 as? TabularError, .notARegularFile(path: path, kind: "FIFO (named pipe)"))
    }
  }

  func testSymlinkToARegularFileIsFollowed() throws {
    let directory = try TemporaryDirectory()
    let target = try directory.write("x\n", to: "target.csv")
    let link = directory.path("link.csv")
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    XCTAssertEqual(try FileBytes(path: link).bytes, Array("x\n".utf8))
  }

  func testDanglingSymlinkIsNotFound() throws {
    let directory = try TemporaryDirectory()
    let link = directory.path("dangling.csv")
    try FileManager.default.createSymbolicLink(
      atPath: link, withDestinationPath: directory.path("gone"))
    XCTAssertThrowsError(try FileBytes(path: link)) {
      XCTAssertEqual($0 as? TabularError, .notFound(path: link))
    }
  }

  func testFileOverTheLimitIsRefused() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(String(repeating: "x", count: 101), to: "big.csv")
    XCTAssertThrowsError(try FileBytes(path: path, limitBytes: 100)) {
      XCTAssertEqual($0 as? TabularError, .tooLarge(path: path, bytes: 101, limitBytes: 100))
    }
    XCTAssertEqual(try FileBytes(path: path, limitBytes: 101).bytes.count, 101)
  }

  /// A file that grows after its `stat` (a writer still appending) is refused, not read short.
  func testFileThatGrowsWhileBeingReadIsRefused() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("a,b\n1,2\n", to: "growing.csv")
    XCTAssertThrowsError(
      try FileBytes(
        path: path, limitBytes: 1 << 20, reusing: [],
        afterReading: {
          let handle = FileHandle(forWritingAtPath: path)
          handle?.seekToEndOfFile()
          handle?.write(Data("3,4\n".utf8))
          try? handle?.close()
        })
    ) {
      XCTAssertEqual($0 as? TabularError, .changedWhileReading(path: path))
    }
    XCTAssertEqual(try FileBytes(path: path).bytes, Array("a,b\n1,2\n3,4\n".utf8))
  }

  /// Rewritten in place with the same size: caught by its modification time.
  func testFileRewrittenInPlaceIsRefused() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("a,b\n1,2\n", to: "rewritten.csv")
    let old = timespec(tv_sec: 1_000_000_000, tv_nsec: 0)
    var times = [old, old]
    XCTAssertEqual(utimensat(AT_FDCWD, path, &times, 0), 0)
    XCTAssertThrowsError(
      try FileBytes(
        path: path, limitBytes: 1 << 20, reusing: [],
        afterReading: {
          let handle = FileHandle(forWritingAtPath: path)
          handle?.write(Data("x,y\n9,9\n".utf8))
          try? handle?.close()
        })
    ) {
      XCTAssertEqual($0 as? TabularError, .changedWhileReading(path: path))
    }
  }

  func testPrefixStopsAtTheLimit() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("0123456789", to: "p.csv")
    XCTAssertEqual(try FileBytes.prefix(path: path, maximumBytes: 4), Array("0123".utf8))
    XCTAssertEqual(try FileBytes.prefix(path: path, maximumBytes: 100), Array("0123456789".utf8))
  }
}
