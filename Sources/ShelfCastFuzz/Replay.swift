import Foundation
import Tabular
import _IngestFuzzing

/// Runs the fuzz checks on saved inputs: each path is a file, or a folder whose files (not
/// hidden, not in subfolders) are each an input.
enum Replay {
  /// - Returns: the exit status: 0 when every input passes, 1 when any breaks a check or cannot be
  ///   read, 2 without inputs.
  static func run(_ paths: [String]) -> Int32 {
    guard !paths.isEmpty else {
      print("usage: ShelfCastFuzz <input file or folder>...")
      print("Replays saved fuzz inputs through the checks of IngestFuzzHarness; scripts/fuzz.sh")
      print("builds the libFuzzer target itself.")
      return 2
    }
    var inputs: [String] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        isDirectory.boolValue
      {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        inputs += names.filter { !$0.hasPrefix(".") }.sorted().map { path + "/" + $0 }
      } else {
        inputs.append(path)
      }
    }
    var failed = 0
    for input in inputs {
      do {
        let file = try FileBytes(path: input)
        let violations = file.withBytes { IngestFuzzHarness.violations($0) }
        if violations.isEmpty {
          print("\(input): ok (\(file.withBytes { IngestFuzzHarness.summary($0) }))")
        } else {
          failed += 1
          for violation in violations { print("\(input): \(violation)") }
        }
      } catch {
        failed += 1
        print("\(error)")
      }
    }
    print("\(inputs.count - failed) of \(inputs.count) inputs pass")
    return failed == 0 ? 0 : 1
  }
}
