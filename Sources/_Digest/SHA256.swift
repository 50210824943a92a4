import Foundation
import _CLibcrypto

/// SHA-256 (FIPS 180-4) through OpenSSL's libcrypto: the digests of model artifacts, input
/// files, configurations, the audit chain and access tokens.
///
/// A value type: a copy of a hasher part-way through continues independently of the original.
/// The one module that calls libcrypto (why not swift-crypto: docs/engineering.md).
public struct SHA256: Sendable {
  /// Bytes in a digest.
  public static let byteCount = 32

  /// A finished digest: 32 bytes, compared and hashed by value.
  public struct Digest: Sequence, Hashable, Sendable {
    /// The digest's bytes, in order.
    public let bytes: [UInt8]

    public func makeIterator() -> IndexingIterator<[UInt8]> { bytes.makeIterator() }

    /// The digest as 64 lowercase hexadecimal digits.
    public var hex: String {
      let digits = Array("0123456789abcdef".utf8)
      var text: [UInt8] = []
      text.reserveCapacity(2 * bytes.count)
      for byte in bytes {
        text.append(digits[Int(byte >> 4)])
        text.append(digits[Int(byte & 0x0F)])
      }
      return String(decoding: text, as: UTF8.self)
    }
  }

  private var context: Context

  /// A hasher with nothing fed yet.
  public init() { context = Context() }

  /// Feeds `bytes`.
  public mutating func update(bufferPointer bytes: UnsafeRawBufferPointer) {
    if !isKnownUniquelyReferenced(&context) { context = context.copy() }
    context.update(bytes)
  }

  /// Feeds every byte of `data`, region by region.
  public mutating func update<D: DataProtocol>(data: D) {
    for region in data.regions {
      region.withUnsafeBytes { update(bufferPointer: $0) }
    }
  }

  /// The digest of everything fed so far; the hasher itself is left as it was.
  public func finalize() -> Digest { context.copy().finish() }

  /// The digest of `data` (bytes in memory, `Data`, a slice, `[UInt8]`).
  public static func hash<D: DataProtocol>(data: D) -> Digest {
    var hasher = SHA256()
    hasher.update(data: data)
    // The hasher is local and ends here: its context is finished without a copy.
    return hasher.context.finish()
  }
}

/// One libcrypto digest context, owned by one `SHA256` value at a time (copied on write).
private final class Context: @unchecked Sendable {
  private let pointer: OpaquePointer

  init() {
    // Allocation and initialisation fail only when memory does; there is no input to blame.
    guard let pointer = EVP_MD_CTX_new(), EVP_DigestInit_ex(pointer, EVP_sha256(), nil) == 1
    else { fatalError("libcrypto could not start a SHA-256 context") }
    self.pointer = pointer
  }

  private init(copying other: OpaquePointer) {
    guard let pointer = EVP_MD_CTX_new(), EVP_MD_CTX_copy_ex(pointer, other) == 1 else {
      fatalError("libcrypto could not copy a SHA-256 context")
    }
    self.pointer = pointer
  }

  deinit { EVP_MD_CTX_free(pointer) }

  func copy() -> Context { Context(copying: pointer) }

  func update(_ bytes: UnsafeRawBufferPointer) {
    guard bytes.count > 0, let base = bytes.baseAddress else { return }
    guard EVP_DigestUpdate(pointer, base, bytes.count) == 1 else {
      fatalError("libcrypto could not update a SHA-256 context")
    }
  }

  /// Ends this context (it is not used again) and returns its digest.
  func finish() -> SHA256.Digest {
    var out = [UInt8](repeating: 0, count: SHA256.byteCount)
    var length: UInt32 = 0
    guard EVP_DigestFinal_ex(pointer, &out, &length) == 1, length == SHA256.byteCount else {
      fatalError("libcrypto could not finish a SHA-256 digest")
    }
    return SHA256.Digest(bytes: out)
  }
}
