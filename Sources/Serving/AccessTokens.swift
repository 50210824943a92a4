import Foundation
import _Digest

/// Who a bearer token speaks for.
public enum AccessRole: Sendable, Equatable {
  /// Reads its own stores' recommendations, forecasts, explanations and forecast-vs-actual.
  case merchandiser(stores: Set<String>)
  /// Reads everything the API serves.
  case analyst

  /// True when the role may read store `store`'s paths.
  func mayRead(store: String) -> Bool {
    switch self {
    case .analyst: true
    case .merchandiser(let stores): stores.contains(store)
    }
  }
}

/// The `--tokens` file: bearer tokens kept as the SHA-256 of their text (lowercase hex), never
/// the tokens themselves, each with its role. One token a line, `#` starts a comment:
///
/// ```
/// # sha256-hex                                                       role          stores
/// 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08   analyst
/// 60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752   merchandiser  S001,S002
/// ```
///
/// `shelfcast token hash --role …` prints a token's line (`line(token:role:)`), as
/// `printf %s "$TOKEN" | sha256sum` prints its hash.
public struct AccessTokens: Sendable {
  private let roles: [String: AccessRole]

  /// The number of tokens.
  public var count: Int { roles.count }

  /// Parses the file's text.
  /// - Throws: `AccessTokensError.invalidLine` naming the line and what is wrong.
  public init(text: String, path: String) throws {
    var roles: [String: AccessRole] = [:]
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
      let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
      guard !words.isEmpty else { continue }
      func fail(_ reason: String) -> AccessTokensError {
        AccessTokensError.invalidLine(path: path, line: index + 1, reason: reason)
      }
      let hash = words[0].lowercased()
      guard hash.count == 64, hash.allSatisfy({ $0.isHexDigit }) else {
        throw fail("the first word must be a token's SHA-256 as 64 hex digits")
      }
      guard roles[hash] == nil else { throw fail("the token is listed twice") }
      switch words.count >= 2 ? String(words[1]) : "" {
      case "analyst" where words.count == 2:
        roles[hash] = .analyst
      case "merchandiser" where words.count == 3:
        let stores = words[2].split(separator: ",").map(String.init)
        guard !stores.isEmpty else { throw fail("a merchandiser needs a list of stores") }
        roles[hash] = .merchandiser(stores: Set(stores))
      default:
        throw fail(
          "expected `<sha256> analyst` or `<sha256> merchandiser <store>,<store>,...`")
      }
    }
    self.roles = roles
  }

  /// Reads `path`.
  /// - Throws: `AccessTokensError.unreadable`, `.invalidLine`.
  public init(path: String) throws {
    guard let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8)
    else { throw AccessTokensError.unreadable(path: path) }
    try self.init(text: text, path: path)
  }

  /// The role of `token`, or nil for a token the file does not list.
  func role(of token: String) -> AccessRole? { roles[Self.hash(token)] }

  /// The file's line for `token` with `role`: its SHA-256, the role and a merchandiser's stores
  /// (sorted), as `init(text:path:)` reads it back.
  /// - Throws: `AccessTokensError.invalidToken` unless `token` is 1 to 512 visible ASCII
  ///   characters (what a client can send after `Bearer `).
  public static func line(token: String, role: AccessRole) throws -> String {
    guard (1...512).contains(token.utf8.count) else {
      throw AccessTokensError.invalidToken(
        reason: token.isEmpty ? "it is empty" : "it is longer than 512 characters")
    }
    guard token.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
      throw AccessTokensError.invalidToken(
        reason: "it holds a space, a control character or a non-ASCII character")
    }
    switch role {
    case .analyst:
      return hash(token) + "   analyst"
    case .merchandiser(let stores):
      return hash(token) + "   merchandiser  " + stores.sorted().joined(separator: ",")
    }
  }

  /// A token's SHA-256 as 64 lowercase hex digits, as the file keeps it.
  public static func hash(_ token: String) -> String {
    SHA256.hash(data: Data(token.utf8)).hex
  }
}

/// A `--tokens` file that cannot be used.
public enum AccessTokensError: Error, Equatable, CustomStringConvertible {
  case unreadable(path: String)
  case invalidLine(path: String, line: Int, reason: String)
  /// A token that cannot be sent as a bearer token.
  case invalidToken(reason: String)

  public var description: String {
    switch self {
    case .unreadable(let path): "The tokens file \(path) cannot be read as UTF-8 text."
    case .invalidLine(let path, let line, let reason): "\(path), line \(line): \(reason)."
    case .invalidToken(let reason):
      "The token cannot be used (\(reason)): give 1 to 512 visible ASCII characters, no spaces."
    }
  }
}
