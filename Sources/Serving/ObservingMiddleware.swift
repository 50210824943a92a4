import Foundation
import Hummingbird
import Logging
import OpenAPIRuntime
import Prometheus

/// Counts and times every request by route (the operation id) and status, and writes one
/// access-log line per request: method, path (without the query), route, status and
/// milliseconds. Never the `Authorization` header or any other header.
struct ObservingMiddleware: ServerMiddleware {
  let metrics: RequestMetrics
  let logger: Logger

  func intercept(
    _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata,
    operationID: String,
    next: MiddlewareNext
  ) async throws -> (HTTPResponse, HTTPBody?) {
    let clock = ContinuousClock()
    let start = clock.now
    var status = 500
    defer {
      let elapsed = clock.now - start
      metrics.record(route: operationID, status: status, duration: elapsed)
      let milliseconds =
        Double(elapsed.components.attoseconds) / 1e15
        + Double(elapsed.components.seconds) * 1000
      logger.info(
        "request",
        metadata: [
          "method": "\(request.method.rawValue)",
          "path": "\(String((request.path ?? "").prefix { $0 != "?" }))",
          "route": "\(operationID)", "status": "\(status)",
          "ms": "\(String(format: "%.3f", milliseconds))",
        ])
    }
    let (response, responseBody) = try await next(request, body, metadata)
    status = response.status.code
    return (response, responseBody)
  }
}

/// The server's Prometheus metrics (`/metrics`): `shelfcast_api_requests_total` and
/// `shelfcast_api_request_duration_seconds` by `route` and `status`.
///
/// Each (route, status)'s counter and histogram are made in the registry once and kept, so a
/// request records into them without the registry's lookup by name and labels.
final class RequestMetrics: @unchecked Sendable {
  let registry = PrometheusCollectorRegistry()
  /// Latency buckets, seconds: 0.5 ms … 1 s.
  static let buckets: [Duration] = [
    .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
    .milliseconds(10), .milliseconds(20), .milliseconds(50), .milliseconds(100),
    .milliseconds(250), .milliseconds(500), .seconds(1),
  ]
  /// Guarded by `lock`.
  private var series: [SeriesKey: (Counter, DurationHistogram)] = [:]
  private let lock = NSLock()

  private struct SeriesKey: Hashable {
    let route: String
    let status: Int
  }

  func record(route: String, status: Int, duration: Duration) {
    let key = SeriesKey(route: route, status: status)
    lock.lock()
    let kept: (Counter, DurationHistogram)
    if let found = series[key] {
      kept = found
    } else {
      kept = make(route: route, status: status)
      series[key] = kept
    }
    lock.unlock()
    let (counter, histogram) = kept
    counter.increment()
    histogram.record(duration)
  }

  private func make(route: String, status: Int) -> (Counter, DurationHistogram) {
    let labels = [("route", route), ("status", String(status))]
    return (
      registry.makeCounter(
        descriptor: .init(
          namespace: "shelfcast", subsystem: "api", metricName: "requests", unitName: "total",
          helpText: "Requests answered, by route (operation id) and HTTP status."),
        labels: labels),
      registry.makeDurationHistogram(
        descriptor: .init(
          namespace: "shelfcast", subsystem: "api", metricName: "request_duration",
          unitName: "seconds", helpText: "Time to answer a request, by route and HTTP status."),
        labels: labels, buckets: Self.buckets)
    )
  }

  /// The text exposition format.
  func text() -> String { registry.emitToString() }
}
