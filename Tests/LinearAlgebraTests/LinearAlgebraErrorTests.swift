import XCTest

@testable import LinearAlgebra

final class LinearAlgebraErrorTests: XCTestCase {
  func testInfoCodesMapToCases() {
    let positive: (Int) -> LinearAlgebraError = { .notPositiveDefinite(minor: $0) }
    XCTAssertEqual(
      LinearAlgebraError.lapack("dposv", info: 2, positive: positive),
      .notPositiveDefinite(minor: 2))
    XCTAssertEqual(
      LinearAlgebraError.lapack("dposv", info: -5, positive: positive),
      .illegalArgument(routine: "dposv", position: 5))
    XCTAssertEqual(
      LinearAlgebraError.lapack("dgelsd", info: -1010, positive: positive),
      .outOfMemory(routine: "dgelsd"))
  }

  func testDescriptionsAreSentencesWithTheDetails() {
    XCTAssertEqual(
      LinearAlgebraError.notPositiveDefinite(minor: 3).description,
      "The matrix is not positive definite: its leading minor of order 3 is not positive, "
        + "so the Cholesky factorisation stopped. Check for collinear or constant columns, "
        + "or add a ridge penalty.")
    XCTAssertEqual(
      LinearAlgebraError.nonFinite(argument: "targets", row: 4, column: 0).description,
      "The input 'targets' holds NaN or infinity at row 4, column 0; LAPACK was not called. "
        + "Remove or impute non-finite values first.")
    let illegal = LinearAlgebraError.illegalArgument(routine: "dgelsd", position: 7).description
    XCTAssertTrue(illegal.hasPrefix("LAPACKE_dgelsd rejected argument 7 as illegal."), illegal)
    let diverged = LinearAlgebraError.didNotConverge(routine: "dgelsd", count: 2).description
    XCTAssertTrue(diverged.hasPrefix("LAPACK dgelsd did not converge: 2 element(s)"), diverged)
  }
}
