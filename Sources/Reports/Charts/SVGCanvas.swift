/// An inline `<svg>` element under construction: shapes are appended in drawing order, with their
/// coordinates printed to one decimal and every text escaped.
///
/// Colours and strokes come from the page's style sheet through `class` names, so a chart's
/// markup says what a shape is (`band`, `median`, `actual`) rather than how it looks.
struct SVGCanvas {
  /// The chart's size in SVG user units; the page scales it to the column width.
  let width: Double
  let height: Double
  private(set) var body = ""

  init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  enum Anchor: String {
    case start, middle, end
  }

  mutating func line(
    x1: Double, y1: Double, x2: Double, y2: Double, class className: String
  ) {
    body += "<line class=\"\(className)\" x1=\"\(c(x1))\" y1=\"\(c(y1))\" x2=\"\(c(x2))\" "
    body += "y2=\"\(c(y2))\"/>"
  }

  /// A rectangle; `fill` overrides the class's colour, `title` becomes a hover tooltip.
  mutating func rect(
    x: Double, y: Double, width: Double, height: Double, class className: String,
    fill: String? = nil, title: String? = nil
  ) {
    body +=
      "<rect class=\"\(className)\" x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(max(0, width)))\" "
    body += "height=\"\(c(max(0, height)))\""
    if let fill { body += " fill=\"\(fill)\"" }
    close("rect", title: title)
  }

  mutating func circle(
    x: Double, y: Double, radius: Double, class className: String, title: String? = nil
  ) {
    body += "<circle class=\"\(className)\" cx=\"\(c(x))\" cy=\"\(c(y))\" r=\"\(c(radius))\""
    close("circle", title: title)
  }

  /// A path through `points`: a polyline, or a closed polygon when `closed`.
  mutating func path(
    _ points: [(x: Double, y: Double)], closed: Bool = false, class className: String
  ) {
    guard let first = points.first else { return }
    var data = "M" + c(first.x) + "," + c(first.y)
    for point in points.dropFirst() { data += "L" + c(point.x) + "," + c(point.y) }
    if closed { data += "Z" }
    body += "<path class=\"\(className)\" d=\"\(data)\"/>"
  }

  /// Text at a point (the baseline's anchor); `text` is escaped here.
  mutating func text(
    _ text: String, x: Double, y: Double, anchor: Anchor = .start, class className: String,
    fill: String? = nil, rotate: Double? = nil
  ) {
    body += "<text class=\"\(className)\" x=\"\(c(x))\" y=\"\(c(y))\""
    if anchor != .start { body += " text-anchor=\"\(anchor.rawValue)\"" }
    if let fill { body += " fill=\"\(fill)\"" }
    if let rotate { body += " transform=\"rotate(\(c(rotate)) \(c(x)) \(c(y)))\"" }
    body += ">" + HTMLText.escape(text) + "</text>"
  }

  /// The finished element, named by `panel` in `data-panel` and described by `label` for screen
  /// readers. It has no fixed size: the style sheet makes it as wide as its column.
  func element(panel: ReportPanel, label: String) -> String {
    "<svg class=\"chart\" data-panel=\"\(HTMLText.escape(panel.identifier))\" viewBox=\"0 0 "
      + c(width) + " " + c(height) + "\" role=\"img\" aria-label=\"" + HTMLText.escape(label)
      + "\">" + body + "</svg>"
  }

  /// Ends the open tag of `element`, with a `<title>` child when there is a tooltip.
  private mutating func close(_ element: String, title: String?) {
    if let title {
      body += "><title>" + HTMLText.escape(title) + "</title></" + element + ">"
    } else {
      body += "/>"
    }
  }

  private func c(_ value: Double) -> String { NumberText.coordinate(value) }
}
