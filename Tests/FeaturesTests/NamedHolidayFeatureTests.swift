import DemandCore
import Foundation
import XCTest
import _TestSupport

@testable import Features

/// The per-holiday columns (`FeatureColumn.namedHoliday`, `.holidayRunUp`), checked by hand on
/// known dates.
final class NamedHolidayFeatureTests: XCTestCase {
  let thanksgiving = Day(year: 2024, month: 11, day: 28)!
  let blackFriday = Day(year: 2024, month: 11, day: 29)!
  let christmas = Day(year: 2024, month: 12, day: 25)!

  var calendar: CalendarContext {
    CalendarContext(named: [
      (day: christmas, name: "Christmas Day"), (day: thanksgiving, name: "Thanksgiving"),
      (day: blackFriday, name: "Black Friday"),
      // Listed twice: the first name stays.
      (day: christmas, name: "Xmas"),
    ])
  }

  func layout(names: [String]) -> FeatureLayout {
    FeatureLayout(horizonDays: 7, holidayNames: names)
  }

  /// A flat series of 3 units/day over 2023-06-01 … 2024-12-31, loaded for `targetDays`.
  func builder(names: [String], targetDays: ClosedRange<Day>) -> SeriesFeatureBuilder {
    let start = Day(year: 2023, month: 6, day: 1)!
    let count = start.days(to: Day(year: 2024, month: 12, day: 31)!) + 1
    var builder = SeriesFeatureBuilder(layout: layout(names: names))
    builder.load(
      start: start, values: [Double](repeating: 3, count: count),
      censored: [Bool](repeating: false, count: count),
      covariates: SeriesCovariates(key: testKey, category: "dairy", promotions: []),
      calendar: calendar, targetDays: targetDays)
    return builder
  }

  func testCalendarKeepsTheFirstNameOfADayAndListsNamesWithinARange() {
    let calendar = self.calendar
    XCTAssertEqual(calendar.holidays, [thanksgiving, blackFriday, christmas])
    XCTAssertEqual(calendar.name(on: christmas), "Christmas Day")
    XCTAssertNil(calendar.name(on: christmas.adding(days: 1)))
    XCTAssertEqual(
      calendar.holidayNames(within: thanksgiving...christmas),
      ["Black Friday", "Christmas Day", "Thanksgiving"])
    XCTAssertEqual(
      calendar.holidayNames(within: thanksgiving...christmas.adding(days: -1)),
      ["Black Friday", "Thanksgiving"])
    XCTAssertEqual(CalendarContext(holidays: [christmas]).name(on: christmas), "")
    XCTAssertEqual(
      CalendarContext(holidays: [christmas]).holidayNames(within: christmas...christmas), [])
  }

