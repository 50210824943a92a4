import Foundation

/// Why the API could not answer a request, with the HTTP status and the problem-details text
/// (RFC 9457) it is answered with. Thrown by the handlers and turned into an
/// `application/problem+json` response by `ProblemMiddleware`; never a 500 unless `internal`.
enum ServingError: Error, Equatable {
  /// A parameter is malformed or out of range (400).
  case badRequest(String)
  /// No token or an unknown one (401).
  case unauthorized(String)
  /// The token's role may not read this (403).
  case forbidden(String)
  /// Any method but GET (405).
  case methodNotAllowed(String)
  /// The `Accept` header names no media type the operation answers in (406).
  case notAcceptable(String)
  /// A store, SKU, night, version or file the workspace does not have (404).
  case notFound(String)
  /// No finished night is served yet (503).
  case notReady(String)
  /// A night's file cannot be read (500: the workspace is damaged).
  case unreadableFile(path: String, reason: String)
  /// Anything else that went wrong inside the server (500).
  case internalFailure(String)

  /// The HTTP status code.
  var status: Int {
    switch self {
    case .badRequest: 400
    case .unauthorized: 401
    case .forbidden: 403
    case .notFound: 404
    case .methodNotAllowed: 405
    case .notAcceptable: 406
    case .notReady: 503
    case .unreadableFile, .internalFailure: 500
    }
  }

  /// The problem's short title (the status's reason phrase).
  var title: String {
    switch self {
    case .badRequest: "Bad Request"
    case .unauthorized: "Unauthorized"
    case .forbidden: "Forbidden"
    case .notFound: "Not Found"
    case .methodNotAllowed: "Method Not Allowed"
    case .notAcceptable: "Not Acceptable"
    case .notReady: "Service Unavailable"
    case .unreadableFile, .internalFailure: "Internal Server Error"
    }
  }

  /// The sentence saying what was wrong and what to do.
  var detail: String {
    switch self {
    case .badRequest(let text), .unauthorized(let text), .forbidden(let text),
      .notFound(let text), .methodNotAllowed(let text), .notAcceptable(let text),
      .notReady(let text), .internalFailure(let text):
      text
    case .unreadableFile(let path, let reason): "The file \(path) \(reason)."
    }
  }
}
