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

  /// A constant plus a pattern that repeats exactly (period 4, summing to 0), after 1 leading
  /// position: STL's seasonal is the pattern itself (see STLDecompositionTests), so the
  /// indices are the pattern by absolute slot (position number mod 4).
  func testSeasonalIndicesByHand() throws {
    let begin = Day(daysSinceEpoch: 100)  // slot 0
    let pattern = [15.0, -15, -5, 5]  // by slot 0, 1, 2, 3
    let series = DemandSeries(start: begin, values: (0..<13).map { 30 + pattern[$0 % 4] })
    let settings = SeasonallyAdjustedETSSettings(
      period: 4, inner: AutoETSSettings(candidates: [.ann]))
    let model = try settings.fit(series)
    assertClose(model.indices, pattern, relativeTolerance: 0, absoluteTolerance: 1e-9)
    // A forecast adds the index of each target slot to the inner (level) forecast, which is
    // flat for ETS(A,N,N): the four steps differ exactly by the indices. The forecast starts
    // at day 113, slot 1.
    let forecast = model.predict(horizon: 4, levels: [0.5])
    assertClose(forecast.mean[1] - forecast.mean[0], -5 - (-15), absoluteTolerance: 1e-9)
    assertClose(forecast.mean[3] - forecast.mean[2], 15 - 5, absoluteTolerance: 1e-9)
    XCTAssertEqual(model.name, "SeasonalETS(4)+ETS(A,N,N)")
  }

  /// 130 weeks of the STL reference series: the indices are statsmodels' STL seasonal of the
  /// last 52 weeks (`Fixtures/stl_reference.py`, "52 last cycle"), each at its absolute slot.
  func testSeasonalIndicesAreSTLsLastCycle() throws {
    let values = STLDecompositionTests.series(count: 130, period: 52)
    let model = try SeasonallyAdjustedETSSettings(
      period: 52, inner: AutoETSSettings(candidates: [.ann])
    ).fit(DemandSeries(start: start, values: values))
    for t in 78..<130 {
      let slot = (Int(start.daysSinceEpoch) + t) % 52
      assertClose(model.indices[slot], Self.lastCycle[t - 78], absoluteTolerance: 1e-9)
    }
  }

  /// A censored position is interpolated between its observed neighbours before STL, so
  /// censoring a value changes nothing when the value was already on that line.
  func testCensoredPositionsAreInterpolated() throws {
    let values = (0..<120).map { 100 + Double($0) }
    var censored = [Bool](repeating: false, count: 120)
    censored[60] = true
    var damaged = values
    damaged[60] = 0
    let settings = SeasonallyAdjustedETSSettings(
      period: 52, inner: AutoETSSettings(candidates: [.ann]))
    let clean = try settings.fit(DemandSeries(start: start, values: values))
    let withCensored = try settings.fit(
      DemandSeries(start: start, values: damaged, censored: censored))
    assertClose(withCensored.indices, clean.indices, relativeTolerance: 0, absoluteTolerance: 1e-9)
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

  static let lastCycle: [Double] = [
    -0.454789910251, 2.938597646827, -4.659219778909, -1.239524187778, 2.206141688728,
    -5.314174212171, -1.792918293100, -3.657469301617, -5.600044235960, -1.916628594353,
    -9.168948089943, -5.353329440844, -1.467066073484, -8.508476853469, -4.476935341289,
    -0.372879485531, -7.197809783756, -2.954286110717, -4.079676835638, -5.277519973444,
    -0.854122253271, -7.382529014421, -2.869652050172, 1.676992994771, -4.750572169176,
    -0.160696782288, 1.614789150580, -1.376492218298, 3.211840225342, 0.603322848456,
    1.327717464490, 5.838760948896, -0.691672285161, 3.729506788353, 8.096087599446,
    1.402660240557, 5.644699844414, 6.406997351370, 2.921764161230, 6.952539849445,
    3.730996322349, 3.795843882112, 7.610448622540, 0.356852028983, 4.038697714513,
    7.660560440392, 0.227884885304, 3.746915928601, 3.812975206586, -0.331585735480,
    3.086376879420, -0.692535098684,
  ]
}
