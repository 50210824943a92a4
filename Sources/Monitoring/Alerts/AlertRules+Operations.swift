// MARK: - Operations: missing inputs, ingest rejections, time budgets

extension AlertRules {
  /// An expected input file that is not there.
  ///
  /// Critical when the file is required (the run would forecast from stale data), a warning when
  /// it is optional (e.g. a promotions calendar). The value is 0 (files found) and the threshold
  /// 1 (files expected); the segment is `path`.
  ///
  /// - Parameters:
  ///   - path: the file the run looked for.
  ///   - isPresent: whether it was found; `nil` is returned when it was.
  ///   - isRequired: whether the run needs it; `true` by default.
  public static func inputMissing(path: String, isPresent: Bool, isRequired: Bool = true)
    -> Alert?
  {
    guard !isPresent else { return nil }
    return Alert(
      severity: isRequired ? .critical : .warning, kind: .inputMissing, segment: path, value: 0,
      threshold: 1,
      suggestedAction: isRequired
        ? "Find out why the file was not delivered and rerun once it is; today's forecast uses "
          + "stale data."
        : "Check whether the file should have been delivered; the run continued without it.",
      message: "\(path): expected \(isRequired ? "required" : "optional") input is missing.")
  }

  /// Ingest quarantined too large a share of the rows it read.
  ///
  /// The value is `rejected / total` (0…1). Warning when it is above `maxShare`, critical above
  /// `2 · maxShare`. The default 0.005 makes the critical level 1 %, the share above which
  /// ingest refuses a file whole (`IngestOptions.maximumRejectShare`), and warns at half of it.
  ///
  /// - Parameters:
  ///   - segment: the file or source the counts are for; `ingest` for the whole run.
  ///   - rejected: rows sent to quarantine.
  ///   - total: rows read, rejected ones included; `nil` is returned when 0.
  ///   - maxShare: share of rejected rows tolerated without a warning.
  public static func ingestRejections(
    segment: String = "ingest", rejected: Int, total: Int, maxShare: Double = 0.005
  ) -> Alert? {
    precondition(maxShare >= 0 && maxShare.isFinite, "maxShare must be a finite share >= 0")
    precondition(rejected >= 0 && total >= 0, "row counts cannot be negative")
    guard total > 0 else { return nil }
    let share = Double(rejected) / Double(total)
    guard
      let (severity, threshold) = level(
        share, warningAbove: maxShare, criticalAbove: criticalMultiple * maxShare)
    else { return nil }
    return Alert(
      severity: severity, kind: .ingestRejections, segment: segment, value: share,
      threshold: threshold,
      suggestedAction:
        "Read the quarantine files for the most common row error and fix the export upstream; "
        + "redeliver the corrected file.",
      message:
        "\(segment): \(rejected) of \(total) rows (\(NumberText.percent(share))) were "
        + "quarantined; more than \(NumberText.percent(threshold)).")
  }

  /// A stage, or the whole run, over its time budget.
  ///
  /// Warning when `seconds > budgetSeconds`, critical when `seconds > 2 · budgetSeconds` (the
  /// next nightly run may then overlap). The value is `seconds`.
  ///
  /// - Parameters:
  ///   - stage: the stage name, or `run` for the whole run.
  ///   - seconds: wall-clock time it took.
  ///   - budgetSeconds: time allowed; must be positive.
  public static func timeBudget(stage: String = "run", seconds: Double, budgetSeconds: Double)
    -> Alert?
  {
    precondition(budgetSeconds > 0 && budgetSeconds.isFinite, "budgetSeconds must be > 0")
    guard seconds.isFinite else { return nil }
    guard
      let (severity, threshold) = level(
        seconds, warningAbove: budgetSeconds, criticalAbove: criticalMultiple * budgetSeconds)
    else { return nil }
    return Alert(
      severity: severity, kind: .timeBudget, segment: stage, value: seconds, threshold: threshold,
      suggestedAction:
        "Look at the stage's input volume and the machine's load; raise the budget or move the "
        + "schedule if the growth is expected.",
      message:
        "\(stage): took \(NumberText.fixed(seconds, 1)) s, over the "
        + "\(NumberText.fixed(budgetSeconds, 1)) s budget.")
  }
}
