import DemandCore
import History

/// What happened to one input file; one entry of the ingest manifest.
///
/// The counts reconcile: `rowsRead == rowsValid + rowsQuarantined + rowsDuplicate`, and
/// `rowsStored` is `rowsValid` when the file was ingested and 0 otherwise.
public struct FileReport: Sendable, Codable, Equatable {
  public enum Outcome: String, Sendable, Codable {
    /// Stored in one transaction.
    case ingested
    /// The same bytes were ingested before; nothing was done.
    case alreadyIngested = "already_ingested"
    /// Too many bad rows; nothing stored, the rows are in quarantine.
    case refused
    /// Could not be read or recognised, or conflicts with an ingested file; nothing stored.
    case failed
  }

  public var path: String
  public var fileName: String
  public var kind: InputKind?
  public var bytes: Int = 0
  public var sha256: String?
  public var rowsRead = 0
  public var rowsValid = 0
  /// Bad rows, written to the quarantine file; they count against `--max-reject-share`.
  public var rowsQuarantined = 0
  /// Transaction lines an earlier file delivered already (same transaction id, store, day and
  /// SKU): written to the quarantine file with the earlier file's name, not counted again, and not
  /// counted against `--max-reject-share`.
  public var rowsDuplicate = 0
  public var rowsStored = 0
  /// Store/SKU/day cells (or master records) the stored rows became.
  public var cellsStored = 0
  public var firstDay: Day?
  public var lastDay: Day?
  public var outcome: Outcome = .failed
  public var message: String?
  public var quarantineFile: String?
  /// Columns naming people that were dropped unread.
  public var personalDataColumnsDropped: [String] = []
  /// Other columns present but not used.
  public var columnsIgnored: [String] = []
  public var durationSeconds = 0.0
  /// The ledger row written for it, if any.
  public var ledgerID: Int64?

  public init(path: String, fileName: String) {
    self.path = path
    self.fileName = fileName
  }

  /// Adds `note` to `message`, after `; ` when it says something already.
  mutating func addNote(_ note: String) {
    message = (message.map { $0 + "; " } ?? "") + note
  }

  public var reconciles: Bool {
    rowsRead == rowsValid + rowsQuarantined + rowsDuplicate
      && rowsStored == (outcome == .ingested ? rowsValid : 0)
  }
}

/// The manifest of one `ingest` call: every file and the totals.
public struct IngestReport: Sendable, Codable, Equatable {
  public var startedAt: String
  public var asOf: Day
  public var maximumRejectShare: Double
  public var files: [FileReport] = []
  public var durationSeconds = 0.0
  public var manifestPath: String?
  /// What the folders given held and ingest did not take, each `path: reason` (not a `.csv`
  /// file, hidden, a quarantine file); absent when nothing was skipped.
  public var skipped: [String]?
  /// The sums over `files`, written into the manifest so it can be checked at a glance.
  public var totals: Totals?
  /// Runs of days, within the days of the demand files this call ingested (daily grain), on
  /// which the history now holds no demand for any store: a chain-wide export missing, or a
  /// day every store was closed. The models read such days as no sales; absent when none.
  public var daysWithoutDemand: [DayRun]?

  /// Consecutive days, first and last included.
  public struct DayRun: Sendable, Codable, Equatable {
    public var first: Day
    public var last: Day
    public var days: Int { first.days(to: last) + 1 }

    public init(first: Day, last: Day) {
      self.first = first
      self.last = last
    }
  }

  /// Row counts summed over every file of the call.
  public struct Totals: Sendable, Codable, Equatable {
    public var files: Int
    public var filesIngested: Int
    public var filesRefusedOrFailed: Int
    public var rowsRead: Int
    public var rowsValid: Int
    public var rowsQuarantined: Int
    public var rowsDuplicate: Int
    public var rowsStored: Int
    /// True when every file satisfies `FileReport.reconciles`.
    public var reconciles: Bool
  }

  /// Computes `totals` from `files`.
  public mutating func total() {
    totals = Totals(
      files: files.count, filesIngested: files.filter { $0.outcome == .ingested }.count,
      filesRefusedOrFailed: files.filter { $0.outcome == .refused || $0.outcome == .failed }.count,
      rowsRead: rowsRead, rowsValid: files.reduce(0) { $0 + $1.rowsValid },
      rowsQuarantined: rowsQuarantined, rowsDuplicate: files.reduce(0) { $0 + $1.rowsDuplicate },
      rowsStored: rowsStored,
      reconciles: files.allSatisfy { $0.reconciles })
  }

  public var rowsRead: Int { files.reduce(0) { $0 + $1.rowsRead } }
  public var rowsStored: Int { files.reduce(0) { $0 + $1.rowsStored } }
  public var rowsQuarantined: Int { files.reduce(0) { $0 + $1.rowsQuarantined } }
  /// True when any file was refused or failed.
  public var hasRejectedFiles: Bool {
    files.contains { $0.outcome == .refused || $0.outcome == .failed }
  }
}
