import LinearAlgebra
import XCTest
import _TestSupport

@testable import Models

/// A row block that keeps some columns as nonzero entries adds what a block of full rows adds.
final class RowBlockTests: XCTestCase {
  let rows: [[Double]] = [
    [1, 0.5, 0, 0, 2],
    [2, 1.5, 1, 0, 1],
    [3, 2.5, 0, 1, 0],
    [4, 3.5, 1, 1, 3],
  ]
  let factors: [Double] = [1, 2, 0.5, 3]
  let targets: [Double] = [1, 2, 3, 4]

  func testSparseColumnsAddTheSameSumsAsFullRows() {
    var full = NormalEquations(dimension: 5)
    var sparse = NormalEquations(dimension: 5)
    // A capacity of 3 flushes once mid-way, so both a full and a partial block are added.
    var fullBlock = RowBlock(capacity: 3, dimension: 5)
    var sparseBlock = RowBlock(capacity: 3, dimension: 5, sparseColumns: 2..<4)
    for (row, (factor, target)) in zip(rows, zip(factors, targets)) {
      XCTAssertTrue(fullBlock.append(row, times: factor, target: target, flushingInto: &full))
      XCTAssertTrue(
        sparseBlock.append(row, times: factor, target: target, flushingInto: &sparse))
    }
    // The first three rows were added when the block filled; the fourth (times 3) waits, its
    // dense columns 0, 1 and 4 stored, its sparse columns 2 and 3 as entries.
    XCTAssertEqual(sparseBlock.storage, [12, 10.5, 9])
    XCTAssertEqual(
      sparseBlock.entries,
      [SparseEntry(row: 0, column: 2, value: 3), SparseEntry(row: 0, column: 3, value: 3)])
    fullBlock.flush(into: &full)
    sparseBlock.flush(into: &sparse)
    assertClose(sparse.gram.storage, full.gram.storage, relativeTolerance: 1e-14)
    assertClose(sparse.crossProduct, full.crossProduct, relativeTolerance: 1e-14)
    XCTAssertEqual(sparse.count, 4)
  }

  func testARowWithANonFiniteSparseValueIsLeftOut() {
    var sums = NormalEquations(dimension: 3)
    var block = RowBlock(capacity: 8, dimension: 3, sparseColumns: 1..<2)
    XCTAssertTrue(block.append([1, 0, 2], times: 1, target: 1, flushingInto: &sums))
    XCTAssertFalse(block.append([1, .infinity, 2], times: 1, target: 1, flushingInto: &sums))
    XCTAssertEqual(block.count, 1)
    XCTAssertEqual(block.storage, [1, 2])
    XCTAssertEqual(block.entries, [])
  }
}
