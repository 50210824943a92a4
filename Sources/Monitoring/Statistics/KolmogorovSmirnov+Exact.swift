/// The exact two-sided p-value of the two-sample statistic, by counting lattice paths.
///
/// Under the null every ordering of the pooled sample is equally likely. An ordering is a
/// monotone path from (0, 0) to (m, n) (a step right per value of the first sample, a step up
/// per value of the second), and after i right and j up steps the gap between the empirical
/// distribution functions is |i/m − j/n| = |i·n/g − j·m/g| / lcm(m, n), g = gcd(m, n). So D ≥ d
/// exactly when the path touches |i·n/g − j·m/g| ≥ h, with h = d·lcm(m, n) an integer, and the
/// p-value is the share of paths that do.
extension KolmogorovSmirnov {
  /// The exact p-value with the statistic snapped to the lattice (h / lcm), or a nil p-value
  /// when the computation leaves [0, 1] (scipy then falls back to the asymptotic method, with
  /// the snapped statistic).
  static func exactPValue(
    sizeA: Int, sizeB: Int, statistic: Double
  ) -> (statistic: Double, pValue: Double?) {
    let divisor = greatestCommonDivisor(sizeA, sizeB)
    let lcm = (sizeA / divisor) * sizeB
    let steps = Int((statistic * Double(lcm)).rounded(.toNearestOrEven))
    let snapped = Double(steps) / Double(lcm)
    guard steps > 0 else { return (snapped, 1) }
    let p =
      sizeA == sizeB
      ? equalSizeOutsideProbability(size: sizeA, steps: steps)
      : unequalSizeOutsideProbability(sizeA, sizeB, divisor: divisor, steps: steps)
    guard p >= 0 && p <= 1 else { return (snapped, nil) }
    return (snapped, p)
  }

  /// P(D_{n,n} ≥ h/n) for two samples of n: the share of paths that touch i − j = ±h.
  ///
  /// By reflection (Gnedenko & Korolyuk 1951),
  ///
  ///     P = 2 Σ_{k≥1} (−1)^{k−1} C(2n, n − k h) / C(2n, n).
  ///
  /// The alternating sum cancels badly, so it is nested instead: with
  /// r_k = C(2n, n − (k+1)h) / C(2n, n − k h) = ∏_{j<h} (n − k h − j) / (n + k h + j + 1),
  /// P = 2 r₀ (1 − r₁ (1 − r₂ (1 − …))), evaluated from the innermost k = ⌊n/h⌋ outwards in
  /// the same order of operations as scipy's `_compute_prob_outside_square`. O(n) steps.
  static func equalSizeOutsideProbability(size n: Int, steps h: Int) -> Double {
    var nested = 0.0
    for k in stride(from: n / h, through: 0, by: -1) {
      var ratio = 1.0
      for j in 0..<h {
        ratio = Double(n - k * h - j) * ratio / Double(n + k * h + j + 1)
      }
      nested = ratio * (1.0 - nested)
    }
    return 2 * nested
  }

  /// P(D_{m,n} ≥ h / lcm(m, n)) for m ≠ n: the share of paths that leave the band
  /// |i·n/g − j·m/g| < h.
  ///
  /// Let U(i, j) be the share of the C(i + j, i) paths from (0, 0) to (i, j) that have touched
  /// the outside. It is 1 outside the band, and inside (a path to (i, j) arrives from the left
  /// in C(i+j−1, i−1) / C(i+j, i) = i / (i + j) of the cases)
  ///
  ///     U(i, j) = (i · U(i−1, j) + j · U(i, j−1)) / (i + j),   U(0, 0) = 0,
  ///
  /// and the p-value is U(m, n). Computing the complement this way keeps every value in [0, 1]
  /// and avoids subtracting from 1 (Viehmann 2021). One column of length n + 1 is kept; each
  /// step updates only the band, about 2h·g/m + 1 entries, and entries below the band are 1.
  static func unequalSizeOutsideProbability(
    _ sizeA: Int, _ sizeB: Int, divisor g: Int, steps h: Int
  ) -> Double {
    // m ≥ n: the columns run over the larger sample, the band over the smaller.
    let m = max(sizeA, sizeB)
    let n = min(sizeA, sizeB)
    let mg = m / g
    let ng = n / g
    var share = [Double](repeating: 1, count: n + 1)
    return share.withUnsafeMutableBufferPointer { u in
      // Column 0: (0, j) is inside while j·mg < h, and no path has left yet.
      let firstTop = min((h - 1) / mg, n)
      for j in 0...firstTop { u[j] = 0 }
      var previousLow = 0
      for i in 1...m {
        // Inside: i·ng − h < j·mg < i·ng + h.
        let low = max(floorDivision(i * ng - h, mg) + 1, 0)
        let high = min(ceilingDivision(i * ng + h, mg) - 1, n)
        guard low <= high else { return 1 }
        // Entries that fell below the band are outside now; those above were never inside.
        for j in previousLow..<low { u[j] = 1 }
        previousLow = low
        let di = Double(i)
        for j in low...high {
          let dj = Double(j)
          let fromBelow = j > 0 ? u[j - 1] : 0
          u[j] = (u[j] * di + fromBelow * dj) / (di + dj)
        }
      }
      return u[n]
    }
  }
}

/// ⌊a / b⌋ for b > 0 (Swift's `/` truncates towards zero).
func floorDivision(_ a: Int, _ b: Int) -> Int {
  let quotient = a / b
  return a % b != 0 && a < 0 ? quotient - 1 : quotient
}

/// ⌈a / b⌉ for b > 0.
func ceilingDivision(_ a: Int, _ b: Int) -> Int {
  -floorDivision(-a, b)
}
