// These tests read internals, which release builds do not expose to tests.
#if DEBUG
  import DemandCore
  import XCTest

  @testable import Synthetic

  final class DriftSelectionTests: XCTestCase {
    func testAboutTheConfiguredShareOfALargeChainDrifts() {
      // The choice is a hash per series, so on a large chain the share is close to exact.
      var large = TinyChain.configuration
      (large.storeCount, large.skuCount) = (200, 500)
      let catalog = ChainCatalog(configuration: large)
      var drifted = 0
      for store in 0..<200 {
        for sku in 0..<500 where catalog.drift(store: store, sku: sku) != nil { drifted += 1 }
      }
      XCTAssertEqual(Double(drifted) / 100_000, large.driftShare, accuracy: 0.01)
    }

    func testNoDriftWithoutADriftStart() {
      var configuration = TinyChain.configuration
      configuration.driftStart = nil
      let catalog = ChainCatalog(configuration: configuration)
      XCTAssertNil((0..<12).compactMap { catalog.drift(store: 0, sku: $0) }.first)
    }
  }
#endif
