import Forecasting
import Foundation

/// A same-day nowcast: the demand still to come today (and on to the next delivery) from the
/// day's forecast, the share of the day's sales the hours so far usually bring, and the sales so
/// far, as a negative-binomial distribution.
///
/// The model (a gamma–Poisson update):
/// - Today's demand rate λ has the forecast's distribution as prior, Gamma(α, β) with mean
///   f = α/β (the forecast mean) and α from the forecast's spread: daily demand is then negative
///   binomial with variance f + f²/α, and the spread of the p10–p90 interval gives that
///   variance, σ² = ((p90 − p10) / (2 · 1.2816))², so α = f² / (σ² − f). A spread no wider than
///   Poisson's (σ² ≤ f) means a near-certain rate (α = 10⁶).
/// - Sales so far x are Poisson(λ π), π the share of the day's sales usually made by now (the
///   intraday profile), so the posterior is Gamma(α + x, β + π).
/// - The rest of today's demand R is Poisson(λ (1 − π)), hence negative binomial with r = α + x
///   and p = (β + π) / (β + 1); its mean is r (1 − π) / (β + π).
/// - Each full day k after today before the next delivery is a demand of its own, drawn from
///   its forecast: negative binomial with mean f_k and today's shape α (variance
///   f_k + f_k²/α), independent of today's rate. Today's sales say what today's rate is, not
///   that tomorrow's is off by as much: a day's surprise is mostly that day's (the residuals of
///   real daily sales are nearly uncorrelated from one day to the next, lag-1 correlation
///   −0.02 to 0.24 over the M5 series of ../shared/data/real), and the night's forecast
///   already holds what is known of the days to come. (Until 2026-12-05 the days after today
///   shared today's updated rate, Poisson(λ E) with E = (1 − π) + Σ f_k / f, which carried a
///   morning's surprise through every day to the delivery.)
/// - Demand from now to the next delivery, Y = R + Σ L_k, is taken as the negative binomial with
///   the same mean m = E[R] + Σ f_k and variance v = Var R + Σ (f_k + f_k²/α): r = m² / (v − m),
///   p = m / v (Poisson when v ≤ m). Without later days it is R exactly.
///
/// - Sales come in basket lines of several units (`unitsPerLine`, u ≥ 1): lines, not units,
///   arrive one by one, so the count above is of lines (units / u), each of u units. Every figure
///   in units is divided by u going in (the forecast's mean and quantiles, the sales so far, the
///   later days' means) and multiplied by u coming out (means, quantiles, units short, the stock
///   compared with). With u = 1 this is the unit count above; with u > 1 a morning of 12 units
///   in lines of 2 moves the rate as 6 lines do, and the day's variance f u + f²/α leaves less
///   of the forecast's spread to the rate (α = f² / (σ² − f u)).
///
/// With π = 0 and no extra days this is the forecast's own distribution; as π → 1 the sales so far
/// dominate the forecast. Units are units of the SKU; shares are fractions of a day's sales.
public struct Nowcast: Sendable, Equatable {
  /// Shape r of the negative binomial of the lines to come (α + x/u without later days).
  public let shape: Double
  /// Success probability p of the negative binomial ((β + π) / (β + 1) without later days).
  public let probability: Double
  /// u, units per basket line (1: units come one by one).
  public let unitsPerLine: Double

  /// Smallest forecast mean used (a zero forecast with sales would otherwise leave no prior).
  public static let minimumMeanUnits = 0.05
  /// The shape standing for a Poisson forecast (no extra spread).
  public static let poissonShape = 1e6

