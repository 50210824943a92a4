import DemandCore
import Features
import Forecasting
import Foundation
import _Digest

/// The SHA-256 of the demand history a training read: the same history gives the same
/// fingerprint, in any workspace, however its files were split or stored.
///
/// Defined over what the engine sees, not over stored bytes. Each store's panel (its series
/// over the training window, as `StoreHistorySource.history` returns it) is hashed as
///
/// ```
/// "shelfcast-demand-store-v1\n" "store:<id>\n" "start:<YYYY-MM-DD>\n" "days:<n>\n"
/// "series:<m>\n" then each SKU id and "\n" in panel order,
/// then every value as an IEEE 754 binary64, little-endian, series after series,
/// then one byte per value, 1 when censored (a stock-out) and 0 otherwise
/// ```
///
/// and the fingerprint is SHA-256("shelfcast-demand-v1\n" ‖ the stores' 32-byte digests in
/// the source's store order). Master data (categories, prices, promotions, the calendar) is
/// not part of it. Hashing rides on the training's own reads, one store per core: about
/// 9 bytes per series-day, 0.66 GB for 100,000 series over 730 days.
public struct DataFingerprint: Sendable, Equatable, Codable {
  /// Lowercase hex.
  public var sha256: String
  /// The window the stores were read over.
  public var firstDay: Day
  public var lastDay: Day
  public var stores: Int
  public var series: Int

  public init(sha256: String, firstDay: Day, lastDay: Day, stores: Int, series: Int) {
    self.sha256 = sha256
    self.firstDay = firstDay
    self.lastDay = lastDay
    self.stores = stores
    self.series = series
  }

  /// The digest of one store's panel, as defined above.
  static func storeDigest(_ history: StoreHistory) -> SHA256.Digest {
    let panel = history.panel
    var hasher = SHA256()
    var header = "shelfcast-demand-store-v1\nstore:\(history.store.rawValue)\n"
    header += "start:\(panel.start.iso)\ndays:\(panel.dayCount)\nseries:\(panel.seriesCount)\n"
    for key in panel.keys { header += key.sku.rawValue + "\n" }
    hasher.update(data: Array(header.utf8))
    #if _endian(little)
      panel.values.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    #else
      let littleEndian = panel.values.map { $0.bitPattern.littleEndian }
      littleEndian.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    #endif
    let flags = panel.censored.map { $0 ? UInt8(1) : 0 }
    hasher.update(data: flags)
    return hasher.finalize()
  }
}

/// A history source that fingerprints what it hands out: each store's panel is hashed the
/// first time it is read (the training reads a store more than once), from any thread.
public final class FingerprintingSource<Base: StoreHistorySource>: StoreHistorySource,
  @unchecked Sendable
{
  public let base: Base
  private let lock = NSLock()
  private var digests: [StoreID: (digest: SHA256.Digest, start: Day, end: Day?, series: Int)] =
    [:]

  public init(_ base: Base) { self.base = base }

  public var stores: [StoreID] { base.stores }
  public var calendar: CalendarContext { base.calendar }
  public var regressors: [ExternalRegressor] { base.regressors }
  public func firstHistoryDay() throws -> Day? { try base.firstHistoryDay() }

  public func history(of store: StoreID, from start: Day, through end: Day) throws -> StoreHistory {
    let history = try base.history(of: store, from: start, through: end)
    lock.lock()
    let seen = digests[store] != nil
    lock.unlock()
    if !seen {
      let digest = DataFingerprint.storeDigest(history)
      lock.lock()
      digests[store] = (digest, history.panel.start, history.panel.end, history.panel.seriesCount)
      lock.unlock()
    }
    return history
  }

  /// The fingerprint of every store read so far, in the base source's store order; `nil` when
  /// nothing was read.
  public func fingerprint() -> DataFingerprint? {
    lock.lock()
    defer { lock.unlock() }
    var hasher = SHA256()
    hasher.update(data: Array("shelfcast-demand-v1\n".utf8))
    var first: Day?
    var last: Day?
    var series = 0
    var count = 0
    for store in base.stores {
      guard let entry = digests[store] else { continue }
      hasher.update(data: Array(entry.digest))
      first = min(first ?? entry.start, entry.start)
      if let end = entry.end { last = max(last ?? end, end) }
      series += entry.series
      count += 1
    }
    guard let first, count > 0 else { return nil }
    return DataFingerprint(
      sha256: hasher.finalize().hex, firstDay: first, lastDay: last ?? first,
      stores: count, series: series)
  }
}
