import DemandCore
import Foundation
import History
import Tabular
import XCTest
import _TestSupport

@testable import Ingest
@testable import _IngestFuzzing

/// Issue 7, §3: the fuzz target's inputs, replayed on every test run. Every input the fuzzer found
/// breaking something (`Fuzz/regressions`, each fixed since) and every seed of the corpus
/// (`Fuzz/corpus`, written by `Fuzz/make_corpus.py`) must pass all of `IngestFuzzHarness`'s checks;
/// the in-memory seam the target drives must count and quarantine exactly as `ingest` does; and the
/// harness's reference scanner and number check must themselves read known text as worked out by
/// hand.
final class FuzzRegressionTests: XCTestCase {
  static let fuzz = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz").path

  static func inputs(in folder: String) throws -> [(name: String, bytes: [UInt8])] {
    let path = fuzz + "/" + folder
    return try FileManager.default.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") }
      .sorted().map { name in
        (name, Array(try Data(contentsOf: URL(fileURLWithPath: path + "/" + name))))
      }
  }

  func testEveryInputTheFuzzerBrokeThingsWithNowPasses() throws {
    let inputs = try Self.inputs(in: "regressions")
    XCTAssertGreaterThanOrEqual(inputs.count, 1)
    for input in inputs {
      let violations = input.bytes.withUnsafeBufferPointer { IngestFuzzHarness.violations($0) }
      XCTAssertEqual(violations, [], input.name)
    }
  }

  func testEverySeedPasses() throws {
    let inputs = try Self.inputs(in: "corpus")
    XCTAssertGreaterThanOrEqual(inputs.count, 60)
    for input in inputs {
      let violations = input.bytes.withUnsafeBufferPointer { IngestFuzzHarness.violations($0) }
      XCTAssertEqual(violations, [], input.name)
    }
  }

  /// The seam is the real path: for each seed, `InMemoryIngest` (with the master data read back
  /// from a workspace) gives the counts, day span, failure message and quarantine file bytes that
  /// `IngestRunner` gives when it ingests the same bytes from a file into that workspace.
  func testInMemoryIngestCountsAndQuarantinesAsIngestDoes() throws {
    let f = try IngestFixture()
    try f.loadMasterData()
    let memory = InMemoryIngest(master: try f.database.masterIndex(), asOf: f.asOf)
    // Master data would change what later files are checked against, and re-delivery files
    // depend on what came before; the rest are independent of each other.
    let inputs = try Self.inputs(in: "corpus").filter {
      !["ok-stores.csv", "ok-skus.csv"].contains($0.name) && !$0.name.hasPrefix("bad-00_")
        && !$0.name.hasPrefix("bad-redelivery") && !$0.name.contains("store_names")
        && !$0.name.hasPrefix("bad-formula_s")
    }
    XCTAssertGreaterThanOrEqual(inputs.count, 40)
    var compared = 0
    for input in inputs {
      let name = String(input.name.dropFirst(input.name.hasPrefix("bad-") ? 4 : 0))
      let report = try f.run(
        [try f.write(bytes: input.bytes, to: "inbox/\(name)")], maximumRejectShare: 1)
      guard let file = report.files.first, report.files.count == 1 else {
        XCTFail("\(name): \(report.files.count) files reported")
        continue
      }
      let outcome = input.bytes.withUnsafeBufferPointer { memory.parse($0, fileName: name) }
      if file.outcome == .alreadyIngested { continue }  // the same bytes as an earlier seed
      compared += 1
      XCTAssertEqual(outcome.failure, file.outcome == .failed ? file.message : nil, name)
      XCTAssertEqual(outcome.kind, file.kind, name)
      XCTAssertEqual(outcome.rowsRead, file.rowsRead, name)
      XCTAssertEqual(outcome.rowsValid, file.rowsValid, name)
      XCTAssertEqual(outcome.rowsQuarantined, file.rowsQuarantined, name)
      XCTAssertEqual(outcome.rowsDuplicate, file.rowsDuplicate, name)
      XCTAssertEqual(outcome.firstDay, file.firstDay, name)
      XCTAssertEqual(outcome.lastDay, file.lastDay, name)
      if let quarantine = file.quarantineFile {
        XCTAssertEqual(
          outcome.quarantine, Array(try Data(contentsOf: URL(fileURLWithPath: quarantine))), name)
      } else {
        XCTAssertEqual(outcome.errors.count, 0, name)
      }
    }
    XCTAssertGreaterThanOrEqual(compared, 40)
  }

