// The drift benchmark's driver (`make bench-drift`, Benchmarks/bench-drift.sh): runs the drift
// stage on every day around a known drift onset, on a chain generated with drift and on its
// twin generated without, and prints detection and false-alarm rates against the generator's
// truth. Not a product; the script builds it in release.
//
//   DriftBench --workspace W --twin-workspace T --truth drifted_series.csv --onset YYYY-MM-DD
//              [--days-before 14] [--days-after 14] [--within 7] [--chunk 10] [--out DIR]
//              [--settings drift-settings.json]  (DriftSettings, snake_case keys)

import DemandCore
import Foundation
import Monitoring
import Pipeline

struct Options {
  var workspace = ""
  var twinWorkspace = ""
  var truth = ""
  var onset = Day(daysSinceEpoch: 0)
  var daysBefore = 14
  var daysAfter = 14
  var within = 7
  var chunk = 10
  var out: String?
  var settings = DriftSettings()

  init(arguments: [String]) throws {
    var values: [String: String] = [:]
    var index = 0
    while index < arguments.count {
      let name = arguments[index]
      guard name.hasPrefix("--"), index + 1 < arguments.count else {
        throw BenchError.usage("expected --option value pairs, got \(name)")
      }
      values[String(name.dropFirst(2))] = arguments[index + 1]
      index += 2
    }
    func integer(_ key: String, _ fallback: Int) throws -> Int {
      guard let text = values[key] else { return fallback }
      guard let value = Int(text), value >= 0 else {
        throw BenchError.usage("--\(key) must be a whole number ≥ 0, got \(text)")
      }
      return value
    }
    guard let workspace = values["workspace"], let twin = values["twin-workspace"],
      let truth = values["truth"], let onsetText = values["onset"]
    else {
      throw BenchError.usage("--workspace, --twin-workspace, --truth and --onset are required")
    }
    guard let onset = Day(iso: onsetText) else {
      throw BenchError.usage("--onset must be YYYY-MM-DD, got \(onsetText)")
    }
    self.workspace = workspace
    twinWorkspace = twin
    self.truth = truth
    self.onset = onset
    daysBefore = try integer("days-before", daysBefore)
    daysAfter = try integer("days-after", daysAfter)
    within = try integer("within", within)
    chunk = max(1, try integer("chunk", chunk))
    out = values["out"]
    if let path = values["settings"] {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw BenchError.usage("cannot read --settings \(path)")
      }
      settings = try JSONDecoder().decode(DriftSettings.self, from: data)
    }
  }
}

enum BenchError: Error, CustomStringConvertible {
  case usage(String)
  case truth(String)
  var description: String {
    switch self {
    case .usage(let text): return "usage: \(text)"
    case .truth(let text): return "truth file: \(text)"
    }
  }
}

/// The drifted series listed by the generator (`truth/drifted_series.csv`).
func drifted(path: String) throws -> Set<SeriesKey> {
  guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
    throw BenchError.truth("cannot read \(path)")
  }
  var keys = Set<SeriesKey>()
  for line in text.split(whereSeparator: \.isNewline).dropFirst() {
    let fields = line.split(separator: ",")
    guard fields.count == 2 else { throw BenchError.truth("bad line '\(line)'") }
    keys.insert(SeriesKey(store: StoreID(String(fields[0])), sku: SKUID(String(fields[1]))))
  }
  return keys
}

/// Evaluates `dates` in chunks (bounding memory) and writes each day's drift.csv under `out`.
func evaluate(
  workspacePath: String, dates: [Day], chunk: Int, out: String?, settings: DriftSettings
) throws
  -> [DriftStage.Evaluation]
{
  let workspace = try Workspace(path: workspacePath, create: false)
  var evaluations: [DriftStage.Evaluation] = []
  for start in stride(from: 0, to: dates.count, by: chunk) {
    let part = Array(dates[start..<min(dates.count, start + chunk)])
    evaluations += try DriftStage.evaluate(workspace: workspace, dates: part, settings: settings)
  }
  if let out {
    for evaluation in evaluations {
      try DriftStage.write(evaluation.findings, to: out + "/" + evaluation.date.iso)
    }
  }
  // Exploration aid: DRIFT_BENCH_DUMP=1 writes each day's series scores (keys as CSV; float32
  // rows of the level, the recent z, then the reference z's) next to its drift.csv.
  if let out, ProcessInfo.processInfo.environment["DRIFT_BENCH_DUMP"] == "1" {
    for e in evaluations {
      let directory = out + "/" + e.date.iso
      try e.series.map { "\($0.store.rawValue),\($0.sku.rawValue)\n" }.joined()
        .write(toFile: directory + "/series.csv", atomically: true, encoding: .utf8)
      var values: [Float] = []
      let blocks = e.scores.referenceBlockCount
      for i in e.series.indices {
        values.append(Float(e.scores.level[i]))
        values.append(Float(e.scores.recent[i]))
        values += e.scores.reference[i * blocks..<(i + 1) * blocks].map(Float.init)
      }
      try values.withUnsafeBytes { Data($0) }.write(
        to: URL(fileURLWithPath: directory + "/scores.f32"))
    }
  }
  return evaluations
}

