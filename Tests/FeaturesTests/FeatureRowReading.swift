import DemandCore
import Features
import Foundation
import XCTest

/// One written row and its scale.
struct WrittenRow: Equatable {
  var features: [Double]
  var scale: Double

  /// The feature of `column` in `layout`.
  func value(_ column: FeatureColumn, in layout: FeatureLayout) -> Double {
    guard let index = layout.index(of: column) else {
      preconditionFailure("\(column) is not in the layout")
    }
    return features[index]
  }

  /// Bit patterns, so that equality also covers NaN and signed zeros.
  var bits: [UInt64] { features.map(\.bitPattern) + [scale.bitPattern] }
}

extension SeriesFeatureBuilder {
  /// The row for `day` as an array (test convenience; the engine writes into its own buffers).
  func row(for day: Day, allowingShortHistory: Bool = false) -> WrittenRow? {
    var features = [Double](repeating: .nan, count: layout.count)
    let scale = features.withUnsafeMutableBufferPointer { buffer in
      writeRow(
        for: day, into: buffer.baseAddress!, stride: 1,
        allowingShortHistory: allowingShortHistory)
    }
    return scale.map { WrittenRow(features: features, scale: $0) }
  }
}

extension SeriesFeatureBuilder {
  /// The row of the day after the last of `values` (a series from `start` in category
  /// "dairy", without promotions or holidays), written by a builder of `layout`; nil when
  /// unavailable.
  static func nextDayRow(
    of values: [Double], censored: [Bool]? = nil, start: Day, layout: FeatureLayout
  ) -> WrittenRow? {
    var builder = SeriesFeatureBuilder(layout: layout)
    let target = start.adding(days: values.count)
    builder.load(
      start: start, values: values,
      censored: censored ?? [Bool](repeating: false, count: values.count),
      covariates: SeriesCovariates(key: testKey, category: "dairy"),
      calendar: CalendarContext(holidays: []), targetDays: target...target)
    return builder.row(for: target)
  }
}

/// A series key for tests.
let testKey = SeriesKey(store: StoreID("S1"), sku: SKUID("P1"))

/// `layout` as a version that did not know `flags` saved it: encoded, each flag's
/// `"name":true` taken out of the JSON (failing when a flag is not there), and decoded.
func decodedWithout(_ flags: [String], from layout: FeatureLayout) throws -> FeatureLayout {
  var saved = String(decoding: try JSONEncoder().encode(layout), as: UTF8.self)
  for flag in flags {
    XCTAssertTrue(saved.contains("\"\(flag)\":true"), "\(flag) is saved when true")
    saved = saved.replacingOccurrences(of: ",\"\(flag)\":true", with: "")
      .replacingOccurrences(of: "\"\(flag)\":true,", with: "")
  }
  return try JSONDecoder().decode(FeatureLayout.self, from: Data(saved.utf8))
}
