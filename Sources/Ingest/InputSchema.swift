import History
import Tabular

/// The columns ShelfCast reads from each kind of input file, found by name in the header.
///
/// A file's kind is recognised from its header alone, so files can be named anything. Each column
/// accepts a few common spellings (`qty` for `quantity`); other columns are ignored, except those
/// that identify customers, which are dropped and reported (see `personalDataColumns`).
struct InputSchema {
  struct Column {
    let name: String
    let aliases: [String]
    let required: Bool
    var spellings: [String] { [name] + aliases }
  }

  let kind: InputKind
  let columns: [Column]

  static let all: [InputSchema] = [
    InputSchema(
      kind: .transactions,
      columns: [
        .init(name: "date", aliases: ["sale_date", "business_date"], required: true),
        .init(name: "store_id", aliases: ["store"], required: true),
        .init(name: "sku_id", aliases: ["sku", "item_id"], required: true),
        .init(name: "quantity", aliases: ["qty"], required: true),
        .init(name: "unit_price", aliases: ["price"], required: false),
        .init(name: "promo", aliases: ["on_promo", "promotion"], required: false),
        .init(name: "txn_id", aliases: ["transaction_id", "receipt_id"], required: false),
        .init(name: "time", aliases: ["sale_time", "time_of_day"], required: false),
      ]),
    InputSchema(
      kind: .dailyDemand,
      columns: [
        .init(name: "store_id", aliases: ["store"], required: true),
        .init(name: "sku_id", aliases: ["sku", "item_id"], required: true),
        .init(name: "date", aliases: [], required: true),
        .init(name: "units", aliases: ["units_sold"], required: true),
        .init(name: "stockout", aliases: ["stock_out"], required: false),
      ]),
    InputSchema(
      kind: .inventory,
      columns: [
        .init(name: "store_id", aliases: ["store"], required: true),
        .init(name: "sku_id", aliases: ["sku", "item_id"], required: true),
        .init(name: "on_hand", aliases: ["stock_on_hand"], required: true),
        .init(name: "on_order", aliases: [], required: false),
        .init(name: "date", aliases: ["snapshot_date"], required: false),
      ]),
    InputSchema(
      kind: .stores,
      columns: [
        .init(name: "store_id", aliases: [], required: true),
        .init(name: "name", aliases: ["store_name"], required: false),
        .init(name: "region", aliases: [], required: false),
        .init(name: "format", aliases: [], required: false),
        .init(name: "open_date", aliases: [], required: true),
      ]),
    InputSchema(
      kind: .skus,
      columns: [
        .init(name: "sku_id", aliases: [], required: true),
        .init(name: "name", aliases: ["sku_name"], required: false),
        .init(name: "category", aliases: [], required: true),
        .init(name: "unit_cost", aliases: [], required: true),
        .init(name: "unit_price", aliases: [], required: true),
        .init(name: "case_pack", aliases: [], required: true),
        .init(name: "lead_time_days", aliases: [], required: true),
        .init(name: "min_order_qty", aliases: [], required: false),
        .init(name: "shelf_capacity", aliases: ["shelf_capacity_units"], required: false),
      ]),
    InputSchema(
      kind: .calendar,
      columns: [
        .init(name: "date", aliases: [], required: true),
        .init(name: "holiday", aliases: [], required: true),
      ]),
    InputSchema(
      kind: .promotions,
      columns: [
        .init(name: "store_id", aliases: [], required: true),
        .init(name: "sku_id", aliases: [], required: true),
        .init(name: "start_date", aliases: [], required: true),
        .init(name: "end_date", aliases: [], required: true),
        .init(name: "discount_pct", aliases: [], required: true),
      ]),
    InputSchema(
      kind: .covariates,
      columns: [
        .init(name: "date", aliases: [], required: true),
        .init(name: "name", aliases: ["covariate", "regressor"], required: true),
        .init(name: "value", aliases: [], required: true),
        .init(name: "store_id", aliases: ["store"], required: false),
        .init(name: "sku_id", aliases: ["sku"], required: false),
        .init(name: "category", aliases: [], required: false),
        .init(name: "known_in_advance", aliases: ["known"], required: false),
      ]),
  ]

  /// Columns that identify people. They are never stored, never copied to quarantine files, and
  /// every manifest lists them as dropped.
  static let personalDataColumns: Set<String> = [
    "customer_id", "customer", "customer_name", "loyalty_id", "loyalty_card", "loyalty_number",
    "card_number", "card_no", "pan", "email", "email_address", "e_mail", "e_mail_address", "phone",
    "phone_number", "mobile",
    "first_name", "last_name", "full_name", "address", "street", "postcode", "zip", "zip_code",
    "date_of_birth", "birth_date", "ip_address", "member_id",
  ]

  /// The column indices this schema needs, or `nil` when a required column is missing.
  func resolve(_ header: HeaderMap) -> [Int?]? {
    var indices: [Int?] = []
    for column in columns {
      let index = header.index(ofAny: column.spellings)
      if index == nil && column.required { return nil }
      indices.append(index)
    }
    return indices
  }

  /// Required columns missing from `header`.
  func missingColumns(_ header: HeaderMap) -> [String] {
    columns.filter { $0.required && header.index(ofAny: $0.spellings) == nil }.map(\.name)
  }

  /// The schema whose required columns are all present, most specific first.
  ///
  /// Transactions and daily demand share store/SKU/date, so they are told apart by `quantity`
  /// versus `units`; master files by their distinctive columns.
  static func recognise(_ header: HeaderMap) -> (InputSchema, [Int?])? {
    for schema in all {
      if let indices = schema.resolve(header) { return (schema, indices) }
    }
    return nil
  }
}
