import Hummingbird

/// The API is read-only: any method but GET and HEAD is answered 405 with `Allow: GET, HEAD` and
/// a problem-details body, whatever the path (the contract lists GET alone; HEAD is GET without
/// the body, as HTTP requires of a server that has GET, and the router answers it so).
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
  func handle(
    _ request: Request, context: Context,
    next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    guard request.method != .get, request.method != .head else {
      return try await next(request, context)
    }
    let problem = ProblemMiddleware.problem(
      .methodNotAllowed("Only GET and HEAD are served: the API is read-only."),
      path: request.uri.path)
    var headers = problem.0.headerFields
    headers[.allow] = "GET, HEAD"
    let body: ResponseBody
    if let bytes = problem.1 {
      body = ResponseBody(
        byteBuffer: ByteBuffer(bytes: try await [UInt8](collecting: bytes, upTo: 1 << 16)))
    } else {
      body = ResponseBody()
    }
    return Response(status: .methodNotAllowed, headers: headers, body: body)
  }
}
