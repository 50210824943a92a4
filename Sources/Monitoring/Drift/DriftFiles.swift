import Tabular

/// `reports/<day>/drift.csv` as bytes. Writing it is the caller's job, through
/// `AtomicFile.write`.
public enum DriftFiles {
  /// The CSV header line.
  public static let csvHeader = "segment,feature,test,statistic,p_value,threshold,drifted\n"

  /// `findings` as CSV with the header `segment,feature,test,statistic,p_value,threshold,drifted`,
  /// in the order given.
  ///
  /// `statistic` and `threshold` have 6 decimals (`nan`, `inf` when not finite); `p_value` has
  /// 3 significant digits, fixed from 0.001 up and scientific below (`0.0123`, `9.91e-17`,
  /// `SignificantDigits.pValue`), so tiny p-values keep their magnitude, and is empty for tests
  /// without one (PSI, WAPE ratio). `drifted` is 1 or 0, as every boolean of ShelfCast's files.
  /// Segments are quoted as RFC 4180 requires and made spreadsheet-safe (a region named `=cmd`
  /// is written `'=cmd`, see `ByteSink.appendField`).
  public static func csv(_ findings: some Sequence<DriftFinding>) -> [UInt8] {
    let sink = ByteSink(initialCapacityBytes: 8192, spreadsheetSafe: true)
    sink.append(utf8: csvHeader)
    for finding in findings {
      sink.appendField(finding.segment)
      sink.appendComma()
      sink.appendField(finding.feature.rawValue)
      sink.appendComma()
      sink.appendField(finding.test.rawValue)
      sink.appendComma()
      sink.appendDecimal(finding.statistic, fractionDigits: 6)
      sink.appendComma()
      if let p = finding.pValue { sink.append(utf8: SignificantDigits.pValue(p)) }
      sink.appendComma()
      sink.appendDecimal(finding.threshold, fractionDigits: 6)
      sink.appendComma()
      sink.append(utf8: finding.drifted ? "1" : "0")
      sink.appendNewline()
    }
    return sink.withUnsafeBytes { Array($0) }
  }
}
