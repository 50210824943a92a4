import Monitoring
import XCTest
import _TestSupport

/// The two-sample test on cases computed by hand and against a brute-force enumeration of
/// every ordering of small pooled samples.
final class KolmogorovSmirnovTests: XCTestCase {
  /// The exact p-value is the share of the C(m+n, m) orderings whose D reaches the observed one.
  /// Enumerating them all for m, n ≤ 7 checks both exact paths (equal and unequal sizes) at
  /// every attainable D without sharing any code with them.
  func testExactPValueEqualsTheShareOfAllOrderings() throws {
    for (m, n) in [
      (1, 1), (1, 4), (2, 2), (2, 5), (3, 3), (3, 6), (4, 4), (4, 6), (5, 7), (6, 6),
      (7, 5),
    ] {
      let orderings = Self.orderings(m: m, n: n)
      // D · m · n for every ordering, an integer.
      let scaled = orderings.map { Self.scaledStatistic($0, m: m, n: n) }
      for h in Set(scaled).sorted() {
        let ordering = try XCTUnwrap(orderings.first { Self.scaledStatistic($0, m: m, n: n) == h })
        let expected = Double(scaled.filter { $0 >= h }.count) / Double(orderings.count)
        // The ordering as values: position k of the pooled order holds the value k.
        let a = ordering.indices.filter { ordering[$0] }.map(Double.init)
        let b = ordering.indices.filter { !ordering[$0] }.map(Double.init)
        let result = try KolmogorovSmirnov.twoSample(a, b, method: .exact)
        XCTAssertEqual(result.statistic, Double(h) / Double(m * n), accuracy: 1e-15)
        if result.method == .exact {
          // Nested products and sums of at most a few hundred terms.
          assertClose(
            result.pValue, expected, relativeTolerance: 1e-12, absoluteTolerance: 1e-15,
            "m=\(m) n=\(n) D·mn=\(h)")
        } else {
          // Only where the closed form rounds just above 1 (D = 1/n); scipy falls back too.
          XCTAssertEqual(expected, 1, "m=\(m) n=\(n) D·mn=\(h)")
          XCTAssertEqual(result.pValue, 1)
        }
      }
    }
  }

  /// Worked by hand (equal sizes n = 4, ties at 0 and 1):
  /// F_A(0) = 3/4, F_B(0) = 1/4, so D = 1/2 at 0 with A above B (sign +1). With h = D·n = 2,
  /// P(D ≥ 2/4) = 2 [C(8, 2) − C(8, 0)] / C(8, 4) = 2 (28 − 1) / 70 = 54/70.
  func testTiedCountsByHand() throws {
    let result = try KolmogorovSmirnov.twoSample([0, 0, 0, 1], [1, 0, 1, 1])
    XCTAssertEqual(result.statistic, 0.5)
    XCTAssertEqual(result.location, 0)
    XCTAssertEqual(result.sign, 1)
    XCTAssertEqual(result.method, .exact)
    assertClose(result.pValue, 54.0 / 70.0, relativeTolerance: 1e-14)
  }

  /// Disjoint samples: only the two orderings "all A first" and "all B first" reach D = 1, so
  /// p = 2 / C(m + n, m): 2/20 for 3 and 3, 2/10 for 2 and 3.
  func testDisjointSamplesByHand() throws {
    let equal = try KolmogorovSmirnov.twoSample([1, 2, 3], [4, 5, 6])
    XCTAssertEqual(equal.statistic, 1)
    assertClose(equal.pValue, 0.1, relativeTolerance: 1e-14)
    let unequal = try KolmogorovSmirnov.twoSample([7, 8, 9], [1, 2])
    XCTAssertEqual(unequal.statistic, 1)
    XCTAssertEqual(unequal.sign, -1)
    assertClose(unequal.pValue, 0.2, relativeTolerance: 1e-14)
  }