func percent(_ part: Int, _ whole: Int) -> String {
  whole == 0
    ? "n/a" : String(format: "%5.1f %% (%d/%d)", 100 * Double(part) / Double(whole), part, whole)
}

/// Whether any finding of `segment` among `features` (all when nil) is drifted.
func flagged(
  _ evaluation: DriftStage.Evaluation, _ segment: String, _ features: Set<DriftFinding.Feature>?
) -> Bool {
  evaluation.findings.contains {
    $0.segment == segment && $0.drifted && (features?.contains($0.feature) ?? true)
  }
}

func run() throws {
  let options = try Options(arguments: Array(CommandLine.arguments.dropFirst()))
  let truth = try drifted(path: options.truth)
  let dates = (-options.daysBefore...options.daysAfter).map { options.onset.adding(days: $0) }
  let clock = ContinuousClock()
  var drift: [DriftStage.Evaluation] = []
  let driftTime = try clock.measure {
    drift = try evaluate(
      workspacePath: options.workspace, dates: dates, chunk: options.chunk,
      out: options.out.map { $0 + "/drift" }, settings: options.settings)
  }
  var twin: [DriftStage.Evaluation] = []
  let twinTime = try clock.measure {
    twin = try evaluate(
      workspacePath: options.twinWorkspace, dates: dates, chunk: options.chunk,
      out: options.out.map { $0 + "/twin" }, settings: options.settings)
  }
  let seconds = { (d: Duration) in
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }
  print(
    "Drift stage on \(dates.count) days (\(dates[0].iso) … \(dates[dates.count - 1].iso)), onset \(options.onset.iso):"
  )
  print(
    String(
      format:
        "  drifted chain %.1f s, twin chain %.1f s (%.2f s per day, all stores read once per chunk of %d days)",
      seconds(driftTime), seconds(twinTime),
      seconds(driftTime + twinTime) / Double(2 * dates.count), options.chunk))
  print(
    "  drifted series in the truth file: \(truth.count) of \(drift[0].series.count) series in the history"
  )
  print()

  let segments = Array(Set(drift[0].findings.map(\.segment))).sorted {
    ($0 == "chain" ? "0" : $0) < ($1 == "chain" ? "0" : $1)
  }
  let level: Set<DriftFinding.Feature> = [.demandLevel]
  let onsetIndex = options.daysBefore
  let detectionDays = onsetIndex...min(dates.count - 1, onsetIndex + options.within)

  print(
    "Segments (\(segments.count): chain, regions, categories). With \(String(format: "%.0f", 100 * Double(truth.count) / Double(max(1, drift[0].series.count)))) % of"
  )
  print(
    "series drifting, every segment contains drifted series, so the positives are these segments")
  print(
    "after the onset, and the negatives are (a) every segment and day of the twin chain, generated")
  print(
    "with the same seed and no drift (identical data before the onset), and (b) the days before")
  print("the onset in the drifted chain.")
  print()
  for (label, features) in [("demand level tests", Optional(level)), ("any test", nil)] {
    var detected = 0
    var firstDays: [Int] = []
    for segment in segments {
      if let day = detectionDays.first(where: { flagged(drift[$0], segment, features) }) {
        detected += 1
        firstDays.append(day - onsetIndex)
      }
    }
    let twinPairs = twin.count * segments.count
    let twinAlarms = twin.reduce(0) { total, e in
      total + segments.filter { flagged(e, $0, features) }.count
    }
    let prePairs = onsetIndex * segments.count
    let preAlarms = drift[..<onsetIndex].reduce(0) { total, e in
      total + segments.filter { flagged(e, $0, features) }.count
    }
    firstDays.sort()
    let median = firstDays.isEmpty ? "n/a" : "\(firstDays[firstDays.count / 2])"
    let firsts = segments.map { segment -> String in
      let day = (onsetIndex..<dates.count).first { flagged(drift[$0], segment, features) }
      return "\(segment) " + (day.map { "+\($0 - onsetIndex)" } ?? "never")
    }
    print("[\(label)]")
    print(
      "  detected within \(options.within) days of onset: \(percent(detected, segments.count)); median first day +\(median)"
    )
    print("  first day flagged: " + firsts.joined(separator: ", "))
    print("  false alarms, twin chain (segment-days):   \(percent(twinAlarms, twinPairs))")
    print("  false alarms, before onset (segment-days): \(percent(preAlarms, prePairs))")
  }
  print()
  print(
    "By finding (share of segment-days drifted):  twin chain   before onset   onset…+\(options.within)"
  )
  let kinds = Array(Set(drift[0].findings.map { "\($0.feature.rawValue)/\($0.test.rawValue)" }))
    .sorted()
  for kind in kinds {
    func share(_ evaluations: ArraySlice<DriftStage.Evaluation>) -> String {
      var hits = 0
      var total = 0
      for e in evaluations {
        for f in e.findings where "\(f.feature.rawValue)/\(f.test.rawValue)" == kind {
          total += 1
          if f.drifted { hits += 1 }
        }
      }
      return total == 0 ? "   n/a" : String(format: "%5.1f %%", 100 * Double(hits) / Double(total))
    }
    let name = kind.padding(toLength: 34, withPad: " ", startingAt: 0)
    print(
      "  \(name) \(share(twin[...]))       \(share(drift[..<onsetIndex]))       \(share(drift[detectionDays]))"
    )
  }
  print()

  // Per series: |z| of the newest week at or above the threshold.
  let threshold = drift[0].seriesScoreThreshold
  var scoredDrifted = Set<SeriesKey>()
  var scoredOther = Set<SeriesKey>()
  for e in drift[detectionDays] {
    for (key, z) in zip(e.series, e.scores.recent) where !z.isNaN {
      if truth.contains(key) { scoredDrifted.insert(key) } else { scoredOther.insert(key) }
    }
  }
  var hits = Set<SeriesKey>()
  var falseHits = Set<SeriesKey>()
  for e in drift[detectionDays] {
    for key in e.shiftedSeries {
      if truth.contains(key) { hits.insert(key) } else { falseHits.insert(key) }
    }
  }
  let twinDaily = twin.map {
    Double($0.shiftedSeries.count) / Double(max(1, $0.scores.recent.filter { !$0.isNaN }.count))
  }
  let preDaily = drift[..<onsetIndex].map { e -> Double in
    let scored = zip(e.series, e.scores.recent).filter { !$0.1.isNaN && !truth.contains($0.0) }
      .count
    return Double(e.shiftedSeries.filter { !truth.contains($0) }.count) / Double(max(1, scored))
  }
  print(
    "Per series (|z| of the newest \(options.settings.levelBlockDays)-day block ≥ \(threshold), scored series only: at least"
  )
  print(
    "\(options.settings.minimumUnitsPerBlock) units expected a block and "
      + "\(options.settings.minimumPeerSeries) peers; slower series are not scored):")
  print("  drifted series scored: \(percent(scoredDrifted.count, truth.count)) of the truth file")
  print(
    "  recall within \(options.within) days:  \(percent(hits.count, scoredDrifted.count)) of the scored drifted series"
  )
  print(
    "  false positives within \(options.within) days (undrifted series flagged on any of those days): \(percent(falseHits.count, scoredOther.count))"
  )
  print(
    "  precision within \(options.within) days: \(percent(hits.count, hits.count + falseHits.count))"
  )
  print(
    String(
      format: "  daily false-positive rate: twin chain %.2f %%, before onset %.2f %%",
      100 * twinDaily.reduce(0, +) / Double(max(1, twinDaily.count)),
      100 * preDaily.reduce(0, +) / Double(max(1, preDaily.count))))
  print()
  print("  |z| threshold   recall (7 days)   precision (7 days)   daily false-positive rate (twin)")
  for level in [2.5, 3, 3.5, 4, 5] {
    var found = Set<SeriesKey>()
    var wrong = Set<SeriesKey>()
    for e in drift[detectionDays] {
      for (key, z) in zip(e.series, e.scores.recent) where z.magnitude >= level {
        if truth.contains(key) { found.insert(key) } else { wrong.insert(key) }
      }
    }
    var twinRate = 0.0
    for e in twin {
      let scored = e.scores.recent.filter { !$0.isNaN }
      twinRate +=
        Double(scored.filter { $0.magnitude >= level }.count) / Double(max(1, scored.count))
    }
    print(
      String(
        format: "  %13.1f   %15@   %18@   %.2f %%", level,
        percent(found.count, scoredDrifted.count) as NSString,
        percent(found.count, found.count + wrong.count) as NSString,
        100 * twinRate / Double(max(1, twin.count))))
  }
}

do {
  try run()
} catch {
  FileHandle.standardError.write(Data("DriftBench: \(error)\n".utf8))
  exit(1)
}
