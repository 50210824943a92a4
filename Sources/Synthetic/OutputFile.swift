import Foundation
import Tabular

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file being written from start to end with plain `write(2)` calls, no extra buffering:
/// callers hand it large byte ranges from their sinks.
final class OutputFile {
  /// Path relative to the chain's directory, as reported in `GenerationSummary.filesWritten`.
  let relativePath: String
  let path: String
  private var descriptor: Int32
  /// Bytes written so far.
  private(set) var byteCount = 0

  /// Creates (or truncates) `root/relativePath`.
  init(root: String, relativePath: String) throws(GeneratorError) {
    self.relativePath = relativePath
    path = root + "/" + relativePath
    descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { throw .outputFailed(path: path, reason: OutputFile.lastError()) }
  }

  deinit {
    if descriptor >= 0 { _ = systemClose(descriptor) }
  }

  /// Appends `range` of `sink` (all of it when `nil`).
  func write(_ sink: ByteSink, range: Range<Int>? = nil) throws(GeneratorError) {
    let failure: String? = sink.withUnsafeBytes(in: range ?? 0..<sink.count) { bytes in
      writeAll(bytes)
    }
    if let failure { throw .outputFailed(path: path, reason: failure) }
  }

  /// Appends the UTF-8 bytes of `text`.
  func write(_ text: String) throws(GeneratorError) {
    let bytes = Array(text.utf8)
    let failure: String? = bytes.withUnsafeBytes { writeAll($0) }
    if let failure { throw .outputFailed(path: path, reason: failure) }
  }

  /// Closes the file; further writes fail.
  func close() throws(GeneratorError) {
    guard descriptor >= 0 else { return }
    let result = systemClose(descriptor)
    descriptor = -1
    if result != 0 { throw .outputFailed(path: path, reason: OutputFile.lastError()) }
  }

  /// Writes every byte, retrying short writes and interruptions; returns an error message or `nil`.
  private func writeAll(_ bytes: UnsafeRawBufferPointer) -> String? {
    guard var next = bytes.baseAddress else { return nil }
    var remaining = bytes.count
    while remaining > 0 {
      let written = systemWrite(descriptor, next, remaining)
      if written < 0 {
        if errno == EINTR { continue }
        return OutputFile.lastError()
      }
      remaining -= written
      next += written
      byteCount += written
    }
    return nil
  }

  private static func lastError() -> String { String(cString: strerror(errno)) }
}

// The POSIX calls under names that do not collide with this type's own methods.
@inline(__always)
private func systemClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
@inline(__always)
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  write(descriptor, bytes, count)
}
