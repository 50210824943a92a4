import DemandCore

/// Holidays and their demand effects for every day of a chain's timeline.
struct HolidayCalendar: Sendable {
  /// First day covered.
  let start: Day
  /// The holiday on each day (index = days since `start`), if any.
  let holidays: [Holiday?]
  /// `effects[category.rawValue][dayIndex]`: demand multiplier from holidays and the
  /// stock-up days before them.
  let effects: [[Double]]

  /// Food and drink demand multiplier on each of the three days before a stock-up holiday.
  static let stockUpEffect = 1.20

  init(start: Day, dayCount: Int) {
    self.start = start
    var holidays = [Holiday?](repeating: nil, count: dayCount)
    let firstYear = start.civil.year
    let lastYear = start.adding(days: dayCount - 1).civil.year
    for year in firstYear...lastYear {
      for holiday in Holiday.allCases {
        guard let day = holiday.day(in: year) else { continue }
        let index = start.days(to: day)
        if index >= 0 && index < dayCount { holidays[index] = holiday }
      }
    }
    var effects = [[Double]](
      repeating: [Double](repeating: 1, count: dayCount), count: ProductCategory.allCases.count)
    for (index, holiday) in holidays.enumerated() {
      guard let holiday else { continue }
      for category in ProductCategory.allCases {
        effects[category.rawValue][index] *= holiday.demandEffect(on: category)
        guard holiday.hasStockUpDays, category.isFood else { continue }
        for before in 1...3 where index - before >= 0 && holidays[index - before] == nil {
          effects[category.rawValue][index - before] *= HolidayCalendar.stockUpEffect
        }
      }
    }
    self.holidays = holidays
    self.effects = effects
  }
}
