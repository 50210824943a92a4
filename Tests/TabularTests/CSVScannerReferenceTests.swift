import Foundation
import Tabular
import XCTest
import _TestSupport

/// The byte scanner against the simple reference reader on many generated files.
final class CSVScannerReferenceTests: XCTestCase {
  /// 2,000 files whose fields are drawn from the awkward cases (empty, commas, quotes, every line
  /// ending), with every line ending and blank lines between records; a fixed seed so a failure
  /// can be replayed.
  func testRandomFilesMatchTheReferenceReader() {
    var random = SplitMix64(seed: 0x5EED_CAFE)
    let pieces = ["a", "1.5", " ", ",", "\"", "\n", "\r\n", "\r", "é", "x y", "-"]
    let endings = ["\n", "\r\n", "\r"]
    var records = 0
    var fieldsWithBreaks = 0
    var blankLines = 0
    for trial in 0..<2_000 {
      var text = random.next() % 4 == 0 ? "\u{FEFF}" : ""
      let recordCount = Int(random.next() % 6)
      for r in 0..<recordCount {
        if random.next() % 5 == 0 {  // a blank line
          text += endings[Int(random.next() % 3)]
          blankLines += 1
        }
        let fieldCount = 1 + Int(random.next() % 4)
        var fields: [String] = []
        for _ in 0..<fieldCount {
          var value = ""
          for _ in 0..<Int(random.next() % 4) {
            value += pieces[Int(random.next() % UInt64(pieces.count))]
          }
          let mustQuote = value.contains {
            $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n"
          }
          // A lone empty unquoted field would make a blank line, which is skipped, so quote it.
          let quote = mustQuote || (fieldCount == 1 && value.isEmpty) || random.next() % 3 == 0
          fields.append(
            quote ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value)
        }
        text += fields.joined(separator: ",")
        if r < recordCount - 1 || random.next() % 2 == 0 { text += endings[Int(random.next() % 3)] }
      }
      let expected = ReferenceCSV.parse(text).map { Scanned(line: $0.line, fields: $0.fields) }
      let observed = Scanned.all(text)
      if observed != expected {
        return XCTFail(
          "trial \(trial): \(text.debugDescription)\nexpected \(expected)\nobserved \(observed)")
      }
      records += observed.count
      fieldsWithBreaks += observed.flatMap(\.fields).filter { $0.contains { $0.isNewline } }.count
    }
    // The generator reached the cases that matter.
    XCTAssertGreaterThan(records, 4_000)
    XCTAssertGreaterThan(fieldsWithBreaks, 3_000)
    XCTAssertGreaterThan(blankLines, 800)
  }
}
