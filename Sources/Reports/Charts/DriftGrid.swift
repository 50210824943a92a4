import Tabular

/// The drift tests as a heat grid: one row per segment, one column per feature and test, each
/// cell showing the statistic (and below it the p-value, where the test has one) and shaded by
/// how close the statistic came to its threshold; drifted cells are red with a heavy border.
enum DriftGrid {
  static let labelWidth = 190.0
  static let headerHeight = 46.0
  static let cellHeight = 36.0
  static let maximumCellWidth = 124.0

  /// The `<svg>` for `rows`, or `nil` when there are none. Its width is what the columns need, at
  /// most `width`.
  static func svg(_ rows: [DriftRow], panel: ReportPanel, width: Double) -> String? {
    guard !rows.isEmpty else { return nil }
    let segments = firstAppearances(rows.map(\.segment))
    let columns = firstAppearances(rows.map { Column(feature: $0.feature, test: $0.test) })
    var cells: [Cell: DriftRow] = [:]
    for row in rows {
      let cell = Cell(segment: row.segment, column: Column(feature: row.feature, test: row.test))
      if cells[cell] == nil { cells[cell] = row }
    }
    let cellWidth = min(maximumCellWidth, (width - labelWidth - 4) / Double(columns.count))
    let chartWidth = labelWidth + cellWidth * Double(columns.count) + 4
    let chartHeight = headerHeight + cellHeight * Double(segments.count) + 4
    var canvas = SVGCanvas(width: chartWidth, height: chartHeight)

    let characters = Int(cellWidth / 6.6)
    for (index, column) in columns.enumerated() {
      let centre = labelWidth + (Double(index) + 0.5) * cellWidth
      canvas.text(
        truncated(column.feature, to: characters), x: centre, y: 18, anchor: .middle,
        class: "column-head")
      canvas.text(
        truncated(column.test, to: characters), x: centre, y: 34, anchor: .middle,
        class: "column-sub")
    }
    for (rowIndex, segment) in segments.enumerated() {
      let top = headerHeight + Double(rowIndex) * cellHeight
      canvas.text(
        truncated(segment, to: Int((labelWidth - 10) / 6.6)), x: labelWidth - 8,
        y: top + cellHeight / 2 + 4, anchor: .end, class: "row-label")
      for (columnIndex, column) in columns.enumerated() {
        let left = labelWidth + Double(columnIndex) * cellWidth
        guard let row = cells[Cell(segment: segment, column: column)] else {
          canvas.rect(
            x: left + 1, y: top + 1, width: cellWidth - 2, height: cellHeight - 2,
            class: "cell-missing",
            title: "\(segment) · \(column.feature) (\(column.test)): not tested")
          continue
        }
        canvas.rect(
          x: left + 1, y: top + 1, width: cellWidth - 2, height: cellHeight - 2,
          class: row.drifted ? "cell drifted" : "cell", fill: row.drifted ? nil : shade(row),
          title: tooltip(row))
        let valueY = row.pValue == nil ? top + cellHeight / 2 + 4 : top + 15
        canvas.text(
          NumberText.compact(row.statistic), x: left + cellWidth / 2, y: valueY,
          anchor: .middle, class: row.drifted ? "cell-value drifted" : "cell-value")
        if let p = row.pValue {
          canvas.text(
            "p " + SignificantDigits.pValue(p), x: left + cellWidth / 2, y: top + 29,
            anchor: .middle, class: row.drifted ? "cell-p drifted" : "cell-p")
        }
      }
    }
    let drifted = rows.filter(\.drifted).count
    return canvas.element(
      panel: panel,
      label: "Drift tests: \(drifted) of \(rows.count) drifted, \(segments.count) segments")
  }

  /// The fill of a cell that did not drift: from pale grey at 0 to amber at the threshold, as
  /// `#rrggbb`. A threshold that is not positive gives the pale grey.
  static func shade(_ row: DriftRow) -> String {
    var share = row.threshold > 0 && row.statistic.isFinite ? row.statistic / row.threshold : 0
    share = min(1, max(0, share))
    let low = (r: 0xF1, g: 0xF3, b: 0xF5)
    let high = (r: 0xF6, g: 0xC3, b: 0x6A)
    func mix(_ a: Int, _ b: Int) -> Int {
      Int((Double(a) + (Double(b) - Double(a)) * share).rounded())
    }
    return "#" + hex(mix(low.r, high.r)) + hex(mix(low.g, high.g)) + hex(mix(low.b, high.b))
  }

  static func tooltip(_ row: DriftRow) -> String {
    "\(row.segment) · \(row.feature) (\(row.test)): \(NumberText.compact(row.statistic)), "
      + "threshold \(NumberText.compact(row.threshold))"
      + (row.pValue.map { ", p-value \(SignificantDigits.pValue($0))" } ?? ", no p-value")
      + (row.drifted ? " — drifted" : " — no drift")
  }

  /// `text` cut to `count` characters with an ellipsis when longer.
  static func truncated(_ text: String, to count: Int) -> String {
    guard text.count > count, count > 1 else { return text }
    return String(text.prefix(count - 1)) + "…"
  }

  private static func hex(_ value: Int) -> String {
    let digits = Array("0123456789abcdef")
    return String(digits[(value >> 4) & 15]) + String(digits[value & 15])
  }

  private static func firstAppearances<T: Hashable>(_ values: [T]) -> [T] {
    var seen = Set<T>()
    return values.filter { seen.insert($0).inserted }
  }

  struct Column: Hashable {
    var feature: String
    var test: String
  }

  struct Cell: Hashable {
    var segment: String
    var column: Column
  }
}
