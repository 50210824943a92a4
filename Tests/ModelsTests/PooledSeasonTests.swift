import DemandCore
import Foundation
import Models
import XCTest
import _TestSupport

/// The weekly seasonal ETS with its SKU's prior: the indices are the combination of the series'
/// own and the prior scaled by the series' level, all worked by hand (the share by credibility:
/// SeasonCredibilityTests).
final class PooledSeasonTests: XCTestCase {
  /// Slot 0 (day 100 mod 4 = 0), 13 positions of 30 + the pattern: STL's seasonal is the
  /// pattern itself (WeeklySeasonalModelTests), and the level over the last 4 positions is
  /// (45 + 15 + 25 + 35) / 4 = 30.
  let series = DemandSeries(
    start: Day(daysSinceEpoch: 100), values: (0..<13).map { 30 + [15.0, -15, -5, 5][$0 % 4] })
  let pattern = [15.0, -15, -5, 5]
  let prior = SeasonPrior(relativeIndices: [0.2, -0.2, 0.1, -0.1], seriesCount: 2)

  func settings(pooling: SeasonPooling) -> SeasonallyAdjustedETSSettings {
    SeasonallyAdjustedETSSettings(
      period: 4, pooling: pooling, inner: AutoETSSettings(candidates: [.ann]))
  }

  /// w = 0.5: 0.5 × (15, −15, −5, 5) + 0.5 × 30 × (0.2, −0.2, 0.1, −0.1)
  /// = (7.5 + 3, −7.5 − 3, −2.5 + 1.5, 2.5 − 1.5) = (10.5, −10.5, −1, 1).
  func testIndicesAreTheFixedShareCombination() throws {
    let model = try settings(pooling: .fixed(share: 0.5)).fit(series, prior: prior)
    assertClose(model.indices, [10.5, -10.5, -1, 1], relativeTolerance: 0, absoluteTolerance: 1e-9)
    XCTAssertEqual(model.pooledShare, 0.5)
    XCTAssertEqual(model.name, "PooledSeasonalETS(4)+ETS(A,N,N)")
    XCTAssertEqual(settings(pooling: .fixed(share: 0.5)).name, "PooledSeasonalETS(4)")
    // w = 1: the prior alone, 30 × (0.2, −0.2, 0.1, −0.1).
    let pooledOnly = try settings(pooling: .fixed(share: 1)).fit(series, prior: prior)
    assertClose(pooledOnly.indices, [6, -6, 3, -3], relativeTolerance: 0, absoluteTolerance: 1e-9)
  }

  /// A store whose peaks come one week later than the chain's: the shape shifted by one slot
  /// matches the own season exactly (distance 0, against 290 or more for the other shifts),
  /// so the prior is read one slot later. Here the shape is the pattern one slot early,
  /// (−15, −5, 5, 15) / 30: aligned, 30 × shape[slot − 1] is the pattern itself, and with w = 1
  /// the indices are the pattern, not (−15, −5, 5, 15).
  func testThePriorIsAlignedToTheSeriesOwnTiming() throws {
    let early = SeasonPrior(
      relativeIndices: [-15.0 / 30, -5.0 / 30, 5.0 / 30, 15.0 / 30], seriesCount: 3)
    XCTAssertEqual(
      SeasonallyAdjustedETSSettings.alignment(
        of: early.relativeIndices, scale: 30, to: pattern), 1)
    let model = try settings(pooling: .fixed(share: 1)).fit(series, prior: early)
    assertClose(model.indices, pattern, relativeTolerance: 0, absoluteTolerance: 1e-9)
    // The prior of the test above is closest unshifted (distances 290, 770, 770, 530).
    XCTAssertEqual(
      SeasonallyAdjustedETSSettings.alignment(
        of: prior.relativeIndices, scale: 30, to: pattern), 0)
  }

