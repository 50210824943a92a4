import Dispatch
import Foundation

extension IngestRunner {
  /// Prepares data files on `options.workers` threads while one more thread commits them, in
  /// path order, as they become ready.
  ///
  /// Commits are serial (one writer) and partly wait on the disk (`fsync` of the WAL); on their
  /// own thread that waiting overlaps parsing instead of idling a worker. At most
  /// `workers + 1` prepared files wait in memory, so memory stays bounded whatever the count.
  func runPipelined(
    _ files: [RecognisedFile], context: ValidationContext, progressBase: Int, total: Int
  ) -> [FileReport] {
    let handoff = OrderedHandoff<Prepared>(count: files.count, window: options.workers + 1)
    let reports = ReportSlots(count: files.count)
    let finished = DispatchSemaphore(value: 0)
    let committer = Thread {
      for i in files.indices {
        let prepared = handoff.take(i)
        let commitStart = DispatchTime.now()
        reports.set(i, commit(prepared))
        options.logger.debug(
          "\(files[i].name): committed in \(Self.seconds(since: commitStart)) s")
        options.progress?(progressBase + i + 1, total, files[i].name)
      }
      finished.signal()
    }
    committer.start()
    DispatchQueue.concurrentPerform(iterations: files.count) { i in
      handoff.waitForRoom(i)
      let prepareStart = DispatchTime.now()
      let prepared = prepare(files[i], context: context)
      options.logger.debug("\(files[i].name): prepared in \(Self.seconds(since: prepareStart)) s")
      handoff.put(i, prepared)
    }
    finished.wait()
    return reports.all()
  }
}

/// Hands items from parallel producers to one consumer in index order, with at most `window`
/// items produced ahead of the consumer.
///
/// Producers must claim indices in increasing order (as `concurrentPerform` does), so the item
/// the consumer waits for is always being produced and no one waits forever.
final class OrderedHandoff<Item: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var slots: [Item?]
  private var taken = 0
  private let window: Int

  init(count: Int, window: Int) {
    slots = Array(repeating: nil, count: count)
    self.window = max(1, window)
  }

  /// Blocks until item `index` is within the window of the consumer's position.
  func waitForRoom(_ index: Int) {
    condition.lock()
    while index >= taken + window { condition.wait() }
    condition.unlock()
  }

  func put(_ index: Int, _ item: Item) {
    condition.lock()
    slots[index] = item
    condition.broadcast()
    condition.unlock()
  }

  /// Blocks until item `index` has been put, then removes and returns it.
  func take(_ index: Int) -> Item {
    condition.lock()
    defer { condition.unlock() }
    while slots[index] == nil { condition.wait() }
    guard let item = slots[index] else { preconditionFailure("item \(index) vanished") }
    slots[index] = nil
    taken = index + 1
    condition.broadcast()
    return item
  }
}
