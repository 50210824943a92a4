import DemandCore

extension ReportRenderer {
  /// The model's life: the timeline of versions, the retraining decisions (newest first), the
  /// shadow runs' nightly WAPE and every version in a collapsed table.
  static func modelLifeSection(_ life: ModelLife, runDate: Day) -> String {
    let title = "Model life: versions, retrainings and shadow runs"
    guard
      let svg = ModelTimeline.svg(life, through: runDate, panel: .modelLife, width: timelineWidth)
    else {
      return section(
        id: "model-life", title: title,
        body: emptyNote(.modelLife, "No model version is registered yet."))
    }
    var body = "<p class=\"note\">" + HTMLText.escape(modelLifeSummary(life)) + "</p>\n"
    body += legend([
      ("service", "in service"), ("service-current", "champion now"),
      ("shadow-period", "forecasting in shadow"), ("trained-through", "end of training window"),
    ])
    body += legend(
      ModelLife.Decision.allCases.map { ("decision-" + $0.rawValue, $0.label) })
    body += "<div class=\"timeline\">" + svg + "</div>\n"
    body += "<h3>Retraining decisions</h3>\n"
    body += decisionsTable(life.retrainings)
    if !life.shadowRuns.isEmpty {
      body += "<h3>Shadow runs</h3>\n"
      body += legend([
        ("wape-champion", "champion in service"), ("wape-shadow", "previous champion, in shadow"),
      ])
      body += "<div class=\"grid\">\n"
      for run in life.shadowRuns.reversed() { body += shadowFigure(run) }
      body += "</div>\n"
    }
    body += "<details><summary>All \(life.versions.count) versions</summary>\n"
    body += "<div class=\"scroll\">\n"
    body += table(
      headers: [
        "Version", "Trained through", "Trigger", "Registered", "Decision", "Promoted", "Retired",
        "Status", "Note",
      ],
      rows: life.versions.map { version in
        [
          version.id, version.trainedThrough.iso,
          version.refitOf.map { "refit of \($0)" } ?? version.trigger, version.registeredOn.iso,
          version.decision.label, version.promotedOn?.iso ?? "", version.retiredOn?.iso ?? "",
          version.status.rawValue,
          [version.reason, version.overrideNote.map { "override: \($0)" } ?? ""]
            .filter { !$0.isEmpty }.joined(separator: " · "),
        ]
      }, rowClasses: life.versions.map { $0.isChampion ? "champion-row" : "" })
    body += "</div>\n</details>\n"
    return section(id: "model-life", title: title, body: body)
  }

  /// The timeline's drawing width: narrower than the column so its text stays legible when the
  /// page is 800 px wide.
  static let timelineWidth = 880.0

  /// `Champion v0003 (trained through 2026-10-23). 4 retrainings: 1 promoted, 2 rejected, 1
  /// deferred.`
  static func modelLifeSummary(_ life: ModelLife) -> String {
    var text = ""
    if let champion = life.versions.last(where: \.isChampion) {
      text = "Champion \(champion.id) (trained through \(champion.trainedThrough.iso)"
      text += champion.promotedOn.map { ", promoted \($0.iso)" } ?? ""
      text += "). "
    } else {
      text = "No champion in service. "
    }
    guard !life.retrainings.isEmpty else { return text + "No retraining yet." }
    let counts = ModelLife.Decision.allCases.compactMap { decision -> String? in
      let count = life.retrainings.filter { $0.decision == decision }.count
      return count > 0 ? "\(count) \(decision.label)" : nil
    }
    let plural = life.retrainings.count == 1 ? "" : "s"
    return text + "\(life.retrainings.count) retraining\(plural): "
      + counts.joined(separator: ", ") + "."
  }

  /// The retrainings, newest first, with a coloured decision badge; each one's reason is a
  /// full-width line under its numbers, so the table stays readable on a narrow page.
  static func decisionsTable(_ retrainings: [ModelLife.Retraining]) -> String {
    guard !retrainings.isEmpty else {
      return "<p class=\"note\">No retraining has run yet.</p>\n"
    }
    var html = "<div class=\"scroll\">\n<table class=\"decisions\">\n<thead><tr><th>Date</th>"
    html += "<th>Trigger</th><th>Candidate</th><th>Decision</th>"
    html += "<th class=\"num\">WAPE candidate</th><th class=\"num\">WAPE champion</th>"
    html += "<th class=\"num\">Points</th></tr></thead>\n"
    for retraining in retrainings.reversed() {
      let decision = retraining.decision.rawValue
      var candidate = retraining.candidate ?? "—"
      if let served = retraining.servedAs, served != retraining.candidate {
        candidate += " → " + served
      }
      let comparison = retraining.comparison
      html += "<tbody><tr class=\"decision-\(decision)\"><td class=\"date\">"
      html += retraining.runDate.iso
      html += "</td><td>" + HTMLText.escape(retraining.trigger) + "</td><td>"
      html += HTMLText.escape(candidate) + "</td><td><span class=\"badge decision-\(decision)\">"
      html += retraining.decision.label + "</span></td><td class=\"num\">"
      html += comparison.map { NumberText.percent(ratio: $0.candidateWAPE) } ?? "—"
      html += "</td><td class=\"num\">"
      html += comparison.map { NumberText.percent(ratio: $0.championWAPE) } ?? "—"
      html += "</td><td class=\"num\">"
      html += comparison.map { NumberText.grouped(Double($0.points), digits: 0) } ?? "—"
      html += "</td></tr>\n<tr class=\"reason\"><td colspan=\"7\">"
      html += HTMLText.escape(retraining.reason) + "</td></tr></tbody>\n"
    }
    return html + "</table>\n</div>\n"
  }

  /// A shadow run's chart and its nights in a collapsed table.
  static func shadowFigure(_ run: ModelLife.ShadowRun) -> String {
    let panel = ReportPanel.shadowRun(run.panelName)
    var html = "<figure class=\"panel\">\n<figcaption><strong>"
    html += HTMLText.escape("\(run.shadow) in shadow behind \(run.champion)") + "</strong> "
    var caption = "\(run.firstNight.iso) to \(run.endNight.iso) · \(run.state.label)"
    if !run.nights.isEmpty {
      caption += " · \(run.nights.count) night\(run.nights.count == 1 ? "" : "s") scored: "
      caption += "champion \(NumberText.percent(ratio: run.championWAPE)), shadow "
      caption += NumberText.percent(ratio: run.shadowWAPE)
    }
    html += "<span class=\"caption\">" + HTMLText.escape(caption) + "</span></figcaption>\n"
    if let reason = run.endReason, !reason.isEmpty {
      html += "<p class=\"note\">" + HTMLText.escape(reason) + "</p>\n"
    }
    guard let svg = ShadowChart.svg(run, panel: panel, width: halfWidth, height: 230) else {
      return html + emptyNote(panel, "No night of this shadow run is scored yet.") + "</figure>\n"
    }
    html += svg + "\n<details><summary>Nights</summary>\n"
    html += table(
      headers: ["Night", "Points", "Champion WAPE", "Shadow WAPE"],
      rows: run.nights.map {
        [
          $0.night.iso, NumberText.grouped(Double($0.points), digits: 0),
          NumberText.percent(ratio: $0.championWAPE), NumberText.percent(ratio: $0.shadowWAPE),
        ]
      }, numeric: [1, 2, 3])
    return html + "</details>\n</figure>\n"
  }
}
