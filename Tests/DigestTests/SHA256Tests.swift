import Foundation
import XCTest
import _Digest

/// SHA-256 against the published vectors of FIPS 180-2 (appendix B: "abc", the 448-bit
/// message and one million "a"; and the empty message, as `sha256sum` prints it).
final class SHA256Tests: XCTestCase {
  private let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

  func testPublishedVectors() {
    XCTAssertEqual(
      SHA256.hash(data: Data()).hex,
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    XCTAssertEqual(SHA256.hash(data: Data("abc".utf8)).hex, abc)
    XCTAssertEqual(
      SHA256.hash(data: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)).hex,
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    XCTAssertEqual(
      SHA256.hash(data: [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)).hex,
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  func testPiecesSlicesAndBufferPointersGiveTheWholeMessagesDigest() {
    var hasher = SHA256()
    hasher.update(data: Array("a".utf8))
    Array("bc".utf8).withUnsafeBytes { hasher.update(bufferPointer: $0) }
    XCTAssertEqual(hasher.finalize().hex, abc)
    let framed = Data("xxabcyy".utf8)
    XCTAssertEqual(
      SHA256.hash(data: framed[framed.startIndex + 2..<framed.startIndex + 5]).hex, abc)
    XCTAssertEqual(Array("abc".utf8).withUnsafeBytes { SHA256.hash(data: $0) }.hex, abc)
  }

  func testACopyContinuesApartAndFinalizeLeavesTheHasherAsItWas() {
    var first = SHA256()
    first.update(data: Array("ab".utf8))
    var second = first
    second.update(data: Array("c".utf8))
    XCTAssertEqual(second.finalize().hex, abc)
    XCTAssertEqual(first.finalize(), SHA256.hash(data: Array("ab".utf8)))
    first.update(data: Array("c".utf8))
    XCTAssertEqual(first.finalize(), second.finalize())
    XCTAssertEqual(Array(first.finalize()).count, SHA256.byteCount)
  }
}
