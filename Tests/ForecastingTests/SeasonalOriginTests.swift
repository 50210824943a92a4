import DemandCore
import Forecasting
import Foundation
import XCTest
import _TestSupport

/// A series that can keep a whole season before a backtest origin is backtested only on the
/// origins that do (`ForecastConfiguration.seasonalTrainingDays`), so that the selection judges
/// a seasonal method with the season it forecasts with.
final class SeasonalOriginTests: XCTestCase {
  /// Weekly settings: a horizon of 13, 3 origins, 26 periods of training before the earliest,
  /// a season of 52.
  static func configuration(seasonal: Int?) -> ForecastConfiguration {
    var configuration = ForecastConfiguration(
      horizonDays: 13, backtestOrigins: 3, minimumTrainingDays: 26, newItemDays: 13,
      historyWindowDays: 730, ensembleSize: 2)
    configuration.seasonalTrainingDays = seasonal
    return configuration
  }

  /// The origins by hand: 13 periods apart, counted back from the end; those keeping 52 before
  /// them when one does, else those keeping 26.
  func testOriginsKeepASeasonWhenOneCan() {
    let seasonal = Self.configuration(seasonal: 52)
    XCTAssertEqual(seasonal.backtestOriginCount(seriesDays: 104), 3)  // 104 − 39 = 65
    XCTAssertEqual(seasonal.backtestOriginCount(seriesDays: 91), 3)  // 91 − 39 = 52
    XCTAssertEqual(seasonal.backtestOriginCount(seriesDays: 78), 2)  // 78 − 26 = 52
    XCTAssertEqual(seasonal.backtestOriginCount(seriesDays: 65), 1)  // 65 − 13 = 52
    // 64 − 13 = 51: no origin keeps a season, so those keeping 26 (51, 38; 64 − 39 = 25).
    XCTAssertEqual(seasonal.backtestOriginCount(seriesDays: 64), 2)
    XCTAssertEqual(seasonal.backtestOriginCount(seriesDays: 38), 0)
    let plain = Self.configuration(seasonal: nil)
    XCTAssertEqual(plain.backtestOriginCount(seriesDays: 65), 3)  // 65 − 39 = 26
    XCTAssertEqual(plain.backtestOriginCount(seriesDays: 78), 3)
  }

  /// Configurations saved before the setting existed read it as absent.
  func testASavedConfigurationWithoutItReadsNone() throws {
    let data = try JSONEncoder().encode(Self.configuration(seasonal: nil))
    XCTAssertFalse(String(decoding: data, as: UTF8.self).contains("seasonalTrainingDays"))
    XCTAssertNil(
      try JSONDecoder().decode(ForecastConfiguration.self, from: data)
        .seasonalTrainingDays)
  }

  /// 65 weeks of history: with the season setting each method is fitted once on the 52 weeks
  /// before the one origin that keeps a year (so a 52-week method has its season when it is
  /// judged); without it, on the 26 weeks before the earliest of three. Then the chosen model
  /// is refitted on all 65.
  func testTheBacktestFitReadsAWholeSeason() throws {
    let lastDay = Day(iso: "2026-06-30")!
    let series = (0..<65).map { Double(10 + $0 % 7) }
    for (seasonal, backtestLength) in [(52, 52), (nil, 26)] as [(Int?, Int)] {
      let log = FitLog()
      let trainer = Trainer(
        catalog: MethodCatalog([.init(kind: "spy", Spy(log: log))]),
        configuration: Self.configuration(seasonal: seasonal), ridgeSettings: nil)
      _ = try trainer.train(
        source: MemorySource.oneStore([series], lastDay: lastDay), lastDay: lastDay)
      XCTAssertEqual(log.recorded.first, backtestLength, "season \(String(describing: seasonal))")
      XCTAssertTrue(log.recorded.dropFirst().allSatisfy { $0 == 65 }, "\(log.recorded)")
    }
  }
}
