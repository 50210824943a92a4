/// A streaming RFC 4180 reader over bytes already in memory.
///
/// Written by hand rather than taken from a CSV package because it is the hottest loop in ShelfCast:
/// a month of point-of-sale data is ~10 million lines, and the packages on the mirror build a
/// `String` per field. This scanner allocates nothing per row: a record is a list of byte spans into
/// the caller's buffer, and only fields with doubled quotes are copied (see `CSVRecord.withField`).
///
/// What it accepts:
/// - a UTF-8 byte-order mark at the very start (skipped);
/// - LF, CRLF and bare CR line endings, mixed freely;
/// - quoted fields holding commas, quotes (doubled) and line breaks;
/// - blank lines, which are skipped but still counted, so line numbers match a text editor's.
///
/// What it reports instead of guessing: a quote opened and never closed (`.unbalancedQuote`), text
/// after a closing quote (`.textAfterClosingQuote`), more than `maximumFieldCount` fields, and a line
/// longer than `maximumRecordBytes`. The record that failed is still delimited, so the caller can
/// quarantine it and carry on. A quote that nothing closes ends its record at the end of the line
/// it opened on: every quote after it is then half of a doubled pair, so the later lines are
/// ordinary records and are read as such, instead of vanishing into one bad record.
///
/// - Complexity: linear in the input, whatever it holds (an unclosed quote is looked for to the
///   end of the input once; after it, no quote can be left open again).
public final class CSVScanner {
  /// Why a record could not be split into fields.
  public enum Problem: Equatable, Sendable {
    case unbalancedQuote(column: Int)
    case textAfterClosingQuote(column: Int)
    case tooManyFields(limit: Int)
    case recordTooLong(limitBytes: Int)
  }

  public let maximumFieldCount: Int
  public let maximumRecordBytes: Int

  @usableFromInline let base: UnsafePointer<UInt8>
  @usableFromInline let end: Int
  /// `[0]`: offset of the next unread byte; `[1]`: its physical line. Kept behind a pointer
  /// because stored `var`s of a class are checked for exclusive access at run time on every use.
  @usableFromInline let cursor: UnsafeMutablePointer<Int>
  @usableFromInline let starts: UnsafeMutablePointer<Int>
  @usableFromInline let ends: UnsafeMutablePointer<Int>
  @usableFromInline let flags: UnsafeMutablePointer<UInt8>

  /// - Parameter bytes: the whole input; it must outlive the scanner and every record it returns.
  public init(
    bytes: UnsafeBufferPointer<UInt8>, maximumFieldCount: Int = 512,
    maximumRecordBytes: Int = 1 << 20
  ) {
    self.base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
    self.end = bytes.count
    self.maximumFieldCount = maximumFieldCount
    self.maximumRecordBytes = maximumRecordBytes
    starts = .allocate(capacity: maximumFieldCount)
    ends = .allocate(capacity: maximumFieldCount)
    flags = .allocate(capacity: maximumFieldCount)
    cursor = .allocate(capacity: 2)
    var start = 0
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
    cursor[0] = start
    cursor[1] = 1
  }

  deinit {
    cursor.deallocate()
    starts.deallocate()
    ends.deallocate()
    flags.deallocate()
  }

  /// Byte offset of the next unread byte.
  public var offset: Int { cursor[0] }

