/// A SKU's class by its share of revenue: A the few that make most of it, C the long tail.
public enum ABCClass: String, Sendable, Codable, CaseIterable, Comparable {
  case a = "A"
  case b = "B"
  case c = "C"

  public static func < (x: ABCClass, y: ABCClass) -> Bool { x.rawValue < y.rawValue }

  /// Classes by cumulative revenue share: items sorted by revenue (largest first, ties by
  /// index) are A while the share before them is below `aShare`, B below `aShare + bShare`, C
  /// after. Items without revenue are C.
  /// - Parameters:
  ///   - revenues: revenue per item over the classification window, in the chain's currency.
  ///   - aShare, bShare: 0.8 and 0.15 by default (the usual 80/15/5 split).
  /// - Returns: one class per item, aligned with `revenues`.
  public static func classify(revenues: [Double], aShare: Double = 0.8, bShare: Double = 0.15)
    -> [ABCClass]
  {
    precondition(aShare > 0 && bShare >= 0 && aShare + bShare <= 1, "shares within 0 … 1")
    let total = revenues.reduce(0) { $0 + max(0, $1) }
    var classes = [ABCClass](repeating: .c, count: revenues.count)
    guard total > 0 else { return classes }
    let order = revenues.indices.sorted { (revenues[$0], -$0) > (revenues[$1], -$1) }
    var before = 0.0
    for index in order where revenues[index] > 0 {
      let share = before / total
      classes[index] = share < aShare ? .a : share < aShare + bShare ? .b : .c
      before += revenues[index]
    }
    return classes
  }
}
