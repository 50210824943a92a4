import DemandCore
import Inventory
import Tabular

/// One fast mover's nowcast and stock outlook at the cut-off (a row of `nowcast.csv`, and of
/// `expedite.csv` when `alert`). Units are units of the SKU.
public struct IntradayNowcastRow: Sendable, Equatable {
  public var store: StoreID
  public var sku: SKUID
  public var category: String
  public var abcClass: ABCClass
  /// On hand in the last snapshot (end of the day before), and on order then.
  public var snapshotOnHand: Double
  public var onOrder: Double
  /// Net units sold today so far (sold minus returned) in the drops.
  public var soldSoFar: Double
  /// `snapshotOnHand − soldSoFar`.
  public var onHandNow: Double
  /// The archived forecast of today (mean).
  public var dayForecast: Double
  /// Share of a day's sales usually made by the cut-off (the intraday profile).
  public var elapsedShare: Double
  /// Rest of today: mean, 10 % and 90 % quantiles.
  public var restOfDayMean: Double
  public var restOfDayP10: Double
  public var restOfDayP90: Double
  /// Days until the next delivery (1: tomorrow's opening), and demand until then.
  public var daysToDelivery: Int
  public var untilDeliveryMean: Double
  public var stockoutProbability: Double
  public var expectedUnitsShort: Double
  public var alert: Bool

  static let header =
    "store_id,sku_id,category,abc_class,snapshot_on_hand,on_order,sold_so_far,on_hand_now,"
    + "day_forecast,elapsed_share,rest_of_day_mean,rest_of_day_p10,rest_of_day_p90,"
    + "days_to_delivery,until_delivery_mean,stockout_probability,expected_units_short\n"

  /// Rows as CSV, in the order given.
  static func csv(_ rows: [IntradayNowcastRow]) -> [UInt8] {
    let sink = ByteSink(spreadsheetSafe: true)
    sink.append(utf8: header)
    for row in rows {
      sink.appendField(row.store.rawValue)
      sink.appendComma()
      sink.appendField(row.sku.rawValue)
      sink.appendComma()
      sink.appendField(row.category)
      sink.appendComma()
      sink.append(utf8: row.abcClass.rawValue)
      for (value, digits) in [
        (row.snapshotOnHand, 2), (row.onOrder, 2), (row.soldSoFar, 2), (row.onHandNow, 2),
        (row.dayForecast, 3), (row.elapsedShare, 4), (row.restOfDayMean, 3),
        (row.restOfDayP10, 0), (row.restOfDayP90, 0),
      ] {
        sink.appendComma()
        sink.appendDecimal(value, fractionDigits: digits)
      }
      sink.appendComma()
      sink.appendInt(row.daysToDelivery)
      for (value, digits) in [
        (row.untilDeliveryMean, 3), (row.stockoutProbability, 4), (row.expectedUnitsShort, 3),
      ] {
        sink.appendComma()
        sink.appendDecimal(value, fractionDigits: digits)
      }
      sink.appendNewline()
    }
    return sink.withUnsafeBytes { Array($0) }
  }
}