  /// - Parameters:
  ///   - dayMeanUnits: the forecast mean of today.
  ///   - dayP10Units, dayP90Units: the forecast's 10 % and 90 % quantiles of today.
  ///   - soldUnits: units sold today so far.
  ///   - elapsedShare: π, the share of a day's sales usually made by now, in [0, 1].
  ///   - extraDayMeans: forecast means of the full days after today before the next delivery.
  ///   - unitsPerLine: u, the SKU's units per basket line (at least 1).
  public init(
    dayMeanUnits: Double, dayP10Units: Double, dayP90Units: Double, soldUnits: Double,
    elapsedShare: Double, extraDayMeans: [Double] = [], unitsPerLine: Double = 1
  ) {
    let u = Self.lineSize(unitsPerLine)
    self.unitsPerLine = u
    let (alpha, beta) = Self.prior(
      dayMeanUnits: dayMeanUnits / u, dayP10Units: dayP10Units / u, dayP90Units: dayP90Units / u)
    let share = min(max(elapsedShare, 0), 1)
    let restShape = alpha + max(soldUnits, 0) / u
    let restP = (beta + share) / (beta + 1)
    let later = extraDayMeans.map { max($0, 0) / u }.filter { $0 > 0 }
    guard !later.isEmpty else {
      shape = restShape
      probability = restP
      return
    }
    // Moments of the rest of today and of each later day; the sum's negative binomial.
    let restMean = restShape * (1 - restP) / restP
    let total = later.reduce(restMean, +)
    let variance = later.reduce(restMean / restP) { $0 + $1 + $1 * $1 / alpha }
    if variance > total * (1 + 1e-12) {
      shape = total * total / (variance - total)
      probability = total / variance
    } else {
      shape = Self.poissonShape
      probability = Self.poissonShape / (Self.poissonShape + total)
    }
  }

  private init(shape: Double, probability: Double, unitsPerLine: Double) {
    self.shape = shape
    self.probability = probability
    self.unitsPerLine = unitsPerLine
  }

  /// Units per line as used: at least 1 (a missing or smaller figure counts units one by one).
  static func lineSize(_ unitsPerLine: Double) -> Double {
    unitsPerLine.isFinite ? max(unitsPerLine, 1) : 1
  }

  /// The whole lines `units` sold at least make: every unit begun with u = 1 (a fraction of a
  /// unit sold is a unit), the whole lines in them otherwise.
  static func wholeLines(units: Double, unitsPerLine u: Double) -> Int {
    Int((max(units, 0) / u).rounded(u == 1 ? .up : .down))
  }

  /// The prior Gamma(α, β) of today's rate from the forecast's mean (floored at
  /// `minimumMeanUnits`) and spread.
  static func prior(dayMeanUnits: Double, dayP10Units: Double, dayP90Units: Double)
    -> (alpha: Double, beta: Double)
  {
    let mean = max(dayMeanUnits, Self.minimumMeanUnits)
    let sigma = max(0, dayP90Units - dayP10Units) / (2 * CoverSpread.bandHalfWidthZ)
    let excess = sigma * sigma - mean
    let alpha = excess > 1e-9 ? min(mean * mean / excess, Self.poissonShape) : Self.poissonShape
    return (alpha, alpha / mean)
  }

  /// The distribution of the sales made by the cut-off before they are seen: X ~ Poisson(λ π)
  /// with λ from the forecast's prior, so negative binomial with r = α and p = β / (β + π).
  /// `probability(of:)` and `probability(atLeast:)` give the likelihood of the sales so far (in
  /// lines of u units: the likelihood of the whole lines they make).
  public static func salesSoFar(
    dayMeanUnits: Double, dayP10Units: Double, dayP90Units: Double, elapsedShare: Double,
    unitsPerLine: Double = 1
  ) -> Nowcast {
    let u = lineSize(unitsPerLine)
    let (alpha, beta) = prior(
      dayMeanUnits: dayMeanUnits / u, dayP10Units: dayP10Units / u, dayP90Units: dayP90Units / u)
    let share = min(max(elapsedShare, 0), 1)
    return Nowcast(
      shape: alpha, probability: share > 0 ? beta / (beta + share) : 1, unitsPerLine: u)
  }

