import HTTPTypes
import OpenAPIRuntime

/// Answers `getForecast`, the API's most frequent request, with the body written by
/// `ForecastJSON` instead of the generated code's `JSONEncoder`: the same value
/// (`APIHandler.forecast(store:sku:)`), the same bytes, status and headers. Innermost of the
/// middlewares, so authentication, problem bodies, metrics and the access log are the same for
/// both paths. Anything unusual goes the generated way: an `Accept` that does not plainly take
/// JSON, a path parameter with percent-escapes, a value `ForecastJSON` leaves to the encoder.
struct ForecastMiddleware: ServerMiddleware {
  let handler: APIHandler

  func intercept(
    _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata,
    operationID: String,
    next: MiddlewareNext
  ) async throws -> (HTTPResponse, HTTPBody?) {
    guard operationID == Operations.GetForecast.id, Self.takesJSON(request),
      let store = metadata.pathParameters["store"].flatMap(Self.plain),
      let sku = metadata.pathParameters["sku"].flatMap(Self.plain)
    else { return try await next(request, body, metadata) }
    let forecast = try handler.forecast(store: store, sku: sku)
    guard let bytes = ForecastJSON.encode(forecast) else {
      return try await next(request, body, metadata)
    }
    var response = HTTPResponse(status: .ok)
    response.headerFields[.contentType] = "application/json; charset=utf-8"
    return (response, HTTPBody(bytes))
  }

  /// True without an `Accept`, or with one that names JSON or any type.
  static func takesJSON(_ request: HTTPRequest) -> Bool {
    let accept = request.headerFields[values: .accept]
    return accept.isEmpty
      || accept.contains { $0.contains("application/json") || $0.contains("*/*") }
  }

  /// `text` when it needs no decoding (letters, digits, `.`, `_`, `-`), else nil.
  static func plain(_ text: Substring) -> String? {
    text.utf8.allSatisfy {
      ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A)
        || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
    } ? String(text) : nil
  }
}
