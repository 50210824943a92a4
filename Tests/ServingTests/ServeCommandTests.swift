import Foundation
import XCTest
import _TestSupport

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `shelfcast serve`, the built binary: it serves, and SIGTERM or SIGINT (the executable's own
/// `StopSignals` handlers) ends it gracefully with exit 0, after which the port is closed.
final class ServeCommandTests: XCTestCase {
  func testSIGTERMAndSIGINTEndTheServerWithExit0() async throws {
    let fixture = try ServingFixture(nights: 1)
    for signal in [SIGTERM, SIGINT] {
      let log = fixture.directory.path("serve-\(signal).log")
      XCTAssertTrue(FileManager.default.createFile(atPath: log, contents: nil))
      let process = Process()
      process.executableURL = ShelfCastProcess.executable
      process.arguments = [
        "serve", "--workspace", fixture.workspace.root, "--port", "0", "--log-level", "notice",
      ]
      process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
      process.standardOutput = FileHandle.nullDevice
      try process.run()
      var port: Int?
      for _ in 0..<600 where port == nil {
        try await Task.sleep(for: .milliseconds(50))
        let text = try String(contentsOfFile: log, encoding: .utf8)
        if let match = text.firstMatch(of: /address=127\.0\.0\.1:([0-9]+)/) {
          port = Int(match.1)
        }
      }
      let written = try String(contentsOfFile: log, encoding: .utf8)
      let bound = try XCTUnwrap(port, written)
      let url = URL(string: "http://127.0.0.1:\(bound)/ready")!
      let (_, response) = try await URLSession.shared.data(from: url)
      XCTAssertEqual((response as? HTTPURLResponse)?.statusCode, 200)

      kill(process.processIdentifier, signal)
      process.waitUntilExit()
      XCTAssertEqual(process.terminationReason, .exit, "signal \(signal)")
      XCTAssertEqual(process.terminationStatus, 0, "signal \(signal)")
      do {
        _ = try await URLSession.shared.data(from: url)
        XCTFail("the port is still open after the server exited")
      } catch {}
    }
  }
}
