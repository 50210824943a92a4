import LinearAlgebra

/// A column-major block of design rows being filled before it is added to normal equations in
/// one BLAS call.
struct RowBlock: Sendable {
  /// Rows the block holds when full.
  let capacity: Int
  /// Columns per row.
  let dimension: Int
  /// `capacity × dimension` values, column after column (allocated on first use).
  var storage: [Double] = []
  /// The target of each filled row.
  var targets: [Double] = []
  /// Rows filled so far.
  var count = 0

  init(capacity: Int, dimension: Int) {
    self.capacity = capacity
    self.dimension = dimension
  }

  var isFull: Bool { count == capacity }

  /// Makes room for a full block, once.
  mutating func allocate() {
    guard storage.isEmpty else { return }
    storage = [Double](repeating: 0, count: capacity * dimension)
    targets = [Double](repeating: 0, count: capacity)
  }

  /// Appends `row` multiplied by `factor`, with its target, unless a product or the target is
  /// not finite; adds the block to `equations` when it fills up.
  ///
  /// - Returns: false when the row was left out for a non-finite value.
  @discardableResult
  mutating func append(
    _ row: [Double], times factor: Double, target: Double,
    flushingInto equations: inout NormalEquations
  ) -> Bool {
    allocate()
    var finite = target.isFinite
    let (slot, stride) = (count, capacity)
    storage.withUnsafeMutableBufferPointer { block in
      row.withUnsafeBufferPointer { values in
        for j in 0..<values.count {
          let value = values[j] * factor
          block[slot + j * stride] = value
          finite = finite && value.isFinite
        }
      }
    }
    guard finite else { return false }
    targets[count] = target
    count += 1
    if count == capacity { flush(into: &equations) }
    return true
  }

  /// Frees the block's storage (it is allocated again on the next append); call after `flush`.
  mutating func release() {
    precondition(count == 0, "release only an empty block")
    storage = []
    targets = []
  }

  /// Adds the filled rows to `equations` and empties the block.
  ///
  /// - Precondition: every filled value is finite (callers check each row as they write it).
  mutating func flush(into equations: inout NormalEquations) {
    guard count > 0 else { return }
    let rows: Matrix
    let rowTargets: [Double]
    if count == capacity {
      rows = Matrix(rows: capacity, columns: dimension, columnMajor: storage)
      rowTargets = targets
    } else {
      var compact = [Double]()
      compact.reserveCapacity(count * dimension)
      for j in 0..<dimension {
        compact.append(contentsOf: storage[(j * capacity)..<(j * capacity + count)])
      }
      rows = Matrix(rows: count, columns: dimension, columnMajor: compact)
      rowTargets = Array(targets[0..<count])
    }
    count = 0
    do {
      try equations.add(rows: rows, targets: rowTargets)
    } catch {
      preconditionFailure("a row block held a non-finite value: \(error)")
    }
  }
}
