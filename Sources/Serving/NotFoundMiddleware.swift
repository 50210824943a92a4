import Hummingbird

/// A path the API does not have (`/`, `/v1/nosuch`) is answered 404 with a problem-details
/// body naming the contract, as every other error is, instead of the router's empty 404.
struct NotFoundMiddleware<Context: RequestContext>: RouterMiddleware {
  func handle(
    _ request: Request, context: Context,
    next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    do {
      return try await next(request, context)
    } catch let error as HTTPError where error.status == .notFound {
      return try await ProblemMiddleware.routerResponse(
        .notFound(
          "No such path: \(request.uri.path). The API's paths are under /v1 (docs/api.md; "
            + "the contract is the OpenAPI document Sources/Serving/openapi.yaml)."),
        path: request.uri.path)
    }
  }
}