  func testIdenticalSamplesHaveNoGap() throws {
    let values: [Double] = [3, 1, 4, 1, 5, 9, 2, 6]
    for method in KolmogorovSmirnov.Method.allCases {
      let result = try KolmogorovSmirnov.twoSample(values, values.reversed(), method: method)
      XCTAssertEqual(result.statistic, 0)
      XCTAssertEqual(result.pValue, 1)
    }
  }

  /// Swapping the samples flips the sign and keeps D and p; the test depends only on ranks, so
  /// a strictly increasing transform changes nothing; pre-sorted input gives the same result.
  func testSymmetryRankInvarianceAndSortedInput() throws {
    let a: [Double] = [0.3, 1.7, 2.2, 0.9, 3.1, 2.2, 0.1, 4.0, 1.1]
    let b: [Double] = [1.4, 2.9, 3.3, 0.8, 4.4, 5.0, 2.5]
    let forward = try KolmogorovSmirnov.twoSample(a, b)
    let backward = try KolmogorovSmirnov.twoSample(b, a)
    XCTAssertEqual(forward.statistic, backward.statistic)
    XCTAssertEqual(forward.pValue, backward.pValue)
    XCTAssertEqual(forward.sign, -backward.sign)
    let transformed = try KolmogorovSmirnov.twoSample(a.map { exp($0) }, b.map { exp($0) })
    XCTAssertEqual(transformed.statistic, forward.statistic)
    XCTAssertEqual(transformed.pValue, forward.pValue)
    let sorted = try KolmogorovSmirnov.twoSample(sortedA: a.sorted(), sortedB: b.sorted())
    XCTAssertEqual(sorted, forward)
  }

  /// Sizes 50 001 and 50 000 are coprime, so lcm = 2 500 050 000 exceeds 32-bit integers and an
  /// explicit exact request falls back to the asymptotic p-value, as scipy does (with a warning).
  func testExactFallsBackWhenTheLatticeIsTooLarge() throws {
    let a = (0..<50_001).map { Double($0) }
    let b = (0..<50_000).map { Double($0) + 400.5 }
    let exact = try KolmogorovSmirnov.twoSample(a, b, method: .exact)
    let asymptotic = try KolmogorovSmirnov.twoSample(a, b, method: .asymptotic)
    XCTAssertEqual(exact.method, .asymptotic)
    XCTAssertEqual(exact, asymptotic)
    XCTAssertEqual(exact.statistic, 401.0 / 50_001, accuracy: 1e-15)
  }

  func testRejectsEmptyAndNonFiniteSamples() {
    XCTAssertThrowsError(try KolmogorovSmirnov.twoSample([], [1])) { error in
      XCTAssertEqual(error as? StatisticsError, .emptySample(sample: "a"))
    }
    XCTAssertThrowsError(try KolmogorovSmirnov.twoSample([1], [])) { error in
      XCTAssertEqual(error as? StatisticsError, .emptySample(sample: "b"))
    }
    XCTAssertThrowsError(try KolmogorovSmirnov.twoSample([1, 2], [3, .nan])) { error in
      XCTAssertEqual(error as? StatisticsError, .nonFiniteValue(sample: "b", index: 1))
    }
    XCTAssertThrowsError(try KolmogorovSmirnov.twoSample([.infinity], [3])) { error in
      XCTAssertEqual(error as? StatisticsError, .nonFiniteValue(sample: "a", index: 0))
    }
  }

  /// Every arrangement of m A-steps (true) and n B-steps (false).
  private static func orderings(m: Int, n: Int) -> [[Bool]] {
    if m == 0 { return [Array(repeating: false, count: n)] }
    if n == 0 { return [Array(repeating: true, count: m)] }
    return orderings(m: m - 1, n: n).map { [true] + $0 }
      + orderings(m: m, n: n - 1).map {
        [false] + $0
      }
  }

  /// max over prefixes of |i·n − j·m| = D · m · n.
  private static func scaledStatistic(_ ordering: [Bool], m: Int, n: Int) -> Int {
    var i = 0
    var j = 0
    var largest = 0
    for isA in ordering {
      if isA { i += 1 } else { j += 1 }
      largest = max(largest, abs(i * n - j * m))
    }
    return largest
  }
}
