import XCTest

/// Asserts that `observed` matches `expected` element by element within a tolerance.
///
/// Element i passes when `|observedᵢ − expectedᵢ| ≤ absoluteTolerance + relativeTolerance ·
/// |expectedᵢ|` (the rule of `numpy.isclose`), when both are NaN, or when both are the same
/// infinity. On failure the message names each failing index (the first ten), both values and
/// the relative error `|observedᵢ − expectedᵢ| / |expectedᵢ|`, so a tolerance can be judged.
///
/// The default relative tolerance is `√ε ≈ 1.5e-8`, as in swift-numerics; tests of
/// well-conditioned problems should pass a tighter one and say why in a comment. Use
/// `absoluteTolerance` for expected values at or near zero, where a relative error means nothing.
public func assertClose(
  _ observed: [Double], _ expected: [Double],
  relativeTolerance: Double = Double.ulpOfOne.squareRoot(), absoluteTolerance: Double = 0,
  _ message: @autoclosure () -> String = "",
  file: StaticString = #filePath, line: UInt = #line
) {
  let context = message().isEmpty ? "" : " — \(message())"
  guard observed.count == expected.count else {
    XCTFail(
      "observed has \(observed.count) elements, expected \(expected.count)\(context)",
      file: file, line: line)
    return
  }
  var failures: [String] = []
  for (index, (o, e)) in zip(observed, expected).enumerated() {
    guard !isClose(o, e, relativeTolerance, absoluteTolerance) else { continue }
    let relativeError = e == 0 ? Double.infinity : abs(o - e) / abs(e)
    failures.append(
      "index \(index): observed \(o), expected \(e), relative error \(relativeError)")
  }
  guard !failures.isEmpty else { return }
  let shown = failures.prefix(10).joined(separator: "\n  ")
  let more = failures.count > 10 ? "\n  … and \(failures.count - 10) more" : ""
  XCTFail(
    "\(failures.count) of \(expected.count) elements differ beyond relative tolerance "
      + "\(relativeTolerance), absolute tolerance \(absoluteTolerance)\(context):\n  "
      + shown + more,
    file: file, line: line)
}

/// Asserts that one `observed` value matches `expected`; see the array form for the rule.
public func assertClose(
  _ observed: Double, _ expected: Double,
  relativeTolerance: Double = Double.ulpOfOne.squareRoot(), absoluteTolerance: Double = 0,
  _ message: @autoclosure () -> String = "",
  file: StaticString = #filePath, line: UInt = #line
) {
  assertClose(
    [observed], [expected], relativeTolerance: relativeTolerance,
    absoluteTolerance: absoluteTolerance, message(), file: file, line: line)
}

private func isClose(
  _ observed: Double, _ expected: Double, _ relative: Double, _ absolute: Double
) -> Bool {
  if observed.isNaN || expected.isNaN { return observed.isNaN && expected.isNaN }
  if observed.isInfinite || expected.isInfinite { return observed == expected }
  return abs(observed - expected) <= absolute + relative * abs(expected)
}
