import DemandCore
import History
import Ingest
import Tabular

/// One fuzz input taken through the CSV scanner and ingest's row parsers, in memory, with every
/// check that must hold whatever the bytes: the libFuzzer target `ShelfCastFuzz` calls it on each
/// input, and `FuzzRegressionTests` on every file of `Fuzz/regressions` and `Fuzz/corpus`.
///
/// The input is read as a file named `fileName` (so an inventory snapshot without a date column
/// takes 2025-03-10 from the name), against the master data of `Tests/Fixtures/bad-input`
/// (stores S001, opened 2020-01-01, and S002, opened 2025-03-01; SKUs P001–P003) plus a store and
/// a SKU with ids longer than eight bytes, and an as-of date of 2025-03-31.
public enum IngestFuzzHarness {
  public static let fileName = "fuzz_2025-03-10.csv"
  static let asOf = Day(daysSinceEpoch: 20_178)  // 2025-03-31

  /// Database keys far apart, so that block keys take the raw encoding as well as the deltas.
  static let master = MasterIndex(
    stores: [
      (
        10,
        StoreRecord(id: StoreID("S001"), name: "", region: "", format: "", openDay: day(2020, 1, 1))
      ),
      (
        11,
        StoreRecord(id: StoreID("S002"), name: "", region: "", format: "", openDay: day(2025, 3, 1))
      ),
      (
        90_000,
        StoreRecord(id: StoreID("STORE-LONG-9"), name: "", region: "", format: "", openDay: nil)
      ),
    ],
    skus: [
      (5, sku("P001")), (6, sku("P002")), (7, sku("P003")), (200_000, sku("P0000000001")),
    ])
  /// Few quarantined rows kept, so that files with more bad rows take the refusing path too.
  static let limits = IngestLimits(maximumQuarantinedRows: 8)
  static let ingest = InMemoryIngest(master: master, asOf: asOf, limits: limits)

  /// Scanner limits the scanner is compared with the reference under: the defaults, and small
  /// ones that short fuzz inputs reach.
  static let scannerLimits = [(fields: 512, bytes: 1 << 20), (fields: 4, bytes: 24)]
  /// Fields longer than this are not put through the number and date checks (they cannot be
  /// numbers ShelfCast stores; the checks would only slow the fuzzer down).
  static let maximumCheckedFieldBytes = 64

  /// Everything wrong with how ShelfCast reads `bytes`; empty when every check passes.
  public static func violations(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
    var problems: [String] = []
    // The records under the default limits, which ingest reads with, serve the later checks too.
    var records: [ReferenceScanner.Record] = []
    for (index, limit) in scannerLimits.enumerated() {
      let reference = ReferenceScanner(
        bytes: bytes, maximumFieldCount: limit.fields, maximumRecordBytes: limit.bytes)
      let expected = reference.records()
      problems += reference.differences(from: expected)
      if index == 0 { records = expected }
    }
    for record in records {
      for field in record.fields where field.count <= maximumCheckedFieldBytes {
        field.withUnsafeBufferPointer { field in
          if let problem = FieldChecks.decimalDifference(field) { problems.append(problem) }
          if let problem = FieldChecks.dayDifference(field) { problems.append(problem) }
        }
      }
    }
    let outcome = ingest.parse(bytes, fileName: fileName)
    var checks = OutcomeChecks(
      bytes: bytes, outcome: outcome, records: records, master: master, asOf: asOf, limits: limits)
    problems += checks.run()
    if !outcome.deliveredLines.isEmpty {
      problems += redeliveryViolations(bytes, outcome, records: records)
    }
    return problems
  }

  /// The same bytes delivered again: every line with a transaction id is set aside as a
  /// duplicate, nothing else changes, and the outcome passes the same checks.
  static func redeliveryViolations(
    _ bytes: UnsafeBufferPointer<UInt8>, _ first: InMemoryOutcome,
    records: [ReferenceScanner.Record]
  ) -> [String] {
    let again = ingest.parse(bytes, fileName: fileName, deliveredBefore: first.deliveredLines)
    let fingerprinted = first.deliveredLines.reduce(0) { $0 + $1.fingerprints.count }
    var problems: [String] = []
    if again.failure != nil || again.rowsRead != first.rowsRead
      || again.rowsQuarantined != first.rowsQuarantined || again.rowsDuplicate != fingerprinted
      || again.rowsValid != first.rowsValid - fingerprinted || !again.deliveredLines.isEmpty
    {
      problems.append(
        "delivered again: \(again.rowsRead) read, \(again.rowsValid) valid, "
          + "\(again.rowsQuarantined) quarantined, \(again.rowsDuplicate) duplicate; expected "
          + "\(first.rowsRead), \(first.rowsValid - fingerprinted), \(first.rowsQuarantined), "
          + "\(fingerprinted)")
    }
    var checks = OutcomeChecks(
      bytes: bytes, outcome: again, records: records, master: master, asOf: asOf, limits: limits)
    problems += checks.run().map { "delivered again: " + $0 }
    return problems
  }

  /// What ingest made of `bytes`, in one line: its failure, or the kind and counts and the first
  /// row error; for replaying inputs by hand.
  public static func summary(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    let outcome = ingest.parse(bytes, fileName: fileName)
    if let failure = outcome.failure { return "failed: \(failure)" }
    return "\(outcome.kind.map(\.rawValue) ?? "?"): \(outcome.rowsRead) read, "
      + "\(outcome.rowsValid) valid, \(outcome.rowsQuarantined) quarantined, "
      + "\(outcome.cells) cells, \(outcome.deliveredLines.count) store/days with ids"
      + (outcome.errors.first.map { "; first error: \($0)" } ?? "")
  }

  static func day(_ year: Int, _ month: Int, _ day: Int) -> Day? {
    Day(year: year, month: month, day: day)
  }

  static func sku(_ id: String) -> SKURecord {
    SKURecord(
      id: SKUID(id), name: id, category: "dairy", unitCost: 1, unitPrice: 2, casePack: 6,
      leadTimeDays: 2, minOrderQty: 0)
  }
}
