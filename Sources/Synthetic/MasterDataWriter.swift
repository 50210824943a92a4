import DemandCore
import Foundation
import Tabular

/// Renders the master data, calendar, promotions and drift list of a catalog as CSV bytes.
/// Text fields are RFC 4180 quoted and spreadsheet-safe; dates are ISO; decimals use `.`.
enum MasterDataWriter {
  /// `master/stores.csv`: `store_id,name,region,format,open_date`.
  static func stores(_ catalog: ChainCatalog) -> ByteSink {
    let sink = ByteSink(spreadsheetSafe: true)
    sink.append("store_id,name,region,format,open_date\n")
    for store in catalog.stores {
      sink.appendField(store.id.rawValue)
      sink.appendComma()
      sink.appendField(store.name)
      sink.appendComma()
      sink.appendField(catalog.regions[store.region])
      sink.appendComma()
      sink.appendField(store.format.label)
      sink.appendComma()
      sink.append(utf8: store.openDay.iso)
      sink.appendNewline()
    }
    return sink
  }

  /// `master/skus.csv`:
  /// `sku_id,name,category,unit_cost,unit_price,case_pack,lead_time_days,min_order_qty`,
  /// prices in currency units with 2 decimals (the shelf price on the last simulated day).
  static func skus(_ catalog: ChainCatalog) -> ByteSink {
    let sink = ByteSink(spreadsheetSafe: true)
    sink.append(
      "sku_id,name,category,unit_cost,unit_price,case_pack,lead_time_days,min_order_qty\n")
    for sku in catalog.skus {
      sink.appendField(sku.id.rawValue)
      sink.appendComma()
      sink.appendField(sku.name)
      sink.appendComma()
      sink.appendField(sku.category.label)
      sink.appendComma()
      sink.appendDecimal(sku.unitCost, fractionDigits: 2)
      sink.appendComma()
      sink.appendDecimal(sku.unitPrice, fractionDigits: 2)
      sink.appendComma()
      sink.appendInt(sku.casePack)
      sink.appendComma()
      sink.appendInt(sku.leadTimeDays)
      sink.appendComma()
      sink.appendInt(sku.minimumOrderUnits)
      sink.appendNewline()
    }
    return sink
  }

  /// `master/calendar.csv`: `date,holiday` for every day from `start` through `horizonEnd`,
  /// with an empty holiday on ordinary days.
  static func calendar(_ catalog: ChainCatalog) -> ByteSink {
    let sink = ByteSink(spreadsheetSafe: true)
    sink.append("date,holiday\n")
    let start = catalog.configuration.start
    for (index, holiday) in catalog.calendar.holidays.enumerated() {
      sink.append(utf8: start.adding(days: index).iso)
      sink.appendComma()
      if let holiday { sink.appendField(holiday.name) }
      sink.appendNewline()
    }
    return sink
  }

  /// `master/promotions.csv`: `store_id,sku_id,start_date,end_date,discount_pct`, one row per
  /// store taking part in a campaign (dates inclusive; discount in percent), ordered by store,
  /// SKU and start. Campaigns run up to 91 days past the last simulated day: they are planned,
  /// so forecasters may use them.
  static func promotions(_ catalog: ChainCatalog) -> ByteSink {
    let sink = ByteSink(spreadsheetSafe: true)
    sink.append("store_id,sku_id,start_date,end_date,discount_pct\n")
    let start = catalog.configuration.start
    for store in catalog.stores {
      for campaign in catalog.campaigns
      where (campaign.region == nil || campaign.region == store.region)
        && campaign.endIndex >= store.openIndex
      {
        sink.appendField(store.id.rawValue)
        sink.appendComma()
        sink.appendField(catalog.skus[campaign.skuIndex].id.rawValue)
        sink.appendComma()
        sink.append(utf8: start.adding(days: campaign.startIndex).iso)
        sink.appendComma()
        sink.append(utf8: start.adding(days: campaign.endIndex).iso)
        sink.appendComma()
        sink.appendDecimal(campaign.discount * 100, fractionDigits: 0)
        sink.appendNewline()
      }
    }
    return sink
  }

  /// `truth/drifted_series.csv`: `store_id,sku_id` for every series that drifts at `driftStart`
  /// (header only without drift). Level factors and profiles are described in the README.
  static func driftedSeries(_ catalog: ChainCatalog) -> (sink: ByteSink, count: Int) {
    let sink = ByteSink()
    sink.append("store_id,sku_id\n")
    var count = 0
    for (storeIndex, store) in catalog.stores.enumerated() {
      for (skuIndex, sku) in catalog.skus.enumerated() {
        guard catalog.drift(store: storeIndex, sku: skuIndex) != nil else { continue }
        sink.appendField(store.id.rawValue)
        sink.appendComma()
        sink.appendField(sku.id.rawValue)
        sink.appendNewline()
        count += 1
      }
    }
    return (sink, count)
  }

  /// `truth/demand_dispersion.csv`: each SKU's negative binomial size as a linear function of
  /// the day's expected units, size = nb_size_intercept + nb_size_per_unit × expected (the
  /// variance is expected + expected² / size), as `StoreSimulator` draws daily demand.
  /// In the realistic profile the sizes are `RealisticCatalog.nbSize` and describe the negative
  /// binomial part of the day's mixture (see `bulkBuys`).
  static func demandDispersion(_ catalog: ChainCatalog) -> ByteSink {
    let sink = ByteSink()
    sink.append("sku_id,nb_size_intercept,nb_size_per_unit\n")
    for (index, sku) in catalog.skus.enumerated() {
      let size = catalog.realistic?.nbSize[index] ?? sku.dispersion
      sink.appendField(sku.id.rawValue)
      sink.appendComma()
      sink.appendDecimal(size, fractionDigits: 6)
      sink.appendComma()
      sink.appendDecimal(size / StoreSimulator.dispersionGrowthUnits, fractionDigits: 6)
      sink.appendNewline()
    }
    return sink
  }

  /// `truth/bulk_buys.csv` (realistic profile): `sku_id,bulk_chance,bulk_units`. On a day the
  /// SKU is on the shelf, demand is the negative binomial count plus, with chance
  /// `bulk_chance`, one bulk purchase of 1, 2 or 3 × `bulk_units` (probabilities 0.6, 0.3,
  /// 0.1), so the negative binomial mean is `expected_units − 1.5 × bulk_chance × bulk_units`.
  static func bulkBuys(_ catalog: ChainCatalog, _ realistic: RealisticCatalog) -> ByteSink {
    let sink = ByteSink()
    sink.append("sku_id,bulk_chance,bulk_units\n")
    for (index, sku) in catalog.skus.enumerated() {
      sink.appendField(sku.id.rawValue)
      sink.appendComma()
      sink.appendDecimal(realistic.bulkChance[index], fractionDigits: 6)
      sink.appendComma()
      sink.appendInt(realistic.bulkUnits[index])
      sink.appendNewline()
    }
    return sink
  }

  /// `chain.json`: the configuration, pretty-printed with sorted keys so it is byte-stable.
  /// - Throws: `GeneratorError.outputFailed` if encoding fails (it cannot for valid values).
  static func configurationJSON(_ configuration: ChainConfiguration) throws(GeneratorError)
    -> String
  {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    do {
      let data = try encoder.encode(configuration)
      return String(decoding: data, as: UTF8.self) + "\n"
    } catch {
      throw .outputFailed(path: "chain.json", reason: "\(error)")
    }
  }
}
