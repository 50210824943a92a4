import Foundation
import Hummingbird
import OpenAPIRuntime
import Pipeline

/// The role of the request being answered (`ProblemMiddleware` sets it; handlers check it).
enum Caller {
  /// `.analyst` when the server runs without `--tokens`.
  @TaskLocal static var role: AccessRole = .analyst
}

/// Authentication and error bodies for every operation: checks the bearer token (401 without a
/// known one; `/health`, `/ready` and `/metrics` are open), sets `Caller.role` for the handler,
/// and turns every error into a problem-details body (RFC 9457): the handlers' `ServingError`
/// with its status, an `Accept` header naming no media type the operation answers in as 406,
/// and a parameter the generated code could not decode as 400.
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
      if error.httpStatus == .notAcceptable {
        let asked = request.headerFields[.accept] ?? ""
        return Self.problem(
          .notAcceptable(
            "The Accept header (\(asked)) names no media type this path answers in; see "
              + "docs/api.md (JSON, and CSV where a path offers it)."),
          path: request.path)
      }
      // Decoding the request failed before the handler ran: a malformed parameter.
      return Self.problem(.badRequest(Self.describe(error)), path: request.path)
    } catch let error as ServingError {
      return Self.problem(error, path: request.path)
    }
  }

  /// A parameter the generated code could not decode, in words rather than the decoder's: the
  /// value refused and the kind of value wanted (the error does not say which parameter; the
  /// request's own are few, and docs/api.md lists their values).
  static func describe(_ error: ServerError) -> String {
    let what: String
    switch error.underlyingError as? DecodingError {
    case .typeMismatch(let type, _)?:
      what =
        type == Bool.self
        ? "a value that must be true or false is not"
        : type == Int.self || type == Int32.self || type == Int64.self
          ? "a value that must be a whole number (within range) is not"
          : "a value is not of the kind its parameter takes"
    case .dataCorrupted(let context)?:
      if let word = DecodingErrorText.refusedWord(context) {
        what = "'\(word)' is not an accepted value"
      } else {
        what = context.debugDescription
      }
    case .valueNotFound?, .keyNotFound?:
      what = "a required value is missing"
    default:
      return "\(error.causeDescription): \(error.underlyingError)"
    }
    return "A query parameter cannot be read: \(what). See docs/api.md for each parameter's "
      + "values."
  }

  /// `error` as a router's problem-details response, for the middlewares in front of the
  /// generated handlers (`MethodNotAllowedMiddleware`, `NotFoundMiddleware`).
  static func routerResponse(_ error: ServingError, path: String) async throws -> Response {
    let (head, bytes) = problem(error, path: path)
    var body = ResponseBody()
    if let bytes {
      body = ResponseBody(
        byteBuffer: ByteBuffer(bytes: try await [UInt8](collecting: bytes, upTo: 1 << 16)))
    }
    return Response(status: head.status, headers: head.headerFields, body: body)
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
