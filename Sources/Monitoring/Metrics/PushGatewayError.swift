/// Why a push to a Prometheus Pushgateway failed. Messages name the URL and what to check.
public enum PushGatewayError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The configured URL is not an absolute `http` or `https` URL with a host.
  case invalidURL(String)
  /// The job name is empty or has characters other than letters, digits, `_`, `-` and `.`.
  case invalidJob(String)
  /// No HTTP response: the connection failed (refused, DNS, TLS…).
  case unreachable(url: String, reason: String)
  /// No response within the timeout.
  case timedOut(url: String, seconds: Double)
  /// The Pushgateway answered with a status outside 200…299; `body` is the start of its answer.
  case rejected(url: String, statusCode: Int, body: String)

  public var description: String {
    switch self {
    case .invalidURL(let url):
      return "'\(url)' is not a Pushgateway URL; give one like http://pushgateway:9091."
    case .invalidJob(let job):
      return
        "'\(job)' cannot be a Pushgateway job name; use letters, digits, '_', '-' and '.' only."
    case .unreachable(let url, let reason):
      return "\(url): could not reach the Pushgateway (\(reason)); is it running at that address?"
    case .timedOut(let url, let seconds):
      return "\(url): no answer from the Pushgateway within \(seconds) s."
    case .rejected(let url, let status, let body):
      let detail = body.isEmpty ? "" : ": \(body)"
      return "\(url): the Pushgateway refused the metrics with HTTP \(status)\(detail)."
    }
  }
}
