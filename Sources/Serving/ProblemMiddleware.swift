import Foundation
import Hummingbird
import OpenAPIRuntime

/// The role of the request being answered (`ProblemMiddleware` sets it; handlers check it).
enum Caller {
  /// `.analyst` when the server runs without `--tokens`.
  @TaskLocal static var role: AccessRole = .analyst
}

/// Authentication and error bodies for every operation: checks the bearer token (401 without a
/// known one; `/health`, `/ready` and `/metrics` are open), sets `Caller.role` for the handler,
/// and turns every error into a problem-details body (RFC 9457): the handlers' `ServingError`
/// with its status, and a parameter the generated code could not decode as 400.
struct ProblemMiddleware: ServerMiddleware {
  /// nil: no `--tokens`, everything open.
  let tokens: AccessTokens?
  static let openOperations: Set<String> = ["getHealth", "getReady", "getMetrics"]

  func intercept(
    _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata,
    operationID: String,
    next: MiddlewareNext
  ) async throws -> (HTTPResponse, HTTPBody?) {
    var role = AccessRole.analyst
    if let tokens, !Self.openOperations.contains(operationID) {
      let header = request.headerFields[.authorization] ?? ""
      guard header.lowercased().hasPrefix("bearer ") else {
        return Self.problem(
          .unauthorized("Send `Authorization: Bearer <token>` with a token of the server's list."),
          path: request.path)
      }
      let token = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
      guard let known = tokens.role(of: token) else {
        return Self.problem(.unauthorized("The bearer token is not known."), path: request.path)
      }
      role = known
    }
    do {
      return try await Caller.$role.withValue(role) { try await next(request, body, metadata) }
    } catch let error as ServerError {
      if let serving = error.underlyingError as? ServingError {
        return Self.problem(serving, path: request.path)
      }
      // Decoding the request failed before the handler ran: a malformed parameter.
      return Self.problem(
        .badRequest("\(error.causeDescription): \(error.underlyingError)"), path: request.path)
    } catch let error as ServingError {
      return Self.problem(error, path: request.path)
    }
  }

  /// `error` as an `application/problem+json` response.
  static func problem(_ error: ServingError, path: String?) -> (HTTPResponse, HTTPBody?) {
    let problem = Components.Schemas.Problem(
      _type: "about:blank", title: error.title, status: error.status, detail: error.detail,
      instance: path.map { String($0.prefix { $0 != "?" }) })
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let bytes = (try? encoder.encode(problem)) ?? Data()
    var response = HTTPResponse(status: .init(code: error.status))
    response.headerFields[.contentType] = "application/problem+json"
    if case .unauthorized = error { response.headerFields[.wwwAuthenticate] = "Bearer" }
    return (response, HTTPBody(bytes))
  }
}
