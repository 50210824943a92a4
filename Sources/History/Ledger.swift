import DemandCore

/// What an input file was, as recognised from its header.
public enum InputKind: String, Sendable, Codable, CaseIterable {
  case stores, skus, calendar, promotions, covariates
  case transactions
  case dailyDemand = "daily_demand"
  case inventory

  /// Master data is loaded before the rows that refer to it.
  public var isMasterData: Bool {
    switch self {
    case .stores, .skus, .calendar, .promotions, .covariates: return true
    case .transactions, .dailyDemand, .inventory: return false
    }
  }

  /// Order of loading within one call: stores and SKUs first, then what refers to them.
  public var loadOrder: Int {
    switch self {
    case .stores: return 0
    case .skus: return 1
    case .calendar: return 2
    case .promotions: return 3
    case .covariates: return 4
    case .dailyDemand: return 5
    case .transactions: return 6
    case .inventory: return 7
    }
  }
}

/// The fate of an input file in the ledger.
public enum LedgerStatus: String, Sendable, Codable {
  /// Stored; its rows are part of the history.
  case ingested
  /// Too many bad rows; nothing of it was stored.
  case refused
  /// Once ingested, then superseded by a file of the same name given with `--replace`.
  case replaced
}

/// One row of the file ledger: every file ShelfCast has taken in or refused, with its SHA-256.
public struct LedgerEntry: Sendable, Equatable, Codable {
  public var id: Int64
  /// The file's base name; names are unique among ingested files.
  public var fileName: String
  public var sha256: String
  public var kind: InputKind
  public var bytes: Int
  public var rowsRead: Int
  public var rowsStored: Int
  public var rowsQuarantined: Int
  /// Transaction lines already delivered by an earlier file, so not counted again.
  public var rowsDuplicate: Int
  public var firstDay: Day?
  public var lastDay: Day?
  public var status: LedgerStatus
  /// ISO 8601 UTC timestamp of the ingest.
  public var recordedAt: String
  /// The run date of the nightly job whose ingest took the file in; `nil` for `shelfcast
  /// ingest`. A night killed after committing a file and run again finds its files by it, so
  /// the night still accounts for them (manifest, metrics, alerts) although they are no longer
  /// new.
  public var runDate: Day?

  public init(
    id: Int64 = 0, fileName: String, sha256: String, kind: InputKind, bytes: Int, rowsRead: Int,
    rowsStored: Int, rowsQuarantined: Int, rowsDuplicate: Int = 0, firstDay: Day?, lastDay: Day?,
    status: LedgerStatus, recordedAt: String, runDate: Day? = nil
  ) {
    self.id = id
    self.fileName = fileName
    self.sha256 = sha256
    self.kind = kind
    self.bytes = bytes
    self.rowsRead = rowsRead
    self.rowsStored = rowsStored
    self.rowsQuarantined = rowsQuarantined
    self.rowsDuplicate = rowsDuplicate
    self.firstDay = firstDay
    self.lastDay = lastDay
    self.status = status
    self.recordedAt = recordedAt
    self.runDate = runDate
  }
}

/// Everything one input file adds to the history, written in a single database transaction.
public struct FileBatch: Sendable {
  public enum Content: Sendable {
    case stores([StoreRecord])
    case skus([SKURecord])
    case calendar([CalendarEntry])
    case promotions([PromotionRecord])
    case covariates([CovariateRecord])
    case demand([DemandBlock])
    case inventory([InventoryBlock])
    /// Demand blocks encoded beforehand with `DemandBlock.encodedForStorage()`.
    case encodedDemand([EncodedBlock])
    /// Inventory blocks encoded beforehand with `InventoryBlock.encodedForStorage()`.
    case encodedInventory([EncodedBlock])
    /// A refused file: only its ledger row is written.
    case nothing
  }

  public var entry: LedgerEntry
  public var content: Content
  /// The ledger id of an earlier file of the same name that this one replaces (`--replace`).
  public var replacing: Int64?
  /// The transaction lines the file delivers, to be checked against by later deliveries.
  public var deliveredLines: [DeliveredLines]
  /// Units sold by store, day, category and hour (transaction files with times).
  public var hourlySales: [HourlySales]

  public init(
    entry: LedgerEntry, content: Content, replacing: Int64? = nil,
    deliveredLines: [DeliveredLines] = [], hourlySales: [HourlySales] = []
  ) {
    self.hourlySales = hourlySales
    self.entry = entry
    self.content = content
    self.replacing = replacing
    self.deliveredLines = deliveredLines
  }
}
