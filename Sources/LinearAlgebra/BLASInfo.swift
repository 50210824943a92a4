import _CBLAS

/// Which OpenBLAS build is doing the arithmetic, for `shelfcast version` and run reports.
///
/// Results can differ in their last digits between OpenBLAS kernels (the core chosen at run time
/// for the CPU) and thread counts, so reports record this next to numbers they publish.
public struct BLASInfo: Equatable, Sendable, CustomStringConvertible {
  /// The kernel family OpenBLAS selected for this CPU, such as `Haswell` or `SkylakeX`.
  public let corename: String
  /// The number of threads OpenBLAS will use for a large operation.
  public let threads: Int
  /// OpenBLAS's build description: version, interface width and threading model.
  public let config: String

  public init(corename: String, threads: Int, config: String) {
    self.corename = corename
    self.threads = threads
    self.config = config
  }

  /// The OpenBLAS in use by this process, read through `openblas_get_corename`,
  /// `openblas_get_num_threads` and `openblas_get_config`.
  ///
  /// Read afresh on each access. The thread count is 1: ShelfCast runs OpenBLAS on the calling
  /// thread (`BLASThreading`).
  public static var current: BLASInfo {
    BLASThreading.configured
    return BLASInfo(
      corename: string(openblas_get_corename()),
      threads: Int(openblas_get_num_threads()),
      config: string(openblas_get_config()))
  }

  /// One line, for example `OpenBLAS 0.3.21 DYNAMIC_ARCH … (core Haswell, 2 threads)`.
  public var description: String {
    let threadWord = threads == 1 ? "thread" : "threads"
    return "\(config) (core \(corename), \(threads) \(threadWord))"
  }

  private static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
    guard let pointer else { return "unknown" }
    return String(cString: pointer).trimmingWhitespace()
  }
}

extension String {
  fileprivate func trimmingWhitespace() -> String {
    var scalars = Substring(self)
    while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
