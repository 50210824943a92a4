import Foundation
import Tabular
import XCTest
import _TestSupport

/// Whole-file writes through a temporary name and a rename.
final class AtomicFileTests: XCTestCase {
  func read(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  func testWritesBytes() throws {
    let directory = try TemporaryDirectory()
    let bytes: [UInt8] = Array(0...255)
    try AtomicFile.write(bytes, to: directory.path("out.bin"))
    XCTAssertEqual(try read(directory.path("out.bin")), bytes)
    XCTAssertEqual(try directory.contents(), ["out.bin"], "no temporary file is left behind")
  }

  func testReplacesExistingContent() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(String(repeating: "old content\n", count: 100), to: "r.txt")
    try AtomicFile.write("new\n", to: path)
    XCTAssertEqual(try read(path), Array("new\n".utf8))
    try AtomicFile.write("", to: path)
    XCTAssertEqual(try read(path), [])
    XCTAssertEqual(try directory.contents(), ["r.txt"])
  }

  func testCreatesMissingDirectories() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("a/b/c/report.csv")
    try AtomicFile.write("x,y\n", to: path)
    XCTAssertEqual(try read(path), Array("x,y\n".utf8))
    XCTAssertEqual(try directory.contents(of: "a/b/c"), ["report.csv"])
    // Writing again into the now existing folders works too.
    try AtomicFile.write("z\n", to: directory.path("a/b/other.csv"))
    XCTAssertEqual(try directory.contents(of: "a/b"), ["c", "other.csv"])
  }

  func testMakeDirectoriesIsIdempotent() throws {
    let directory = try TemporaryDirectory()
    try AtomicFile.makeDirectories(directory.path("x/y"))
    try AtomicFile.makeDirectories(directory.path("x/y"))
    var isDirectory: ObjCBool = false
    XCTAssertTrue(
      FileManager.default.fileExists(atPath: directory.path("x/y"), isDirectory: &isDirectory))
    XCTAssertTrue(isDirectory.boolValue)
  }

  func testWriteUnderAFileFails() throws {
    let directory = try TemporaryDirectory()
    let file = try directory.write("not a folder", to: "plain")
    XCTAssertThrowsError(try AtomicFile.write("x", to: file + "/child.txt")) { error in
      guard case .cannotWrite(_, let code)? = error as? TabularError else {
        return XCTFail("unexpected \(error)")
      }
      XCTAssertEqual(code, ENOTDIR)
    }
    XCTAssertEqual(try read(file), Array("not a folder".utf8))
  }

  func testWriteOverADirectoryFailsAndLeavesNoTemporaryFile() throws {
    let directory = try TemporaryDirectory()
    try FileManager.default.createDirectory(
      atPath: directory.path("taken/inner"), withIntermediateDirectories: true)
    XCTAssertThrowsError(try AtomicFile.write("x", to: directory.path("taken"))) {
      guard case .cannotWrite(let path, _)? = $0 as? TabularError else {
        return XCTFail("unexpected \($0)")
      }
      XCTAssertEqual(path, directory.path("taken"))
    }
    XCTAssertEqual(try directory.contents(), ["taken"])
  }
}

/// Files written in pieces, seen only whole.
final class AtomicFileStreamTests: XCTestCase {
  func read(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  func testPiecesAppearTogetherOnCommit() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("old\n", to: "out.csv")
    let sink = ByteSink()
    let stream = try AtomicFile.Stream(path: path)
    for piece in ["a,b\n", "1,2\n", "3,4\n"] {
      sink.append(utf8: piece)
      try stream.append(sink)
      sink.removeAll()
      XCTAssertEqual(try read(path), Array("old\n".utf8), "visible before commit")
    }
    XCTAssertEqual(stream.count, 12)
    try stream.commit()
    XCTAssertEqual(try read(path), Array("a,b\n1,2\n3,4\n".utf8))
    XCTAssertEqual(try directory.contents(), ["out.csv"])
  }

  func testAStreamDroppedWithoutCommitLeavesTheOldFileAndNoTemporary() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("old\n", to: "out.csv")
    do {
      let stream = try AtomicFile.Stream(path: path)
      let sink = ByteSink()
      sink.append(utf8: "partial")
      try stream.append(sink)
      XCTAssertEqual(try directory.contents().count, 2, "the temporary file exists meanwhile")
    }
    XCTAssertEqual(try read(path), Array("old\n".utf8))
    XCTAssertEqual(try directory.contents(), ["out.csv"])
    // A new file in a missing folder, committed empty.
    let fresh = try AtomicFile.Stream(path: directory.path("new/empty.csv"))
    try fresh.commit()
    XCTAssertEqual(try read(directory.path("new/empty.csv")), [])
  }
}
