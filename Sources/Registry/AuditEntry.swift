import Foundation
import _Digest

/// What an audit entry records: a stable lowercase name. The registry writes `register`,
/// `promote`, `rollback` and `reject`; ingests, trainings and configuration changes use the
/// others, and callers may name their own.
public struct AuditAction: RawRepresentable, Hashable, Sendable, Codable,
  ExpressibleByStringLiteral, CustomStringConvertible
{
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public init(stringLiteral value: String) { rawValue = value }
  public var description: String { rawValue }

  public static let register: AuditAction = "register"
  public static let promote: AuditAction = "promote"
  public static let rollback: AuditAction = "rollback"
  public static let reject: AuditAction = "reject"
  public static let ingest: AuditAction = "ingest"
  public static let train: AuditAction = "train"
  public static let configurationChange: AuditAction = "config_change"
}

/// One entry of the audit log, as stored.
///
/// `hash` = SHA-256(`previousHash` as 32 raw bytes ‖ `canonicalBytes`), in lowercase hex; the
/// first entry's `previousHash` is 64 zeros. The canonical bytes are the fields `seq`, `at`,
/// `user`, `host`, `action`, `subject` and `details`, in that order, each written as its UTF-8
/// byte count in decimal, a colon, its UTF-8 bytes and a line feed (`seq` in decimal). The
/// length prefixes make the encoding unambiguous whatever a field contains; `seq` inside it
/// makes an entry moved to another position fail its own hash.
public struct AuditEntry: Sendable, Equatable, Codable {
  /// Position in the log, from 1, without gaps.
  public var seq: Int64
  /// When, ISO 8601 in UTC with milliseconds.
  public var at: String
  public var user: String
  public var host: String
  public var action: AuditAction
  /// What the entry is about: a model version (`v0003`), a file, a configuration path.
  public var subject: String
  /// Sorted-key JSON, stored and hashed byte for byte as written.
  public var details: String
  public var previousHash: String
  public var hash: String

  /// The previous hash of the first entry.
  public static let genesisHash = String(repeating: "0", count: 64)

  /// The bytes hashed after the previous hash (see the type's documentation).
  public var canonicalBytes: [UInt8] {
    var bytes: [UInt8] = []
    for field in [String(seq), at, user, host, action.rawValue, subject, details] {
      let utf8 = Array(field.utf8)
      bytes.append(contentsOf: Array(String(utf8.count).utf8))
      bytes.append(UInt8(ascii: ":"))
      bytes.append(contentsOf: utf8)
      bytes.append(UInt8(ascii: "\n"))
    }
    return bytes
  }

  /// SHA-256(previous hash ‖ canonical bytes) in lowercase hex, or `nil` when `previousHash` is
  /// not 64 hex digits.
  public func computedHash() -> String? {
    guard let previous = Hex.bytes(previousHash), previous.count == 32 else { return nil }
    var hasher = SHA256()
    hasher.update(data: previous)
    hasher.update(data: canonicalBytes)
    return hasher.finalize().hex
  }
}

/// Bytes back from lowercase hexadecimal text (`SHA256.Digest.hex` makes the text).
enum Hex {
  /// The bytes of lowercase hex text; `nil` for odd lengths or other characters.
  static func bytes(_ text: String) -> [UInt8]? {
    let utf8 = Array(text.utf8)
    guard utf8.count % 2 == 0 else { return nil }
    func value(_ c: UInt8) -> UInt8? {
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
      default: return nil
      }
    }
    var out: [UInt8] = []
    out.reserveCapacity(utf8.count / 2)
    var index = 0
    while index < utf8.count {
      guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
      out.append(high << 4 | low)
      index += 2
    }
    return out
  }

  /// Whether `text` is a SHA-256 in lowercase hex.
  static func isSHA256(_ text: String) -> Bool { text.utf8.count == 64 && bytes(text) != nil }
}
