/// The simulator's review days: day 0 (the first simulated day) and every `reviewDays` after.
public enum ReviewSchedule {
  /// Days from simulated day `day` (≥ 0) to the next review; 0 on a review day.
  public static func daysUntilReview(day: Int, reviewDays: Int) -> Int {
    (reviewDays - day % reviewDays) % reviewDays
  }
}
