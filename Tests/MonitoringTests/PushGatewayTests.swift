import Foundation
import Monitoring
import XCTest

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The Pushgateway request, URL checks, and the error for a closed port. No live server is used.
final class PushGatewayTests: XCTestCase {
  func testBuildsAPutOfTheTextFormat() throws {
    let gateway = try PushGateway(url: "http://127.0.0.1:9091/")
    XCTAssertEqual(gateway.pushURL.absoluteString, "http://127.0.0.1:9091/metrics/job/shelfcast")
    let metrics = RunMetrics(rowsIngested: 12)
    let request = gateway.request(for: metrics)
    XCTAssertEqual(request.httpMethod, "PUT")
    XCTAssertEqual(request.url, gateway.pushURL)
    XCTAssertEqual(
      request.value(forHTTPHeaderField: "Content-Type"),
      "text/plain; version=0.0.4; charset=utf-8")
    XCTAssertEqual(request.httpBody.map { Array($0) }, MetricsFile.render(metrics))
    XCTAssertEqual(request.timeoutInterval, 10)
  }

  func testKeepsAPathPrefixAndTheJobName() throws {
    let gateway = try PushGateway(
      url: "https://metrics.internal/push", job: "shelfcast-nightly", timeoutSeconds: 3)
    XCTAssertEqual(
      gateway.pushURL.absoluteString, "https://metrics.internal/push/metrics/job/shelfcast-nightly")
    XCTAssertEqual(gateway.request(for: RunMetrics()).timeoutInterval, 3)
  }

  func testRejectsBadURLsAndJobs() {
    for url in ["", "pushgateway:9091", "ftp://host/", "http://", "http://host/?a=b", "/metrics"] {
      XCTAssertThrowsError(try PushGateway(url: url), url) { error in
        XCTAssertEqual(error as? PushGatewayError, .invalidURL(url))
      }
    }
    for job in ["", "a/b", "..", "night ly"] {
      XCTAssertThrowsError(try PushGateway(url: "http://host:9091", job: job), job) { error in
        XCTAssertEqual(error as? PushGatewayError, .invalidJob(job))
      }
    }
  }

  func testAClosedPortIsUnreachable() throws {
    // A loopback port that was free a moment ago; nothing listens there.
    let port = try freeLoopbackPort()
    let gateway = try PushGateway(url: "http://127.0.0.1:\(port)", timeoutSeconds: 5)
    XCTAssertThrowsError(try gateway.push(RunMetrics())) { error in
      guard case .unreachable(let url, _) = error as? PushGatewayError else {
        return XCTFail("expected unreachable, got \(error)")
      }
      XCTAssertEqual(url, "http://127.0.0.1:\(port)/metrics/job/shelfcast")
    }
  }

  /// Binds a TCP socket to 127.0.0.1 port 0, reads the port the kernel chose, and closes it.
  func freeLoopbackPort() throws -> Int {
    #if canImport(Glibc)
      let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let descriptor = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else { throw POSIXError(.EBADF) }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
        bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
      }
    }
    guard bound else { throw POSIXError(.EADDRNOTAVAIL) }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}
