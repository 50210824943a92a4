import DemandCore
import Reports

extension DemoReport {
  /// Sixty nights of a model's life, every decision once or more: the first model, weekly
  /// retrainings (one deferred, two rejected, one failed), a drift retraining that wins and
  /// serves as its refit, its shadow run with nightly WAPEs, and a version trained by hand.
  static func modelLife() -> ModelLife {
    let first = runDate.adding(days: -59)
    let day = { (offset: Int) in first.adding(days: offset) }
    let promotion = 45
    let compared = { (offset: Int, candidate: Double, champion: Double, points: Int) in
      ModelLife.Comparison(
        firstDay: day(offset - 6), lastDay: day(offset), points: points,
        candidateWAPE: candidate, championWAPE: champion, championVersion: "v0001")
    }
    let versions = [
      ModelLife.Version(
        id: "v0001", trainedThrough: day(0), trigger: "first_model", registeredOn: day(0),
        decision: .firstModel, reason: "first model", promotedOn: day(0),
        retiredOn: day(promotion), status: .archived),
      ModelLife.Version(
        id: "v0002", trainedThrough: day(13), trigger: "schedule", registeredOn: day(14),
        decision: .rejected, reason: "worse by 1.2 %; champion kept",
        comparison: compared(14, 0.296, 0.2925, 27_180), status: .rejected),
      ModelLife.Version(
        id: "v0003", trainedThrough: day(20), trigger: "schedule", registeredOn: day(21),
        decision: .rejected, reason: "better by only 0.9 % < the 2.0 % margin; champion kept",
        comparison: compared(21, 0.301, 0.3037, 27_402), status: .rejected),
      ModelLife.Version(
        id: "v0004", trainedThrough: day(30), trigger: "manual", registeredOn: day(31),
        decision: .byHand, reason: "price-elasticity experiment", status: .candidate),
      ModelLife.Version(
        id: "v0006", trainedThrough: day(promotion), trigger: "drift",
        registeredOn: day(promotion), decision: .promoted,
        reason: "better by 9.8 % ≥ the 2.0 % margin",
        comparison: compared(promotion, 0.318, 0.3526, 11_630),
        refitOf: "v0005", promotedOn: day(promotion), status: .champion),
    ]
    let retrainings = [
      ModelLife.Retraining(
        runDate: day(0), trigger: "first_model", candidate: "v0001", decision: .firstModel,
        reason: "first model"),
      ModelLife.Retraining(
        runDate: day(7), trigger: "schedule", decision: .deferred,
        reason:
          "the champion was trained through \(day(0).iso), leaving 7 day(s) it never saw; "
          + "no forecast origin after it: deferred, the champion stays in service"),
      ModelLife.Retraining(
        runDate: day(14), trigger: "schedule", candidate: "v0002", decision: .rejected,
        comparison: compared(14, 0.296, 0.2925, 27_180),
        reason: "candidate WAPE 29.6 % vs champion 29.25 %: worse by 1.2 %; champion kept"),
      ModelLife.Retraining(
        runDate: day(21), trigger: "schedule", candidate: "v0003", decision: .rejected,
        comparison: compared(21, 0.301, 0.3037, 27_402),
        reason:
          "candidate WAPE 30.1 % vs champion 30.37 %: better by only 0.9 % < the 2.0 % margin; "
          + "champion kept"),
      ModelLife.Retraining(
        runDate: day(28), trigger: "schedule", decision: .failed,
        reason: "the retraining failed; the champion stays in service: disk full"),
      ModelLife.Retraining(
        runDate: day(promotion), trigger: "drift", candidate: "v0005", servedAs: "v0006",
        decision: .promoted, comparison: compared(promotion, 0.318, 0.3526, 11_630),
        reason:
          "candidate WAPE 31.8 % vs champion 35.26 %: better by 9.8 % ≥ the 2.0 % margin; "
          + "refitted through \(day(promotion).iso) as v0006"),
      ModelLife.Retraining(
        runDate: day(52), trigger: "schedule", decision: .deferred,
        reason:
          "the champion was trained through \(day(promotion).iso), leaving 7 day(s) it never "
          + "saw; no forecast origin after it: deferred, the champion stays in service"),
    ]
    let service = (0...59).map {
      ModelLife.ServiceNight(day: day($0), version: $0 < promotion ? "v0001" : "v0006")
    }
    let shadowNights = (1...14).map { offset in
      let wobble = Double((offset * 37) % 11) / 1000
      return ModelLife.ShadowNight(
        night: day(promotion + offset), points: 3_900 + 10 * offset,
        championWAPE: 0.305 + wobble, shadowWAPE: 0.338 + wobble * 0.8)
    }
    return ModelLife(
      versions: versions, retrainings: retrainings, service: service,
      shadowRuns: [
        ModelLife.ShadowRun(
          champion: "v0006", shadow: "v0001", firstNight: day(promotion),
          lastNight: day(promotion + 13), endNight: day(promotion + 13), state: .completed,
          endReason: "14 nights without a rollback", nights: shadowNights,
          championWAPE: 0.31, shadowWAPE: 0.342)
      ], firstDay: runDate.adding(days: -119))
  }
}
