#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Maps identifier bytes (`S001`, `P00042`) to a dense index without building a `String` per row.
///
/// Written by hand because it sits on the ingest hot path (two lookups per transaction line, ten
/// million lines a month): open addressing with linear probing over FNV-1a hashes, the keys' bytes
/// kept in one arena. A class over manually allocated memory so that lookups cost no reference
/// counting; immutable after construction (hence `@unchecked Sendable`), so worker threads share it.
final class IdentifierTable: @unchecked Sendable {
  private let slots: UnsafeMutablePointer<Int32>  // index into `offsets`, or -1
  private let mask: Int
  private let arena: UnsafeMutablePointer<UInt8>
  private let offsets: UnsafeMutablePointer<Int>
  /// The first eight bytes of each identifier, zero-padded: ids of up to eight bytes (all the
  /// usual ones) are compared as one word.
  private let words: UnsafeMutablePointer<UInt64>
  let identifiers: [String]

  init(_ identifiers: [String]) {
    self.identifiers = identifiers
    var capacity = 16
    while capacity < identifiers.count * 3 { capacity <<= 1 }
    mask = capacity - 1
    slots = .allocate(capacity: capacity)
    slots.initialize(repeating: -1, count: capacity)
    let totalBytes = identifiers.reduce(0) { $0 + $1.utf8.count }
    arena = .allocate(capacity: max(totalBytes, 1))
    offsets = .allocate(capacity: identifiers.count + 1)
    words = .allocate(capacity: max(identifiers.count, 1))
    offsets[0] = 0
    var filled = 0
    for (index, id) in identifiers.enumerated() {
      for byte in id.utf8 {
        arena[filled] = byte
        filled += 1
      }
      offsets[index + 1] = filled
      let (hash, word) = IdentifierTable.hash(arena + offsets[index], id.utf8.count)
      words[index] = word
      var slot = hash & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(index)
    }
  }

  deinit {
    slots.deallocate()
    arena.deallocate()
    offsets.deallocate()
    words.deallocate()
  }

  var count: Int { identifiers.count }

  /// A hash of the bytes, and the first eight bytes as a little-endian word (zero-padded).
  ///
  /// Ids of up to eight bytes (all the usual ones) are hashed from their word by one multiply
  /// and a fold of the high half into the low (Fibonacci hashing: the high product bits depend on
  /// every byte, where the low ones would see only the shared prefix such as `P0`). Longer ids
  /// use FNV-1a.
  @inline(__always)
  static func hash(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> (hash: Int, word: UInt64) {
    var word: UInt64 = 0
    for i in 0..<min(count, 8) { word |= UInt64(bytes[i]) << (UInt64(i) &* 8) }
    var h: UInt64
    if count <= 8 {
      h = (word ^ UInt64(truncatingIfNeeded: count) << 56) &* 0x9E37_79B9_7F4A_7C15
    } else {
      h = 0xcbf2_9ce4_8422_2325
      for i in 0..<count {
        h ^= UInt64(bytes[i])
        h = h &* 0x100_0000_01b3
      }
    }
    return (Int(truncatingIfNeeded: h ^ (h >> 32)), word)
  }

  /// The index of the identifier spelled by `bytes`, or `nil`.
  @inline(__always)
  func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let base = bytes.baseAddress else { return nil }
    let length = bytes.count
    let (hash, word) = IdentifierTable.hash(base, length)
    var slot = hash & mask
    while true {
      let candidate = Int(slots[slot])
      if candidate < 0 { return nil }
      let start = offsets[candidate]
      if offsets[candidate + 1] - start == length, words[candidate] == word,
        length <= 8 || memcmp(arena + start, base, length) == 0
      {
        return candidate
      }
      slot = (slot + 1) & mask
    }
  }
}