  /// The reference scanner on text worked out by hand: a BOM, a blank CRLF line, a quoted field
  /// with a doubled quote and a line break, text after a closing quote, and a quote never closed.
  func testReferenceScannerReadsKnownText() {
    let text = Array("\u{FEFF}a,\"b\"\"\nc\"\r\n\r\n\"x\"y,z\n1,\"open,2\n3,".utf8)
    let records = text.withUnsafeBufferPointer {
      ReferenceScanner(bytes: $0, maximumFieldCount: 512, maximumRecordBytes: 1 << 20).records()
    }
    XCTAssertEqual(records.map(\.line), [1, 4, 5, 6])
    XCTAssertEqual(
      records.map { $0.fields.map { String(decoding: $0, as: UTF8.self) } },
      [["a", "b\"\nc"], ["x", "z"], ["1", "open,2"], ["3", ""]])
    XCTAssertEqual(
      records.map(\.problem),
      [nil, .textAfterClosingQuote(column: 1), .unbalancedQuote(column: 2), nil])
    XCTAssertEqual(
      records.map(\.unescaped), [[false, true], [false, false], [false, false], [false, false]])
    // Bytes 3..<12 are `a,"b""\nc"`: the record's text without its CRLF.
    XCTAssertEqual(records.first.map { [$0.rawStart, $0.rawEnd] }, [3, 12])
    let scannerAgrees = text.withUnsafeBufferPointer {
      ReferenceScanner.differences($0, maximumFieldCount: 512, maximumRecordBytes: 1 << 20)
    }
    XCTAssertEqual(scannerAgrees, [])
    let limited = Array("a,b,c\n123456789\n".utf8).withUnsafeBufferPointer {
      ReferenceScanner(bytes: $0, maximumFieldCount: 2, maximumRecordBytes: 8).records()
    }
    XCTAssertEqual(
      limited.map(\.problem), [.tooManyFields(limit: 2), .recordTooLong(limitBytes: 8)])
  }

  /// The number check's reference, on values known exactly.
  func testReferenceNumbersAreTheStandardLibrarysReadings() {
    func reference(_ text: String) -> Result<Double, NumberProblem> {
      Array(text.utf8).withUnsafeBufferPointer { FieldChecks.referenceDecimal($0) }.map(\.0)
    }
    XCTAssertEqual(reference(" 4.99 "), .success(4.99))
    XCTAssertEqual(reference("-1e3"), .success(-1000))
    XCTAssertEqual(reference(".5"), .success(0.5))
    XCTAssertEqual(reference("5."), .success(5))
    XCTAssertEqual(reference("1234567890123456789"), .failure(.outOfRange))
    XCTAssertEqual(reference("1e309"), .failure(.outOfRange))
    XCTAssertEqual(reference("-Infinity"), .failure(.notFinite))
    XCTAssertEqual(reference("1,5"), .failure(.notANumber))
    XCTAssertEqual(reference("1e"), .failure(.notANumber))
    XCTAssertEqual(reference("   "), .failure(.empty))
  }

  /// A message that would show a control or bidirectional-override character is caught.
  func testHiddenCharactersInMessagesAreFound() {
    XCTAssertEqual(OutcomeChecks.firstHidden("column 'a\u{1B}'"), "1B")
    XCTAssertEqual(OutcomeChecks.firstHidden("sto\u{202E}re"), "202E")
    XCTAssertNil(OutcomeChecks.firstHidden("column 'a\\u{1B}' é"))
  }
}
