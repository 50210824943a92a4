import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// An optional Prometheus Pushgateway that receives a run's metrics, for schedulers whose
/// machines have no node_exporter. Nothing is pushed unless a URL is configured.
///
/// A push is an HTTP `PUT` of `MetricsFile.render(_:)` to `<url>/metrics/job/<job>`, which
/// replaces every metric the Pushgateway holds for that job (so a metric the run no longer has
/// disappears there too).
public struct PushGateway: Sendable, Equatable {
  /// The Pushgateway's base URL, e.g. `http://pushgateway:9091`.
  public let url: URL
  /// The job name the metrics are grouped under.
  public let job: String
  /// How long to wait for the answer.
  public let timeoutSeconds: Double

  /// - Parameters:
  ///   - url: an absolute `http` or `https` URL with a host, with or without a trailing `/`.
  ///   - job: the grouping job name, `shelfcast` by default.
  ///   - timeoutSeconds: how long a push may take; 10 s by default.
  /// - Throws: `PushGatewayError.invalidURL` or `.invalidJob`.
  public init(url: String, job: String = "shelfcast", timeoutSeconds: Double = 10)
    throws(PushGatewayError)
  {
    precondition(timeoutSeconds > 0, "timeoutSeconds must be positive")
    guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
      scheme == "http" || scheme == "https", let host = parsed.host, !host.isEmpty,
      parsed.query == nil, parsed.fragment == nil
    else { throw .invalidURL(url) }
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.")
    guard !job.isEmpty, job.allSatisfy(allowed.contains), job != ".", job != ".." else {
      throw .invalidJob(job)
    }
    self.url = parsed
    self.job = job
    self.timeoutSeconds = timeoutSeconds
  }

  /// Where the metrics go: `<url>/metrics/job/<job>`.
  public var pushURL: URL {
    var base = url.absoluteString
    while base.hasSuffix("/") { base.removeLast() }
    // Both parts were validated in `init`, so the result always parses.
    return URL(string: base + "/metrics/job/" + job) ?? url
  }

  /// The request `push` sends for `metrics`: a `PUT` of the text format to `pushURL`.
  public func request(for metrics: RunMetrics) -> URLRequest {
    var request = URLRequest(url: pushURL, timeoutInterval: timeoutSeconds)
    request.httpMethod = "PUT"
    request.setValue(MetricsFile.contentType, forHTTPHeaderField: "Content-Type")
    request.httpBody = Data(MetricsFile.render(metrics))
    return request
  }

  /// Sends `metrics` and waits for the answer (at most `timeoutSeconds`, plus a little).
  ///
  /// - Parameter session: the URL session to use; `.shared` by default.
  /// - Throws: `PushGatewayError.unreachable`, `.timedOut` or `.rejected`.
  public func push(_ metrics: RunMetrics, session: URLSession = .shared) throws(PushGatewayError) {
    let target = pushURL.absoluteString
    let box = ResponseBox()
    let done = DispatchSemaphore(value: 0)
    let task = session.dataTask(with: request(for: metrics)) { data, response, error in
      box.store(data: data, response: response, error: error)
      done.signal()
    }
    task.resume()
    // URLSession applies the request's own timeout; the margin only guards against a session
    // that never calls back.
    guard done.wait(timeout: .now() + timeoutSeconds + 5) == .success else {
      task.cancel()
      throw .timedOut(url: target, seconds: timeoutSeconds)
    }
    let (data, response, error) = box.load()
    if let error {
      if let urlError = error as? URLError, urlError.code == .timedOut {
        throw .timedOut(url: target, seconds: timeoutSeconds)
      }
      throw .unreachable(url: target, reason: error.localizedDescription)
    }
    guard let http = response as? HTTPURLResponse else {
      throw .unreachable(url: target, reason: "the answer was not HTTP")
    }
    guard (200...299).contains(http.statusCode) else {
      let body = String(decoding: (data ?? Data()).prefix(512), as: UTF8.self)
      throw .rejected(
        url: target, statusCode: http.statusCode,
        body: body.trimmingCharacters(in: .whitespacesAndNewlines))
    }
  }
}

/// Carries a data task's answer from its callback to the waiting thread.
private final class ResponseBox: @unchecked Sendable {
  private let lock = NSLock()
  private var data: Data?
  private var response: URLResponse?
  private var error: (any Error)?

  func store(data: Data?, response: URLResponse?, error: (any Error)?) {
    lock.withLock {
      self.data = data
      self.response = response
      self.error = error
    }
  }

  func load() -> (Data?, URLResponse?, (any Error)?) {
    lock.withLock { (data, response, error) }
  }
}
