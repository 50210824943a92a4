import Foundation

/// One store/SKU/day's true demand distribution in the realistic profile: a negative binomial
/// count plus, with probability `bulkChance`, one bulk purchase of 1, 2 or 3 × `bulkUnits`
/// units (probabilities 0.6, 0.3, 0.1). An off-shelf day is the point mass at 0 (`nbMean` 0
/// and no bulk buy).
///
/// The negative binomial has mean `nbMean` and size `nbSize` (variance `m + m² / size`).
struct DemandMixture {
  var nbMean: Double
  var nbSize: Double
  var bulkChance: Double
  var bulkUnits: Int

  /// Multiples of `bulkUnits` a bulk buyer takes, and their probabilities.
  static let bulkMultiples = [1, 2, 3]
  static let bulkWeights = [0.6, 0.3, 0.1]
  /// Expected bulk purchase in multiples of `bulkUnits` (1 × 0.6 + 2 × 0.3 + 3 × 0.1).
  static let expectedBulkMultiple = 1.5

  /// The distribution's mean, in units.
  var mean: Double {
    nbMean > 0 ? nbMean + bulkChance * DemandMixture.expectedBulkMultiple * Double(bulkUnits) : 0
  }

  /// The smallest counts `x` with `P(demand ≤ x) ≥ level`, for three increasing levels.
  ///
  /// Exact up to floating-point rounding: the CDF is summed from the negative binomial's
  /// probabilities (by the recurrence `p(k+1) = p(k) · (k + size)/(k + 1) · m/(m + size)`) and
  /// `F(x) = (1 − q) F_NB(x) + q Σ_j w_j F_NB(x − b_j)`. `scratch` holds `F_NB` and is reused.
  /// The first probability, `(size / (m + size))^size`, must not underflow, which holds for
  /// means up to about 1,000 units a day (the generator's stay far below).
  /// - Complexity: O(the largest quantile) per call.
  func quantiles(
    _ levels: (Double, Double, Double), scratch: inout [Double]
  ) -> (Int, Int, Int) {
    guard nbMean > 0 else { return (0, 0, 0) }
    scratch.removeAll(keepingCapacity: true)
    let ratio = nbMean / (nbMean + nbSize)
    var probability = exp(nbSize * log(nbSize / (nbMean + nbSize)))
    var nbCumulative = 0.0
    var found = (0, 0, 0)
    var foundCount = 0
    // A guard far beyond any mean the generator draws, against a loop that never ends.
    let limit = Int(50 * (nbMean + 10)) + 3 * bulkUnits
    var x = 0
    while foundCount < 3 {
      nbCumulative += probability
      scratch.append(min(1, nbCumulative))
      var cumulative = (1 - bulkChance) * scratch[x]
      if bulkChance > 0 {
        for (multiple, weight) in zip(DemandMixture.bulkMultiples, DemandMixture.bulkWeights) {
          let below = x - multiple * bulkUnits
          if below >= 0 { cumulative += bulkChance * weight * scratch[below] }
        }
      }
      while foundCount < 3 {
        let level = foundCount == 0 ? levels.0 : foundCount == 1 ? levels.1 : levels.2
        guard cumulative >= level || x >= limit else { break }
        switch foundCount {
        case 0: found.0 = x
        case 1: found.1 = x
        default: found.2 = x
        }
        foundCount += 1
      }
      probability *= (Double(x) + nbSize) / Double(x + 1) * ratio
      x += 1
    }
    return found
  }

  /// Draws one day's demand.
  func draw(_ source: inout RandomSource) -> Int {
    guard nbMean > 0 else { return 0 }
    var units = source.negativeBinomial(mean: nbMean, size: nbSize)
    if source.uniform() < bulkChance {
      let index = source.weightedIndex(DemandMixture.bulkWeights)
      units += DemandMixture.bulkMultiples[index] * bulkUnits
    }
    return units
  }
}
