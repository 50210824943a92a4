import Foundation
import Monitoring

/// The reference values of `Fixtures/ks_fixtures.json`, produced by `Fixtures/ks_fixtures.py`
/// (scipy 1.17.1 `ks_2samp`, `kstwo.sf`, `special.smirnov`, `kstwobign.sf`; the command is in
/// the script's docstring).
struct KSReference: Decodable {
  /// A sample in one of the fixture's three compact forms (see the script).
  struct Sample: Decodable {
    var values: [Double]?
    var histogram: [[Int]]?
    var range: [Int]?

    var expanded: [Double] {
      if let values { return values }
      if let histogram {
        return histogram.flatMap { pair in Array(repeating: Double(pair[0]), count: pair[1]) }
      }
      guard let range, range.count == 3 else { return [] }
      return stride(from: range[0], to: range[1], by: range[2]).map(Double.init)
    }
  }
  struct Result: Decodable {
    var method: String
    var methodUsed: String
    var statistic: Double
    var pValue: Double?
    var location: Double
    var sign: Int
  }
  struct Case: Decodable {
    var name: String
    var a: Sample
    var b: Sample
    var results: [Result]
  }

  var twoSample: [Case]
  /// [n, d, kstwo.sf(d, n)]
  var kstwo: [[Double?]]
  /// [n, d, smirnov(n, d)]
  var smirnov: [[Double?]]
  /// [x, kstwobign.sf(x)]
  var kstwobign: [[Double?]]

  static func load() throws -> KSReference {
    try loadFixture(KSReference.self, named: "ks_fixtures")
  }
}

extension KolmogorovSmirnov.Method {
  /// The method for scipy's name of it.
  init?(scipyName: String) {
    switch scipyName {
    case "auto": self = .auto
    case "exact": self = .exact
    case "asymp": self = .asymptotic
    default: return nil
    }
  }
}
