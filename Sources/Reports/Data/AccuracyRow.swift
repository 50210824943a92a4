/// Accuracy over one group of scored days: a week of actuals or a horizon bucket.
///
/// The units follow `accuracy_summary.csv`: WAPE and coverage are ratios (0.25 is 25 %), bias is
/// already in percent. A metric that could not be computed (nothing sold) is `nan` and is shown
/// as `n/a`.
public struct AccuracyRow: Sendable, Equatable {
  /// The group's label on the axis: `Jun 2–8`, `W23`, `1–7 d`, `day 3`.
  public var label: String
  /// Σ|actual − p50| / Σ actual, as a ratio.
  public var wape: Double
  /// 100 · Σ(forecast − actual) / Σ actual: positive when forecasts run high.
  public var biasPercent: Double
  /// Share of scored days with p10 ≤ actual ≤ p90, 0 … 1; 0.8 is the nominal value.
  public var coverage80: Double
  /// Scored store/SKU/days behind the numbers.
  public var scoredDays: Int

  public init(label: String, wape: Double, biasPercent: Double, coverage80: Double, scoredDays: Int)
  {
    self.label = label
    self.wape = wape
    self.biasPercent = biasPercent
    self.coverage80 = coverage80
    self.scoredDays = scoredDays
  }
}
