import History
import Monitoring

/// The input alerts of a run date: which expected inputs (`expected_inputs`) did not arrive for
/// every open store. Missing sales in every store is critical (nothing to forecast from); any
/// other shortfall is a warning.
struct InputCoverage {
  var alerts: [Alert] = []

  init(_ coverage: DayCoverage, expected: [ExpectedInput]) {
    for input in ExpectedInput.allCases where expected.contains(input) {
      let present = input == .sales ? coverage.storesWithSales : coverage.storesWithStock
      guard present < coverage.openStores else { continue }
      let segment =
        "\(input.rawValue) for \(coverage.day.iso): \(present) of \(coverage.openStores) open "
        + "stores"
      if let alert = AlertRules.inputMissing(
        path: segment, isPresent: false, isRequired: input == .sales && present == 0)
      {
        alerts.append(alert)
      }
    }
  }
}