  func testCalendarsSavedWithoutNamesReadAsUnnamed() throws {
    let json = Data(#"{"holidays":["\#(christmas.iso)"]}"#.utf8)
    let calendar = try JSONDecoder().decode(CalendarContext.self, from: json)
    XCTAssertEqual(calendar, CalendarContext(holidays: [christmas]))
  }

  /// The range row blocks keep as nonzero entries is exactly the named columns, wherever the
  /// other columns put them.
  func testNamedHolidayColumnsAreTheRangeOfTheNamedColumns() {
    let names = ["Black Friday", "Thanksgiving"]
    let event = ExternalRegressor(name: "event", knownInAdvance: true)
    var layouts = [
      layout(names: names),
      FeatureLayout(
        horizonDays: 7, fourierOrder: 2, seriesProfiles: true, regressors: [event],
        holidayNames: names, growthProfile: true),
      FeatureLayout(horizonDays: 2, regressors: [event], holidayNames: names)
        .at(.weekly(endingOn: .friday)),
    ]
    // `namedHolidayColumns` counts the columns before the names itself: every optional column
    // on, then every one off, must land on the same positions as `columns`.
    for on in [true, false] {
      layouts.append(
        FeatureLayout(
          horizonDays: 3, fourierOrder: 1, seriesProfiles: on, regressors: [event],
          holidayNames: names, growthProfile: on, excessZeroShare: on, levelCredibility: on,
          levelPromotions: on, levelBelowFloor: on, seasonStep: on, weekdayShapedShifts: on,
          plainMonthShift: on, logLevel: on, credibleGrowth: on))
    }
    for layout in layouts {
      let named = layout.columns.indices.filter {
        switch layout.columns[$0] {
        case .namedHoliday, .holidayRunUp: return true
        default: return false
        }
      }
      XCTAssertEqual(Array(layout.namedHolidayColumns), named)
      XCTAssertEqual(named.count, 4)
    }
    XCTAssertTrue(layout(names: []).namedHolidayColumns.isEmpty)
  }

  func testLayoutHasTwoColumnsPerNameBeforeTheRegressors() {
    let layout = self.layout(names: ["Thanksgiving", "Christmas Day"])
    XCTAssertEqual(layout.count, 23 + 4)
    XCTAssertEqual(
      Array(layout.names.suffix(4)),
      [
        "holiday[Thanksgiving]", "run_up[Thanksgiving]", "holiday[Christmas Day]",
        "run_up[Christmas Day]",
      ])
    XCTAssertEqual(layout.index(of: .namedHoliday("Thanksgiving")), 23)
    XCTAssertEqual(layout.index(of: .holidayRunUp("Christmas Day")), 26)
  }

  func testLayoutNamesSurviveCodingAndOldLayoutsHaveNone() throws {
    let layout = self.layout(names: ["Thanksgiving"])
    let decoded = try JSONDecoder().decode(
      FeatureLayout.self, from: JSONEncoder().encode(layout))
    XCTAssertEqual(decoded, layout)
    let plain = FeatureLayout(horizonDays: 7)
    let plainJSON = try XCTUnwrap(String(data: JSONEncoder().encode(plain), encoding: .utf8))
    XCTAssertFalse(plainJSON.contains("holidayNames"), "layouts without names keep their bytes")
    XCTAssertEqual(try JSONDecoder().decode(FeatureLayout.self, from: Data(plainJSON.utf8)), plain)
  }

  /// Over 2024-11-22 … 2024-12-27 with columns for Thanksgiving (Thursday 28 November) and
  /// Christmas Day, not for Black Friday: by hand, Thanksgiving's day column is 1 on the 28th
  /// only, its run-up on the 25th, 26th and 27th; Christmas's on the 25th, and 22nd–24th.
  /// Black Friday has the shared holiday column only.
  func testDayAndRunUpColumnsByHand() throws {
    let names = ["Thanksgiving", "Christmas Day"]
    let first = Day(year: 2024, month: 11, day: 22)!
    let last = Day(year: 2024, month: 12, day: 27)!
    let builder = builder(names: names, targetDays: first...last)
    let layout = builder.layout
    for offset in 0...first.days(to: last) {
      let day = first.adding(days: offset)
      let row = try XCTUnwrap(builder.row(for: day))
      for (name, date) in [("Thanksgiving", thanksgiving), ("Christmas Day", christmas)] {
        let daysTo = day.days(to: date)
        XCTAssertEqual(
          row.value(.namedHoliday(name), in: layout), daysTo == 0 ? 1 : 0, "\(name) \(day.iso)")
        XCTAssertEqual(
          row.value(.holidayRunUp(name), in: layout), (1...3).contains(daysTo) ? 1 : 0,
          "\(name) \(day.iso)")
      }
      XCTAssertEqual(
        row.value(.holiday, in: layout),
        [thanksgiving, blackFriday, christmas].contains(day) ? 1 : 0,
        "\(day.iso)")
    }
  }

  /// The builder's calendar cache follows the layout's names: a builder for another layout
  /// loaded with the same calendar writes its own columns.
  func testRowsFollowTheLayoutsNamesAcrossBuilders() throws {
    let targetDays = thanksgiving...thanksgiving
    let one = builder(names: ["Thanksgiving"], targetDays: targetDays)
    let other = builder(names: ["Black Friday", "Thanksgiving"], targetDays: targetDays)
    let row = try XCTUnwrap(one.row(for: thanksgiving))
    let otherRow = try XCTUnwrap(other.row(for: thanksgiving))
    XCTAssertEqual(Array(row.features.suffix(2)), [1, 0])
    // Black Friday's run-up holds Thanksgiving (the day before it).
    XCTAssertEqual(Array(otherRow.features.suffix(4)), [0, 1, 1, 0])
  }
}
