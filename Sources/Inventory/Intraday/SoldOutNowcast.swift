import Foundation

/// The stock-out outlook of a store/SKU whose stock ran out by the cut-off: its sales stopped
/// at the stock, so they say only that the demand so far was at least the units sold.
///
/// `Nowcast` updates today's rate λ with the sales so far x as if they were the demand,
/// X = x. Once the stock is used up (less than one unit left) they are censored, X ≥ x: a shelf
/// emptied at 10:00 after a delivery that did not come sold nothing more, whatever the demand.
/// With the same model (λ ~ Gamma(α, β) from the forecast, X | λ ~ Poisson(λ π), the rest of
/// today R | λ ~ Poisson(λ (1 − π)), each later day L_k negative binomial with mean f_k and
/// shape α, independent of λ; Y = R + Σ L_k the demand from the cut-off to the next delivery):
/// - P(X = j) is negative binomial with r = α and p₀ = β / (β + π) (`Nowcast.salesSoFar`);
/// - given X = j, R is negative binomial with r = α + j and q = (β + π) / (β + 1) (`Nowcast`),
///   so P(R = 0 | X = j) = q^(α + j) and E[R | X = j] = (α + j)(1 − q) / q;
/// - P(L_k = 0) = (α / (α + f_k))^α, and E[L_k] = f_k;
/// - hence, with the stock left below one unit (no unit covers any demand): the stock ran out
///   before the next delivery unless the demand so far was exactly the units sold (X = x; with
///   X > x it already has: demand came that the shelf could not serve) and no demand comes
///   from the cut-off to the delivery (Y = 0):
///   P(stock-out) = 1 − P(X = x | X ≥ x) P(Y = 0 | X = x)
///   = 1 − Π_k P(L_k = 0) · P(X = x) q^(α + x) / P(X ≥ x), and the units short are the demand
///   still to come, E[units short] = E[Y | X ≥ x]
///   = Σ_{j ≥ x} P(X = j) (α + j)(1 − q) / q / P(X ≥ x) + Σ_k f_k (exact: no moment matching is
///   needed for these two).
///
/// Both are at least those of `Nowcast` with X = x (the demand so far is at least x); the
/// expected units short all but equal for a Poisson forecast, whose sales so far tell nothing
/// about the rate. Units are units of the SKU.
public struct SoldOutNowcast: Sendable, Equatable {
  /// 1 − P(X = x | X ≥ x) P(Y = 0 | X = x): the demand of today (before the cut-off too) and of
  /// the days to the delivery exceeds the stock.
  public let stockoutProbability: Double
  /// E[Y | X ≥ x]: the demand to come, all of it short.
  public let expectedUnitsShort: Double

  /// Terms of the sum over j at most (the sum stops earlier once the rest is negligible).
  static let termLimit = 200_000

  /// - Parameters: as for `Nowcast`; `soldUnits` is x, the units sold before the stock ran out.
  ///   With lines of u units (`unitsPerLine`), the counts are of lines as in `Nowcast`: x / u
  ///   whole lines sold at least, the later days' means / u, and the units short u times the
  ///   lines short.
  public init(
    dayMeanUnits: Double, dayP10Units: Double, dayP90Units: Double, soldUnits: Double,
    elapsedShare: Double, extraDayMeans: [Double] = [], unitsPerLine: Double = 1
  ) {
    let u = Nowcast.lineSize(unitsPerLine)
    let (alpha, beta) = Nowcast.prior(
      dayMeanUnits: dayMeanUnits / u, dayP10Units: dayP10Units / u, dayP90Units: dayP90Units / u)
    let share = min(max(elapsedShare, 0), 1)
    let later = extraDayMeans.map { max($0, 0) / u }
    let sold = Nowcast.wholeLines(units: soldUnits, unitsPerLine: u)
    guard share > 0, share < 1 else {
      // Nothing could be sold by now (X ≡ 0) or the day is over (R ≡ 0): the sales so far say
      // nothing more than the plain nowcast does.
      let nowcast = Nowcast(
        dayMeanUnits: dayMeanUnits, dayP10Units: dayP10Units, dayP90Units: dayP90Units,
        soldUnits: max(soldUnits, 0), elapsedShare: elapsedShare, extraDayMeans: extraDayMeans,
        unitsPerLine: u)
      stockoutProbability = nowcast.stockoutProbability(onHandUnits: 0)
      expectedUnitsShort = nowcast.meanUnits
      return
    }
    let salesP = beta / (beta + share)
    let q = (beta + share) / (beta + 1)
    let logQ = log(q)
    let salesMean = alpha * (1 - salesP) / salesP
    // Weights P(X = j) / P(X = x) by the recursion P(X = j + 1) / P(X = j) =
    // (j + α) / (j + 1) · (1 − p₀), from 1 at j = x.
    var weight = 1.0
    var total = 0.0
    // P(X = x) P(R = 0 | X = x), relative to P(X = x) as the weights are.
    var none = exp((alpha + Double(sold)) * logQ)
    var shape = 0.0
    var j = sold
    while j - sold < Self.termLimit {
      let r = alpha + Double(j)
      total += weight
      shape += weight * r
      if Double(j) > salesMean && weight < 1e-16 * total { break }
      weight *= (Double(j) + alpha) / Double(j + 1) * (1 - salesP)
      if weight > 1e250 {
        // Sales far below the mode (a fast mover's empty shelf): rescale before overflowing;
        // only the ratios count.
        weight *= 1e-250
        total *= 1e-250
        none *= 1e-250
        shape *= 1e-250
      }
      j += 1
    }
    // P(no demand on any later day), in logs: (α / (α + f_k))^α each.
    let laterNone = exp(later.reduce(0) { $0 + alpha * log(alpha / (alpha + $1)) })
    stockoutProbability = min(max(1 - laterNone * none / total, 0), 1)
    expectedUnitsShort = u * (shape / total * (1 - q) / q + later.reduce(0, +))
  }
}
