import LinearAlgebra

/// A block of design rows being filled before it is added to normal equations in one BLAS call.
///
/// Rows are stored one after the other (row-major), appended to storage reserved on first use
/// and never zero-filled: a row is written to consecutive addresses, and a block that receives
/// a few hundred rows touches only their memory. (The column-major blocks of the first version
/// were zero-filled in full, a megabyte each, for every store, bucket and category, and wrote
/// each row to one cache line per column: together a fifth of the training time on a 20 × 100
/// chain.)
struct RowBlock: Sendable {
  /// Rows the block holds when full.
  let capacity: Int
  /// Columns per row.
  let dimension: Int
  /// The filled rows' values, row after row.
  var storage: [Double] = []
  /// The target of each filled row.
  var targets: [Double] = []

  init(capacity: Int, dimension: Int) {
    self.capacity = capacity
    self.dimension = dimension
  }

  /// Rows filled so far.
  var count: Int { targets.count }

  /// Appends `row` multiplied by `factor`, with its target, unless a product or the target is
  /// not finite; adds the block to `equations` when it fills up.
  ///
  /// - Returns: false when the row was left out for a non-finite value.
  @discardableResult
  mutating func append(
    _ row: [Double], times factor: Double, target: Double,
    flushingInto equations: inout NormalEquations
  ) -> Bool {
    precondition(row.count == dimension, "a row has one value per column")
    guard target.isFinite else { return false }
    if storage.capacity < capacity * dimension {
      storage.reserveCapacity(capacity * dimension)
      targets.reserveCapacity(capacity)
    }
    let start = storage.count
    storage.append(contentsOf: row)
    let finite = storage.withUnsafeMutableBufferPointer { block in
      var finite = true
      for j in start..<(start + dimension) {
        block[j] *= factor
        finite = finite && block[j].isFinite
      }
      return finite
    }
    guard finite else {
      storage.removeLast(dimension)
      return false
    }
    targets.append(target)
    if count == capacity { flush(into: &equations) }
    return true
  }

  /// Frees the block's storage (it is reserved again on the next append); call after `flush`.
  mutating func release() {
    precondition(count == 0, "release only an empty block")
    storage = []
    targets = []
  }

  /// Adds the filled rows to `equations` and empties the block, keeping its storage.
  ///
  /// - Precondition: every filled value is finite (`append` checks each row).
  mutating func flush(into equations: inout NormalEquations) {
    guard count > 0 else { return }
    do {
      try storage.withUnsafeBufferPointer { values throws(LinearAlgebraError) in
        try targets.withUnsafeBufferPointer { rowTargets throws(LinearAlgebraError) in
          // `append` checked every value and target as it wrote them.
          try equations.add(rowMajor: values, targets: rowTargets, checked: false)
        }
      }
    } catch {
      preconditionFailure("a row block held a non-finite value: \(error)")
    }
    storage.removeAll(keepingCapacity: true)
    targets.removeAll(keepingCapacity: true)
  }
}
