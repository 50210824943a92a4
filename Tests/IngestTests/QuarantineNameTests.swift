import DemandCore
import Foundation
import XCTest

@testable import Ingest

/// The quarantine file's name is made from the input file's name, which is data from outside:
/// it never carries a control character, a path separator or a leading dot into the
/// workspace, and two names that differ only in such characters never share a file.
final class QuarantineNameTests: XCTestCase {
  func testAPlainNameIsKeptAsItIs() {
    XCTAssertEqual(
      QuarantineWriter.fileName(for: "sales_2026-03-01.csv"), "sales_2026-03-01.csv.rejected.csv")
    XCTAssertEqual(
      QuarantineWriter.fileName(for: "ventes été (1).csv"), "ventes été (1).csv.rejected.csv")
  }

  func testUnsafeCharactersAreReplacedAndTheNameHashed() {
    for name in [
      "a\nb.csv", "a\rb.csv", "a\tb.csv", "a\u{0}b.csv", "a\\b.csv", "a:b.csv", "a\u{202E}vsc.exe",
      "a\u{7F}b.csv", "a*b?.csv",
    ] {
      let escaped = QuarantineWriter.fileName(for: name)
      XCTAssertTrue(escaped.hasSuffix(".rejected.csv"), escaped)
      XCTAssertFalse(escaped.contains("/"), escaped)
      XCTAssertFalse(
        escaped.unicodeScalars.contains {
          $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
            || $0 == "\\" || $0 == ":" || $0 == "*" || $0 == "?"
        }, escaped.debugDescription)
      // The first character and a 16-hex-digit hash of the whole name.
      XCTAssertTrue(escaped.hasPrefix("a_"), escaped.debugDescription)
      XCTAssertNotNil(
        escaped.range(of: "-[0-9a-f]{16}\\.rejected\\.csv$", options: .regularExpression))
    }
    // Names that become the same text once escaped still get different files.
    XCTAssertNotEqual(
      QuarantineWriter.fileName(for: "a\nb.csv"), QuarantineWriter.fileName(for: "a\rb.csv"))
    XCTAssertNotEqual(
      QuarantineWriter.fileName(for: "a\nb.csv"), QuarantineWriter.fileName(for: "a_b.csv"))
  }

  func testALeadingDotIsNeverKept() {
    for name in [".hidden.csv", "..csv", "..", ".", ".x.csv.tmp-42"] {
      let escaped = QuarantineWriter.fileName(for: name)
      XCTAssertFalse(escaped.hasPrefix("."), escaped)
      XCTAssertTrue(escaped.hasPrefix("_"), escaped)
    }
  }

  /// The quarantine path of any name is a direct child of the quarantine folder.
  func testThePathStaysInTheQuarantineFolder() {
    let options = IngestOptions(
      asOf: Day(year: 2026, month: 1, day: 1)!, quarantineDirectory: "/ws/quarantine",
      manifestDirectory: "/ws/manifests")
    for name in ["../../etc/passwd", "a/../../b.csv", "..", "x\n/../y.csv"] {
      let path = options.quarantinePath(for: name)
      XCTAssertTrue(path.hasPrefix("/ws/quarantine/"), path)
      XCTAssertFalse(path.dropFirst("/ws/quarantine/".count).contains("/"), path)
      XCTAssertEqual((path as NSString).standardizingPath, path)
    }
  }

  /// End to end: a file named with a newline and a leading dot, given by name, with a bad row.
  func testAHostileFileNameGetsASafeQuarantineFile() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let name = ".evil\nname.csv"
    let text = """
      date,store_id,sku_id,quantity,unit_price,promo
      2025-03-01,S001,P001,2,1.20,0
      2025-03-01,S777,P001,1,1.20,0

      """
    let report = try f.run([try f.write(text, to: "in/" + name)], maximumRejectShare: 1)
    let file = try XCTUnwrap(report.files.first)
    XCTAssertEqual(file.outcome, .ingested)
    let quarantine = try XCTUnwrap(file.quarantineFile)
    XCTAssertEqual((quarantine as NSString).deletingLastPathComponent, f.quarantineDirectory)
    let written = try FileManager.default.contentsOfDirectory(atPath: f.quarantineDirectory)
    XCTAssertEqual(written, [(quarantine as NSString).lastPathComponent])
    XCTAssertFalse(written[0].hasPrefix("."))
    XCTAssertFalse(written[0].contains("\n"))
  }
}
