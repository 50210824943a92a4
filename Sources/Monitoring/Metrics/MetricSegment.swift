/// The part of the chain a metric of `metrics.prom` describes: the whole chain, or one value of
/// one dimension (a region, a store format, a category).
///
/// Each dimension is written as a family of its own with a label named after the dimension
/// (`shelfcast_region_wape_ratio{region="West"}`), and the chain as the family without a prefix
/// and without a segment label (`shelfcast_wape_ratio`); docs/metrics.md says why.
public struct MetricSegment: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// How the chain is cut. The raw value is the label name and the family-name prefix.
  public enum Dimension: String, Sendable, Hashable, CaseIterable {
    case chain
    case region
    case storeFormat = "store_format"
    case category
  }

  public var dimension: Dimension
  /// The region, store format or category; empty for the chain.
  public var name: String

  public init(_ dimension: Dimension, _ name: String) {
    self.dimension = dimension
    self.name = dimension == .chain ? "" : name
  }

  /// The whole chain.
  public static let chain = MetricSegment(.chain, "")

  /// The segment of a `dimension=name` description (`chain`, `region=West`,
  /// `store_format=hyper`, `category=dairy`), as alerts, `accuracy_summary.csv` and `drift.csv`
  /// name segments; `nil` for another dimension (a store, a week).
  public init?(description: String) {
    if description == "chain" {
      self = .chain
      return
    }
    guard let equals = description.firstIndex(of: "="),
      let dimension = Dimension(rawValue: String(description[..<equals])),
      dimension != .chain
    else { return nil }
    self.init(dimension, String(description[description.index(after: equals)...]))
  }

  /// `chain` or `dimension=name`.
  public var description: String { dimension == .chain ? "chain" : "\(dimension.rawValue)=\(name)" }

  /// Dimensions in declaration order, then names.
  public static func < (lhs: MetricSegment, rhs: MetricSegment) -> Bool {
    let order = Dimension.allCases
    let l = order.firstIndex(of: lhs.dimension) ?? 0
    let r = order.firstIndex(of: rhs.dimension) ?? 0
    return (l, lhs.name) < (r, rhs.name)
  }
}
