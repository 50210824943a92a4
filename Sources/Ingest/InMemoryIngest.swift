import DemandCore
import History
import Tabular

/// Takes one input file's bytes, held in memory, through what `IngestRunner` does to a file before
/// it stores anything: recognition by header, the snapshot date from the name, every row through
/// the parser of its kind (with earlier deliveries set aside), block encoding and the quarantine
/// file's contents. Master data is given
/// instead of read; nothing touches a database or the file system.
///
/// The seam the fuzz target (`Sources/ShelfCastFuzz`) and its regression test drive, so they
/// exercise the same code as `shelfcast ingest` on the same bytes.
package struct InMemoryIngest: Sendable {
  let context: ValidationContext
  package let limits: IngestLimits

  /// - Parameters:
  ///   - master: the stores and SKUs rows are checked against, with their database keys.
  ///   - asOf: rows dated after it are future dates.
  package init(master: MasterIndex, asOf: Day, limits: IngestLimits = IngestLimits()) {
    precondition(
      master.stores.count < KeySlots.maximumStores && master.skus.count < KeySlots.maximumSKUs,
      "master data beyond what one workspace holds")
    self.context = ValidationContext(master: master, asOf: asOf, limits: limits)
    self.limits = limits
  }

  /// Recognises and parses `bytes` as the file `fileName`.
  ///
  /// Recognition sees the first 64 KiB, as `InputDiscovery` reads them from a file.
  ///
  /// - Parameter deliveredBefore: transaction lines an earlier file delivered (say, the
  ///   `deliveredLines` of an earlier outcome); lines matching them are set aside as duplicates,
  ///   as `IngestRunner` does for a re-delivered export.
  package func parse(
    _ bytes: UnsafeBufferPointer<UInt8>, fileName: String, deliveredBefore: [DeliveredLines] = []
  ) -> InMemoryOutcome {
    let prefix = UnsafeBufferPointer(rebasing: bytes.prefix(1 << 16))
    let duplicates =
      deliveredBefore.isEmpty
      ? nil
      : DuplicateFilter(
        earlier: deliveredBefore.map {
          EarlierDelivery(
            fileID: 1, fileName: "earlier.csv", storeKey: $0.storeKey, day: $0.day,
            fingerprints: $0.fingerprints)
        })
    let file: RecognisedFile
    do {
      file = try InputDiscovery.recognise(prefix: prefix, path: fileName, name: fileName)
    } catch {
      return InMemoryOutcome(failure: error.description, kind: nil)
    }
    do {
      let dayFromName = try IngestRunner.dayFromName(of: file)
      let parsed = try IngestRunner.parse(
        file, bytes, limits: limits, context: context, dayFromName: dayFromName,
        duplicates: duplicates)
      return InMemoryOutcome(file, parsed)
    } catch {
      return InMemoryOutcome(failure: error.description, kind: file.kind)
    }
  }
}

/// What `InMemoryIngest.parse` made of one file: its failure, or its counts, content, errors and
/// the quarantine file that `ingest` would write.
package struct InMemoryOutcome: Sendable {
  /// Why the whole file failed before its rows were read (`IngestFileError`'s message).
  package var failure: String?
  /// What the header says the file is (also for a file refused after recognition).
  package var kind: InputKind?
  /// The header's column count.
  package var headerFieldCount = 0
  package var rowsRead = 0
  package var rowsValid = 0
  /// Bad rows: those kept with their reasons and those only counted.
  package var rowsQuarantined = 0
  package var rowsDuplicate = 0
  package var cells = 0
  package var firstDay: Day?
  package var lastDay: Day?
  /// What would be stored, before encoding (`.demand`, `.inventory` or master records).
  package var content: FileBatch.Content = .nothing
  /// The demand or inventory blocks of `content` as `IngestRunner` encodes them for storage.
  package var encoded: [EncodedBlock] = []
  /// The errors kept (at most `IngestLimits.maximumQuarantinedRows`), then the duplicates.
  package var errors: [RowError] = []
  /// Each error's row text as the quarantine file holds it, in the order of `errors`.
  package var rawTexts: [String] = []
  /// The quarantine file's bytes (`QuarantineWriter`): its header and one row per error.
  package var quarantine: [UInt8] = []
  /// Fingerprints of the transaction lines with an id, per store/day.
  package var deliveredLines: [DeliveredLines] = []

  init(failure: String, kind: InputKind?) {
    self.failure = failure
    self.kind = kind
  }

  init(_ file: RecognisedFile, _ parsed: ParsedFile) {
    kind = file.kind
    headerFieldCount = file.header.count
    rowsRead = parsed.rowsRead
    rowsValid = parsed.rowsValid
    rowsQuarantined = parsed.badRows
    rowsDuplicate = parsed.duplicates.count
    cells = parsed.cells
    firstDay = parsed.firstDay
    lastDay = parsed.lastDay
    content = parsed.content
    errors = parsed.errors + parsed.duplicates
    rawTexts = parsed.rejectedTexts + parsed.duplicateTexts
    deliveredLines = parsed.deliveredLines
    var encoding = parsed
    encoding.encodeBlocks()
    switch encoding.content {
    case .encodedDemand(let blocks), .encodedInventory(let blocks): encoded = blocks
    default: break
    }
    let sink = QuarantineWriter.contents(errors, rawTexts: rawTexts)
    quarantine = sink.withUnsafeBytes { Array($0) }
  }
}