  /// P(Y = units): of the whole lines below `units` (whole units when u = 1; 0 for negative
  /// ones).
  public func probability(of units: Double) -> Double {
    guard units >= 0 else { return 0 }
    let k = Int((units / unitsPerLine).rounded(.down))
    let terms = probabilities(limit: max(200_000, k + 1))
    return k < terms.count ? terms[k] : 0
  }

  /// P(Y ≥ units): at least the whole lines below `units` (whole units when u = 1).
  public func probability(atLeast units: Double) -> Double {
    let k = Self.wholeLines(units: units, unitsPerLine: unitsPerLine)
    guard k > 0 else { return 1 }
    return linesAbove(Double(k - 1))
  }

  /// Expected units from now to the next delivery.
  public var meanUnits: Double { unitsPerLine * meanLines }

  /// Expected lines from now to the next delivery.
  var meanLines: Double { shape * (1 - probability) / probability }

  /// P(Y = k) for k = 0, 1, … while the cumulative probability is below 1 − 1e-12 (at most
  /// `limit` terms).
  func probabilities(limit: Int = 200_000) -> [Double] {
    guard probability < 1 else { return [1] }
    var terms: [Double] = []
    var term = exp(shape * log(probability))
    var total = 0.0
    var k = 0
    // For large shapes p^r underflows; start from the log-pmf then.
    if term == 0 {
      return Self.logSpacePMF(shape: shape, p: probability, limit: limit)
    }
    while k < limit {
      terms.append(term)
      total += term
      if total >= 1 - 1e-12 && Double(k) > meanLines { break }
      k += 1
      term *= (Double(k) + shape - 1) / Double(k) * (1 - probability)
    }
    return terms
  }

  private static func logSpacePMF(shape r: Double, p: Double, limit: Int) -> [Double] {
    var terms: [Double] = []
    var total = 0.0
    let mean = r * (1 - p) / p
    for k in 0..<limit {
      let x = Double(k)
      let logCoefficient: Double = lgamma(x + r) - lgamma(r) - lgamma(x + 1)
      let logTerm: Double = logCoefficient + r * log(p) + x * log1p(-p)
      let term = exp(logTerm)
      terms.append(term)
      total += term
      if total >= 1 - 1e-12 && x > mean { break }
    }
    return terms
  }

  /// The smallest k with P(Y ≤ k) ≥ `level`, in units (u k lines, rounded to whole units).
  public func quantile(_ level: Double) -> Double {
    var cumulative = 0.0
    let terms = probabilities()
    for (k, term) in terms.enumerated() {
      cumulative += term
      if cumulative >= level - 1e-12 { return (unitsPerLine * Double(k)).rounded() }
    }
    return (unitsPerLine * Double(terms.count - 1)).rounded()
  }

  /// P(Y > onHand): the chance that demand to the next delivery exceeds `onHandUnits`
  /// (fractional stock counts as its whole units).
  /// With lines of u units, the whole units on hand cover the lines whose units they hold:
  /// P(lines > on hand / u).
  public func stockoutProbability(onHandUnits: Double) -> Double {
    linesAbove(max(onHandUnits, 0).rounded(.down) / unitsPerLine)
  }

  /// P(lines to come > `lines`).
  func linesAbove(_ lines: Double) -> Double {
    let covered = Int(max(lines, 0).rounded(.down))
    let terms = probabilities()
    var cumulative = 0.0
    for k in 0...min(covered, terms.count - 1) { cumulative += terms[k] }
    return min(max(1 - cumulative, 0), 1)
  }

  /// E[(Y − onHand)⁺]: the units demand is expected to exceed stock by (u E[(lines − on hand /
  /// u)⁺] with lines of u units).
  public func expectedUnitsShort(onHandUnits: Double) -> Double {
    let stock = max(onHandUnits, 0).rounded(.down) / unitsPerLine
    var covered = 0.0
    var tail = 1.0
    for (k, term) in probabilities().enumerated() {
      let lines = Double(k)
      if lines >= stock { break }
      covered += lines * term
      tail -= term
    }
    return unitsPerLine * max(meanLines - covered - stock * max(tail, 0), 0)
  }
}
