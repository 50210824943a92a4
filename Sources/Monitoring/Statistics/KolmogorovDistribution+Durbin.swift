import Foundation

extension KolmogorovDistribution {
  /// P(D_n < d) exactly, by Durbin's matrix in the form of Marsaglia, Tsang & Wang (2003).
  ///
  /// Write n d = k − h with k = ⌈n d⌉ and 0 ≤ h < 1, and let m = 2k − 1. The m × m matrix H has
  /// H[i][j] = 1/(i − j + 1)! for i − j + 1 ≥ 0 and 0 above that, except the first column
  /// H[i][0] = (1 − h^{i+1}) / (i+1)!, the last row H[m−1][j] = (1 − h^{m−j}) / (m−j)!, and
  /// the corner H[m−1][0] = (1 − 2hᵐ + max(0, 2h − 1)ᵐ) / m!. Then
  ///
  ///     P(D_n < d) = n!/nⁿ · (Hⁿ)[k−1][k−1].
  ///
  /// Hⁿ is formed by repeated squaring; its entries grow like eⁿ, so the running products are
  /// rescaled by powers of two (exactly) and the exponent is carried separately.
  ///
  /// - Complexity: O(m³ log n) time, O(m²) memory.
  static func durbinMatrixCDF(n: Int, d: Double) -> Double {
    let nd = Double(n) * d
    let k = Int(nd.rounded(.up))
    let h = Double(k) - nd
    let m = 2 * k - 1
    var matrix = ScaledMatrix(order: m)
    // 1/j! for j = 0 … m.
    var inverseFactorial = [Double](repeating: 1, count: m + 1)
    for j in 1...m { inverseFactorial[j] = inverseFactorial[j - 1] / Double(j) }
    for i in 0..<m {
      for j in 0..<m where i - j + 1 >= 0 {
        matrix[i, j] = inverseFactorial[i - j + 1]
      }
    }
    for i in 0..<m {
      matrix[i, 0] = (1 - pow(h, Double(i + 1))) * inverseFactorial[i + 1]
      matrix[m - 1, i] = (1 - pow(h, Double(m - i))) * inverseFactorial[m - i]
    }
    let corner = 1 - 2 * pow(h, Double(m)) + pow(max(0, 2 * h - 1), Double(m))
    matrix[m - 1, 0] = corner * inverseFactorial[m]

    let power = matrix.raised(to: n)
    // Multiply the centre entry by n!/nⁿ = ∏ i/n, keeping it in range.
    var p = power[k - 1, k - 1]
    var exponent = power.exponent
    let size = Double(n)
    for i in 1...n {
      p = p * Double(i) / size
      if p != 0 && abs(p) < 0x1p-128 {
        p *= 0x1p128
        exponent -= 128
      }
    }
    return Double(sign: .plus, exponent: exponent, significand: p)
  }
}

/// A square matrix times 2^exponent, for powers whose entries leave the Double range.
struct ScaledMatrix {
  let order: Int
  var entries: [Double]
  var exponent = 0

  init(order: Int) {
    self.order = order
    entries = [Double](repeating: 0, count: order * order)
  }

  static func identity(order: Int) -> ScaledMatrix {
    var matrix = ScaledMatrix(order: order)
    for i in 0..<order { matrix[i, i] = 1 }
    return matrix
  }

  subscript(row: Int, column: Int) -> Double {
    get { entries[row * order + column] }
    set { entries[row * order + column] = newValue }
  }

  /// selfⁿ by binary powering, n ≥ 1.
  func raised(to n: Int) -> ScaledMatrix {
    var result = ScaledMatrix.identity(order: order)
    var base = self
    var remaining = n
    while remaining > 0 {
      if remaining & 1 == 1 { result = result.multiplied(by: base) }
      remaining >>= 1
      if remaining > 0 { base = base.multiplied(by: base) }
    }
    return result
  }

  /// self × other, rescaled by 2⁻¹²⁸ while its largest entry exceeds 2¹²⁸.
  func multiplied(by other: ScaledMatrix) -> ScaledMatrix {
    var product = ScaledMatrix(order: order)
    product.exponent = exponent + other.exponent
    let m = order
    product.entries.withUnsafeMutableBufferPointer { c in
      entries.withUnsafeBufferPointer { a in
        other.entries.withUnsafeBufferPointer { b in
          for i in 0..<m {
            for l in 0..<m {
              let ail = a[i * m + l]
              if ail == 0 { continue }
              for j in 0..<m { c[i * m + j] += ail * b[l * m + j] }
            }
          }
        }
      }
    }
    var largest = product.entries.reduce(0) { max($0, abs($1)) }
    while largest > 0x1p128 {
      for index in product.entries.indices { product.entries[index] *= 0x1p-128 }
      product.exponent += 128
      largest *= 0x1p-128
    }
    return product
  }
}
