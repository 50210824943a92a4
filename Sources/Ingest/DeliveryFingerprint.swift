import DemandCore
import History

/// The identity of a transaction line as a 64-bit number, to recognise a line delivered twice.
///
/// A line is identified by its store, day, SKU and transaction id. A till may scan the same SKU
/// twice in one transaction, so equal fingerprints are counted, not merged: a file is a multiset
/// of fingerprints, and a later file's lines with fingerprint f are re-deliveries up to the number
/// of f that earlier files stored, new beyond it (the third scan of a SKU in a transaction that was
/// delivered with two). Quantities and prices are not part of the identity, so a re-delivery with
/// corrected numbers is still a re-delivery (corrections go through `--replace`).
///
/// Store and SKU enter as their database keys, which never change, so fingerprints stored months
/// ago stay comparable. The hash is fixed here (not Swift's seeded `Hasher`) for the same reason.
/// It is not cryptographic: two different lines of the same store and day collide with
/// probability about n² / 2⁶⁵ (n lines of that store and day; 1e-13 for n = 2,000), and only a
/// store/day delivered twice is ever compared.
enum DeliveryFingerprint {
  /// The part of every fingerprint of one store and day, computed once per store/day.
  @inline(__always)
  static func cellSeed(storeKey: Int32, day: Day) -> UInt64 {
    mix(
      0x5348_454C_4643_4153  // "SHELFCAS"
        ^ (UInt64(UInt32(bitPattern: storeKey)) << 32
          | UInt64(UInt32(bitPattern: day.daysSinceEpoch))))
  }

  /// The fingerprint of a line of the store/day `cellSeed` stands for.
  @inline(__always)
  static func line(cellSeed: UInt64, skuKey: Int32, transaction: UnsafeBufferPointer<UInt8>)
    -> UInt64
  {
    var h = mix(cellSeed ^ (UInt64(UInt32(bitPattern: skuKey)) | UInt64(transaction.count) << 32))
    guard let bytes = transaction.baseAddress else { return h }
    var i = 0
    let count = transaction.count
    while i + 8 <= count {
      h = mix(h ^ UnsafeRawPointer(bytes + i).loadUnaligned(as: UInt64.self).littleEndian)
      i += 8
    }
    if i < count {
      var tail: UInt64 = 0
      var shift: UInt64 = 0
      while i < count {
        tail |= UInt64(bytes[i]) << shift
        shift += 8
        i += 1
      }
      h = mix(h ^ tail)
    }
    return h
  }

  /// The fingerprint of a line, in one call (cold paths and tests).
  static func line(
    storeKey: Int32, day: Day, skuKey: Int32, transaction: UnsafeBufferPointer<UInt8>
  ) -> UInt64 {
    line(cellSeed: cellSeed(storeKey: storeKey, day: day), skuKey: skuKey, transaction: transaction)
  }

  /// A bijective 64-bit mixer (the one of `splitmix64`'s output): every input bit affects every
  /// output bit.
  @inline(__always)
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// What earlier files delivered of a file's stores and days, to set its re-deliveries aside as
/// the file is read again:
/// - transaction lines: for each fingerprint, how many more lines with it are re-deliveries, and
///   from which file, consumed in file order;
/// - demand cells (store, day, SKU) an earlier file stored a total for (`EarlierDemand`): a
///   daily-demand row gives a cell's whole total, so one for a cell already stored repeats it,
///   whether the earlier file was daily demand or transactions (and a transaction line for a cell
///   a daily-demand file stored adds to a total already given; the caller passes only those
///   files' cells for a transaction file).
struct DuplicateFilter: Sendable {
  /// A store/SKU/day by database keys.
  struct Cell: Hashable, Sendable {
    var storeKey: Int32
    var day: Int32
    var skuKey: Int32
  }
  /// One earlier file's copies of a fingerprint; `next` indexes `more` (another file), or is -1.
  struct Slot: Sendable {
    var file: Int32
    var count: Int32
    var next: Int32
  }

  private var files: [String] = []
  private var remaining: [UInt64: Slot] = [:]
  /// Slots of fingerprints that several earlier files delivered (rare).
  private var more: [Slot] = []
  /// The oldest earlier file that stored each demand cell (an index of `cellFiles`).
  private var cells: [Cell: Int32] = [:]
  private var cellFiles: [String] = []

  /// - Parameters:
  ///   - earlier: the transaction lines of the file's stores and days, oldest file first.
  ///   - demand: the demand cells earlier files stored for those stores and days, oldest first.
  init(earlier: [EarlierDelivery], demand: [EarlierDemand] = []) {
    var fileIndex: [String: Int32] = [:]
    for stored in demand {
      let file =
        fileIndex[stored.fileName]
        ?? {
          cellFiles.append(stored.fileName)
          fileIndex[stored.fileName] = Int32(cellFiles.count - 1)
          return Int32(cellFiles.count - 1)
        }()
      for skuKey in stored.skuKeys {
        let cell = Cell(storeKey: stored.storeKey, day: stored.day.daysSinceEpoch, skuKey: skuKey)
        if cells[cell] == nil { cells[cell] = file }
      }
    }
    remaining.reserveCapacity(earlier.reduce(0) { $0 + $1.fingerprints.count })
    for delivery in earlier {
      if files.last != delivery.fileName { files.append(delivery.fileName) }
      let file = Int32(files.count - 1)
      for fingerprint in delivery.fingerprints {
        guard var slot = remaining[fingerprint] else {
          remaining[fingerprint] = Slot(file: file, count: 1, next: -1)
          continue
        }
        if slot.next < 0 && slot.file == file {
          slot.count += 1
          remaining[fingerprint] = slot
          continue
        }
        // Walk to the chain's last slot; count there or start one for this file.
        var index = -1
        var last = slot
        while last.next >= 0 {
          index = Int(last.next)
          last = more[index]
        }
        if last.file == file {
          more[index].count += 1
        } else {
          more.append(Slot(file: file, count: 1, next: -1))
          if index < 0 {
            slot.next = Int32(more.count - 1)
            remaining[fingerprint] = slot
          } else {
            more[index].next = Int32(more.count - 1)
          }
        }
      }
    }
  }

  var isEmpty: Bool { remaining.isEmpty && cells.isEmpty }

  /// The earlier file that stored demand for this store/SKU/day, if one did.
  func cellFile(storeKey: Int32, day: Day, skuKey: Int32) -> String? {
    guard !cells.isEmpty,
      let file = cells[Cell(storeKey: storeKey, day: day.daysSinceEpoch, skuKey: skuKey)]
    else { return nil }
    return cellFiles[Int(file)]
  }

  /// Whether any of `fingerprints` was delivered before.
  func matchesAny(_ fingerprints: [UInt64]) -> Bool {
    fingerprints.contains { remaining[$0] != nil }
  }

  /// The file that delivered this line before, if it did (then that copy is used up).
  mutating func claim(_ fingerprint: UInt64) -> String? {
    guard var slot = remaining[fingerprint] else { return nil }
    let file = files[Int(slot.file)]
    if slot.count > 1 {
      slot.count -= 1
      remaining[fingerprint] = slot
    } else if slot.next >= 0 {
      remaining[fingerprint] = more[Int(slot.next)]
    } else {
      remaining[fingerprint] = nil
    }
    return file
  }
}