  /// Splits the next non-blank record, or returns `nil` at the end of the input.
  @inlinable
  public func next() -> CSVRecord? {
    var line = cursor[1]
    var start = cursor[0]
    defer { cursor[1] = line }
    // Skip blank lines, counting them.
    while start < end {
      let byte = base[start]
      if byte == 10 {
        line += 1
        start += 1
      } else if byte == 13 {
        line += 1
        start += 1
        if start < end, base[start] == 10 { start += 1 }
      } else {
        break
      }
    }
    guard start < end else {
      cursor[0] = start
      return nil
    }
    if let record = unquotedRecord(from: start, line: line) {
      cursor[0] = record.next
      line += 1
      return record.record
    }
    let recordStart = start
    let firstLine = line
    var fieldCount = 0
    var problem: Problem? = nil
    var fieldStart = start
    var i = start
    var recordEnd = end
    scan: while true {
      if i < end, base[i] == 34 {  // opening quote
        let lineAtQuote = line
        var j = i + 1
        var doubled = false
        var closed = false
        while j < end {
          let byte = base[j]
          if byte == 34 {
            if j + 1 < end, base[j + 1] == 34 {
              doubled = true
              j += 2
              continue
            }
            closed = true
            break
          }
          if byte == 10 || (byte == 13 && !(j + 1 < end && base[j + 1] == 10)) { line += 1 }
          j += 1
        }
        if !closed {
          // Nothing after the quote closes it, so every later quote is one of a doubled pair and
          // the following lines can be read as records of their own: this record ends with the
          // line the quote opened on, and scanning resumes on the next.
          if problem == nil { problem = .unbalancedQuote(column: fieldCount + 1) }
          var k = i + 1
          while k < end, base[k] != 10, base[k] != 13 { k += 1 }
          store(&fieldCount, i + 1, k, quoted: true, doubled: false, &problem)
          recordEnd = k
          line = lineAtQuote
          i = k
          if i < end {
            line += 1
            i += 1
            if base[k] == 13, i < end, base[i] == 10 { i += 1 }
          }
          break scan
        }
        store(&fieldCount, i + 1, j, quoted: true, doubled: doubled, &problem)
        i = j + 1
        // After the closing quote: a delimiter, a line end or the end of input.
        while i < end, base[i] != 44, base[i] != 10, base[i] != 13 {
          if problem == nil { problem = .textAfterClosingQuote(column: fieldCount) }
          i += 1
        }
      } else {
        i = unquotedFieldEnd(from: i)
        store(&fieldCount, fieldStart, i, quoted: false, doubled: false, &problem)
      }
      if i >= end {
        recordEnd = end
        break scan
      }
      let byte = base[i]
      if byte == 44 {
        i += 1
        fieldStart = i
        if i >= end {  // trailing comma at end of input: one more empty field
          store(&fieldCount, i, i, quoted: false, doubled: false, &problem)
          recordEnd = end
          break scan
        }
        continue scan
      }
      // Line end.
      recordEnd = i
      line += 1
      i += 1
      if byte == 13, i < end, base[i] == 10 { i += 1 }
      break scan
    }
    cursor[0] = i
    if problem == nil, recordEnd - recordStart > maximumRecordBytes {
      problem = .recordTooLong(limitBytes: maximumRecordBytes)
    }
    return CSVRecord(
      scanner: self, line: firstLine, fieldCount: min(fieldCount, maximumFieldCount),
      rawStart: recordStart, rawEnd: recordEnd, problem: problem)
  }

  /// Splits a record with no quotes in one pass, eight bytes at a time, or returns `nil` so that
  /// the general path handles it (a quote anywhere in the line, too many fields, a line longer
  /// than `maximumRecordBytes`). This is the path nearly every line of a point-of-sale export
  /// takes; see `unquotedFieldEnd` for the bit trick.
  @inlinable
  func unquotedRecord(from start: Int, line: Int) -> (record: CSVRecord, next: Int)? {
    let ones: UInt64 = 0x0101_0101_0101_0101
    var fieldCount = 0
    var fieldStart = start
    var i = start
    while true {
      var stop = -1
      if i + 8 <= end {
        let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
        let commas = CSVScanner.zeroBytes(word ^ (ones &* 44))
        // Control bytes (LF and CR among them) and quotes; the first of them ends the fast
        // path's work on this line.
        let others = CSVScanner.controlBytes(word) | CSVScanner.zeroBytes(word ^ (ones &* 34))
        var before = commas
        if others != 0 {
          let first = others.trailingZeroBitCount
          before = commas & ((1 << UInt64(first)) &- 1)
          stop = i + first >> 3
        }
        while before != 0 {
          let k = i + before.trailingZeroBitCount >> 3
          guard plainField(&fieldCount, fieldStart, k) else { return nil }
          fieldStart = k + 1
          before &= before &- 1
        }
        if stop < 0 {
          i += 8
          if i - start > maximumRecordBytes { return nil }
          continue
        }
        let terminator = base[stop]
        // A quote, or a tab or other control byte inside a field: the general path takes it.
        if terminator != 10 && terminator != 13 { return nil }
      } else {
        while i < end {
          let byte = base[i]
          if byte == 44 {
            guard plainField(&fieldCount, fieldStart, i) else { return nil }
            fieldStart = i + 1
          } else if byte == 10 || byte == 13 {
            break
          } else if byte == 34 {
            return nil
          }
          i += 1
        }
        stop = i
      }
      guard stop - start <= maximumRecordBytes, plainField(&fieldCount, fieldStart, stop) else {
        return nil
      }
      var next = stop
      if next < end {
        next += 1
        if base[stop] == 13, next < end, base[next] == 10 { next += 1 }
      }
      let record = CSVRecord(
        scanner: self, line: line, fieldCount: fieldCount, rawStart: start, rawEnd: stop,
        problem: nil)
      return (record, next)
    }
  }

