import Foundation
import Models
import XCTest
import _TestSupport

/// STL against statsmodels' `STL` (the reference values come from
/// `Fixtures/stl_reference.py`, whose command is written at its top), and on a series whose
/// decomposition is known by hand.
final class STLDecompositionTests: XCTestCase {
  /// The reference script's series: 10 + 0.3 t + 5 sin(2πt/P) + ((37 t) mod 11) − 5.
  static func series(count: Int, period: Int) -> [Double] {
    (0..<count).map { t in
      let time = Double(t)
      let wave = 5 * sin(2 * Double.pi * time / Double(period))
      let noise = Double((t * 37) % 11) - 5
      return 10 + 0.3 * time + wave + noise
    }
  }

  /// Period 7, 45 positions, seasonal window 11, degree 0 (the settings MSTL uses): every
  /// seasonal and trend value as statsmodels computes them.
  func testMatchesStatsmodelsForMSTLSettings() {
    let stl = STLSettings(period: 7, seasonalWindow: 11, seasonalDegree: 0)
    let result = stl.decompose(Self.series(count: 45, period: 7))
    assertClose(result.seasonal, Self.seasonal45, relativeTolerance: 1e-9, absoluteTolerance: 1e-9)
    assertClose(result.trend, Self.trend45, relativeTolerance: 1e-9, absoluteTolerance: 1e-9)
  }

  /// Period 4, 23 positions (not whole cycles), seasonal window 7, degree 1 (a local line
  /// across cycles, statsmodels' default degree).
  func testMatchesStatsmodelsWithLocalLines() {
    let stl = STLSettings(period: 4, seasonalWindow: 7, seasonalDegree: 1)
    let result = stl.decompose(Self.series(count: 23, period: 4))
    assertClose(result.seasonal, Self.seasonal23, relativeTolerance: 1e-9, absoluteTolerance: 1e-9)
    assertClose(result.trend, Self.trend23, relativeTolerance: 1e-9, absoluteTolerance: 1e-9)
  }

  /// statsmodels' default windows for period 52 and seasonal window 11: trend 91
  /// (⌈1.5 × 52 / (1 − 1.5/11)⌉ = 91), low pass 53.
  func testDefaultWindows() {
    let stl = STLSettings(period: 52)
    XCTAssertEqual(stl.trendWindow, 91)
    XCTAssertEqual(stl.lowPassWindow, 53)
    XCTAssertEqual(STLSettings(period: 7).lowPassWindow, 9)
  }

  /// A constant plus a pattern that repeats exactly and sums to 0 over a cycle: the first
  /// pass's subseries are constant (the pattern plus the constant), the low pass of a periodic
  /// series is its cycle mean (the constant), so the seasonal is the pattern and the trend the
  /// constant, from the first iteration on.
  func testExactlyPeriodicSeriesByHand() {
    let pattern = [3.0, -1, -4, 2]
    let values = (0..<24).map { 50 + pattern[$0 % 4] }
    let result = STLSettings(period: 4, seasonalWindow: 7).decompose(values)
    assertClose(
      result.seasonal, (0..<24).map { pattern[$0 % 4] }, relativeTolerance: 0,
      absoluteTolerance: 1e-9)
    assertClose(
      result.trend, [Double](repeating: 50, count: 24), relativeTolerance: 0,
      absoluteTolerance: 1e-9)
  }

  static let seasonal45: [Double] = [
    -1.071670254782, 3.978973350159, 6.303096412045, 1.697804699751, -3.653588184809,
    -3.716866947095, -3.518600304109, -1.008331028190, 3.875391211094, 6.254287788995,
    1.797064985979, -3.632946746455, -3.881934732907, -3.397305328345, -0.914391802109,
    3.774721384300, 6.142843862797, 1.987585662094, -3.652134472559, -4.149967692191,
    -3.151753944267, -0.731116724625, 3.539752333229, 5.900219671760, 2.345722213293,
    -3.711832832639, -4.508447487711, -2.686959558706, -0.642368066950, 3.506621151138,
    5.496675603984, 2.544107396733, -3.733579739300, -4.653165520421, -2.453449721445,
    -0.599144029053, 3.449076357184, 5.363881782368, 2.645458076031, -3.713016479919,
    -4.796152510516, -2.331918755897, -0.549956883743, 3.392360882437, 5.284850025738,
  ]
  static let trend45: [Double] = [
    7.934470874043, 8.719819693094, 9.488571781768, 10.246840618982, 10.987511077802,
    11.703971206080, 12.320579351757, 12.566419039736, 12.695497712040, 12.799488104439,
    12.891350800928, 13.018401543144, 13.140370478528, 13.362005475996, 13.863395857341,
    14.506878935222, 15.140164310255, 15.628629079072, 15.855355296913, 15.984546418278,
    16.108215901878, 16.206040424741, 16.323045730268, 16.440847186235, 16.663363182215,
    17.142560306680, 17.783728026625, 18.439969768364, 18.946335923334, 19.167825097256,
    19.282458418653, 19.408437627524, 19.492898597333, 19.602205093012, 19.738779681789,
    19.981140909196, 20.461426493219, 21.087311008432, 21.746734543402, 22.049911225751,
    22.139330491163, 22.197100757396, 22.240890482875, 22.258648692388, 22.236762477775,
  ]
  static let seasonal23: [Double] = [
    -1.395816904945, 6.770922923124, 2.057272331840, -7.904628270475, 0.012355614854,
    6.285541339733, 0.588847202901, -7.221668755048, 1.263046404728, 5.882861957108,
    -0.878847441433, -6.152917949719, 1.707890817296, 5.011727379728, -1.353404576870,
    -4.271798824732, 0.512665249301, 5.159000787468, -2.420037563682, -2.149195176411,
    -0.681710121548, 5.204860834726, -3.527799932680,
  ]
  static let trend23: [Double] = [
    7.160626728502, 8.249264435742, 9.274861437808, 10.271284514133, 11.166857741577,
    11.847027570134, 12.619991190689, 12.920889439971, 13.126289864139, 13.086700910084,
    12.643672844848, 12.565707772892, 12.721875915928, 13.046721539155, 13.914629434427,
    14.520926120606, 15.078452704837, 15.880201921990, 16.288234586260, 16.386728647680,
    16.408119348702, 16.381148453105, 16.315899727748,
  ]
}
