import History

/// A store's units per transaction line, per SKU, from its recent daily history: how lumpy its
/// sales arrive during the day (`Nowcast`'s u).
///
/// A SKU's figure is its units (sold and returned) over its lines, shrunk toward the store's
/// over all SKUs with the weight of `priorLines` lines:
/// u = (units + priorLines · u_store) / (lines + priorLines), so a SKU with a few lines reads
/// mostly the store's figure. Days ingested from daily-demand files have no lines and count for
/// nothing; without any line the figure is 1 (units one by one). Never below 1.
struct LineSizes: Sendable, Equatable {
  /// Lines of weight the store's figure has in each SKU's.
  static let priorLines = 20.0

  private var unitsBySKU: [Int32: Double] = [:]
  private var linesBySKU: [Int32: Double] = [:]
  private var storeUnits = 0.0
  private var storeLines = 0.0

  /// Adds one store/day block's lines (nothing from a daily-demand file's block).
  mutating func add(_ block: DemandBlock) {
    for i in 0..<min(block.count, block.lines.count) where block.lines[i] > 0 {
      let units = max(block.unitsSold[i], 0) + max(block.unitsReturned[i], 0)
      let lines = Double(block.lines[i])
      unitsBySKU[block.skuKeys[i], default: 0] += units
      linesBySKU[block.skuKeys[i], default: 0] += lines
      storeUnits += units
      storeLines += lines
    }
  }

  /// The store's units per line over all SKUs (1 without any line).
  var storeUnitsPerLine: Double {
    storeLines > 0 ? max(storeUnits / storeLines, 1) : 1
  }

  /// u for one SKU of the store.
  func unitsPerLine(sku: Int32) -> Double {
    let prior = storeUnitsPerLine
    let units = unitsBySKU[sku] ?? 0
    let lines = linesBySKU[sku] ?? 0
    return max((units + Self.priorLines * prior) / (lines + Self.priorLines), 1)
  }
}
