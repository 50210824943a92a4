import DemandCore

/// The days a retraining judges champion and candidate on, and the origins their forecasts are
/// made from: the fair comparison's cut-off rule, as Day arithmetic only.
///
/// Let D be the run date, H the holdout length (`holdout_days`, or `drift_holdout_days` for a
/// drift trigger) and E the champion's training window end (`windowLastDay`). The cut-off is
///
///     c = max(D − H, E)
///
/// The candidate is trained on the history up to c; the holdout is c + 1 … D. Neither model's
/// parameters saw a held-out day: the candidate's window ends at c, the champion's at E ≤ c.
/// Fewer than `minimumDays` days after c (a champion trained recently) leave no fair comparison:
/// the retraining is deferred (`HoldoutPlan.Deferral`) and the champion stays.
///
/// **Origins.** Both models forecast from the origins c, c + s, c + 2s, … before D (s =
/// `origin_step_days`), each from the history up to that origin only, the days after it up to
/// the next origin (at most s days, at most D): horizons 1 … min(s, D − c). Every held-out day is
/// scored once, by both models, from the same origin at the same horizon. The champion keeps
/// its parameters (fitted up to E) and re-filters its states to each origin, as it does in
/// service; the challenger is the retraining procedure itself, trained on the history up to each
/// origin (the registered candidate at c, retrained in memory at later origins). So a change
/// inside the holdout reaches the challenger's parameters at the next origin, as it would reach
/// a model retrained then, and no scored day was ever in its training.
///
/// **New data.** An origin at or before E would give the challenger the champion's own history:
/// the cut-off moves to the first origin after E (c = E + s when c = E). When there is none
/// before D, the challenger
/// would be trained on exactly the champion's history: with the same configuration there is
/// nothing to learn, so such a retraining is deferred too (`Deferral.Cause.noNewData`).
public struct HoldoutPlan: Sendable, Equatable {
  /// D, the holdout's last day.
  public var runDate: Day
  /// c: the candidate's last training day and the first origin.
  public var cutOff: Day
  /// s, in days: the distance between origins.
  public var originStepDays: Int

  /// A plan with cut-off `cutOff` (use `make` for the rule's; this one is for tests and
  /// replays).
  /// - Precondition: `cutOff < runDate` and `originStepDays ≥ 1`.
  public init(runDate: Day, cutOff: Day, originStepDays: Int) {
    precondition(cutOff < runDate && originStepDays >= 1)
    self.runDate = runDate
    self.cutOff = cutOff
    self.originStepDays = originStepDays
  }

  /// The holdout's first day, c + 1.
  public var firstDay: Day { cutOff.adding(days: 1) }
  /// Days held out: D − c.
  public var days: Int { cutOff.days(to: runDate) }
  /// The origins c, c + s, … (each before D), oldest first.
  public var origins: [Day] {
    stride(from: 0, to: days, by: originStepDays).map { cutOff.adding(days: $0) }
  }
  /// The longest horizon scored, in days: min(s, D − c).
  public var maximumHorizonDays: Int { min(originStepDays, days) }

  /// How many days after `origin` are scored from it: up to the next origin or D.
  /// - Precondition: `origin` is one of `origins`.
  public func horizonDays(from origin: Day) -> Int {
    precondition(origin >= cutOff && origin < runDate, "\(origin.iso) is not an origin")
    return min(originStepDays, origin.days(to: runDate))
  }

  /// Why no comparison is possible for a run date.
  public struct Deferral: Sendable, Equatable, Codable {
    public enum Cause: String, Sendable, Codable {
      /// Fewer than `min_holdout_days` days after max(D − H, E).
      case tooFewUnseenDays = "too_few_unseen_days"
      /// No origin after E: the challenger would see only the champion's history.
      case noNewData = "no_new_data"
    }

    public var cause: Cause
    /// E, the champion's training window end.
    public var championWindowLastDay: Day
    /// Days after max(D − H, E) up to D: the days neither model saw (0 when E ≥ D).
    public var unseenDays: Int
    /// `min_holdout_days`.
    public var requiredDays: Int

    public init(
      championWindowLastDay: Day, unseenDays: Int, requiredDays: Int,
      cause: Cause = .tooFewUnseenDays
    ) {
      self.cause = cause
      self.championWindowLastDay = championWindowLastDay
      self.unseenDays = unseenDays
      self.requiredDays = requiredDays
    }

    enum CodingKeys: String, CodingKey {
      case cause
      case championWindowLastDay = "champion_window_last_day"
      case unseenDays = "unseen_days"
      case requiredDays = "required_days"
    }

    /// One sentence for the registry, the manifest and the terminal.
    public var reason: String {
      if cause == .noNewData {
        return
          "the champion was trained through \(championWindowLastDay.iso) and no forecast origin "
          + "of the \(unseenDays)-day holdout comes after it: a challenger with the champion's "
          + "configuration would learn from no new day; deferred, the champion stays in service"
      }
      return "the champion was trained through \(championWindowLastDay.iso), leaving \(unseenDays) "
        + "day(s) it never saw, fewer than the \(requiredDays) a fair comparison needs "
        + "(retraining.min_holdout_days); deferred, the champion stays in service"
    }
  }

  /// The plan for run date D, or why there is none (see the type's documentation).
  /// - Parameters:
  ///   - runDate: D.
  ///   - championWindowLastDay: E.
  ///   - holdoutDays: H ≥ 1, in days.
  ///   - minimumDays: the fewest held-out days a comparison may use, ≥ 1.
  ///   - originStepDays: s ≥ 1, in days; s ≥ H gives a single origin.
  ///   - requireNewData: defer when no origin is after E (the challenger has the champion's
  ///     configuration, so the same history would teach it nothing new).
  public static func make(
    runDate: Day, championWindowLastDay: Day, holdoutDays: Int, minimumDays: Int,
    originStepDays: Int, requireNewData: Bool = true
  ) -> Result<HoldoutPlan, Deferral> {
    precondition(holdoutDays >= 1 && minimumDays >= 1 && originStepDays >= 1)
    var cutOff = max(runDate.adding(days: -holdoutDays), championWindowLastDay)
    var unseen = max(0, cutOff.days(to: runDate))
    guard unseen >= minimumDays else {
      return .failure(
        Deferral(
          championWindowLastDay: championWindowLastDay, unseenDays: unseen,
          requiredDays: minimumDays))
    }
    if requireNewData && cutOff <= championWindowLastDay {
      // An origin at or before E would train the challenger on the champion's own history (the
      // same model, the same scores: no evidence, one training wasted); the comparison starts
      // at the first origin after E.
      while cutOff <= championWindowLastDay { cutOff = cutOff.adding(days: originStepDays) }
      unseen = max(0, cutOff.days(to: runDate))
      guard unseen >= minimumDays else {
        return .failure(
          Deferral(
            championWindowLastDay: championWindowLastDay, unseenDays: unseen,
            requiredDays: minimumDays, cause: .noNewData))
      }
    }
    // With new data required, the cut-off (the first origin) is after E by now.
    return .success(
      HoldoutPlan(runDate: runDate, cutOff: cutOff, originStepDays: originStepDays))
  }
}

extension HoldoutPlan.Deferral: Error {}
