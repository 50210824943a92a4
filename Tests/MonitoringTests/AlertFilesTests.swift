import Foundation
import Monitoring
import XCTest
import _TestSupport

/// `alerts.csv` and `alerts.json`: order, quoting, spreadsheet safety, JSON round trip.
final class AlertFilesTests: XCTestCase {
  static let injected = #"=HYPERLINK("http://evil.example","click")"#

  static let alerts = [
    Alert(
      severity: .warning, kind: .timeBudget, segment: "train", value: 700, threshold: 600,
      suggestedAction: "Look at it.", message: "train: took 700.0 s, over the 600.0 s budget."),
    Alert(
      severity: .critical, kind: .inputMissing, segment: "inbox/sales, day 2.csv", value: 0,
      threshold: 1, suggestedAction: "Find it.", message: "missing"),
    Alert(
      severity: .warning, kind: .bias, segment: injected, value: -12.5, threshold: -10,
      suggestedAction: "-Retrain", message: "forecasts \"run\" low"),
    Alert(
      severity: .info, kind: .drift, segment: "chain", value: 0.0625, threshold: 0.05,
      suggestedAction: "None.", message: "small"),
    Alert(
      severity: .warning, kind: .bias, segment: "S001", value: 11, threshold: 10,
      suggestedAction: "Retrain.", message: "high"),
  ]

  func testCSVIsInReportOrderQuotedAndSpreadsheetSafe() {
    let text = String(decoding: AlertFiles.csv(Self.alerts), as: UTF8.self)
    // Hand-written: critical first; among the warnings `bias` < `time_budget`, and within bias
    // the segment `=HYPERLINK…` sorts before `S001` ('=' is 0x3D, 'S' 0x53). The injected segment
    // and the action starting with '-' get an apostrophe; fields with ',' or '"' are quoted.
    let expected = """
      severity,kind,segment,value,threshold,suggested_action,message
      critical,input_missing,"inbox/sales, day 2.csv",0.000000,1.000000,Find it.,missing
      warning,bias,"'=HYPERLINK(""http://evil.example"",""click"")",-12.500000,-10.000000,'-Retrain,"forecasts ""run"" low"
      warning,bias,S001,11.000000,10.000000,Retrain.,high
      warning,time_budget,train,700.000000,600.000000,Look at it.,"train: took 700.0 s, over the 600.0 s budget."
      info,drift,chain,0.062500,0.050000,None.,small

      """
    XCTAssertEqual(text, expected)
  }

  func testCSVReadsBackWithTheReferenceReader() {
    let records = ReferenceCSV.parse(String(decoding: AlertFiles.csv(Self.alerts), as: UTF8.self))
    XCTAssertEqual(
      records.first?.fields,
      ["severity", "kind", "segment", "value", "threshold", "suggested_action", "message"])
    XCTAssertEqual(records.count, 1 + Self.alerts.count)
    XCTAssertTrue(records.dropFirst().allSatisfy { $0.fields.count == 7 })
    XCTAssertEqual(records[2].fields[2], "'" + Self.injected)
    XCTAssertFalse(
      records.dropFirst().contains { $0.fields.contains { $0.first == "=" } },
      "no field starts a formula")
  }

  func testReportOrderDoesNotDependOnInputOrder() {
    // Alerts that differ only in value or threshold (NaN included) still have one order.
    var alerts = Self.alerts
    for (value, threshold) in [(2.0, 1.0), (1.0, 2.0), (1.0, 1.0), (.nan, 1.0), (.nan, 0.5)] {
      alerts.append(
        Alert(
          severity: .warning, kind: .drift, segment: "chain", value: value, threshold: threshold,
          suggestedAction: "Same.", message: "same"))
    }
    let csv = AlertFiles.csv(alerts)
    let json = AlertFiles.json(alerts)
    var generator = SplitMix64(seed: 7)
    for _ in 0..<20 {
      alerts.shuffle(using: &generator)
      XCTAssertEqual(AlertFiles.csv(alerts), csv)
      XCTAssertEqual(AlertFiles.json(alerts), json)
    }
    let drift = Alert.inReportOrder(alerts).filter { $0.kind == .drift && $0.severity == .warning }
    XCTAssertEqual(drift.map(\.value.description), ["1.0", "1.0", "2.0", "nan", "nan"])
    XCTAssertEqual(drift.map(\.threshold), [1, 2, 1, 0.5, 1])
  }

  func testNoAlertsGiveAHeaderAndAnEmptyArray() {
    XCTAssertEqual(AlertFiles.csv([]), Array(AlertFiles.csvHeader.utf8))
    XCTAssertEqual(String(decoding: AlertFiles.json([]), as: UTF8.self), "[]\n")
  }

  func testJSONGoldenText() {
    let alert = Alert(
      severity: .critical, kind: .ingestRejections, segment: "inbox/a\"b\\c\td.csv", value: 0.1,
      threshold: 0.01, suggestedAction: "Fix the export.", message: "line1\nline2 \u{1}é")
    let expected = #"""
      [
        {
          "severity": "critical",
          "kind": "ingest_rejections",
          "segment": "inbox/a\"b\\c\td.csv",
          "value": 0.1,
          "threshold": 0.01,
          "suggested_action": "Fix the export.",
          "message": "line1\nline2 \u0001é"
        }
      ]

      """#
    XCTAssertEqual(String(decoding: AlertFiles.json([alert]), as: UTF8.self), expected)
  }

  func testJSONRoundTripsInReportOrder() throws {
    let bytes = AlertFiles.json(Self.alerts)
    let decoded = try AlertFiles.alerts(fromJSON: bytes)
    XCTAssertEqual(decoded, Alert.inReportOrder(Self.alerts))
    XCTAssertEqual(decoded.map(\.severity), [.critical, .warning, .warning, .warning, .info])
    XCTAssertEqual(decoded[1].segment, Self.injected, "JSON keeps the text as it was")
    // Foundation's own reader agrees that it is JSON, and sees the snake_case keys.
    let objects = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(bytes)) as? [[String: Any]])
    XCTAssertEqual(
      Set(objects[0].keys),
      ["severity", "kind", "segment", "value", "threshold", "suggested_action", "message"])
    XCTAssertEqual(
      AlertFiles.json(decoded), bytes, "writing the decoded alerts gives the same bytes")
  }

  func testNonFiniteNumbersAreNullInJSON() throws {
    let alert = Alert(
      severity: .info, kind: .drift, segment: "chain", value: .nan, threshold: .infinity,
      suggestedAction: "", message: "")
    let text = String(decoding: AlertFiles.json([alert]), as: UTF8.self)
    XCTAssertTrue(text.contains(#""value": null,"#), text)
    XCTAssertTrue(text.contains(#""threshold": null,"#), text)
    let decoded = try AlertFiles.alerts(fromJSON: Array(text.utf8))
    XCTAssertTrue(decoded[0].value.isNaN)
    XCTAssertTrue(decoded[0].threshold.isNaN)
    let csv = String(decoding: AlertFiles.csv([alert]), as: UTF8.self)
    XCTAssertTrue(csv.hasSuffix("info,drift,chain,nan,inf,,\n"), csv)
  }

  func testKindsKeepTheirFileNames() {
    XCTAssertEqual(
      Alert.Kind.allCases.map(\.rawValue),
      [
        "drift", "accuracy_degraded", "bias", "subgroup_gap", "input_missing",
        "ingest_rejections", "time_budget",
      ])
    XCTAssertEqual(Alert.Severity.allCases.map(\.rawValue), ["info", "warning", "critical"])
  }
}
