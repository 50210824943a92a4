import DemandCore
import History
import Ingest
import Tabular

/// What must hold of any file's `InMemoryOutcome`, whatever its bytes: the promises docs/files.md
/// makes about ingest (every row read is stored, quarantined or set aside; nothing stored is
/// dated after the as-of date or before its store opened; a quarantine file reads back as what
/// was put in it; messages show no control characters) and the internal consistency of what
/// would be stored (blocks that decode to themselves, cells that add up).
struct OutcomeChecks {
  let bytes: UnsafeBufferPointer<UInt8>
  let outcome: InMemoryOutcome
  /// The reference scanner's records of the whole input (default limits), header included.
  let records: [ReferenceScanner.Record]
  let master: MasterIndex
  let asOf: Day
  let limits: IngestLimits

  var problems: [String] = []

  mutating func run() -> [String] {
    checkMessages()
    guard outcome.failure == nil, let kind = outcome.kind else { return problems }
    checkCounts(kind)
    checkErrors()
    checkQuarantineReadsBack()
    checkContent(kind)
    return problems
  }

  private mutating func fail(_ text: String) { problems.append(text) }

  // MARK: - Messages

  /// File failures and row errors are printed to terminals and logs: no control, format or separator
  /// characters (NUL, ESC, line breaks, bidirectional overrides) may reach them from the file.
  private mutating func checkMessages() {
    if let failure = outcome.failure {
      if let hidden = Self.firstHidden(failure) {
        fail("failure message shows U+\(hidden) from the file: \(failure.debugDescription)")
      }
      if failure.contains("was replaced while it was being read") {
        fail("recognition and parsing read different headers from the same bytes: \(failure)")
      }
    }
    for error in outcome.errors {
      if let hidden = Self.firstHidden(error.description) {
        fail("row error shows U+\(hidden) from the file: \(error.description.debugDescription)")
      }
    }
  }

  /// The first control, format, line- or paragraph-separator scalar of `text`, in hex.
  static func firstHidden(_ text: String) -> String? {
    for scalar in text.unicodeScalars {
      switch scalar.properties.generalCategory {
      case .control, .format, .lineSeparator, .paragraphSeparator:
        return String(scalar.value, radix: 16, uppercase: true)
      default: continue
      }
    }
    return nil
  }

  // MARK: - Counts

  private mutating func checkCounts(_ kind: InputKind) {
    let o = outcome
    if o.rowsRead != o.rowsValid + o.rowsQuarantined + o.rowsDuplicate {
      fail(
        "rows do not reconcile: \(o.rowsRead) read != \(o.rowsValid) valid + "
          + "\(o.rowsQuarantined) quarantined + \(o.rowsDuplicate) duplicate")
    }
    if o.rowsRead != records.count - 1 {
      fail(
        "\(o.rowsRead) rows read where the input has \(records.count - 1) records after the header")
    }
    let kept = min(o.rowsQuarantined, limits.maximumQuarantinedRows) + o.rowsDuplicate
    if o.errors.count != kept || o.rawTexts.count != kept {
      fail("\(o.errors.count) errors and \(o.rawTexts.count) row texts kept, expected \(kept)")
    }
    switch kind {
    case .transactions:
      if o.cells > o.rowsValid || (o.cells == 0) != (o.rowsValid == 0) {
        fail("\(o.cells) cells from \(o.rowsValid) valid transaction lines")
      }
    default:
      if o.cells != o.rowsValid { fail("\(o.cells) cells from \(o.rowsValid) valid rows") }
    }
    switch kind {
    case .stores, .skus:
      if o.firstDay != nil || o.lastDay != nil { fail("master data with a day span") }
    default:
      if (o.firstDay == nil) != (o.rowsValid == 0) || (o.lastDay == nil) != (o.rowsValid == 0) {
        fail(
          "day span \(String(describing: o.firstDay))…\(String(describing: o.lastDay)) "
            + "with \(o.rowsValid) valid rows")
      }
      if let first = o.firstDay, let last = o.lastDay, first > last {
        fail("day span \(first)…\(last) runs backwards")
      }
    }
  }

  // MARK: - Row errors and quarantine

