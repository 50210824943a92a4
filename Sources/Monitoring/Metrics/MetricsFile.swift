import Foundation
import Prometheus
import Tabular

/// `reports/metrics.prom`: a run's `RunMetrics` in the Prometheus text exposition format (0.0.4),
/// for node_exporter's textfile collector or a Pushgateway.
///
/// The text is produced by swift-prometheus's `PrometheusCollectorRegistry`, which validates
/// names, escapes label values (`\\`, `\"`, `\n`) and HELP text, and formats the values. The
/// registry emits its families and label sets in hash order, so each sample is rendered through a
/// registry of its own and the lines are put together in a fixed order: families by name, the
/// samples of a family by their label values. The same metrics always give the same bytes.
///
/// Metrics that were not measured (`nil`, empty, or not finite) are left out.
///
/// ```text
/// # HELP shelfcast_stage_duration_seconds Wall-clock duration of each stage of the last run.
/// # TYPE shelfcast_stage_duration_seconds gauge
/// shelfcast_stage_duration_seconds{stage="forecast"} 12.5
/// shelfcast_stage_duration_seconds{stage="ingest"} 3.25
/// ```
public enum MetricsFile {
  /// The Content-Type of the text this type renders.
  public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

  /// `metrics` in the Prometheus text format, UTF-8, every line ending in `\n`.
  public static func render(_ metrics: RunMetrics) -> [UInt8] {
    var output: [UInt8] = []
    for family in MetricFamily.families(of: metrics) {
      for (index, sample) in family.samples.enumerated() {
        let lines = renderAlone(family: family, sample: sample)
        // The first sample brings the family's HELP and TYPE lines; the others only their own.
        for line in lines where index == 0 || line.first != UInt8(ascii: "#") {
          output.append(contentsOf: line)
          output.append(UInt8(ascii: "\n"))
        }
      }
    }
    return output
  }

  /// `metrics` in the Prometheus text format, as a `String`.
  public static func renderText(_ metrics: RunMetrics) -> String {
    String(decoding: render(metrics), as: UTF8.self)
  }

  /// Writes `metrics` to `path` atomically (a temporary file renamed over it), so the textfile
  /// collector never reads half a file. The path should end in `.prom`.
  ///
  /// When `metrics` holds no intraday run (`intraday == nil`, as the nightly's and `monitor`'s
  /// do not), the `shelfcast_intraday_*` families of the file already at `path` are kept: they
  /// describe the last `shelfcast intraday` run until the next one replaces them.
  /// - Throws: `TabularError.cannotWrite` when the file or its folder cannot be written.
  public static func write(_ metrics: RunMetrics, to path: String) throws {
    var bytes = render(metrics)
    if metrics.intraday == nil, let existing = FileManager.default.contents(atPath: path) {
      bytes = merging(
        intradayOf: String(decoding: existing, as: UTF8.self),
        into: String(decoding: bytes, as: UTF8.self))
    }
    try AtomicFile.write(bytes, to: path)
  }

  /// `existingText` (a metrics file's text, possibly empty) with its `shelfcast_intraday_*`
  /// families replaced by those of `intraday`: the intraday run updates its own families and
  /// leaves the nightly's as they are.
  public static func mergingIntraday(
    _ intraday: RunMetrics.IntradayMetrics, into existingText: String
  ) -> [UInt8] {
    var metrics = RunMetrics()
    metrics.intraday = intraday
    let rendered = renderText(metrics)
    return merging(intradayOf: rendered, into: existingText)
  }

  /// `text` without its `shelfcast_intraday_*` families, plus those of `source`, every family
  /// in name order.
  static func merging(intradayOf source: String, into text: String) -> [UInt8] {
    var blocks = familyBlocks(text).filter { !$0.name.hasPrefix(intradayPrefix) }
    blocks += familyBlocks(source).filter { $0.name.hasPrefix(intradayPrefix) }
    // Stable: families of the same name (none in a file ShelfCast wrote) keep their order.
    let ordered = blocks.enumerated().sorted {
      ($0.element.name, $0.offset) < ($1.element.name, $1.offset)
    }
    return Array(ordered.map(\.element.text).joined().utf8)
  }

  static let intradayPrefix = "shelfcast_intraday_"

  /// The families of a metrics text, in file order: each one's name and its lines (HELP, TYPE
  /// and samples, each ending in a line feed). A line is given to the family its metric name
  /// (the third word of a `#` line, the text before `{` or a space of a sample) names.
  static func familyBlocks(_ text: String) -> [(name: String, text: String)] {
    var blocks: [(name: String, text: String)] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
      let name: Substring
      if line.hasPrefix("#") {
        let words = line.split(separator: " ")
        guard words.count >= 3 else { continue }
        name = words[2]
      } else {
        name = line.prefix { $0 != "{" && $0 != " " }
      }
      if let last = blocks.last, last.name == name {
        blocks[blocks.count - 1].text += line + "\n"
      } else {
        blocks.append((String(name), line + "\n"))
      }
    }
    return blocks
  }

  /// The value of `shelfcast_last_success_timestamp_seconds` in a metrics file's text, if it has
  /// one, so a failed run can carry the last success over instead of dropping it.
  public static func lastSuccessTimestampSeconds(inText text: String) -> Double? {
    let prefix = "shelfcast_last_success_timestamp_seconds "
    for line in text.split(separator: "\n") where line.hasPrefix(prefix) {
      return Double(line.dropFirst(prefix.count).trimmingSpaces())
    }
    return nil
  }

  /// The lines (without line feeds) a registry holding only `sample` emits.
  private static func renderAlone(family: MetricFamily, sample: MetricFamily.Sample) -> [[UInt8]] {
    let registry = PrometheusCollectorRegistry()
    let labels = sample.labels.map { ($0.name, $0.value) }
    let gauge = registry.makeGauge(descriptor: family.descriptor, labels: labels)
    gauge.set(to: sample.value)
    var bytes: [UInt8] = []
    registry.emit(into: &bytes)
    return bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).map(
      Array.init)
  }
}

extension Substring {
  fileprivate func trimmingSpaces() -> Substring {
    var result = self
    while result.first == " " { result.removeFirst() }
    while result.last == " " || result.last == "\r" { result.removeLast() }
    return result
  }
}
