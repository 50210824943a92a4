import XCTest

/// The test reader of the text format accepts the specification's example and rejects each kind
/// of malformed line, so a `MetricsFile` test that parses its output can fail.
final class PrometheusTextTests: XCTestCase {
  func parse(_ text: String) throws(PrometheusText.ParseError) -> [PrometheusText.Family] {
    try PrometheusText.parse(Array(text.utf8))
  }

  func assertRejected(
    _ text: String, _ reasonFragment: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    do {
      let families = try parse(text)
      XCTFail("accepted: \(families)", file: file, line: line)
    } catch {
      XCTAssertTrue(
        error.reason.contains(reasonFragment), "reason was '\(error.reason)'", file: file,
        line: line)
    }
  }

  func testAcceptsTheSpecificationExample() throws {
    // From prometheus.io/docs/instrumenting/exposition_formats ("Text format example"), trimmed.
    let text = """
      # HELP http_requests_total The total number of HTTP requests.
      # TYPE http_requests_total counter
      http_requests_total{method="post",code="200"} 1027 1395066363000
      http_requests_total{method="post",code="400"}    3 1395066363000

      # Escaping in label values:
      msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9

      # Minimalistic line:
      metric_without_timestamp_and_labels 12.47

      # A weird metric from before the epoch:
      something_weird{problem="division by zero"} +Inf -3982045

      """
    let families = try parse(text)
    XCTAssertEqual(
      families.map(\.name),
      [
        "http_requests_total", "msdos_file_access_time_seconds",
        "metric_without_timestamp_and_labels", "something_weird",
      ])
    XCTAssertEqual(families[0].type, "counter")
    XCTAssertEqual(families[0].help, "The total number of HTTP requests.")
    XCTAssertEqual(families[0].samples[1].value, 3)
    XCTAssertEqual(families[0].samples[1].timestampMilliseconds, 1_395_066_363_000)
    XCTAssertEqual(
      families[1].samples[0].labels,
      [
        .init(name: "path", value: #"C:\DIR\FILE.TXT"#),
        .init(name: "error", value: "Cannot find file:\n\"FILE.TXT\""),
      ])
    XCTAssertEqual(families[1].samples[0].value, 1_458_255_915)
    XCTAssertEqual(families[3].samples[0].value, .infinity)
  }

  func testRejectsMalformedLines() {
    assertRejected("a 1", "final line feed")
    assertRejected("a{x=\"1} 2\n", "not closed")
    assertRejected("a{x=1} 2\n", "not quoted")
    assertRejected("a{x=\"\\t\"} 2\n", "bad escape")
    assertRejected("a{x=\"1\" y=\"2\"} 2\n", "expected ','")
    assertRejected("a{x=\"1\",x=\"2\"} 2\n", "repeated")
    assertRejected("a{__x=\"1\"} 2\n", "bad label name")
    assertRejected("a{1x=\"1\"} 2\n", "bad label name")
    assertRejected("1a 2\n", "bad metric name")
    assertRejected("a-b 2\n", "bad metric name")
    assertRejected("a one\n", "not a float")
    assertRejected("a 1.5.2\n", "not a float")
    assertRejected("a 1e\n", "not a float")
    assertRejected("a 0x10\n", "not a float")
    assertRejected("a 1 2.5\n", "not a timestamp")
    assertRejected("a 1 2 3\n", "value [timestamp]")
    assertRejected("a\n", "value [timestamp]")
    assertRejected("a 1\r\n", "not a float")
    assertRejected("# TYPE a gauge\n# TYPE a gauge\na 1\n", "second TYPE")
    assertRejected("# HELP a x\n# HELP a y\na 1\n", "second HELP")
    assertRejected("# TYPE a gauges\na 1\n", "unknown type")
    assertRejected("a 1\n# TYPE a gauge\n", "after its samples")
    assertRejected("# HELP a bad \\t escape\na 1\n", "bad escape")
    assertRejected("a{x=\"1\"} 1\na{x=\"1\"} 2\n", "twice")
    assertRejected("a{x=\"1\"} 1\nb 1\na{x=\"2\"} 2\n", "not one group")
  }

  func testReadsGoFloatSyntax() {
    let cases: [(String, Double)] = [
      ("0", 0), ("-0.5", -0.5), ("+3", 3), (".5", 0.5), ("5.", 5), ("1e-05", 0.000_01),
      ("1.5E+3", 1500), ("NaN", .nan), ("-Inf", -.infinity), ("+Inf", .infinity),
    ]
    for (text, expected) in cases {
      guard let parsed = PrometheusText.parseValue(Substring(text)) else {
        XCTFail("'\(text)' was not read")
        continue
      }
      if expected.isNaN {
        XCTAssertTrue(parsed.isNaN, text)
      } else {
        XCTAssertEqual(parsed, expected, text)
      }
    }
    for text in ["", "-", ".", "e5", "1e", "1,5", "1_000", "0x1p3", "one"] {
      XCTAssertNil(PrometheusText.parseValue(Substring(text)), text)
    }
  }
}
