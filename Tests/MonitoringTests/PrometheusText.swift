/// A strict, independent reader of the Prometheus text exposition format 0.0.4, written from the
/// format's specification (prometheus.io/docs/instrumenting/exposition_formats, "Text format
/// details") rather than from swift-prometheus, to check what `MetricsFile` writes.
///
/// It rejects, with the line number:
/// - a line that does not end in `\n` (including the last), or that is not valid UTF-8;
/// - a `# HELP` or `# TYPE` line with a bad metric name, a bad escape in the help text (only `\\`
///   and `\n` are allowed), or an unknown type; a second HELP or TYPE for one name; a TYPE after
///   that name's first sample;
/// - a sample with a bad metric or label name, a label name starting `__` or repeated, a label
///   value not in double quotes or with an escape other than `\\`, `\"` and `\n`, a value that is
///   not a float (Go `ParseFloat` syntax, plus `NaN`, `+Inf`, `-Inf`), or a timestamp that is not
///   an integer;
/// - the same series (name and label set) twice, and a family whose lines are not one group.
enum PrometheusText {
  struct Sample: Equatable {
    var name: String
    var labels: [Label]
    var value: Double
    var timestampMilliseconds: Int64?
  }

  struct Label: Equatable {
    var name: String
    var value: String
  }

  struct Family: Equatable {
    var name: String
    var help: String?
    var type: String?
    var samples: [Sample]
  }

  struct ParseError: Error, Equatable, CustomStringConvertible {
    var line: Int
    var reason: String
    var description: String { "line \(line): \(reason)" }
  }

  static let types: Set<String> = ["counter", "gauge", "histogram", "summary", "untyped"]

  /// The families of `bytes`, in order of first appearance.
  static func parse(_ bytes: [UInt8]) throws(ParseError) -> [Family] {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw ParseError(line: 0, reason: "not valid UTF-8")
    }
    guard bytes.isEmpty || bytes.last == UInt8(ascii: "\n") else {
      throw ParseError(line: text.split(separator: "\n").count, reason: "no final line feed")
    }
    var families: [Family] = []
    var indexByName: [String: Int] = [:]
    var seenSeries: Set<String> = []
    var currentFamily: String?
    var closedFamilies: Set<String> = []

    func family(_ name: String, line: Int) throws(ParseError) -> Int {
      if currentFamily != name {
        if let current = currentFamily { closedFamilies.insert(current) }
        if closedFamilies.contains(name) {
          throw ParseError(line: line, reason: "lines of \(name) are not one group")
        }
        currentFamily = name
      }
      if let index = indexByName[name] { return index }
      families.append(Family(name: name, help: nil, type: nil, samples: []))
      indexByName[name] = families.count - 1
      return families.count - 1
    }

