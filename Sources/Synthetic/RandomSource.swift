import Foundation

/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", 2014).
///
/// Used only to expand a 64-bit seed into the state of `RandomSource` and to hash keys into
/// independent stream seeds; its output sequence is fixed forever, so chains are reproducible.
struct SplitMix64 {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return SplitMix64.mix(state)
  }

  /// The SplitMix64 output function: a bijective 64-bit mixer with good avalanche.
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A seed for the stream named by `parts` (e.g. the chain seed, a purpose tag and a store
  /// index), independent of every other combination.
  static func streamSeed(_ parts: UInt64...) -> UInt64 {
    var hash: UInt64 = 0x6A09_E667_F3BC_C909
    for part in parts {
      hash = mix(hash ^ mix(part &+ 0x9E37_79B9_7F4A_7C15))
    }
    return hash
  }

  /// A number in `[0, 1)` determined by `parts` alone, for choices that must not depend on the
  /// order in which anything else was drawn (which series drift, for instance).
  static func unitInterval(_ parts: UInt64...) -> Double {
    var hash: UInt64 = 0x3C6E_F372_FE94_F82B
    for part in parts {
      hash = mix(hash ^ mix(part &+ 0x9E37_79B9_7F4A_7C15))
    }
    return Double(hash >> 11) * 0x1p-53
  }
}

/// The generator's pseudo-random source: xoshiro256** (Blackman & Vigna, 2018), seeded
/// through SplitMix64 as its authors recommend.
///
/// The system RNG and the standard library's `random(in:)` are never used, because their
/// algorithms may change between releases; every draw here is a fixed function of the seed.
/// Each store owns one source, so its stream does not depend on thread scheduling.
struct RandomSource {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  init(seed: UInt64) {
    var expander = SplitMix64(seed: seed)
    s0 = expander.next()
    s1 = expander.next()
    s2 = expander.next()
    s3 = expander.next()
  }

  /// A source with the given raw state, for checking against the reference implementation.
  /// - Precondition: not all four words are zero.
  init(state: (UInt64, UInt64, UInt64, UInt64)) {
    (s0, s1, s2, s3) = state
    precondition(s0 | s1 | s2 | s3 != 0, "xoshiro256** needs a non-zero state")
  }

  /// The next 64 uniformly distributed bits.
  @inline(__always)
  mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = s3 << 45 | s3 >> 19
    return result
  }

  /// Uniform in `[0, 1)`, with 53 random bits.
  @inline(__always)
  mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

  /// Uniform in `(0, 1]`, safe to take the logarithm of.
  @inline(__always)
  mutating func uniformPositive() -> Double { Double((next() >> 11) + 1) * 0x1p-53 }

  /// Uniform in `range`.
  mutating func uniform(in range: ClosedRange<Double>) -> Double {
    range.lowerBound + (range.upperBound - range.lowerBound) * uniform()
  }

  /// Uniform integer in `0..<bound` (Lemire's multiply-shift; the bias is below 2^-32 for the
  /// bounds used here, which is irrelevant for simulation).
  /// - Precondition: `bound >= 1`.
  @inline(__always)
  mutating func index(below bound: Int) -> Int {
    Int(((next() >> 32) &* UInt64(bound)) >> 32)
  }

  /// Uniform integer in `range`.
  mutating func integer(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + index(below: range.upperBound - range.lowerBound + 1)
  }

  /// `true` with probability `probability`.
  mutating func chance(_ probability: Double) -> Bool { uniform() < probability }

  /// A standard normal draw (Box–Muller; one of the pair is discarded to keep no hidden state).
  mutating func normal() -> Double {
    let radius = (-2 * log(uniformPositive())).squareRoot()
    return radius * cos(2 * Double.pi * uniform())
  }

  /// A log-normal draw whose logarithm has mean `mu` and standard deviation `sigma`.
  mutating func logNormal(mu: Double, sigma: Double) -> Double {
    exp(mu + sigma * normal())
  }

  /// Index chosen with probability proportional to `weights[i]`.
  /// - Precondition: the weights are non-negative with a positive sum.
  mutating func weightedIndex(_ weights: [Double]) -> Int {
    let total = weights.reduce(0, +)
    var target = uniform() * total
    for (index, weight) in weights.enumerated() {
      target -= weight
      if target < 0 { return index }
    }
    return weights.count - 1
  }

  /// Shuffles `values` in place (Fisher–Yates with this source).
  mutating func shuffle<T>(_ values: inout [T]) {
    guard values.count > 1 else { return }
    for upper in stride(from: values.count - 1, to: 0, by: -1) {
      values.swapAt(upper, index(below: upper + 1))
    }
  }
}
