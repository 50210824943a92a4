import Foundation
import Reports

// Writes the demo report (synthetic numbers, see DemoReport) to the path given, for
// `make report-screenshot`.
let arguments = CommandLine.arguments
guard arguments.count == 2 else {
  FileHandle.standardError.write(Data("usage: ReportDemo OUTPUT.html\n".utf8))
  exit(64)
}
do {
  try ReportRenderer.write(DemoReport.make(), to: arguments[1])
  print("wrote \(arguments[1])")
} catch {
  FileHandle.standardError.write(Data("ReportDemo: \(error)\n".utf8))
  exit(1)
}