  /// The high bit of each byte of `word` below 0x0E (the control bytes up to CR, LF among them),
  /// and no other bit.
  ///
  /// Exact: with the high bit forced on, subtracting 0x0E from each byte cannot borrow from the
  /// next, and leaves the high bit set exactly when the byte is at least 0x0E; bytes that had the
  /// high bit themselves are removed by `& ~word`.
  @inlinable @inline(__always)
  static func controlBytes(_ word: UInt64) -> UInt64 {
    let highs: UInt64 = 0x8080_8080_8080_8080
    let fourteens: UInt64 = 0x0E0E_0E0E_0E0E_0E0E
    return ~((word | highs) &- fourteens) & ~word & highs
  }

  /// The high bit of each byte of `word` that is zero, and no other bit.
  ///
  /// Exact (unlike the shorter `(x - 0x01…) & ~x & 0x80…`, whose borrows can mark a byte after a
  /// zero byte): adding 0x7F to the low seven bits sets the high bit of every byte that has any
  /// low bit set; or-ing in the byte itself catches those with only the high bit set.
  @inlinable @inline(__always)
  static func zeroBytes(_ word: UInt64) -> UInt64 {
    let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    return ~(((word & lows) &+ lows) | word | lows)
  }

  /// The offset of the comma, CR or LF that ends an unquoted field starting at `start` (or the end
  /// of input). A quote inside an unquoted field is taken literally.
  ///
  /// Looks at eight bytes at a time: for each of the three terminators, XOR makes matching bytes
  /// zero, and `(x - 0x01…) & ~x & 0x80…` sets the high bit of zero bytes. Borrows can mark bytes
  /// *after* a true match, never before, so the lowest marked byte is the first terminator.
  @inlinable
  func unquotedFieldEnd(from start: Int) -> Int {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    var i = start
    while i + 8 <= end {
      let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
      let comma = word ^ (ones &* 44)
      let lineFeed = word ^ (ones &* 10)
      let carriageReturn = word ^ (ones &* 13)
      let marks =
        ((comma &- ones) & ~comma) | ((lineFeed &- ones) & ~lineFeed)
        | ((carriageReturn &- ones) & ~carriageReturn)
      let found = marks & highs
      if found != 0 { return i + found.trailingZeroBitCount >> 3 }
      i += 8
    }
    while i < end {
      let byte = base[i]
      if byte == 44 || byte == 10 || byte == 13 { return i }
      i += 1
    }
    return end
  }

  /// Records an unquoted field; `false` when the record has too many fields for the fast path.
  @inlinable @inline(__always)
  func plainField(_ count: inout Int, _ start: Int, _ stop: Int) -> Bool {
    guard count < maximumFieldCount else { return false }
    starts[count] = start
    ends[count] = stop
    flags[count] = 0
    count += 1
    return true
  }

  @inlinable
  func store(
    _ count: inout Int, _ start: Int, _ stop: Int, quoted: Bool, doubled: Bool,
    _ problem: inout Problem?
  ) {
    if count < maximumFieldCount {
      starts[count] = start
      ends[count] = stop
      flags[count] = (quoted ? 1 : 0) | (doubled ? 2 : 0)
    } else if problem == nil {
      problem = .tooManyFields(limit: maximumFieldCount)
    }
    count += 1
  }
}
