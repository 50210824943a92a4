import DemandCore
import Models
import XCTest
import _TestSupport

/// The weekly grain's seasonal methods on hand-computed series.
final class WeeklySeasonalModelTests: XCTestCase {
  /// A week number (positions of a weekly series are week numbers).
  let start = Day(daysSinceEpoch: 2100)

  /// 130 weeks, value = 1,000 + position (a trend), with week 100 a spike of 5,000 and week 103
  /// a net return of −250 (kept). `SeasonalNaive(52)` forecasts week 130 + k as week
  /// 130 + k − 52: 1,078, 1,079, … and week 152 repeats the spike of week 100, week 155 the
  /// return (the mean is a copy of the data, as statsforecast's).
  func testSeasonalNaive52ByHand() throws {
    var values = (0..<130).map { 1000 + Double($0) }
    values[100] = 5000
    values[103] = -250
    let model = try SeasonalNaiveSettings(period: 52).fit(
      DemandSeries(start: start, values: values))
    let mean = model.predict(horizon: 26, levels: []).mean
    XCTAssertEqual(mean[0], 1078)
    XCTAssertEqual(mean[1], 1079)
    XCTAssertEqual(mean[22], 5000)
    XCTAssertEqual(mean[21], 1099)
    XCTAssertEqual(mean[25], -250)
    XCTAssertEqual(model.name, "SeasonalNaive(52)")
    // In sample, week 52 is predicted by week 0.
    XCTAssertEqual(model.fittedValues[52], 1000)
    XCTAssertTrue(model.fittedValues[51].isNaN)
  }

  /// Three whole seasons of period 4 (short, to compute by hand) after 1 leading position:
  /// values at positions 1 … 12 are 10, 20, 30, 40 | 14, 24, 34, 44 | 18, 28, 38, 48; each
  /// season centred on its mean (25, 29, 33) gives −15, −5, 5, 15 three times: the indices.
  /// Slots are absolute (position number mod 4).
  func testSeasonalIndicesByHand() throws {
    let begin = Day(daysSinceEpoch: 100)  // slot 0
    let series = DemandSeries(
      start: begin, values: [7, 10, 20, 30, 40, 14, 24, 34, 44, 18, 28, 38, 48])
    let settings = SeasonallyAdjustedETSSettings(
      period: 4, inner: AutoETSSettings(candidates: [.ann]))
    let model = try settings.fit(series)
    // Position 1 is day 101: slot 1 holds −15, slot 2 −5, slot 3 5, slot 0 15. The forecast
    // starts at day 113, slot 1.
    XCTAssertEqual(model.indices, [15, -15, -5, 5])
    // A forecast adds the index of each target slot to the inner (level) forecast, which is
    // flat for ETS(A,N,N): the four steps differ exactly by the indices.
    let forecast = model.predict(horizon: 4, levels: [0.5])
    assertClose(forecast.mean[1] - forecast.mean[0], -5 - (-15), absoluteTolerance: 1e-9)
    assertClose(forecast.mean[3] - forecast.mean[2], 15 - 5, absoluteTolerance: 1e-9)
    XCTAssertEqual(model.name, "SeasonalETS(4)+ETS(A,N,N)")
  }

  /// With fewer whole seasons than `minimumSeasons` the indices are 0: plain ETS.
  func testTooShortForASeasonIsPlainETS() throws {
    let series = DemandSeries(start: start, values: (0..<60).map { Double($0 % 7) + 10 })
    let inner = AutoETSSettings(candidates: [.ann])
    let model = try SeasonallyAdjustedETSSettings(period: 52, inner: inner).fit(series)
    XCTAssertEqual(model.indices, [Double](repeating: 0, count: 52))
    XCTAssertEqual(
      model.predict(horizon: 5, levels: []).mean,
      try inner.fit(series).predict(horizon: 5, levels: []).mean)
  }
}
