import DemandCore

/// An open-addressing map from a store/day/SKU cell to a dense entry number, for daily-demand and
/// snapshot files, where each cell may appear once and a repeat must be caught.
///
/// Hand-written for speed (hundreds of thousands of rows a file): the key is packed into one `UInt64` (store index: 20 bits, days
/// since 1900-01-01: 17 bits, SKU index: 27 bits), so sorting entries by key orders them by store,
/// then day, then SKU — exactly the order blocks are built in.
struct KeySlots {
  private var table: [UInt64]  // packed key + 1, or 0 when empty
  private var entryOfSlot: [Int32]
  private var mask: Int
  private(set) var keys: [UInt64] = []

  static let dayBase = Day(year: 1900, month: 1, day: 1)!.daysSinceEpoch
  static let maximumStores = 1 << 20
  static let maximumSKUs = 1 << 27

  init(expectedEntries: Int = 1 << 14) {
    var capacity = 1024
    while capacity < expectedEntries * 2 { capacity <<= 1 }
    table = [UInt64](repeating: 0, count: capacity)
    entryOfSlot = [Int32](repeating: -1, count: capacity)
    mask = capacity - 1
  }

  var count: Int { keys.count }

  @inline(__always)
  static func pack(store: Int, day: Day, sku: Int) -> UInt64 {
    UInt64(store) << 44 | UInt64(UInt32(day.daysSinceEpoch - dayBase)) << 27 | UInt64(sku)
  }

  @inline(__always)
  static func unpack(_ key: UInt64) -> (store: Int, day: Day, sku: Int) {
    (
      Int(key >> 44), Day(daysSinceEpoch: Int32((key >> 27) & 0x1_FFFF) + dayBase),
      Int(key & 0x7FF_FFFF)
    )
  }

  /// The entry for `key`, creating it when absent; `isNew` tells which.
  @inline(__always)
  mutating func entry(for key: UInt64) -> (index: Int, isNew: Bool) {
    let stored = key &+ 1
    var h = key &* 0x9E37_79B9_7F4A_7C15
    h ^= h >> 32
    var slot = Int(truncatingIfNeeded: h) & mask
    while true {
      let existing = table[slot]
      if existing == stored { return (Int(entryOfSlot[slot]), false) }
      if existing == 0 { break }
      slot = (slot + 1) & mask
    }
    table[slot] = stored
    entryOfSlot[slot] = Int32(keys.count)
    keys.append(key)
    if keys.count * 2 > table.count { grow() }
    return (keys.count - 1, true)
  }

  private mutating func grow() {
    let capacity = table.count * 2
    table = [UInt64](repeating: 0, count: capacity)
    entryOfSlot = [Int32](repeating: -1, count: capacity)
    mask = capacity - 1
    for (index, key) in keys.enumerated() {
      var h = key &* 0x9E37_79B9_7F4A_7C15
      h ^= h >> 32
      var slot = Int(truncatingIfNeeded: h) & mask
      while table[slot] != 0 { slot = (slot + 1) & mask }
      table[slot] = key &+ 1
      entryOfSlot[slot] = Int32(index)
    }
  }

  /// Calls `body` once per store/day, in store then day order, with that cell's entries as
  /// (entry number, SKU index) pairs in SKU order.
  func forEachStoreDay(
    _ body: (_ store: Int, _ day: Day, _ members: ArraySlice<(entry: Int, sku: Int)>) -> Void
  ) {
    let ordered = keys.indices.sorted { keys[$0] < keys[$1] }
    var members: [(entry: Int, sku: Int)] = []
    members.reserveCapacity(ordered.count)
    var groupStart = 0
    for (position, entry) in ordered.enumerated() {
      // Keys share their top 37 bits (store and day) exactly when they are in the same cell.
      if position > groupStart, keys[ordered[groupStart]] >> 27 != keys[entry] >> 27 {
        let first = KeySlots.unpack(keys[ordered[groupStart]])
        body(first.store, first.day, members[groupStart..<position])
        groupStart = position
      }
      members.append((entry, KeySlots.unpack(keys[entry]).sku))
    }
    if groupStart < ordered.count {
      let first = KeySlots.unpack(keys[ordered[groupStart]])
      body(first.store, first.day, members[groupStart..<ordered.count])
    }
  }
}

extension KeySlots {
  /// Claims the cell of a row that must be the only one for its store, day and SKU.
  ///
  /// - Returns: `nil` when the cell is new (its line is appended to `firstLines`, indexed by
  ///   entry), or the line of the earlier row that claimed it.
  mutating func claim(_ key: UInt64, line: Int, firstLines: inout [Int32]) -> Int? {
    let (entry, isNew) = entry(for: key)
    guard isNew else { return Int(firstLines[entry]) }
    firstLines.append(Int32(clamping: line))
    return nil
  }
}
