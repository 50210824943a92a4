import DemandCore
import Foundation
import Registry
import XCTest

/// A deferred retraining is recorded once per night: a night killed after recording it and run
/// again does not add a second `retrain_deferred` entry; another night does.
final class DeferralRecordTests: XCTestCase {
  func testTheSameDeferralIsRecordedOnce() throws {
    let fixture = try RegistryFixture()
    let deferral = HoldoutPlan.Deferral(
      championWindowLastDay: Day(iso: "2026-10-17")!, unseenDays: 1, requiredDays: 7)
    let night = Day(iso: "2026-10-18")!
    try fixture.registry.recordDeferral(runDate: night, championID: "v0001", deferral)
    try fixture.registry.recordDeferral(runDate: night, championID: "v0001", deferral)
    var deferrals = try fixture.registry.audit.entries().filter {
      $0.action == .retrainDeferred
    }
    XCTAssertEqual(deferrals.count, 1)
    try fixture.registry.recordDeferral(
      runDate: night.adding(days: 1), championID: "v0001", deferral)
    deferrals = try fixture.registry.audit.entries().filter { $0.action == .retrainDeferred }
    XCTAssertEqual(deferrals.count, 2)
  }
}
