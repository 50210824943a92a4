/// A merchandise category and the demand behaviour its SKUs share.
///
/// The numbers are plausible for a European-style grocery chain, not estimated from data:
/// fresh categories are reviewed daily with short lead times, beverages and frozen peak in
/// summer, snacks spike at Halloween and Valentine's, and non-food dips on public holidays.
enum ProductCategory: Int, CaseIterable, Sendable {
  case dairy, bakery, produce, meat, beverages, snacks, frozen, pantry, household, personalCare

  /// The category as written in `skus.csv`.
  var label: String {
    switch self {
    case .personalCare: "personal care"
    default: String(describing: self)
    }
  }

  /// Relative number of SKUs in the category.
  var assortmentWeight: Double {
    switch self {
    case .dairy: 1.1
    case .bakery: 0.7
    case .produce: 1.0
    case .meat: 0.7
    case .beverages: 1.3
    case .snacks: 1.2
    case .frozen: 0.8
    case .pantry: 1.4
    case .household: 1.0
    case .personalCare: 1.0
    }
  }

  /// Demand by weekday, Monday first, before normalising to a mean of 1.
  var weeklyShape: [Double] {
    switch self {
    case .dairy, .produce: [0.90, 0.85, 0.90, 0.95, 1.15, 1.40, 0.85]
    case .bakery: [0.85, 0.85, 0.85, 0.90, 1.10, 1.50, 0.95]
    case .meat: [0.75, 0.75, 0.85, 0.95, 1.30, 1.60, 0.80]
    case .beverages, .snacks: [0.80, 0.75, 0.80, 0.90, 1.30, 1.60, 0.85]
    case .frozen, .pantry: [0.90, 0.85, 0.90, 0.95, 1.10, 1.40, 0.90]
    case .household: [0.85, 0.85, 0.90, 0.95, 1.05, 1.55, 0.85]
    case .personalCare: [1.00, 0.95, 0.95, 1.00, 1.05, 1.20, 0.85]
    }
  }

  /// Amplitude of the yearly cycle (first Fourier term) and the day of year of its peak.
  var yearlyCycle: (amplitude: Double, peakDayOfYear: Double) {
    switch self {
    case .dairy: (0.05, 350)
    case .bakery: (0.08, 340)
    case .produce: (0.15, 200)
    case .meat: (0.12, 190)
    case .beverages: (0.30, 200)
    case .snacks: (0.10, 340)
    case .frozen: (0.25, 205)
    case .pantry: (0.08, 330)
    case .household: (0.05, 100)
    case .personalCare: (0.06, 180)
    }
  }

  /// Days between replenishment reviews.
  var reviewPeriodDays: Int {
    switch self {
    case .dairy, .bakery, .produce, .meat: 1
    case .beverages, .snacks, .frozen: 3
    case .pantry, .household, .personalCare: 7
    }
  }

  /// Supplier lead times, in days.
  var leadTimeDays: ClosedRange<Int> {
    switch self {
    case .dairy, .bakery, .produce, .meat: 2...4
    case .beverages, .snacks, .frozen: 3...8
    case .pantry, .household, .personalCare: 5...14
    }
  }

  /// Case packs suppliers ship in (units per case, within 1…24).
  var casePacks: [Int] {
    switch self {
    case .dairy: [6, 8, 12]
    case .bakery: [1, 4, 6, 10]
    case .produce: [1, 5, 10, 12]
    case .meat: [1, 4, 6]
    case .beverages: [6, 12, 24]
    case .snacks: [10, 12, 16, 24]
    case .frozen: [4, 6, 8, 12]
    case .pantry: [6, 12, 20, 24]
    case .household: [2, 4, 6, 12]
    case .personalCare: [3, 6, 12]
    }
  }

  /// Typical shelf prices, in currency units.
  var priceRange: ClosedRange<Double> {
    switch self {
    case .dairy: 0.59...4.99
    case .bakery: 0.49...5.49
    case .produce: 0.39...4.99
    case .meat: 2.49...14.99
    case .beverages: 0.49...12.99
    case .snacks: 0.79...4.99
    case .frozen: 1.49...8.99
    case .pantry: 0.69...6.99
    case .household: 0.99...14.99
    case .personalCare: 0.99...12.99
    }
  }

  /// Fresh goods: short shelf life, daily ordering, no post-holiday dip in stock.
  var isFresh: Bool { reviewPeriodDays == 1 }

  /// Food and drink, which customers stock up on before holidays.
  var isFood: Bool { self != .household && self != .personalCare }
}
