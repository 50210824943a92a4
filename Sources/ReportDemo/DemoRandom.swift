import Foundation

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny seeded generator, so the demo report is the same
/// on every run and platform.
struct DemoRandom {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform on [0, 1).
  mutating func uniform() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }

  /// Standard normal, by Box–Muller.
  mutating func normal() -> Double {
    let u = max(uniform(), 1e-12)
    let v = uniform()
    return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
  }
}
