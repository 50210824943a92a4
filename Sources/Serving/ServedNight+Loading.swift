import DemandCore
import Foundation
import History
import Pipeline
import Registry

extension ServedNight {
  /// The finished nights of `workspace`, newest first: the manifests `manifests/nightly-D.json`
  /// whose outcome says every stage ran (`completed`, `input_refused`). A manifest is written
  /// (atomically) after every file of its night, so a night with one has all its files. A
  /// manifest that cannot be read (damaged: it is written whole or not at all) is left out and
  /// passed to `unreadable` with the reason, so the server can say why it serves an older night.
  static func finishedNights(
    in workspace: Workspace, unreadable: ((Day, String) -> Void)? = nil
  ) -> [(night: Day, manifest: NightlyManifest)] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: workspace.manifestDirectory))
    let days = (names ?? []).compactMap { name -> Day? in
      guard name.hasPrefix("nightly-"), name.hasSuffix(".json") else { return nil }
      return Day(iso: name.dropFirst("nightly-".count).dropLast(".json".count))
    }
    return days.sorted(by: >).compactMap { day in
      guard let data = FileManager.default.contents(atPath: workspace.nightlyManifestPath(day))
      else { return nil }
      let manifest: NightlyManifest
      do { manifest = try JSONDecoder().decode(NightlyManifest.self, from: data) } catch {
        unreadable?(day, "\(error)")
        return nil
      }
      guard manifest.runDate == day,
        manifest.outcome == .completed || manifest.outcome == .inputRefused
      else { return nil }
      return (day, manifest)
    }
  }

  /// Reads the night of `night` whose manifest is `manifest`.
  ///
  /// Files are found where the manifest's `outputs` says the night wrote them (a nightly
  /// configuration may name another reports folder), else at `DIR/reports/D/<file>`.
  /// - Throws: `ServingError.unreadableFile` when its recommendations or forecasts cannot be
  ///   read; errors opening the workspace's database.
  static func load(workspace: Workspace, night: Day, manifest: NightlyManifest) throws
    -> ServedNight
  {
    func path(_ file: NightFile) -> String {
      let written = manifest.outputs.first { ($0 as NSString).lastPathComponent == file.rawValue }
      guard let written else { return workspace.path(of: file, night: night) }
      return written.hasPrefix("/") ? written : workspace.root + "/" + written
    }
    func existing(_ file: NightFile) -> String? {
      let path = path(file)
      return FileManager.default.fileExists(atPath: path) ? path : nil
    }
    let session = try WorkspaceSession(workspace: workspace, readOnly: true)
    let master = try session.database.masterIndex()
    let registryVersions = try session.registry.list()
    let table = try CSVTable(path: path(.recommendations))
    var recommendations: [String: [RecommendationRow]] = [:]
    for row in table.rows {
      recommendations[row["store_id"], default: []].append(
        RecommendationRow(value: recommendation(row), line: csvLine(row.fields)))
    }
    return ServedNight(
      night: night,
      summary: Components.Schemas.Night(
        night: night.iso,
        outcome: manifest.outcome == .completed ? .completed : .inputRefused,
        finishedAt: manifest.finishedAt, modelVersion: manifest.modelVersion),
      stores: Set(master.stores.map(\.record.id.rawValue)),
      skus: Set(master.skus.map(\.record.id.rawValue)),
      recommendationsHeader: csvLine(table.header), recommendations: recommendations,
      forecasts: try SeriesRows(path: path(.forecast)),
      forecastVsActual: try existing(.forecastVsActual).map { try SeriesRows(path: $0) },
      accuracy: try existing(.accuracySummary).map {
        try CSVTable(path: $0).rows.map(accuracyLine)
      },
      alerts: try existing(.alertsCSV).map { try CSVTable(path: $0).rows.map(alert) },
      versions: registryVersions.map(modelVersion),
      champion: registryVersions.first { $0.status == .champion }?.id)
  }

  // MARK: - Rows as the contract's values

  private static func recommendation(_ row: CSVRow) -> Components.Schemas.Recommendation {
    Components.Schemas.Recommendation(
      storeId: row["store_id"], storeName: row["store_name"], skuId: row["sku_id"],
      skuName: row["sku_name"], category: row["category"], abcClass: row["abc_class"],
      onHand: row.number("on_hand") ?? 0, onOrder: row.number("on_order") ?? 0,
      leadTimeDays: row.integer("lead_time_days"), reviewDays: row.integer("review_days"),
      demandOverCover: row.number("demand_over_cover"), safetyStock: row.number("safety_stock"),
      reorderPoint: row.number("reorder_point"), orderUpTo: row.number("order_up_to"),
      recommendedOrderQty: row.number("recommended_order_qty") ?? 0,
      orderCases: row.number("order_cases") ?? 0, orderValue: row.number("order_value") ?? 0,
      daysOfCover: row.number("days_of_cover"),
      // The file holds a ratio (issue 19); the API still answers in percent.
      stockoutRiskPct: row.number("stockout_risk").map { $0 * 100 } ?? 0, reason: row["reason"],
      serviceLevel: row.number("service_level"),
      serviceLevelMode: row["service_level_mode"].isEmpty ? nil : row["service_level_mode"])
  }

  private static func accuracyLine(_ row: CSVRow) -> Components.Schemas.AccuracyLine {
    Components.Schemas.AccuracyLine(
      level: row["level"], segment: row["segment"], wape: row.number("wape"),
      mae: row.number("mae"), rmse: row.number("rmse"), mase: row.number("mase"),
      // The file holds ratios (issue 19); the API still answers in percent.
      biasPct: row.number("bias_ratio").map { $0 * 100 },
      coverage80Pct: row.number("coverage_80").map { $0 * 100 },
      n: row.integer("n") ?? 0, flagged: row.flag("flagged"))
  }

  private static func alert(_ row: CSVRow) -> Components.Schemas.Alert {
    Components.Schemas.Alert(
      severity: .init(rawValue: row["severity"]) ?? .info, kind: row["kind"],
      segment: row["segment"], value: row.number("value"), threshold: row.number("threshold"),
      suggestedAction: row["suggested_action"], message: row["message"])
  }

  static func modelVersion(_ version: ModelVersion) -> Components.Schemas.ModelVersion {
    Components.Schemas.ModelVersion(
      id: version.id, number: version.number,
      status: .init(rawValue: version.status.rawValue) ?? .candidate,
      createdAt: version.createdAt, windowFirstDay: version.windowFirstDay.iso,
      windowLastDay: version.windowLastDay.iso, trigger: version.trigger.rawValue,
      reason: version.reason, promotedAt: version.promotedAt,
      backtestWape: version.metrics.overall.wape)
  }

  /// `fields` as one CSV line (RFC 4180 quoting where needed), without its line ending.
  static func csvLine(_ fields: [String]) -> String {
    fields.map { field in
      guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
        return field
      }
      return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }.joined(separator: ",")
  }
}