  private mutating func checkErrors() {
    var physicalLines = 1
    var i = 0
    while i < bytes.count {
      if bytes[i] == 10 {
        physicalLines += 1
      } else if bytes[i] == 13 {
        physicalLines += 1
        if i + 1 < bytes.count, bytes[i + 1] == 10 { i += 1 }
      }
      i += 1
    }
    let firstDataLine = records.count > 1 ? records[1].line : Int.max
    for error in outcome.errors {
      if error.line < firstDataLine || error.line > physicalLines {
        fail(
          "error on line \(error.line), outside the data lines \(firstDataLine)...\(physicalLines)")
      }
      if let column = error.column, column < 1 { fail("error in column \(column)") }
      if error.file != IngestFuzzHarness.fileName { fail("error names file \(error.file)") }
    }
  }

  /// The quarantine file, read back with the scanner, holds exactly the errors and row texts:
  /// five fields a row, every text as given (after the apostrophe that defuses formulas).
  private mutating func checkQuarantineReadsBack() {
    let o = outcome
    o.quarantine.withUnsafeBufferPointer { file in
      let scanner = CSVScanner(bytes: file)
      guard let header = scanner.next(), header.problem == nil,
        header.strings == ["line", "column", "column_name", "reason", "raw"]
      else { return fail("quarantine file has no proper header") }
      for (index, error) in o.errors.enumerated() {
        guard let row = scanner.next() else {
          return fail("quarantine file ends after \(index) of \(o.errors.count) rows")
        }
        guard row.problem == nil, row.fieldCount == 5 else {
          return fail(
            "quarantine row \(index + 1) does not split into 5 fields: "
              + "\(row.fieldCount), \(String(describing: row.problem))")
        }
        let expected = [
          "\(error.line)", error.column.map { "\($0)" } ?? "", Self.defused(error.columnName ?? ""),
          Self.defused(error.reasonText), Self.defused(o.rawTexts[index]),
        ]
        for field in 0..<5 {
          let got = row.withField(field) { Array($0) }
          if got != Array(expected[field].utf8) {
            return fail(
              "quarantine row \(index + 1), field \(field + 1) reads back as "
                + "\(String(decoding: got, as: UTF8.self).debugDescription), wrote "
                + expected[field].debugDescription)
          }
        }
      }
      if let extra = scanner.next() {
        fail("quarantine file has an extra row at line \(extra.line)")
      }
    }
  }

  /// `text` as the spreadsheet-safe writer leaves it: an apostrophe before a leading `=`, `+`,
  /// `-`, `@`, tab or carriage return.
  static func defused(_ text: String) -> String {
    guard let first = text.utf8.first, [61, 43, 45, 64, 9, 13].contains(first) else { return text }
    return "'" + text
  }

  // MARK: - Content

