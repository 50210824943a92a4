/// One review's order-up-to level: the position that should cover the demand of the next
/// `coverDays` days (lead time + review period, from the review day itself) with probability
/// `serviceLevel`.
public struct TailObservation: Sendable, Equatable {
  /// The item's index in the simulation.
  public var item: Int
  /// The simulated day of the review (0 = the first).
  public var day: Int
  public var coverDays: Int
  public var serviceLevel: Double
  /// Units.
  public var orderUpTo: Double
  /// The demand the policy expected over the cover (its distribution's mean), in units.
  public var coverMeanUnits: Double

  public init(
    item: Int, day: Int, coverDays: Int, serviceLevel: Double, orderUpTo: Double,
    coverMeanUnits: Double
  ) {
    self.item = item
    self.day = day
    self.coverDays = coverDays
    self.serviceLevel = serviceLevel
    self.orderUpTo = orderUpTo
    self.coverMeanUnits = coverMeanUnits
  }
}

/// How often the demand over the cover stayed within the order-up-to level, per policy, ABC
/// class and service level: a calibrated policy covers it in `serviceLevel` of its reviews
/// (`simulation/tail_coverage.csv`).
public struct TailCoverage: Sendable, Equatable {
  public var policy: String
  public var abcClass: ABCClass
  /// The group's service level, rounded to 2 decimals (cost-based levels vary per SKU).
  public var serviceLevelGroup: Double
  /// Reviews whose whole cover lies inside the run.
  public var reviews: Int
  /// Of them, those whose demand over the cover did not exceed the order-up-to level.
  public var covered: Int
  /// Mean of the reviews' own service levels, in percent: the coverage to expect.
  public var targetPercent: Double
  /// Units demanded over the reviews' covers, and the units the policy expected there (the
  /// sum of their cover means): above 1, their ratio says the policy's centre ran low, which
  /// no width of the tail makes up for.
  public var demandUnits: Double = 0
  public var coverMeanUnits: Double = 0

  /// Demand over the covers per unit expected (`nil` when nothing was expected).
  public var demandToMeanRatio: Double? { coverMeanUnits > 0 ? demandUnits / coverMeanUnits : nil }

  /// `covered / reviews` in percent (0 without reviews).
  public var coveredPercent: Double { reviews > 0 ? 100 * Double(covered) / Double(reviews) : 0 }

  /// The groups of a run's reviews, sorted by class then level; reviews whose cover runs past
  /// the simulation's last day are left out.
  /// - Parameters:
  ///   - demand: units demanded by item on day, as the simulator drew them.
  ///   - classes: each item's ABC class, aligned with the simulation's items.
  public static func measure(
    policy: String, reviews: [TailObservation], days: Int, classes: [ABCClass],
    demand: (_ item: Int, _ day: Int) -> Int
  ) -> [TailCoverage] {
    struct Key: Hashable {
      var abc: ABCClass
      var hundredths: Int
    }
    var groups: [Key: (reviews: Int, covered: Int, levels: Double, demand: Double, mean: Double)] =
      [:]
    for review in reviews where review.day + review.coverDays <= days {
      var units = 0
      for day in review.day..<(review.day + review.coverDays) {
        units += demand(review.item, day)
      }
      let key = Key(
        abc: classes[review.item], hundredths: Int((review.serviceLevel * 100).rounded()))
      var group = groups[key] ?? (0, 0, 0, 0, 0)
      group.reviews += 1
      if Double(units) <= review.orderUpTo { group.covered += 1 }
      group.levels += review.serviceLevel
      group.demand += Double(units)
      group.mean += review.coverMeanUnits
      groups[key] = group
    }
    return groups.keys.sorted { ($0.abc, $0.hundredths) < ($1.abc, $1.hundredths) }.compactMap {
      key in
      guard let group = groups[key] else { return nil }
      var row = TailCoverage(
        policy: policy, abcClass: key.abc, serviceLevelGroup: Double(key.hundredths) / 100,
        reviews: group.reviews, covered: group.covered,
        targetPercent: 100 * group.levels / Double(group.reviews))
      row.demandUnits = group.demand
      row.coverMeanUnits = group.mean
      return row
    }
  }
}