    // Split on LF scalars: a CR before it stays in the line (and makes it invalid).
    let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
      .dropLast()
    for (offset, rawLine) in lines.enumerated() {
      let number = offset + 1
      let line = Substring(String(rawLine))
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
      if line.hasPrefix("#") {
        let words = line.dropFirst().drop(while: { $0 == " " || $0 == "\t" })
        let isHelp = words.hasPrefix("HELP ")
        let isType = words.hasPrefix("TYPE ")
        guard isHelp || isType else { continue }  // another comment
        let rest = words.dropFirst(5)
        let name = String(rest.prefix(while: { $0 != " " }))
        guard isMetricName(name) else {
          throw ParseError(line: number, reason: "bad metric name '\(name)'")
        }
        let index = try family(name, line: number)
        let argument = rest.dropFirst(name.count).drop(while: { $0 == " " })
        if isHelp {
          guard families[index].help == nil else {
            throw ParseError(line: number, reason: "second HELP for \(name)")
          }
          families[index].help = try unescapeHelp(argument, line: number)
        } else {
          guard families[index].type == nil else {
            throw ParseError(line: number, reason: "second TYPE for \(name)")
          }
          guard families[index].samples.isEmpty else {
            throw ParseError(line: number, reason: "TYPE for \(name) after its samples")
          }
          guard types.contains(String(argument)) else {
            throw ParseError(line: number, reason: "unknown type '\(argument)'")
          }
          families[index].type = String(argument)
        }
        continue
      }
      let sample = try parseSample(line, line: number)
      let index = try family(sample.name, line: number)
      let series =
        sample.name + "{"
        + sample.labels.sorted { $0.name < $1.name }.map { "\($0.name)=\($0.value)" }.joined(
          separator: "\u{0}") + "}"
      guard seenSeries.insert(series).inserted else {
        throw ParseError(line: number, reason: "series \(series) appears twice")
      }
      families[index].samples.append(sample)
    }
    return families
  }

  // MARK: - Pieces

  static func isMetricName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first else { return false }
    return (isLetter(first) || first == "_" || first == ":")
      && name.unicodeScalars.allSatisfy { isLetter($0) || isDigit($0) || $0 == "_" || $0 == ":" }
  }

  static func isLabelName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first else { return false }
    return (isLetter(first) || first == "_")
      && name.unicodeScalars.allSatisfy { isLetter($0) || isDigit($0) || $0 == "_" }
  }

  static func isLetter(_ s: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(s) || ("A"..."Z").contains(s)
  }

  static func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }

  static func unescapeHelp(_ text: Substring, line: Int) throws(ParseError) -> String {
    var result = ""
    var escaping = false
    for character in text {
      if escaping {
        switch character {
        case "\\": result.append("\\")
        case "n": result.append("\n")
        default: throw ParseError(line: line, reason: "bad escape '\\\(character)' in HELP")
        }
        escaping = false
      } else if character == "\\" {
        escaping = true
      } else {
        result.append(character)
      }
    }
    guard !escaping else { throw ParseError(line: line, reason: "HELP ends in a backslash") }
    return result
  }

  static func parseSample(_ text: Substring, line: Int) throws(ParseError) -> Sample {
    var rest = text
    let name = String(rest.prefix(while: { $0 != "{" && $0 != " " && $0 != "\t" }))
    guard isMetricName(name) else {
      throw ParseError(line: line, reason: "bad metric name '\(name)'")
    }
    rest = rest.dropFirst(name.count)
    var labels: [Label] = []
    if rest.first == "{" {
      rest = rest.dropFirst()
      while true {
        if rest.first == "}" {
          rest = rest.dropFirst()
          break
        }
        let labelName = String(rest.prefix(while: { $0 != "=" }))
        guard isLabelName(labelName), !labelName.hasPrefix("__") else {
          throw ParseError(line: line, reason: "bad label name '\(labelName)'")
        }
        guard !labels.contains(where: { $0.name == labelName }) else {
          throw ParseError(line: line, reason: "label '\(labelName)' repeated")
        }
        rest = rest.dropFirst(labelName.count + 1)
        guard rest.first == "\"" else {
          throw ParseError(line: line, reason: "value of label '\(labelName)' is not quoted")
        }
        rest = rest.dropFirst()
        var value = ""
        var closed = false
        while let character = rest.first {
          rest = rest.dropFirst()
          if character == "\"" {
            closed = true
            break
          }
          if character == "\\" {
            switch rest.first {
            case "\\": value.append("\\")
            case "\"": value.append("\"")
            case "n": value.append("\n")
            default:
              throw ParseError(line: line, reason: "bad escape in label '\(labelName)'")
            }
            rest = rest.dropFirst()
          } else {
            value.append(character)
          }
        }
        guard closed else {
          throw ParseError(line: line, reason: "label '\(labelName)' value is not closed")
        }
        labels.append(Label(name: labelName, value: value))
        if rest.first == "," {
          rest = rest.dropFirst()
        } else if rest.first != "}" {
          throw ParseError(line: line, reason: "expected ',' or '}' after label '\(labelName)'")
        }
      }
    }
    let fields = rest.split(whereSeparator: { $0 == " " || $0 == "\t" })
    guard rest.first == " " || rest.first == "\t", fields.count == 1 || fields.count == 2 else {
      throw ParseError(line: line, reason: "expected ' value [timestamp]' after the series")
    }
    guard let value = parseValue(fields[0]) else {
      throw ParseError(line: line, reason: "'\(fields[0])' is not a float")
    }
    var timestamp: Int64?
    if fields.count == 2 {
      guard let parsed = Int64(fields[1]) else {
        throw ParseError(line: line, reason: "'\(fields[1])' is not a timestamp")
      }
      timestamp = parsed
    }
    return Sample(name: name, labels: labels, value: value, timestampMilliseconds: timestamp)
  }

  /// A float in Go `strconv.ParseFloat` decimal syntax (what Prometheus uses), or `nil`.
  static func parseValue(_ text: Substring) -> Double? {
    switch text.lowercased() {
    case "nan": return .nan
    case "+inf", "inf", "+infinity", "infinity": return .infinity
    case "-inf", "-infinity": return -.infinity
    default: break
    }
    // [sign] digits [. digits] [e [sign] digits], at least one digit in the mantissa.
    let scalars = Array(text.unicodeScalars)
    var i = 0
    if i < scalars.count, scalars[i] == "+" || scalars[i] == "-" { i += 1 }
    var mantissaDigits = 0
    while i < scalars.count, isDigit(scalars[i]) {
      i += 1
      mantissaDigits += 1
    }
    if i < scalars.count, scalars[i] == "." {
      i += 1
      while i < scalars.count, isDigit(scalars[i]) {
        i += 1
        mantissaDigits += 1
      }
    }
    guard mantissaDigits > 0 else { return nil }
    if i < scalars.count, scalars[i] == "e" || scalars[i] == "E" {
      i += 1
      if i < scalars.count, scalars[i] == "+" || scalars[i] == "-" { i += 1 }
      var exponentDigits = 0
      while i < scalars.count, isDigit(scalars[i]) {
        i += 1
        exponentDigits += 1
      }
      guard exponentDigits > 0 else { return nil }
    }
    guard i == scalars.count else { return nil }
    return Double(String(text))
  }
}