  private mutating func checkContent(_ kind: InputKind) {
    var openDay: [Int32: Day?] = [:]
    for (key, record) in master.stores { openDay[key] = record.openDay }
    switch outcome.content {
    case .demand(let blocks):
      checkBlockOrder(blocks.map { ($0.storeKey, $0.day, $0.skuKeys) }, openDay: openDay)
      let entries = blocks.reduce(0) { $0 + $1.count }
      if entries != outcome.cells { fail("\(entries) block entries for \(outcome.cells) cells") }
      if kind == .transactions {
        let lines = blocks.reduce(0) { $0 + $1.lines.reduce(0) { $0 + Int($1) } }
        if lines != outcome.rowsValid {
          fail("blocks count \(lines) lines for \(outcome.rowsValid) valid lines")
        }
      }
      for block in blocks {
        for i in 0..<block.count
        where !(block.unitsSold[i] >= 0) || !(block.unitsReturned[i] >= 0)
          || block.promoLines[i] > block.lines[i] || !block.revenue[i].isFinite
        {
          fail("block \(block.storeKey)/\(block.day) SKU \(block.skuKeys[i]) has impossible sums")
        }
      }
      checkEncoding(blocks.count) { index, encoded in
        let decoded = try DemandBlock(
          storeKey: encoded.storeKey, day: encoded.day, decoding: encoded.payload)
        return Self.sameBits(decoded, blocks[index])
      }
    case .inventory(let blocks):
      checkBlockOrder(blocks.map { ($0.storeKey, $0.day, $0.skuKeys) }, openDay: openDay)
      let entries = blocks.reduce(0) { $0 + $1.count }
      if entries != outcome.cells { fail("\(entries) block entries for \(outcome.cells) cells") }
      let range = 0...limits.maximumUnitsPerDay
      for block in blocks {
        for i in 0..<block.count
        where !range.contains(block.onHand[i]) || !range.contains(block.onOrder[i]) {
          fail(
            "block \(block.storeKey)/\(block.day) SKU \(block.skuKeys[i]) has stock out of range")
        }
      }
      checkEncoding(blocks.count) { index, encoded in
        let decoded = try InventoryBlock(
          storeKey: encoded.storeKey, day: encoded.day, decoding: encoded.payload)
        return decoded.skuKeys == blocks[index].skuKeys
          && decoded.onHand.map(\.bitPattern) == blocks[index].onHand.map(\.bitPattern)
          && decoded.onOrder.map(\.bitPattern) == blocks[index].onOrder.map(\.bitPattern)
      }
    case .stores(let records):
      if Set(records.map(\.id)).count != records.count { fail("a store id stored twice") }
      if records.contains(where: { $0.id.rawValue.isEmpty }) { fail("an empty store id stored") }
    case .skus(let records):
      if Set(records.map(\.id)).count != records.count { fail("a SKU id stored twice") }
      if records.contains(where: { $0.casePack < 1 || $0.leadTimeDays < 0 }) {
        fail("a SKU with an impossible case pack or lead time stored")
      }
    case .calendar(let entries):
      if Set(entries.map(\.day)).count != entries.count { fail("a calendar day stored twice") }
    case .promotions(let records):
      if records.contains(where: { $0.end < $0.start || !(0...100).contains($0.discountPct) }) {
        fail("a promotion ending before it starts, or with a discount beyond 0…100, stored")
      }
    case .covariates(let records):
      if records.count != outcome.cells { fail("\(records.count) covariates for \(outcome.cells)") }
      if records.contains(where: { $0.name.isEmpty || $0.value.map { !$0.isFinite } ?? false }) {
        fail("a covariate without a name, or with a value that is not finite, stored")
      }
    case .nothing, .encodedDemand, .encodedInventory:
      if outcome.rowsValid > 0 { fail("\(outcome.rowsValid) valid rows but no content") }
    }
  }

  /// Blocks in store then day order, each store/day once, SKU keys strictly increasing, every day
  /// within the file's span, on or before the as-of date and not before the store opened.
  private mutating func checkBlockOrder(_ blocks: [(Int32, Day, [Int32])], openDay: [Int32: Day?]) {
    for (index, (store, day, skus)) in blocks.enumerated() {
      if index > 0, (blocks[index - 1].0, blocks[index - 1].1) >= (store, day) {
        fail("block \(store)/\(day) out of order or repeated")
      }
      if zip(skus, skus.dropFirst()).contains(where: { $0 >= $1 }) {
        fail("block \(store)/\(day) has SKU keys out of order")
      }
      if day > asOf { fail("block \(store)/\(day) after the as-of date") }
      guard let opened = openDay[store] else {
        fail("block for unknown store key \(store)")
        continue
      }
      if let opened, day < opened { fail("block \(store)/\(day) before the store opened") }
      if let first = outcome.firstDay, let last = outcome.lastDay, !(first...last).contains(day) {
        fail("block \(store)/\(day) outside the span \(first)…\(last)")
      }
    }
  }

  /// Each encoded block decodes to its block (compared by `equal`), in the same order.
  private mutating func checkEncoding(
    _ count: Int, _ equal: (Int, EncodedBlock) throws -> Bool
  ) {
    guard outcome.encoded.count == count else {
      return fail("\(outcome.encoded.count) encoded blocks for \(count) blocks")
    }
    for (index, encoded) in outcome.encoded.enumerated() {
      do {
        if try !equal(index, encoded) {
          fail("block \(encoded.storeKey)/\(encoded.day) does not decode to itself")
        }
      } catch {
        fail("block \(encoded.storeKey)/\(encoded.day) does not decode: \(error)")
      }
    }
  }

  /// Equal to the bit (so `-0.0` and `0.0` differ).
  static func sameBits(_ a: DemandBlock, _ b: DemandBlock) -> Bool {
    a.storeKey == b.storeKey && a.day == b.day && a.skuKeys == b.skuKeys
      && a.unitsSold.map(\.bitPattern) == b.unitsSold.map(\.bitPattern)
      && a.unitsReturned.map(\.bitPattern) == b.unitsReturned.map(\.bitPattern)
      && a.revenue.map(\.bitPattern) == b.revenue.map(\.bitPattern) && a.lines == b.lines
      && a.promoLines == b.promoLines && a.stockout == b.stockout
  }
}
