import Forecasting
import XCTest
import _TestSupport

final class ResidualSketchTests: XCTestCase {
  /// References: python3 -c "import numpy as np; r=[-3,-1,0,0,1,2,2,5,8,13];
  /// print(np.percentile(r,[1,10,50,90,99]))" → [-2.82 -1.2 1.5 8.5 12.55]
  func testStoredLevelsMatchNumpyPercentiles() {
    let sketch = ResidualSketch(sorted: [-3, -1, 0, 0, 1, 2, 2, 5, 8, 13])
    XCTAssertEqual(sketch.count, 10)
    // Float storage: 1e-6 relative.
    assertClose(
      [0.01, 0.1, 0.5, 0.9, 0.99].map(sketch.quantile), [-2.82, -1.2, 1.5, 8.5, 12.55],
      relativeTolerance: 1e-6)
  }

  func testLevelsBetweenTheGridInterpolateAndOutsideItClamp() {
    let sketch = ResidualSketch(sorted: [-3, -1, 0, 0, 1, 2, 2, 5, 8, 13])
    // 0.125 lies halfway between 0.1 (−1.2) and 0.15 (np.percentile 15 → −0.65).
    assertClose([sketch.quantile(0.125)], [(-1.2 - 0.65) / 2], relativeTolerance: 1e-6)
    XCTAssertEqual(sketch.quantile(0.001), sketch.quantile(0.01))
    XCTAssertEqual(sketch.quantile(0.999), sketch.quantile(0.99))
    XCTAssertEqual(ResidualSketch.empty.quantile(0.5), 0)
  }
}
