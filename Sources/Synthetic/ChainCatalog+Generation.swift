import DemandCore
import Foundation

// MARK: - Building the catalog from the seed

extension ChainCatalog {
  /// Draws the master data and hidden parameters for `configuration` from its seed.
  /// - Precondition: `configuration.validate()` passed.
  init(configuration: ChainConfiguration) {
    var source = RandomSource(seed: SplitMix64.streamSeed(configuration.seed, 1))
    let regionCount = min(5, configuration.storeCount)
    self.configuration = configuration
    regions = Array(["North", "South", "East", "West", "Central"].prefix(regionCount))
    stores = ChainCatalog.makeStores(configuration, regionCount: regionCount, source: &source)
    skus = ChainCatalog.makeSKUs(configuration, source: &source)
    campaigns = ChainCatalog.makeCampaigns(
      configuration, skus: skus, regionCount: regionCount, source: &source)
    calendar = HolidayCalendar(start: configuration.start, dayCount: configuration.timelineDayCount)
    calendarFactors = ChainCatalog.makeCalendarFactors(configuration, calendar: calendar)
    realistic =
      configuration.profile == .realistic
      ? RealisticCatalog(configuration: configuration, skus: skus, storeCount: stores.count) : nil
  }

  static let places = [
    "Riverside", "Hilltop", "Old Town", "Harbour", "Market Square", "Northfield", "Lakeside",
    "Station Road", "Westend", "Parkview", "Millbrook", "Eastgate", "Kingsway", "Greenhill",
    "Bridgeton", "Southbank", "Elmwood", "Cedar Park", "Bayview", "Highcross",
  ]

  static func makeStores(
    _ configuration: ChainConfiguration, regionCount: Int, source: inout RandomSource
  ) -> [StoreProfile] {
    let width = max(3, String(configuration.storeCount).count)
    let formatWeights = StoreFormat.allCases.map(\.weight)
    var stores: [StoreProfile] = []
    for index in 0..<configuration.storeCount {
      let format = StoreFormat(rawValue: source.weightedIndex(formatWeights)) ?? .supermarket
      let region = index < regionCount ? index : source.index(below: regionCount)
      let isNewStore = configuration.storeCount >= 3 && index == configuration.storeCount - 1
      let openIndex =
        isNewStore
        ? max(1, Int(0.4 * Double(configuration.dayCount))) : -source.integer(in: 200...4_000)
      let place = places[source.index(below: places.count)]
      stores.append(
        StoreProfile(
          id: StoreID("S" + zeroPadded(index + 1, width: width)),
          name: "Store \(index + 1) \(place)", region: region, format: format,
          openDay: configuration.start.adding(days: openIndex), openIndex: openIndex,
          sizeFactor: format.sizeFactor * source.logNormal(mu: 0, sigma: 0.2),
          safetyFactor: source.uniform(in: 0.4...1.0)))
    }
    let meanSize = stores.map(\.sizeFactor).reduce(0, +) / Double(stores.count)
    for index in stores.indices { stores[index].sizeFactor /= meanSize }
    return stores
  }

