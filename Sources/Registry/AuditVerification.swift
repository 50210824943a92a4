import GRDB

/// The first thing wrong with an audit log, and where.
public enum AuditProblem: Sendable, Equatable, CustomStringConvertible {
  /// Entries `seq ... through` are gone: the entry after them has `through + 1`.
  case missing(seq: Int64, through: Int64)
  /// The entry at `seq` links to the hash of the entry now at `belongsAfter`: entries were
  /// moved (their seq values swapped or renumbered).
  case reordered(seq: Int64, belongsAfter: Int64)
  /// The entry's `prev_hash` is not the hash of the entry before it, nor of any other entry:
  /// an entry was inserted, or removed and the log renumbered, or its link edited.
  case brokenLink(seq: Int64, expected: String, found: String)
  /// The entry's content no longer gives its hash: a field (or the hash) was edited.
  case edited(seq: Int64, recorded: String, computed: String)
  /// A hash column does not hold 64 lowercase hex digits.
  case malformedHash(seq: Int64, column: String, value: String)
  /// The log ends at `lastSeq` but the head recorded by the last append is at `headSeq`: the
  /// newest entries were deleted.
  case truncated(lastSeq: Int64, headSeq: Int64)
  /// The head recorded by the last append does not match the last entry (`headSeq` nil: no
  /// head at all): the last entry was replaced, or entries were added by hand.
  case headMismatch(lastSeq: Int64, headSeq: Int64?)

  /// The seq of the entry where the problem shows.
  public var seq: Int64 {
    switch self {
    case .missing(let seq, _), .reordered(let seq, _), .brokenLink(let seq, _, _),
      .edited(let seq, _, _), .malformedHash(let seq, _, _):
      return seq
    case .truncated(let lastSeq, _): return lastSeq + 1
    case .headMismatch(let lastSeq, _): return lastSeq
    }
  }

  public var description: String {
    switch self {
    case .missing(let seq, let through):
      return seq == through
        ? "entry \(seq) is missing (deleted): the log goes from \(seq - 1) to \(seq + 1)"
        : "entries \(seq) … \(through) are missing (deleted)"
    case .reordered(let seq, let after):
      return "entry \(seq) is out of order: it was written after the entry now at \(after)"
    case .brokenLink(let seq, let expected, let found):
      return
        "entry \(seq) does not follow entry \(seq - 1): its previous hash is \(found), entry "
        + "\(seq - 1) has \(expected) (an entry was inserted, or removed and the log renumbered)"
    case .edited(let seq, let recorded, let computed):
      return
        "entry \(seq) was edited: its content hashes to \(computed), the log recorded \(recorded)"
    case .malformedHash(let seq, let column, let value):
      return "entry \(seq) has a malformed \(column) '\(value)'"
    case .truncated(let lastSeq, let headSeq):
      return
        "entries \(lastSeq + 1) … \(headSeq) are missing (deleted from the end of the log)"
    case .headMismatch(let lastSeq, let headSeq):
      guard let headSeq else {
        return "the log's head record is gone; the last entry is \(lastSeq)"
      }
      return headSeq == lastSeq
        ? "entry \(lastSeq), the last one, was replaced: it does not match the recorded head"
        : "entries after \(headSeq) were added outside ShelfCast (the log ends at \(lastSeq))"
    }
  }
}

/// What `AuditLog.verify()` found.
public struct AuditVerification: Sendable, Equatable {
  /// Entries read.
  public var entryCount: Int
  /// The last entry's seq and hash (record them elsewhere to detect a rewritten log later).
  public var lastSeq: Int64?
  public var lastHash: String?
  /// The first problem, or `nil` when the whole chain holds.
  public var problem: AuditProblem?

  public init(entryCount: Int, lastSeq: Int64?, lastHash: String?, problem: AuditProblem?) {
    self.entryCount = entryCount
    self.lastSeq = lastSeq
    self.lastHash = lastHash
    self.problem = problem
  }

  public var isIntact: Bool { problem == nil }
}

extension AuditLog {
  /// Walks the chain in seq order and reports the first entry that breaks it.
  ///
  /// Each entry is checked in this order: both hashes well-formed; its seq one above the
  /// previous (a gap is a deletion); its previous hash equal to the previous entry's hash (else
  /// reordered, when it is another entry's hash, or a broken link); its own hash recomputed
  /// from its content. Finally the last entry must be the head the last append recorded.
  ///
  /// A log rewritten from the edited entry to the end, head included, verifies; only a copy of
  /// the head kept elsewhere (printed by `shelfcast audit verify`) reveals that.
  /// - Complexity: one pass over the log, plus one scan per reordering suspect.
  public func verify() throws -> AuditVerification {
    try database.read { db in
      var result = AuditVerification(entryCount: 0, lastSeq: nil, lastHash: nil, problem: nil)
      var previousSeq: Int64 = 0
      var previousHash = AuditEntry.genesisHash
      let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM audit_entry ORDER BY seq")
      while let row = try cursor.next() {
        let entry = AuditEntry(row: row)
        result.entryCount += 1
        if let problem = try Self.check(entry, previousSeq, previousHash, db) {
          result.problem = problem
          return result
        }
        previousSeq = entry.seq
        previousHash = entry.hash
        result.lastSeq = entry.seq
        result.lastHash = entry.hash
      }
      let head = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_head WHERE id = 1")
      let headSeq: Int64? = head?["seq"]
      let headHash: String? = head?["hash"]
      if let headSeq, headSeq > previousSeq {
        result.problem = .truncated(lastSeq: previousSeq, headSeq: headSeq)
      } else if previousSeq > 0 && (headSeq != previousSeq || headHash != previousHash) {
        result.problem = .headMismatch(lastSeq: previousSeq, headSeq: headSeq)
      }
      return result
    }
  }

  private static func check(
    _ entry: AuditEntry, _ previousSeq: Int64, _ previousHash: String, _ db: Database
  ) throws -> AuditProblem? {
    for (column, value) in [("prev_hash", entry.previousHash), ("hash", entry.hash)]
    where !Hex.isSHA256(value) {
      return .malformedHash(seq: entry.seq, column: column, value: value)
    }
    if entry.seq != previousSeq + 1 {
      return .missing(seq: previousSeq + 1, through: entry.seq - 1)
    }
    if entry.previousHash != previousHash {
      if let owner = try Int64.fetchOne(
        db, sql: "SELECT seq FROM audit_entry WHERE hash = ? AND seq <> ? LIMIT 1",
        arguments: [entry.previousHash, entry.seq])
      {
        return .reordered(seq: entry.seq, belongsAfter: owner)
      }
      return .brokenLink(seq: entry.seq, expected: previousHash, found: entry.previousHash)
    }
    let computed = entry.computedHash() ?? ""
    if computed != entry.hash {
      return .edited(seq: entry.seq, recorded: entry.hash, computed: computed)
    }
    return nil
  }
}
