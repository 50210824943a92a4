import Monitoring
import XCTest
import _TestSupport

/// The level score on hand-computed panels. The same numbers come out of the independent numpy
/// version in Fixtures/drift_fixtures.py (`scores`).
final class LevelShiftScorerTests: XCTestCase {
  /// Three stores of one SKU, blocks of 2 days (all uncensored), 4 reference blocks + 1 recent:
  /// A = (8, 12, 10, 10 | 20), B = C = (10, 10, 10, 10 | 10).
  static let units: [[Double]] = [
    [8, 12, 10, 10, 20], [10, 10, 10, 10, 10], [10, 10, 10, 10, 10],
  ]

  func panel(
    units: [[Double]] = units, days: [[Int]] = Array(repeating: [2, 2, 2, 2, 2], count: 3),
    groups: [Int] = [0, 0, 0], wideGroups: [Int] = [0, 0, 0]
  ) -> LevelPanel {
    var panel = LevelPanel(blockCount: 5)
    for i in units.indices {
      panel.append(
        units: units[i], days: days[i], peerGroup: groups[i], widePeerGroup: wideGroups[i])
    }
    return panel
  }

  /// By hand. Every level is 5 units a day (40 units over 8 days).
  ///
  /// A's peers B + C sell 20 units against 20 expected in every block, so F = 1, μ = 10 and
  /// P_A = (−2, 2, 0, 0 | 10)/√10; φ_A = (0.4 + 0.4)/4 = 0.2; z_A = √10/√0.2 = √50. Its
  /// reference scores leave their own block out: block 0 has φ = 0.4/3, z = −(2/√10)/√(0.4/3)
  /// = −√3; block 1 +√3; blocks 2 and 3 zero.
  ///
  /// B's peers A + C sell (18, 22, 20, 20 | 30) against 20, so F = (0.9, 1.1, 1, 1 | 1.5),
  /// μ_B = (9, 11, 10, 10 | 15) and P_B = (1/3, −1/√11, 0, 0 | −5/√15); φ_B = (1/9 + 1/11)/4
  /// = 5/99, so z_B = −(√15/3)/√(5/99) = −√297/3. Reference: block 0 (1/3)/√((1/11)/3) = √33/3,
  /// block 1 −(1/√11)/√((1/9)/3) = −√(27/11). C is B's twin.
  func testScoresByHand() {
    let scores = LevelShiftScorer.scores(
      panel(), blockDays: 2, minimumUnitsPerBlock: 10, minimumPeerSeries: 2)
    let b = -(297.0).squareRoot() / 3
    assertClose(scores.recent, [(50.0).squareRoot(), b, b], relativeTolerance: 1e-13)
    XCTAssertEqual(scores.referenceBlockCount, 4)
    assertClose(
      scores.reference,
      [
        -(3.0).squareRoot(), (3.0).squareRoot(), 0, 0,
        (33.0).squareRoot() / 3, -(27.0 / 11).squareRoot(), 0, 0,
        (33.0).squareRoot() / 3, -(27.0 / 11).squareRoot(), 0, 0,
      ], relativeTolerance: 1e-13, absoluteTolerance: 1e-15)
    XCTAssertEqual(scores.peers, [.region, .region, .region])
  }

  /// A block with fewer than half its days uncensored is skipped everywhere: A's block 3
  /// (0 days) leaves A's level at 30/6 = 5, its residuals (−2, 2, 0, – | 10)/√10 with
  /// φ_A = 0.8/3, so z_A = √10/√(0.8/3) = √37.5, and its block-0 score −(2/√10)/√(0.4/2) = −√2.
  /// B's block 3 is judged by C alone (10 against 10: F = 1, P = 0); B's other blocks are
  /// unchanged, so z_B = −√297/3 as before.
  func testUnusableBlocksAreSkipped() {
    let units: [[Double]] = [[8, 12, 10, 0, 20], [10, 10, 10, 10, 10], [10, 10, 10, 10, 10]]
    let days = [[2, 2, 2, 0, 2], [2, 2, 2, 2, 2], [2, 2, 2, 2, 2]]
    let scores = LevelShiftScorer.scores(
      panel(units: units, days: days), blockDays: 2, minimumUnitsPerBlock: 10,
      minimumPeerSeries: 2)
    let b = -(297.0).squareRoot() / 3
    assertClose(scores.recent, [(37.5).squareRoot(), b, b], relativeTolerance: 1e-13)
    assertClose(
      Array(scores.reference[0..<4]), [-(2.0).squareRoot(), (2.0).squareRoot(), 0, .nan],
      relativeTolerance: 1e-13, absoluteTolerance: 1e-15)
  }

  /// 5 units a day × 2 days = 10 units per block: scored at a minimum of 10, not at 10.5.
  func testMinimumUnitsPerBlockIsInclusive() {
    let atTen = LevelShiftScorer.scores(
      panel(), blockDays: 2, minimumUnitsPerBlock: 10, minimumPeerSeries: 2)
    XCTAssertEqual((0..<3).filter(atTen.isScored).count, 3)
    let above = LevelShiftScorer.scores(
      panel(), blockDays: 2, minimumUnitsPerBlock: 10.5, minimumPeerSeries: 2)
    XCTAssertEqual((0..<3).filter(above.isScored).count, 0)
    XCTAssertEqual(above.peers, [.none, .none, .none])
    XCTAssertTrue(above.reference.allSatisfy(\.isNaN))
  }

  /// Each store alone in its region falls back to the chain-wide group of its SKU and gets the
  /// same scores; with fewer peers than asked for anywhere, nothing is scored.
  func testTooFewRegionalPeersFallBackToTheChain() {
    let separate = panel(groups: [0, 1, 2], wideGroups: [7, 7, 7])
    let scores = LevelShiftScorer.scores(
      separate, blockDays: 2, minimumUnitsPerBlock: 10, minimumPeerSeries: 2)
    XCTAssertEqual(scores.peers, [.chain, .chain, .chain])
    let b = -(297.0).squareRoot() / 3
    assertClose(scores.recent, [(50.0).squareRoot(), b, b], relativeTolerance: 1e-13)
    let tooFew = LevelShiftScorer.scores(
      separate, blockDays: 2, minimumUnitsPerBlock: 10, minimumPeerSeries: 3)
    XCTAssertTrue(tooFew.recent.allSatisfy(\.isNaN))
  }

  /// A series whose peers sold nothing in its recent block cannot be judged there: the factor
  /// would be 0 and so would its expected units.
  func testPeersWithoutSalesLeaveTheBlockUnscored() {
    let units: [[Double]] = [[8, 12, 10, 10, 20], [10, 10, 10, 10, 0], [10, 10, 10, 10, 0]]
    let scores = LevelShiftScorer.scores(
      panel(units: units), blockDays: 2, minimumUnitsPerBlock: 10, minimumPeerSeries: 2)
    XCTAssertTrue(scores.recent[0].isNaN)
    XCTAssertFalse(scores.recent[1].isNaN)
  }
}
