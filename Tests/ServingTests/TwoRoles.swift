@testable import Serving

/// An analyst and a merchandiser of store S001, with their tokens and request headers: the
/// roles the access tests check answers against.
enum TwoRoles {
  /// The tokens file's entries for both, as `--tokens` reads them.
  static func tokens() throws -> AccessTokens {
    try AccessTokens(
      text: "\(AccessTokens.hash("analyst-secret")) analyst\n"
        + "\(AccessTokens.hash("merch-secret")) merchandiser S001\n",
      path: "t")
  }

  static let analyst = ["Authorization": "Bearer analyst-secret"]
  static let merchandiser = ["Authorization": "Bearer merch-secret"]
}
