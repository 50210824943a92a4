import Foundation

/// Runs the `shelfcast` executable SwiftPM built next to the test bundle, as a user would, and
/// returns its exit status and both output streams.
public enum ShelfCastProcess {
  public struct Result: Sendable {
    public var status: Int32
    public var output: String
    public var error: String
  }

  /// The executable: in the bundle's folder (Linux) or beside the `.xctest` bundle (macOS).
  public static var executable: URL {
    var url = Bundle.main.bundleURL
    if !FileManager.default.fileExists(atPath: url.appendingPathComponent("shelfcast").path) {
      url = Bundle(for: BundleMarker.self).bundleURL.deletingLastPathComponent()
    }
    return url.appendingPathComponent("shelfcast")
  }

  /// - Parameters:
  ///   - environment: variables added to this process's environment for the run
  ///     (`SHELFCAST_CRASH_AT`, for instance).
  ///   - directory: the working directory; this process's when `nil`.
  ///   - input: bytes written to its standard input (then closed); none when `nil`.
  public static func run(
    _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil,
    input: Data? = nil
  ) throws -> Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    let standardInput = Pipe()
    process.standardInput = input == nil ? FileHandle.nullDevice : standardInput
    try process.run()
    if let input {
      standardInput.fileHandleForWriting.write(input)
      try standardInput.fileHandleForWriting.close()
    }
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    let errData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
      error: String(decoding: errData, as: UTF8.self))
  }

  private final class BundleMarker {}
}