  static func makeSKUs(_ configuration: ChainConfiguration, source: inout RandomSource)
    -> [SKUProfile]
  {
    let count = configuration.skuCount
    let width = max(5, String(count).count)
    let categoryWeights = ProductCategory.allCases.map(\.assortmentWeight)
    var skus: [SKUProfile] = []
    for index in 0..<count {
      let category =
        index < ProductCategory.allCases.count
        ? ProductCategory.allCases[index]
        : ProductCategory.allCases[source.weightedIndex(categoryWeights)]
      let range = category.priceRange
      let price = shelfPrice(exp(source.uniform(in: log(range.lowerBound)...log(range.upperBound))))
      let casePack = category.casePacks[source.index(below: category.casePacks.count)]
      skus.append(
        SKUProfile(
          id: SKUID("P" + zeroPadded(index + 1, width: width)),
          name: category.skuName(using: &source), category: category,
          unitCost: 0, unitPrice: price, casePack: casePack,
          leadTimeDays: source.integer(in: category.leadTimeDays),
          minimumOrderUnits: casePack * (source.chance(0.3) ? 2 : 1),
          popularity: source.logNormal(mu: 0, sigma: 1.3),
          dispersion: min(20, max(1, source.logNormal(mu: log(4), sigma: 0.5))),
          elasticity: -source.uniform(in: 1.0...2.2),
          promotionExponent: source.uniform(in: 2.5...4.5),
          trendPerYear: min(0.35, max(-0.35, 0.12 * source.normal())),
          launchIndex: 0, discontinueIndex: Int.max, initialPrice: price, priceChanges: []))
    }
    let meanPopularity = skus.map(\.popularity).reduce(0, +) / Double(count)
    for index in skus.indices {
      skus[index].popularity /= meanPopularity
      var price = skus[index].initialPrice
      let changeCount = source.poisson(mean: Double(configuration.dayCount) / 240)
      var days = (0..<changeCount).map { _ in
        source.integer(in: 1...max(1, configuration.dayCount - 1))
      }
      days.sort()
      for day in days {
        let factor =
          source.chance(0.7) ? source.uniform(in: 1.02...1.10) : source.uniform(in: 0.88...0.97)
        price = shelfPrice(price * factor)
        skus[index].priceChanges.append((day, price))
      }
      skus[index].unitPrice = price
      skus[index].unitCost = (price * source.uniform(in: 0.55...0.80) * 100).rounded() / 100
    }
    // A few percent of SKUs launch or are discontinued while the history runs.
    let lifecycleCount = count >= 10 && configuration.dayCount >= 20 ? max(1, count * 4 / 100) : 0
    var order = Array(0..<count)
    source.shuffle(&order)
    let window = (configuration.dayCount / 5)...(configuration.dayCount * 4 / 5)
    for index in order.prefix(lifecycleCount) {
      skus[index].launchIndex = source.integer(in: window)
    }
    for index in order.dropFirst(lifecycleCount).prefix(lifecycleCount) {
      skus[index].discontinueIndex = source.integer(in: window)
    }
    return skus
  }

  static func makeCampaigns(
    _ configuration: ChainConfiguration, skus: [SKUProfile], regionCount: Int,
    source: inout RandomSource
  ) -> [PromotionCampaign] {
    let discounts = [0.10, 0.15, 0.20, 0.25, 0.30, 0.40]
    let discountWeights = [3.0, 3, 3, 2, 2, 1]
    let lastIndex = configuration.timelineDayCount - 1
    var campaigns: [PromotionCampaign] = []
    for (skuIndex, sku) in skus.enumerated() {
      let gaps = sku.popularity > 1 ? 35...70 : 50...120
      var cursor = -source.integer(in: gaps)
      while true {
        let startIndex = cursor + source.integer(in: gaps)
        guard startIndex <= lastIndex else { break }
        let endIndex = startIndex + source.integer(in: 5...14) - 1
        let discount = discounts[source.weightedIndex(discountWeights)]
        let region: Int? = source.chance(0.55) ? nil : source.index(below: regionCount)
        cursor = endIndex
        guard endIndex >= 0, endIndex >= sku.launchIndex, startIndex < sku.discontinueIndex else {
          continue
        }
        campaigns.append(
          PromotionCampaign(
            skuIndex: skuIndex, startIndex: startIndex, endIndex: endIndex, discount: discount,
            region: region))
      }
    }
    return campaigns
  }

  static func makeCalendarFactors(_ configuration: ChainConfiguration, calendar: HolidayCalendar)
    -> [[Double]]
  {
    ProductCategory.allCases.map { category in
      let weekly = ChainCatalog.normalized(category.weeklyShape)
      let (amplitude, peak) = category.yearlyCycle
      return (0..<configuration.timelineDayCount).map { index in
        let day = configuration.start.adding(days: index)
        let phase = 2 * Double.pi * (Double(day.dayOfYear) - peak) / 365.25
        let yearly = 1 + amplitude * cos(phase) + 0.3 * amplitude * cos(2 * phase)
        return weekly[day.weekdayIndex] * yearly * calendar.effects[category.rawValue][index]
      }
    }
  }

  /// A shelf price ending in 9 cents (`2.49`, `2.99`), at least 0.19.
  static func shelfPrice(_ raw: Double) -> Double {
    max(0.19, ((raw * 10).rounded() * 10 - 1) / 100)
  }
}

/// `value` in decimal, left-padded with zeros to `width` digits.
func zeroPadded(_ value: Int, width: Int) -> String {
  let digits = String(value)
  return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
