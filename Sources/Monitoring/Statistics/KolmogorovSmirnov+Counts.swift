extension KolmogorovSmirnov {
  /// ``twoSample(_:_:method:)`` for samples given as counts of each distinct value, such as
  /// store/SKU/days by relative price: millions of observations on a handful of values.
  ///
  /// The result is that of `twoSample` on the expanded samples (each value repeated its count
  /// times): D, its location and sign are computed by the same merge over the distinct values,
  /// in the same floating-point operations. When `method` resolves to the exact p-value (`auto`
  /// with both samples at most ``automaticExactLimit``, or `exact`), the samples are expanded
  /// and passed to `twoSample`; otherwise the asymptotic p-value is computed from the counts
  /// alone, in O(k log k) for k distinct values.
  ///
  /// - Parameters:
  ///   - countsA: Observations of the first sample (the reference) per value; zero counts are
  ///     ignored.
  ///   - countsB: Observations of the second sample (the current window) per value.
  /// - Throws: `StatisticsError.emptySample` when a sample has no observations,
  ///   `.nonFiniteValue` for a NaN or infinite value (index: its rank among the sorted keys),
  ///   `.negativeValue` for a negative count.
  public static func twoSample(
    countsA: [Double: Int], countsB: [Double: Int], method: Method = .auto
  ) throws(StatisticsError) -> KSResult {
    let a = try checkedCounts(countsA, sample: "countsA")
    let b = try checkedCounts(countsB, sample: "countsB")
    let sizeA = a.reduce(0) { $0 + $1.count }
    let sizeB = b.reduce(0) { $0 + $1.count }
    let exact =
      switch method {
      case .auto: max(sizeA, sizeB) <= automaticExactLimit
      case .exact: true
      case .asymptotic: false
      }
    if exact {
      return try twoSample(sortedA: expanded(a), sortedB: expanded(b), method: method)
    }
    var i = 0
    var j = 0
    var indexA = 0
    var indexB = 0
    // The same merge as `ECDFGap(sortedA:sortedB:)`, one step per distinct value.
    var extremes = ECDFGap.Extremes()
    while indexA < a.count || indexB < b.count {
      let x: Double
      if indexB == b.count || (indexA < a.count && a[indexA].value <= b[indexB].value) {
        x = a[indexA].value
      } else {
        x = b[indexB].value
      }
      var inA = false
      var inB = false
      if indexA < a.count && a[indexA].value == x {
        i += a[indexA].count
        indexA += 1
        inA = true
      }
      if indexB < b.count && b[indexB].value == x {
        j += b[indexB].count
        indexB += 1
        inB = true
      }
      extremes.visit(
        x, gap: Double(i) / Double(sizeA) - Double(j) / Double(sizeB), inA: inA, inB: inB)
    }
    let gap = ECDFGap(extremes)
    return KSResult(
      statistic: gap.statistic,
      pValue: clampProbability(
        asymptoticPValue(sizeA: sizeA, sizeB: sizeB, statistic: gap.statistic)),
      method: .asymptotic, sampleSizeA: sizeA, sampleSizeB: sizeB,
      location: gap.location, sign: gap.sign)
  }

  /// The positive counts of `counts` in ascending order of value, after checking them.
  private static func checkedCounts(
    _ counts: [Double: Int], sample: String
  ) throws(StatisticsError) -> [(value: Double, count: Int)] {
    let sorted = counts.filter { $0.value != 0 }.map { (value: $0.key, count: $0.value) }
      .sorted { $0.value < $1.value }
    for (index, entry) in sorted.enumerated() {
      guard entry.value.isFinite else { throw .nonFiniteValue(sample: sample, index: index) }
      guard entry.count > 0 else {
        throw .negativeValue(sample: sample, index: index, value: Double(entry.count))
      }
    }
    guard !sorted.isEmpty else { throw .emptySample(sample: sample) }
    return sorted
  }

  private static func expanded(_ counts: [(value: Double, count: Int)]) -> [Double] {
    var values: [Double] = []
    values.reserveCapacity(counts.reduce(0) { $0 + $1.count })
    for entry in counts {
      values.append(contentsOf: repeatElement(entry.value, count: entry.count))
    }
    return values
  }
}
