import Hummingbird
import OpenAPIRuntime

/// The rest of the chain a `ServerMiddleware` hands a request on to (the next middleware, or
/// the generated handler), as `ServerMiddleware.intercept` declares it.
typealias MiddlewareNext =
  @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (
    HTTPResponse, HTTPBody?
  )
