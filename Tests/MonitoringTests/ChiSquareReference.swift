import Foundation

/// The reference values of `Fixtures/chi_square_fixtures.json`, produced by
/// `Fixtures/chi_square_fixtures.py` (scipy 1.17.1 `special.gammaincc`/`gammainc`,
/// `stats.chi2_contingency(correction=False)`, `contingency.association(method='cramer')`,
/// `stats.chisquare`; the command is in the script's docstring).
struct ChiSquareReference: Decodable {
  struct Homogeneity: Decodable {
    var name: String
    var a: [Double]
    var b: [Double]
    var statistic: Double
    var degreesOfFreedom: Int
    var pValue: Double
    var cramersV: Double
  }
  struct GoodnessOfFit: Decodable {
    var name: String
    var observed: [Double]
    var expected: [Double]
    var statistic: Double
    var degreesOfFreedom: Int
    var pValue: Double
    var cramersV: Double
  }

  /// [a, x, gammaincc(a, x), gammainc(a, x)]
  var gammaincc: [[Double]]
  var homogeneity: [Homogeneity]
  var goodnessOfFit: [GoodnessOfFit]

  static func load() throws -> ChiSquareReference {
    try loadFixture(ChiSquareReference.self, named: "chi_square_fixtures")
  }
}
