import DemandCore

/// Why a chain could not be generated. Each description is a sentence that says what to change.
public enum GeneratorError: Error, Equatable, Sendable, CustomStringConvertible {
  /// `storeCount` is below 1 or above `ChainConfiguration.maximumStoreCount`.
  case storeCountOutOfRange(Int)
  /// `skuCount` is below 1 or above `ChainConfiguration.maximumSKUCount`.
  case skuCountOutOfRange(Int)
  /// `storeCount × skuCount` is above `ChainConfiguration.maximumSeriesCount`.
  case tooManySeries(storeCount: Int, skuCount: Int)
  /// `dayCount` is below 1 or above `ChainConfiguration.maximumDayCount`.
  case dayCountOutOfRange(Int)
  /// `transactionDayCount` is negative or larger than `dayCount`.
  case transactionDayCountOutOfRange(Int, dayCount: Int)
  /// The timeline from `start` (simulated days plus 91 future days) leaves `Day.supportedYears`.
  case datesOutOfRange(start: Day, dayCount: Int)
  /// `driftShare` is not a number in `0...1`.
  case driftShareOutOfRange(Double)
  /// `driftStart` is not after `start` or is after the last simulated day.
  case driftStartOutOfRange(Day, start: Day, lastDay: Day)
  /// `truthStart` is before `start` or after the last future day (`horizonEnd`).
  case truthStartOutOfRange(Day, start: Day, horizonEnd: Day)
  /// The output directory already holds files; the generator never mixes two chains.
  case directoryNotEmpty(path: String)
  /// A file or directory could not be created or written; `reason` is the system's message.
  case outputFailed(path: String, reason: String)
  /// The caller's `Cancellation` asked for a stop before the chain was complete.
  case stopped

  public var description: String {
    switch self {
    case .storeCountOutOfRange(let count):
      return "The chain needs between 1 and \(ChainConfiguration.maximumStoreCount) stores, "
        + "not \(count). Please choose a store count in that range."
    case .skuCountOutOfRange(let count):
      return "The chain needs between 1 and \(ChainConfiguration.maximumSKUCount) SKUs, "
        + "not \(count). Please choose a SKU count in that range."
    case .tooManySeries(let storeCount, let skuCount):
      return
        "\(storeCount) stores × \(skuCount) SKUs make \(storeCount * skuCount) series, more than "
        + "the \(ChainConfiguration.maximumSeriesCount) the generator holds in memory. "
        + "Please choose fewer stores or SKUs."
    case .dayCountOutOfRange(let count):
      return "The chain needs between 1 and \(ChainConfiguration.maximumDayCount) simulated days, "
        + "not \(count). Please choose a day count in that range."
    case .transactionDayCountOutOfRange(let count, let dayCount):
      return "\(count) transaction days do not fit in \(dayCount) simulated days. "
        + "Please choose between 0 and \(dayCount) transaction days, or simulate more days."
    case .datesOutOfRange(let start, let dayCount):
      return "\(dayCount) days from \(start) (including 91 future days) leave the supported years "
        + "\(Day.supportedYears.lowerBound)–\(Day.supportedYears.upperBound). "
        + "Please choose an earlier start or fewer days."
    case .driftShareOutOfRange(let share):
      return "The drift share must be a fraction between 0 and 1, not \(share). "
        + "Please pass e.g. 0.1 for 10 % of series."
    case .driftStartOutOfRange(let day, let start, let lastDay):
      return "The drift start \(day) is outside the simulated days after \(start) through "
        + "\(lastDay). Please choose a drift start in that range, or no drift."
    case .truthStartOutOfRange(let day, let start, let horizonEnd):
      return "The truth start \(day) is outside the timeline \(start) through \(horizonEnd). "
        + "Please choose a truth start in that range, or leave it out for the whole truth."
    case .directoryNotEmpty(let path):
      return "The output directory \(path) already contains files. "
        + "Please choose a new or empty directory, or remove the old chain first."
    case .outputFailed(let path, let reason):
      return "Could not write \(path): \(reason). "
        + "Please check that the location is writable and has free space."
    case .stopped:
      return "The generation was stopped on request before the chain was complete. "
        + "Please run it again: it starts over."
    }
  }
}
