import DemandCore
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The expedite alerts of one finished intraday run (`reports/D/intraday/HHMM/expedite.csv`),
/// read once and never changed after: a request that holds it sees one run whole.
final class ServedIntradayRun: Sendable {
  /// Where the run is and which version of its `expedite.csv` was read.
  let location: IntradayRunLocation
  /// When `expedite.csv` was written (its modification time), ISO 8601 UTC to the second.
  let generatedAt: String
  /// `expedite.csv`'s header line and each store's rows with their CSV lines, in the file's
  /// order (most likely to run out first).
  let header: String
  let rows: [ExpediteRow]

  init(location: IntradayRunLocation, generatedAt: String, header: String, rows: [ExpediteRow]) {
    self.location = location
    self.generatedAt = generatedAt
    self.header = header
    self.rows = rows
  }

  /// Reads `expedite.csv` of the run at `location`: the file is opened once, and the version
  /// read (its inode and modification time, taken from the open file) is the one recorded, so
  /// a rewrite of the folder by a later run of the same cut-off is seen by the next refresh.
  /// - Throws: `ServingError.unreadableFile` when the file cannot be opened or read.
  static func load(_ location: IntradayRunLocation) throws -> ServedIntradayRun {
    let path = location.expeditePath
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw ServingError.unreadableFile(path: path, reason: "cannot be opened")
    }
    defer { try? handle.close() }
    var status = stat()
    guard fstat(handle.fileDescriptor, &status) == 0 else {
      throw ServingError.unreadableFile(path: path, reason: "cannot be examined")
    }
    let data: Data
    do {
      data = try handle.readToEnd() ?? Data()
    } catch {
      throw ServingError.unreadableFile(path: path, reason: "cannot be read (\(error))")
    }
    let stamp = FileStamp(status)
    let table = CSVTable(data: data, path: path)
    var read = location
    read.stamp = stamp
    return ServedIntradayRun(
      location: read, generatedAt: stamp.iso8601,
      header: ServedNight.csvLine(table.header),
      rows: table.rows.map { ExpediteRow(value: alert($0), line: ServedNight.csvLine($0.fields)) }
    )
  }

  private static func alert(_ row: CSVRow) -> Components.Schemas.ExpediteAlert {
    Components.Schemas.ExpediteAlert(
      storeId: row["store_id"], skuId: row["sku_id"], category: row["category"],
      abcClass: row["abc_class"], snapshotOnHand: row.number("snapshot_on_hand") ?? 0,
      onOrder: row.number("on_order") ?? 0, soldSoFar: row.number("sold_so_far") ?? 0,
      onHandNow: row.number("on_hand_now") ?? 0, dayForecast: row.number("day_forecast") ?? 0,
      elapsedShare: row.number("elapsed_share") ?? 0,
      restOfDayMean: row.number("rest_of_day_mean") ?? 0,
      restOfDayP10: row.number("rest_of_day_p10") ?? 0,
      restOfDayP90: row.number("rest_of_day_p90") ?? 0,
      daysToDelivery: row.integer("days_to_delivery") ?? 0,
      untilDeliveryMean: row.number("until_delivery_mean") ?? 0,
      stockoutProbability: row.number("stockout_probability") ?? 0,
      expectedUnitsShort: row.number("expected_units_short") ?? 0)
  }
}

/// One row of `expedite.csv`: as JSON and as the file's own CSV line.
struct ExpediteRow: Sendable {
  let value: Components.Schemas.ExpediteAlert
  let line: String
}

/// A finished intraday run's folder, `reports/D/intraday/HHMM/`.
///
/// `shelfcast intraday` writes `nowcast.csv`, `expedite.csv` and `alerts.json` in that order,
/// each by rename, into a folder it made first: a folder counts as finished once its
/// `alerts.json` is there, so a folder being written (or left by a killed run) is never served.
/// A later run of the same cut-off replaces the files one by one; the server reads only
/// `expedite.csv`, which is whole in either version, and `stamp` tells the versions apart.
struct IntradayRunLocation: Equatable, Sendable {
  let day: Day
  /// `HHMM`, the folder's name.
  let cutoff: String
  let directory: String
  /// The version of `expedite.csv` (inode and modification time).
  var stamp: FileStamp

  var expeditePath: String { directory + "/expedite.csv" }

  /// The latest finished run of `day`, or of the newest day with one when `day` is nil, under
  /// `reports` (`DIR/reports`); nil when there is none.
  static func latest(under reports: String, day: Day? = nil) -> IntradayRunLocation? {
    let days: [Day]
    if let day {
      days = [day]
    } else {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: reports)) ?? []
      days = names.compactMap { Day(iso: $0) }.sorted(by: >)
    }
    for day in days {
      let folder = reports + "/" + day.iso + "/intraday"
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
      let cutoffs = names.filter { $0.utf8.count == 4 && $0.allSatisfy(\.isASCIIDigit) }
      for cutoff in cutoffs.sorted(by: >) {
        let directory = folder + "/" + cutoff
        guard FileManager.default.fileExists(atPath: directory + "/alerts.json"),
          let stamp = FileStamp(path: directory + "/expedite.csv")
        else { continue }
        return IntradayRunLocation(day: day, cutoff: cutoff, directory: directory, stamp: stamp)
      }
    }
    return nil
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
