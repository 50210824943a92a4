import Inventory
import XCTest

/// `InventorySettings.categoriesWithoutSKUs`: the overrides that would change nothing.
final class CategoryOverridesTests: XCTestCase {
  /// An override for a category no SKU has is found, with the one that differs only in case.
  func testUnknownCategoriesOfTheSettingsAreFound() {
    let settings = InventorySettings(
      categories: [
        "Dairy": .init(), "dairy": .init(), "toys": .init(),
      ])
    let found = settings.categoriesWithoutSKUs(known: ["dairy", "bakery"])
    XCTAssertEqual(found.map(\.category), ["Dairy", "toys"])
    XCTAssertEqual(found.map(\.near), ["dairy", nil])
  }
}
