/// Times of day in transaction files: `HH:MM` or `HH:MM:SS`, 00:00 to 23:59:59.
enum TimeOfDay {
  /// The second of the day (0..<86 400) of `bytes`, or `nil` when they are not a time.
  static func secondOfDay(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard bytes.count == 5 || bytes.count == 8 else { return nil }
    func twoDigits(_ at: Int) -> Int? {
      let high = Int(bytes[at]) - 48
      let low = Int(bytes[at + 1]) - 48
      guard (0...9).contains(high), (0...9).contains(low) else { return nil }
      return high * 10 + low
    }
    guard let hour = twoDigits(0), hour < 24, bytes[2] == UInt8(ascii: ":"),
      let minute = twoDigits(3), minute < 60
    else { return nil }
    var second = 0
    if bytes.count == 8 {
      guard bytes[5] == UInt8(ascii: ":"), let parsed = twoDigits(6), parsed < 60 else {
        return nil
      }
      second = parsed
    }
    return hour * 3600 + minute * 60 + second
  }

  /// The second of the day after the date of a `YYYY-MM-DDTHH:MM[:SS]` field (`bytes` longer
  /// than ten), or `nil` when what follows the date is not `T` and a time.
  static func secondOfDay(afterDate bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard bytes.count > 11, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ")
    else { return nil }
    return secondOfDay(UnsafeBufferPointer(rebasing: bytes[11...]))
  }
}
