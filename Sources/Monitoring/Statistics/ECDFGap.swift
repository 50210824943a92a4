/// The largest gaps between two empirical distribution functions, in one merge pass over the
/// sorted samples.
///
/// At each distinct pooled value x the gap is F_A(x) − F_B(x) = i / n_A − j / n_B with i and j
/// the counts at or below x, computed in that order of floating-point operations (as numpy's
/// `searchsorted(..., side='right') / n` does), so equal gaps compare equal. The location of
/// each extreme follows numpy's first-index `argmax` over the pooled array `sorted(a) + sorted(b)`:
/// the smallest value of A attaining it if any, otherwise the smallest value of B.
struct ECDFGap {
  /// max(F_A − F_B) over the pooled values: how far A's distribution function rises above B's
  /// (at least 0, as both reach 1 at the largest value).
  var largestAbove: Double
  /// max(F_B − F_A) clipped to [0, 1].
  var largestBelow: Double
  var locationAbove: Double
  var locationBelow: Double

  /// D = max(largestAbove, largestBelow), preferring `largestAbove` on a tie (scipy's choice).
  var statistic: Double { largestBelow > largestAbove ? largestBelow : largestAbove }
  var sign: Int { largestBelow > largestAbove ? -1 : 1 }
  var location: Double { largestBelow > largestAbove ? locationBelow : locationAbove }

  /// The extremes of the gap seen so far in a merge over the pooled distinct values, kept apart
  /// for values present in A and values present in B, so the location can prefer A as numpy's
  /// argmax over the concatenation does.
  struct Extremes {
    var maxInA = -Double.infinity
    var maxInB = -Double.infinity
    var minInA = Double.infinity
    var minInB = Double.infinity
    var maxLocationA = 0.0
    var maxLocationB = 0.0
    var minLocationA = 0.0
    var minLocationB = 0.0

    /// Records the gap at pooled value `x`, present in A, in B or in both.
    mutating func visit(_ x: Double, gap: Double, inA: Bool, inB: Bool) {
      if inA {
        if gap > maxInA { (maxInA, maxLocationA) = (gap, x) }
        if gap < minInA { (minInA, minLocationA) = (gap, x) }
      }
      if inB {
        if gap > maxInB { (maxInB, maxLocationB) = (gap, x) }
        if gap < minInB { (minInB, minLocationB) = (gap, x) }
      }
    }
  }

  /// The gaps of a finished merge.
  init(_ extremes: Extremes) {
    let largest = max(extremes.maxInA, extremes.maxInB)
    let smallest = min(extremes.minInA, extremes.minInB)
    largestAbove = largest
    locationAbove = extremes.maxInA == largest ? extremes.maxLocationA : extremes.maxLocationB
    largestBelow = min(max(-smallest, 0), 1)
    locationBelow = extremes.minInA == smallest ? extremes.minLocationA : extremes.minLocationB
  }

  /// - Precondition: both samples are non-empty and ascending.
  /// - Complexity: O(n_A + n_B).
  init(sortedA a: [Double], sortedB b: [Double]) {
    let sizeA = Double(a.count)
    let sizeB = Double(b.count)
    var extremes = Extremes()
    var i = 0
    var j = 0
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        while i < a.count || j < b.count {
          let x: Double
          if j == b.count || (i < a.count && a[i] <= b[j]) { x = a[i] } else { x = b[j] }
          let startI = i
          let startJ = j
          while i < a.count && a[i] == x { i += 1 }
          while j < b.count && b[j] == x { j += 1 }
          extremes.visit(
            x, gap: Double(i) / sizeA - Double(j) / sizeB, inA: i > startI, inB: j > startJ)
        }
      }
    }
    self.init(extremes)
  }
}
