import Hummingbird

/// The API is read-only: any method but GET is answered 405 with `Allow: GET` and a
/// problem-details body, whatever the path (the contract lists GET alone).
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
  func handle(
    _ request: Request, context: Context,
    next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    guard request.method != .get else { return try await next(request, context) }
    let problem = ProblemMiddleware.problem(
      .methodNotAllowed("Only GET is served: the API is read-only."), path: request.uri.path)
    var headers = problem.0.headerFields
    headers[.allow] = "GET"
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
