// These tests read internals, which release builds do not expose to tests.
#if DEBUG
  import XCTest

  @testable import Synthetic

  /// The generators match their reference implementations, and the count draws have the
  /// moments they promise.
  final class RandomSourceTests: XCTestCase {
    func testSplitMix64MatchesTheReference() {
      // splitmix64.c by Sebastiano Vigna, state 0.
      var source = SplitMix64(seed: 0)
      XCTAssertEqual(source.next(), 0xE220_A839_7B1D_CDAF)
      XCTAssertEqual(source.next(), 0x6E78_9E6A_A1B9_65F4)
    }

    func testXoshiro256StarStarMatchesTheReference() {
      // xoshiro256starstar.c by Blackman & Vigna, state {1, 2, 3, 4}.
      var source = RandomSource(state: (1, 2, 3, 4))
      XCTAssertEqual(source.next(), 11_520)
      XCTAssertEqual(source.next(), 0)
      XCTAssertEqual(source.next(), 1_509_978_240)
      XCTAssertEqual(source.next(), 1_215_971_899_390_074_240)
    }

    func testUniformIndexCoversTheRange() {
      var source = RandomSource(seed: 3)
      var counts = [Int](repeating: 0, count: 7)
      for _ in 0..<70_000 { counts[source.index(below: 7)] += 1 }
      for count in counts { XCTAssertEqual(Double(count), 10_000, accuracy: 400) }
    }

    private func moments(_ draws: [Int]) -> (mean: Double, variance: Double) {
      let mean = Double(draws.reduce(0, +)) / Double(draws.count)
      let variance =
        draws.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) }
        / Double(draws.count - 1)
      return (mean, variance)
    }

    func testPoissonMeanAndVariance() {
      var source = RandomSource(seed: 11)
      for mean in [0.3, 4.0, 30.0, 400.0] {
        let observed = moments((0..<40_000).map { _ in source.poisson(mean: mean) })
        XCTAssertEqual(
          observed.mean, mean, accuracy: 4 * (mean / 40_000).squareRoot() + 1e-9, "mean \(mean)")
        XCTAssertEqual(observed.variance / mean, 1, accuracy: 0.05, "variance at mean \(mean)")
      }
    }

    func testNegativeBinomialMeanAndOverdispersion() {
      var source = RandomSource(seed: 12)
      for (mean, size) in [(0.5, 2.0), (5.0, 4.0), (60.0, 8.0)] {
        let observed = moments(
          (0..<40_000).map { _ in source.negativeBinomial(mean: mean, size: size) })
        let variance = mean + mean * mean / size
        XCTAssertEqual(
          observed.mean, mean, accuracy: 4 * (variance / 40_000).squareRoot(), "mean \(mean)")
        XCTAssertEqual(observed.variance / variance, 1, accuracy: 0.1, "variance at mean \(mean)")
      }
    }

    func testGammaMean() {
      var source = RandomSource(seed: 13)
      for shape in [0.5, 1.0, 3.5] {
        let draws = (0..<40_000).map { _ in source.gamma(shape: shape) }
        let mean = draws.reduce(0, +) / Double(draws.count)
        XCTAssertEqual(mean, shape, accuracy: 4 * (shape / 40_000).squareRoot(), "shape \(shape)")
      }
    }
  }
#endif
