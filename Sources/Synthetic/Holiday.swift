import DemandCore

/// The holidays in the synthetic calendar: fixed-date ones plus a few movable ones
/// (Easter from the Gregorian computus, Mother's Day, Thanksgiving and Black Friday by weekday).
enum Holiday: Int, CaseIterable, Sendable {
  case newYearsDay, valentinesDay, goodFriday, easterSunday, easterMonday, labourDay, mothersDay
  case halloween, thanksgiving, blackFriday, christmasEve, christmasDay, boxingDay, newYearsEve

  /// The name written in `calendar.csv`.
  var name: String {
    switch self {
    case .newYearsDay: "New Year's Day"
    case .valentinesDay: "Valentine's Day"
    case .goodFriday: "Good Friday"
    case .easterSunday: "Easter Sunday"
    case .easterMonday: "Easter Monday"
    case .labourDay: "Labour Day"
    case .mothersDay: "Mother's Day"
    case .halloween: "Halloween"
    case .thanksgiving: "Thanksgiving"
    case .blackFriday: "Black Friday"
    case .christmasEve: "Christmas Eve"
    case .christmasDay: "Christmas Day"
    case .boxingDay: "Boxing Day"
    case .newYearsEve: "New Year's Eve"
    }
  }

  /// The date of this holiday in `year`.
  func day(in year: Int) -> Day? {
    switch self {
    case .newYearsDay: Day(year: year, month: 1, day: 1)
    case .valentinesDay: Day(year: year, month: 2, day: 14)
    case .goodFriday: Holiday.easter(year)?.adding(days: -2)
    case .easterSunday: Holiday.easter(year)
    case .easterMonday: Holiday.easter(year)?.adding(days: 1)
    case .labourDay: Day(year: year, month: 5, day: 1)
    case .mothersDay: Holiday.nth(2, weekday: 6, month: 5, year: year)
    case .halloween: Day(year: year, month: 10, day: 31)
    case .thanksgiving: Holiday.nth(4, weekday: 3, month: 11, year: year)
    case .blackFriday: Holiday.nth(4, weekday: 3, month: 11, year: year)?.adding(days: 1)
    case .christmasEve: Day(year: year, month: 12, day: 24)
    case .christmasDay: Day(year: year, month: 12, day: 25)
    case .boxingDay: Day(year: year, month: 12, day: 26)
    case .newYearsEve: Day(year: year, month: 12, day: 31)
    }
  }

  /// Demand multiplier on the holiday itself for `category` (1 = no effect).
  /// Shopping hours are short on the big holidays; eves and food festivals lift food and drink.
  func demandEffect(on category: ProductCategory) -> Double {
    switch self {
    case .newYearsDay: return 0.40
    case .valentinesDay: return category == .snacks ? 1.50 : category == .beverages ? 1.15 : 1
    case .goodFriday: return category.isFood ? 1.25 : 0.80
    case .easterSunday: return 0.35
    case .easterMonday: return 0.60
    case .labourDay:
      switch category {
      case .meat: return 1.50
      case .beverages: return 1.40
      case .produce: return 1.15
      case .household, .personalCare: return 0.70
      default: return 1
      }
    case .mothersDay: return category == .bakery || category == .snacks ? 1.30 : 1
    case .halloween: return category == .snacks ? 1.90 : 1
    case .thanksgiving: return 0.50
    case .blackFriday: return category.isFood ? 1.05 : 1.40
    case .christmasEve:
      switch category {
      case .beverages: return 2.00
      case .snacks: return 1.60
      case .household, .personalCare: return 0.70
      default: return 1.70
      }
    case .christmasDay: return 0.30
    case .boxingDay: return category == .beverages ? 0.80 : 0.60
    case .newYearsEve:
      switch category {
      case .beverages: return 2.20
      case .snacks: return 1.70
      case .household, .personalCare: return 0.70
      default: return 1.40
      }
    }
  }

  /// Whether customers stock up on food in the three days before this holiday.
  var hasStockUpDays: Bool {
    self == .christmasEve || self == .easterSunday || self == .thanksgiving
  }

  // MARK: - Movable dates

  /// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  static func easter(_ year: Int) -> Day? {
    let a = year % 19
    let b = year / 100
    let c = year % 100
    let d = b / 4
    let e = b % 4
    let f = (b + 8) / 25
    let g = (b - f + 1) / 3
    let h = (19 * a + b - d - g + 15) % 30
    let i = c / 4
    let k = c % 4
    let l = (32 + 2 * e + 2 * i - h - k) % 7
    let m = (a + 11 * h + 22 * l) / 451
    let month = (h + l - 7 * m + 114) / 31
    let day = (h + l - 7 * m + 114) % 31 + 1
    return Day(year: year, month: month, day: day)
  }

  /// The `n`-th `weekday` (Monday = 0) of `month`.
  static func nth(_ n: Int, weekday: Int, month: Int, year: Int) -> Day? {
    guard let first = Day(year: year, month: month, day: 1) else { return nil }
    let offset = (weekday - first.weekdayIndex + 7) % 7
    return first.adding(days: offset + 7 * (n - 1))
  }
}
