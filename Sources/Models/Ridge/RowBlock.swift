import LinearAlgebra

/// A block of design rows being filled before it is added to normal equations in one BLAS call.
///
/// Rows are stored one after the other (row-major), appended to storage reserved on first use
/// and never zero-filled: a row is written to consecutive addresses, and a block that receives
/// a few hundred rows touches only their memory. (The column-major blocks of the first version
/// were zero-filled in full, a megabyte each, for every store, bucket and category, and wrote
/// each row to one cache line per column: together a fifth of the training time on a 20 × 100
/// chain.)
///
/// Columns in `sparseColumns` (indicators that are seldom 1, such as one per named holiday) are
/// kept apart: `storage` holds each row's other columns, `entries` the nonzero values of these,
/// and BLAS works on the dense columns only (`NormalEquations.add(denseRowMajor:…)`).
struct RowBlock: Sendable {
  /// Rows the block holds when full.
  let capacity: Int
  /// Columns per row, sparse ones included.
  let dimension: Int
  /// The columns kept as nonzero entries; empty when every column is stored.
  let sparseColumns: Range<Int>
  /// The filled rows' stored (dense) values, row after row.
  var storage: [Double] = []
  /// The target of each filled row.
  var targets: [Double] = []
  /// The nonzero values of the sparse columns of the filled rows, in row order.
  var entries: [SparseEntry] = []

  init(capacity: Int, dimension: Int, sparseColumns: Range<Int> = 0..<0) {
    precondition(
      sparseColumns.isEmpty
        || (sparseColumns.lowerBound >= 0
          && sparseColumns.upperBound <= dimension),
      "sparse columns lie within the row")
    self.capacity = capacity
    self.dimension = dimension
    self.sparseColumns = sparseColumns.isEmpty ? 0..<0 : sparseColumns
  }

  /// Stored values per row.
  var denseDimension: Int { dimension - sparseColumns.count }

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
    let stored = denseDimension
    if storage.capacity < capacity * stored {
      storage.reserveCapacity(capacity * stored)
      targets.reserveCapacity(capacity)
    }
    let start = storage.count
    let entryStart = entries.count
    var finite = true
    row.withUnsafeBufferPointer { values in
      storage.append(
        contentsOf: UnsafeBufferPointer(rebasing: values[0..<sparseColumns.lowerBound]))
      storage.append(
        contentsOf: UnsafeBufferPointer(rebasing: values[sparseColumns.upperBound..<dimension]))
      for j in sparseColumns where values[j] != 0 {
        let value = values[j] * factor
        finite = finite && value.isFinite
        entries.append(SparseEntry(row: count, column: j, value: value))
      }
    }
    storage.withUnsafeMutableBufferPointer { block in
      for j in start..<(start + stored) {
        block[j] *= factor
        finite = finite && block[j].isFinite
      }
    }
    guard finite else {
      storage.removeLast(stored)
      entries.removeLast(entries.count - entryStart)
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
    entries = []
  }

  /// Adds the filled rows to `equations` and empties the block, keeping its storage. Without
  /// sparse columns this is `NormalEquations.add(rowMajor:…)`'s `dsyrk` and `dgemv` on the whole
  /// rows.
  ///
  /// - Precondition: every filled value is finite (`append` checks each row).
  mutating func flush(into equations: inout NormalEquations) {
    guard count > 0 else { return }
    storage.withUnsafeBufferPointer { values in
      targets.withUnsafeBufferPointer { rowTargets in
        entries.withUnsafeBufferPointer { nonzero in
          equations.add(
            denseRowMajor: values, targets: rowTargets, sparseColumns: sparseColumns,
            entries: nonzero)
        }
      }
    }
    storage.removeAll(keepingCapacity: true)
    targets.removeAll(keepingCapacity: true)
    entries.removeAll(keepingCapacity: true)
  }
}
