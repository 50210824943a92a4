import Foundation

// MARK: - Count distributions for daily demand

extension RandomSource {
  /// A Gamma(shape, 1) draw.
  ///
  /// Marsaglia & Tsang, "A simple method for generating gamma variables" (2000), for
  /// `shape >= 1`; smaller shapes use their boost `Gamma(shape + 1) · U^(1/shape)`.
  /// - Precondition: `shape > 0`.
  mutating func gamma(shape: Double) -> Double {
    if shape < 1 {
      return gamma(shape: shape + 1) * pow(uniformPositive(), 1 / shape)
    }
    let d = shape - 1.0 / 3.0
    let c = 1 / (9 * d).squareRoot()
    while true {
      var x: Double
      var v: Double
      repeat {
        x = normal()
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = uniformPositive()
      let xSquared = x * x
      if u < 1 - 0.0331 * xSquared * xSquared { return d * v }
      if log(u) < 0.5 * xSquared + d * (1 - v + log(v)) { return d * v }
    }
  }

  /// A Poisson draw with mean `mean` (`0` when `mean <= 0`).
  ///
  /// Means below 12 use inversion by sequential search (one uniform); larger means use
  /// Hörmann's PTRS transformed rejection ("The transformed rejection method for generating
  /// Poisson random variables", 1993), as NumPy does.
  mutating func poisson(mean: Double) -> Int {
    guard mean > 0 else { return 0 }
    if mean < 12 {
      let u = uniform()
      var probability = exp(-mean)
      var cumulative = probability
      var k = 0
      while u > cumulative && k < 200 {
        k += 1
        probability *= mean / Double(k)
        cumulative += probability
      }
      return k
    }
    let logMean = log(mean)
    let b = 0.931 + 2.53 * mean.squareRoot()
    let a = -0.059 + 0.02483 * b
    let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
    let acceptanceBound = 0.9277 - 3.6224 / (b - 2)
    while true {
      let u = uniform() - 0.5
      let v = uniform()
      let us = 0.5 - u.magnitude
      let k = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
      if us >= 0.07 && v <= acceptanceBound { return Int(k) }
      if k < 0 || (us < 0.013 && v > us) { continue }
      let lhs = log(v) + log(inverseAlpha) - log(a / (us * us) + b)
      if lhs <= -mean + k * logMean - RandomSource.logFactorial(Int(k)) { return Int(k) }
    }
  }

  /// A negative binomial draw with mean `mean` and size (dispersion) `size`: a Poisson draw
  /// whose mean is itself Gamma distributed, so the variance is `mean + mean² / size`.
  /// Large sizes approach the Poisson; small sizes give bursty, overdispersed counts.
  mutating func negativeBinomial(mean: Double, size: Double) -> Int {
    guard mean > 0 else { return 0 }
    return poisson(mean: gamma(shape: size) * (mean / size))
  }

  /// log(k!) from a table for small k and Stirling's series beyond it.
  static func logFactorial(_ k: Int) -> Double {
    if k < logFactorialTable.count { return logFactorialTable[max(0, k)] }
    let n = Double(k) + 1
    // log Γ(n) by Stirling: (n − ½)log n − n + ½ log 2π + 1/(12n) − 1/(360n³)
    return (n - 0.5) * log(n) - n + 0.918_938_533_204_672_7 + 1 / (12 * n) - 1 / (360 * n * n * n)
  }

  private static let logFactorialTable: [Double] = {
    var table = [0.0]
    for k in 1..<256 { table.append(table[k - 1] + log(Double(k))) }
    return table
  }()
}
