import DemandCore
import Features
import XCTest
import _TestSupport

/// The no-look-ahead check shared by the daily and weekly tests: for every target t of the
/// series (and h past its end), overwrite every value at positions ≥ t − h + 1 (random values,
/// NaN, infinities) and flip their censoring at random, reload, and require the row for t, strict
/// and lenient, to be bit-for-bit the same (or unavailable both times).
///
/// - Returns: the number of strict rows that were available (the check must cover real rows).
func checkNoLookAhead(
  layout: FeatureLayout, start: Day, values: [Double], censored: [Bool],
  covariates: SeriesCovariates, calendar: CalendarContext, generator: inout SplitMix64,
  file: StaticString = #filePath, line: UInt = #line
) -> Int {
  let h = layout.horizonDays
  let count = values.count
  let targets = start...start.adding(days: count - 1 + h)
  var original = SeriesFeatureBuilder(layout: layout)
  original.load(
    start: start, values: values, censored: censored, covariates: covariates,
    calendar: calendar, targetDays: targets)
  var checkedRows = 0
  for t in 0..<(count + h) {
    let day = start.adding(days: t)
    let expected = original.row(for: day)
    var changedValues = values
    var changedCensoring = censored
    for position in max(0, t - h + 1)..<count {
      switch generator.below(4) {
      case 0: changedValues[position] = .nan
      case 1: changedValues[position] = 1e6
      case 2: changedValues[position] = -.infinity
      default: changedValues[position] = Double(generator.below(1000))
      }
      changedCensoring[position] = generator.below(2) == 0
    }
    var perturbed = SeriesFeatureBuilder(layout: layout)
    perturbed.load(
      start: start, values: changedValues, censored: changedCensoring,
      covariates: covariates, calendar: calendar, targetDays: targets)
    let observed = perturbed.row(for: day)
    XCTAssertEqual(
      observed?.bits, expected?.bits,
      "h \(h): the row for position \(t) saw positions ≥ \(t - h + 1) in "
        + differingColumns(observed, expected, layout), file: file, line: line)
    if expected != nil { checkedRows += 1 }
    // The same with a forecast's lenient rows, which exist even without history.
    let lenient = perturbed.row(for: day, allowingShortHistory: true)
    let lenientExpected = original.row(for: day, allowingShortHistory: true)
    XCTAssertEqual(
      lenient?.bits, lenientExpected?.bits,
      "lenient, h \(h), position \(t): " + differingColumns(lenient, lenientExpected, layout),
      file: file, line: line)
  }
  return checkedRows
}

/// The names of the columns that differ, for failure messages.
func differingColumns(
  _ observed: WrittenRow?, _ expected: WrittenRow?, _ layout: FeatureLayout
) -> String {
  guard let observed, let expected else { return "availability" }
  var names = zip(layout.names, zip(observed.features, expected.features))
    .filter { $0.1.0.bitPattern != $0.1.1.bitPattern }.map(\.0)
  if observed.scale.bitPattern != expected.scale.bitPattern { names.append("scale") }
  return names.joined(separator: ", ")
}
