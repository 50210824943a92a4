extension ReportRenderer {
  /// The page's style sheet: system fonts only (no web fonts), a 1200 px column, and the colours
  /// of every chart element by class name.
  static let styleSheet = """
    :root { --ink: #1d232b; --muted: #5b6672; --rule: #d9dee4; --blue: #1f5fa8;
      --band: #9cc3e6; --orange: #e0620d; --red: #c62828; --amber: #b7791f; }
    * { box-sizing: border-box; }
    body { margin: 0; background: #f6f7f9; color: var(--ink);
      font: 15px/1.45 system-ui, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans", Arial,
      sans-serif; }
    main { max-width: 1200px; margin: 0 auto; padding: 20px 24px 40px; }
    header { border-bottom: 2px solid var(--ink); margin-bottom: 8px; }
    h1 { font-size: 26px; margin: 8px 0 4px; }
    h2 { font-size: 19px; margin: 0 0 8px; }
    h3 { font-size: 15px; margin: 14px 0 6px; }
    .meta { margin: 0 0 6px; color: var(--muted); }
    nav { margin: 0 0 10px; font-size: 14px; }
    nav a { margin-right: 14px; }
    a { color: var(--blue); }
    section { background: #fff; border: 1px solid var(--rule); border-radius: 6px;
      padding: 14px 18px 16px; margin: 16px 0; }
    .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 16px 24px; }
    figure.panel { margin: 0; min-width: 0; }
    figcaption { font-size: 14px; margin: 4px 0 2px; }
    .caption { color: var(--muted); }
    svg.chart { display: block; width: 100%; height: auto; max-width: 100%; }
    .note, .empty { color: var(--muted); margin: 4px 0 8px; }
    .empty { padding: 18px; border: 1px dashed var(--rule); border-radius: 4px; text-align: center; }
    .legend { font-size: 13px; color: var(--muted); margin: 0 0 6px; }
    .key { margin-right: 18px; white-space: nowrap; }
    .swatch { display: inline-block; width: 18px; height: 11px; margin-right: 6px;
      vertical-align: -1px; border-radius: 2px; }
    .swatch.band { background: var(--band); }
    .swatch.median { height: 3px; vertical-align: 3px; background: var(--blue); }
    .swatch.actual { width: 8px; height: 8px; border-radius: 50%; background: var(--ink); }
    .swatch.censored { width: 10px; height: 10px; border-radius: 50%; background: #fff;
      border: 2px solid var(--orange); box-shadow: 0 0 0 4px #fde3cc; }
    .swatch.bar-wape { background: var(--blue); }
    .swatch.bar-bias { background: #e8964a; }
    .swatch.bar-coverage { background: #55a58a; }
    .swatch.target { height: 2px; vertical-align: 3px;
      background: repeating-linear-gradient(90deg, #444 0 5px, transparent 5px 9px); }
    .swatch.heat-low { background: #f1f3f5; border: 1px solid var(--rule); }
    .swatch.heat-high { background: #f6c36a; }
    .swatch.drifted { background: var(--red); }
    .swatch.bar-reference { background: #a9b3be; }
    .swatch.bar-recent { background: var(--blue); }
    .table-scroll, .scroll-x { overflow-x: auto; max-width: 100%; }
    .swatch.missing { background: repeating-linear-gradient(45deg, #e4e7eb 0 3px, #fff 3px 6px);
      border: 1px solid var(--rule); }
    .swatch.bar-segment { background: #6b93c4; }
    .swatch.bar-flagged { background: var(--red); }
    .swatch.chain-line { height: 2px; vertical-align: 3px;
      background: repeating-linear-gradient(90deg, var(--ink) 0 4px, transparent 4px 7px); }
    table { border-collapse: collapse; width: 100%; font-size: 13.5px; margin: 4px 0 8px; }
    th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--rule);
      vertical-align: top; }
    th { background: #eef1f4; font-weight: 600; }
    .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    /* Break opportunities in names (after _ = /) only on a narrow window. */
    td.token wbr { display: none; }
    table.alerts tr.sev-critical td:first-child { border-left: 4px solid var(--red); }
    table.alerts tr.sev-warning td:first-child { border-left: 4px solid #e0a100; }
    table.alerts tr.sev-info td:first-child { border-left: 4px solid var(--blue); }
    table.alerts tr.sev-critical { background: #fdecec; }
    table.alerts tr.sev-warning { background: #fff7e0; }
    .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12.5px;
      white-space: nowrap;
      font-weight: 600; color: #fff; }
    .badge.sev-critical { background: var(--red); }
    .badge.sev-warning { background: #d48806; }
    .badge.sev-info { background: var(--blue); }
    tr.drifted-row td { color: var(--red); font-weight: 600; }
    details { margin: 4px 0; font-size: 14px; }
    summary { cursor: pointer; color: var(--blue); }
    footer { color: var(--muted); font-size: 13px; margin-top: 18px; }
    svg.chart text { font-family: system-ui, "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
    svg.chart .tick { font-size: 12px; fill: #4a5561; }
    svg.chart .axis-title { font-size: 12px; fill: #4a5561; font-style: italic; }
    svg.chart .grid { stroke: #e6e9ed; stroke-width: 1; }
    svg.chart .zero, svg.chart .axis { stroke: #7d8793; stroke-width: 1; }
    svg.chart .stockout-day { fill: #fde3cc; }
    svg.chart .band { fill: var(--band); fill-opacity: 0.65; stroke: none; }
    svg.chart .median { fill: none; stroke: var(--blue); stroke-width: 2; }
    svg.chart .actual-line { fill: none; stroke: #1d232b; stroke-width: 1; stroke-opacity: 0.55; }
    svg.chart .actual { fill: #1d232b; }
    svg.chart .actual.censored { fill: #fff; stroke: var(--orange); stroke-width: 2; }
    svg.chart .bar-wape { fill: var(--blue); }
    svg.chart .bar-bias { fill: #e8964a; }
    svg.chart .bar-coverage { fill: #55a58a; }
    svg.chart .bar-reference { fill: #a9b3be; }
    svg.chart .bar-recent { fill: var(--blue); }
    svg.chart .value-label { font-size: 11px; fill: #333; paint-order: stroke;
      stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
    svg.chart .value-label.flagged { fill: var(--red); font-weight: 600; }
    svg.chart .target { stroke: #444; stroke-width: 1.5; stroke-dasharray: 5 4; }
    svg.chart .target-label { font-size: 11px; fill: #444; }
    svg.chart .column-head { font-size: 12px; font-weight: 600; fill: var(--ink); }
    svg.chart .column-sub { font-size: 11.5px; fill: var(--muted); }
    svg.chart .row-label { font-size: 12.5px; fill: var(--ink); }
    svg.chart .group-head { font-size: 12.5px; font-weight: 700; fill: var(--ink);
      text-transform: capitalize; }
    svg.chart .cell { stroke: #dde1e6; stroke-width: 1; }
    svg.chart .cell.drifted { fill: var(--red); stroke: #7f1010; stroke-width: 2; }
    svg.chart .cell-missing { fill: #f3f4f6; stroke: #e4e7eb; stroke-dasharray: 2 2; }
    svg.chart .cell-value { font-size: 12px; fill: var(--ink); font-variant-numeric: tabular-nums; }
    svg.chart .cell-value.drifted { fill: #fff; font-weight: 700; }
    svg.chart .cell-p { font-size: 10px; fill: var(--muted); font-variant-numeric: tabular-nums; }
    svg.chart .cell-p.drifted { fill: #fff; }
    svg.chart .bar-segment { fill: #6b93c4; }
    svg.chart .bar-flagged { fill: var(--red); }
    svg.chart .chain-line { stroke: var(--ink); stroke-width: 2; stroke-dasharray: 4 3; }
    svg.chart .chain-label { font-size: 12px; font-weight: 600; fill: var(--ink); }
    .scroll { overflow-x: auto; }
    .swatch.service { height: 8px; vertical-align: 1px; background: #8fb3dc; }
    .swatch.service-current { height: 8px; vertical-align: 1px; background: var(--blue); }
    .swatch.shadow-period { background: #fde3cc; border: 1px dashed var(--orange); }
    .swatch.trained-through { width: 2px; height: 14px; vertical-align: -3px; background: #4a5561; }
    .swatch.wape-champion { height: 3px; vertical-align: 3px; background: var(--blue); }
    .swatch.wape-shadow { height: 3px; vertical-align: 3px;
      background: repeating-linear-gradient(90deg, var(--orange) 0 6px, transparent 6px 9px); }
    .swatch[class*="decision-"] { width: 11px; height: 11px; border-radius: 50%; }
    .swatch.decision-first_model, .badge.decision-first_model { background: #6a4fb3; }
    .swatch.decision-promoted, .badge.decision-promoted { background: #2e7d32; }
    .swatch.decision-rejected, .badge.decision-rejected { background: var(--red); }
    .swatch.decision-deferred { background: #fff; border: 2px solid var(--amber); }
    .badge.decision-deferred { background: #fff; color: var(--amber); border: 1px solid var(--amber); }
    .swatch.decision-failed, .badge.decision-failed { background: var(--ink); }
    .swatch.decision-by_hand, .badge.decision-by_hand { background: #7d8793; }
    .timeline { max-width: 1000px; }
    table.decisions td.date, table.decisions .badge { white-space: nowrap; }
    table.decisions th, table.decisions td { padding-left: 6px; padding-right: 6px; }
    table.decisions tr:first-child td { border-bottom: none; padding-bottom: 1px; }
    table.decisions tr.reason td { padding-top: 0; font-size: 12.5px; color: var(--muted); }
    table.decisions tbody { break-inside: avoid; }
    tr.champion-row td { font-weight: 600; }
    svg.chart .lane-label { font-size: 14px; font-weight: 600; fill: var(--ink); }
    svg.chart .lane-label.current { fill: var(--blue); }
    svg.chart .lane-sub { font-size: 12px; fill: var(--muted); }
    svg.chart .lane-rule { stroke: #e6e9ed; stroke-width: 1; }
    svg.chart .service { fill: #8fb3dc; }
    svg.chart .service.current { fill: var(--blue); }
    svg.chart .shadow-period { fill: #fde3cc; stroke: var(--orange); stroke-width: 1;
      stroke-dasharray: 4 3; }
    svg.chart .trained-through { stroke: #4a5561; stroke-width: 2; }
    svg.chart .decision { stroke: #fff; stroke-width: 1.5; }
    svg.chart .decision.first_model { fill: #6a4fb3; }
    svg.chart .decision.promoted { fill: #2e7d32; }
    svg.chart .decision.rejected { fill: var(--red); }
    svg.chart .decision.deferred { fill: #fff; stroke: var(--amber); stroke-width: 2.5; }
    svg.chart .decision.failed { fill: var(--ink); }
    svg.chart .decision.by_hand { fill: #7d8793; }
    svg.chart .wape-champion { fill: none; stroke: var(--blue); stroke-width: 2; }
    svg.chart .wape-shadow { fill: none; stroke: var(--orange); stroke-width: 2;
      stroke-dasharray: 6 3; }
    svg.chart .wape-champion-dot { fill: var(--blue); }
    svg.chart .wape-shadow-dot { fill: var(--orange); }
    @media (max-width: 820px) {
      .grid { grid-template-columns: 1fr; }
      th, td { padding: 4px 6px; }
      td.token wbr { display: inline; }
      .scroll-x > svg.chart { min-width: 1040px; }
      /* Drawn full width, these shrink to about 0.6 on a narrow window: larger text. */
      section#subgroups svg.chart text { font-size: 17px; }
      /* The chain's chart is drawn full width and shrinks to about 0.6: larger axis text. */
      section#chain svg.chart .tick, section#chain svg.chart .axis-title { font-size: 16px; }
    }
    @media print {
      body { background: #fff; }
      main { max-width: none; padding: 0; }
      nav { display: none; }
      h2, h3, .legend { break-after: avoid; }
      section { break-inside: avoid; border-color: #bbb; }
      section#model-life { break-inside: auto; }
      svg.chart, figure.panel, tr { break-inside: avoid; }
      .table-scroll, .scroll-x { overflow: visible; }
      .scroll-x > svg.chart { min-width: 0; }
      .badge, .swatch, svg.chart { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
    }

    """
}
