import DemandCore
import History

/// Units sold by store index, day, category and hour of one file, summed as lines come.
struct HourlyAccumulator {
  private let categoryCount: Int
  private var cellIndex: [UInt64: Int] = [:]
  private var cells: [(store: Int, day: Day)] = []
  private var units: [Double] = []

  init(categoryCount: Int) { self.categoryCount = max(categoryCount, 1) }

  mutating func add(store: Int, day: Day, category: Int, hour: Int, quantity: Double) {
    let key = UInt64(UInt32(store)) << 32 | UInt64(UInt32(bitPattern: day.daysSinceEpoch))
    let index: Int
    if let found = cellIndex[key] {
      index = found
    } else {
      index = cells.count
      cellIndex[key] = index
      cells.append((store, day))
      units.append(contentsOf: repeatElement(0, count: categoryCount * 24))
    }
    units[(index * categoryCount + category) * 24 + hour] += quantity
  }

  /// The non-zero sums, by store key, day, category and hour.
  func rows(storeKeys: [Int32], categories: [String]) -> [HourlySales] {
    var rows: [HourlySales] = []
    for (index, cell) in cells.enumerated() {
      for category in 0..<categoryCount {
        for hour in 0..<24 {
          let value = units[(index * categoryCount + category) * 24 + hour]
          guard value != 0 else { continue }
          rows.append(
            HourlySales(
              storeKey: storeKeys[cell.store], day: cell.day,
              category: category < categories.count ? categories[category] : "",
              hour: hour, units: value))
        }
      }
    }
    return rows.sorted {
      ($0.storeKey, $0.day, $0.category, $0.hour) < ($1.storeKey, $1.day, $1.category, $1.hour)
    }
  }
}