  /// The series repeats its pattern exactly, so its own indices hold no noise: by credibility
  /// the prior's share is 0 and the indices are its own (the prior was read: the name says so).
  func testCredibilityKeepsAnExactOwnSeason() throws {
    let model = try settings(pooling: .credibility).fit(series, prior: prior)
    assertClose(model.indices, pattern, relativeTolerance: 0, absoluteTolerance: 1e-9)
    XCTAssertEqual(try XCTUnwrap(model.pooledShare), 0, accuracy: 1e-12)
    XCTAssertEqual(settings(pooling: .credibility).name, "PooledSeasonalETS(4)")
  }

  /// No prior, a zero weight, or a prior of another period: the series' own indices, the plain
  /// name, and no pooled share (what a set saved before pooling holds).
  func testOwnIndicesWithoutAPriorToRead() throws {
    let withoutPrior = try settings(pooling: .fixed(share: 0.5)).fit(series, prior: nil)
    let zeroWeight = try settings(pooling: .none).fit(series, prior: prior)
    let otherPeriod = try settings(pooling: .fixed(share: 0.5)).fit(
      series, prior: SeasonPrior(relativeIndices: [0.1, 0.2, 0.3], seriesCount: 1))
    for model in [withoutPrior, zeroWeight, otherPeriod] {
      assertClose(model.indices, pattern, relativeTolerance: 0, absoluteTolerance: 1e-9)
      XCTAssertNil(model.pooledShare)
      XCTAssertEqual(model.name, "SeasonalETS(4)+ETS(A,N,N)")
    }
  }

  /// A series too short for its own season has no indices, prior or not: plain ETS.
  func testNoOwnSeasonNoPooling() throws {
    // 13 positions, under minimumSeasons (2) × 8.
    let eight = SeasonallyAdjustedETSSettings(
      period: 8, pooling: .fixed(share: 0.5), inner: AutoETSSettings(candidates: [.ann]))
    let model = try eight.fit(
      series,
      prior: SeasonPrior(relativeIndices: [Double](repeating: 0.1, count: 8), seriesCount: 2))
    XCTAssertEqual(model.indices, [Double](repeating: 0, count: 8))
    XCTAssertNil(model.pooledShare)
    XCTAssertNil(SeasonallyAdjustedETSSettings.ownSeason(series, period: 8, minimumSeasons: 2))
  }

  /// Σ indices / Σ levels by slot: (15 + 3, −15 + 9, −5 − 6, 5 − 6) / (30 + 60)
  /// = (0.2, −0.0666…, −0.1222…, −0.0111…); nothing added or a zero level: no prior.
  func testPriorIsTheRatioOfSums() {
    var sum = SeasonPrior.Sum(period: 4)
    XCTAssertNil(sum.prior)
    sum.add(.init(indices: [15, -15, -5, 5], level: 30))
    var other = SeasonPrior.Sum(period: 4)
    other.add(.init(indices: [3, 9, -6, -6], level: 60))
    sum.merge(other)
    let prior = sum.prior
    XCTAssertEqual(prior?.seriesCount, 2)
    assertClose(
      prior?.relativeIndices ?? [], [18.0 / 90, -6.0 / 90, -11.0 / 90, -1.0 / 90],
      relativeTolerance: 0, absoluteTolerance: 1e-15)
    var flat = SeasonPrior.Sum(period: 4)
    flat.add(.init(indices: [0, 0, 0, 0], level: 0))
    XCTAssertNil(flat.prior)
  }

  /// The pooled share is saved with the model and read back; a model saved without it (before
  /// pooling) reads as the series' own.
  func testPooledShareIsSavedAndOptional() throws {
    let model = try settings(pooling: .fixed(share: 0.5)).fit(series, prior: prior)
    let data = try JSONEncoder().encode(model)
    XCTAssertEqual(try JSONDecoder().decode(SeasonallyAdjustedETS.self, from: data), model)
    var object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    XCTAssertNotNil(object.removeValue(forKey: "pooledShare"))
    let old = try JSONDecoder().decode(
      SeasonallyAdjustedETS.self, from: JSONSerialization.data(withJSONObject: object))
    XCTAssertNil(old.pooledShare)
    XCTAssertEqual(old.indices, model.indices)
    XCTAssertEqual(old.name, "SeasonalETS(4)+ETS(A,N,N)")
  }
}
