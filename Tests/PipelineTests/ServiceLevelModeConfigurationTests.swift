import Foundation
import Inventory
import Pipeline
import XCTest

/// `service_levels: cost` and `service_levels: {mode: cost, min: …, max: …}` in a configuration
/// file, and the messages for what is wrong in them.
final class ServiceLevelModeConfigurationTests: XCTestCase {
  private var directory: URL!

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("shelfcast-levels-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: directory)
  }

  private func settings(_ text: String) throws -> InventorySettings {
    let path = directory.appendingPathComponent("inventory.yaml").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return try ConfigurationFile.inventorySettings(path: path)
  }

  private func message(_ text: String) -> String {
    do {
      _ = try settings(text)
      return "no error"
    } catch PipelineError.invalidArgument(let message) {
      return message
    } catch {
      return "\(error)"
    }
  }

  func testTheModeAloneKeepsTheClassLevelsAndBounds() throws {
    let read = try settings("service_levels: cost\nstockout_penalty: 0.3\n")
    XCTAssertEqual(read.serviceLevels, .init(mode: .cost))
    XCTAssertEqual(read.stockoutPenalty, 0.3)
    XCTAssertEqual(try settings("").serviceLevels.mode, .abc)
    XCTAssertNil(try settings("").stockoutPenalty)
  }

  func testTheMappingTakesModeBoundsAndLevels() throws {
    let read = try settings("service_levels: {mode: cost, min: 0.7, max: 0.99, A: 0.97}\n")
    XCTAssertEqual(read.serviceLevels, .init(a: 0.97, mode: .cost, minimum: 0.7, maximum: 0.99))
  }

  func testWrongModesAndBoundsAreRefusedByName() {
    XCTAssertTrue(message("service_levels: costs\n").contains("expected abc or cost"))
    XCTAssertTrue(message("service_levels: {mode: fast}\n").contains("service_levels"))
    XCTAssertTrue(message("service_levels: {min: 0.9, max: 0.8}\n").contains("service_levels.min"))
    XCTAssertTrue(message("service_levels: {maximum: 0.8}\n").contains("unknown setting"))
    XCTAssertTrue(message("categories: {x: {service_levels: {mode: cost}}}\n").contains("unknown"))
  }
}
