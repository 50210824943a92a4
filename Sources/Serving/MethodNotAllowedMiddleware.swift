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
    var response = try await ProblemMiddleware.routerResponse(
      .methodNotAllowed("Only GET and HEAD are served: the API is read-only."),
      path: request.uri.path)
    response.headers[.allow] = "GET, HEAD"
    return response
  }
}
