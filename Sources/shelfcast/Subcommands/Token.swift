import ArgumentParser
import Foundation
import Serving

extension ShelfCast {
  struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "token",
      abstract: "Make the lines of a `serve --tokens` file (docs/api.md).",
      discussion: """
        The tokens file of `shelfcast serve --tokens` keeps each bearer token's SHA-256, never \
        the token. `token hash` reads a token from standard input and prints its line.
        """,
      subcommands: [Hash.self])
  }
}

extension ShelfCast.TokenCommand {
  struct Hash: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the tokens-file line of a token read from standard input.",
      discussion: """
        Reads the token from standard input (one line; its line break is not part of it), \
        never from the command line, and prints `<sha256> <role> [stores]` to add to the \
        tokens file; the token itself is neither printed nor logged. A token is 1 to 512 \
        visible ASCII characters (no spaces). Example: `openssl rand -hex 24 | tee token.txt | \
        shelfcast token hash --role merchandiser --stores S001,S002 >> tokens`.
        """)

    @Option(help: "The token's role: analyst (reads everything) or merchandiser (its stores).")
    var role: AccessRoleName

    @Option(help: "A merchandiser's stores, comma-separated (S001,S002).")
    var stores: String?

    func validate() throws {
      switch role {
      case .analyst where stores != nil:
        throw ValidationError("An analyst reads every store: give --stores only to a merchandiser.")
      case .merchandiser where (stores ?? "").split(separator: ",").isEmpty:
        throw ValidationError("Please give a merchandiser's stores with --stores S001,S002.")
      default:
        break
      }
      if let stores, let bad = stores.split(separator: ",").first(where: { !Self.isStoreID($0) }) {
        throw ValidationError(
          "Please give --stores as store ids separated by commas (letters, digits, ., _, -; "
            + "got '\(bad)').")
      }
    }

    func run() throws {
      let input = FileHandle.standardInput.readDataToEndOfFile()
      guard let text = String(data: input, encoding: .utf8) else {
        throw UsageFailure.exit("The token on standard input is not UTF-8 text.")
      }
      let line: String
      do {
        line = try AccessTokens.line(token: Self.token(text), role: role.role(stores: stores))
      } catch {
        throw UsageFailure.exit("\(error)")
      }
      print(line)
    }

    /// The token of `text`, standard input: one line, its line ending removed.
    static func token(_ text: String) -> String {
      // By bytes: "\r\n" is one Character.
      var bytes = Array(text.utf8)
      if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
      if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
      return String(decoding: bytes, as: UTF8.self)
    }

    static func isStoreID(_ text: Substring) -> Bool {
      !text.isEmpty && text.count <= 64
        && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }
  }
}

/// The roles `token hash --role` takes.
enum AccessRoleName: String, ExpressibleByArgument, CaseIterable {
  case analyst
  case merchandiser

  func role(stores: String?) -> AccessRole {
    switch self {
    case .analyst: .analyst
    case .merchandiser:
      .merchandiser(stores: Set((stores ?? "").split(separator: ",").map(String.init)))
    }
  }
}
