import Dispatch
import Foundation
import _Parallel

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
