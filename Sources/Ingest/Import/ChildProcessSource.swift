import Foundation

extension ChunkedCSVReader {
  /// A reader over one member of a zip archive, streamed from a child `unzip -p` process: the
  /// archive is never extracted to disk and never held whole in memory (the pipe's pieces are
  /// scanned as they arrive). `unzip` (Info-ZIP) is a system tool on every supported machine;
  /// a missing tool, a missing member or a damaged archive fails the read with unzip's message.
  ///
  /// - Parameters:
  ///   - archive: the `.zip` file.
  ///   - member: the file inside it (`train.csv`).
  static func zipMember(
    _ archive: String, member: String, unzip: String = "/usr/bin/unzip"
  ) throws -> (reader: ChunkedCSVReader, finish: () throws -> Void) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: unzip)
    process.arguments = ["-p", archive, member]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    do {
      try process.run()
    } catch {
      throw ImportError.cannotRead(path: archive, reason: "\(unzip) could not start (\(error))")
    }
    let handle = output.fileHandleForReading
    let reader = ChunkedCSVReader { buffer, maximumBytes in
      let data = try handle.read(upToCount: maximumBytes) ?? Data()
      buffer.append(contentsOf: data)
      return !data.isEmpty
    }
    let finish: () throws -> Void = {
      // Drain what is left so the child never blocks on a full pipe, then collect its status.
      _ = try? handle.readToEnd()
      let bytes = (try? errors.fileHandleForReading.readToEnd()) ?? nil
      let message = bytes.map { String(decoding: $0, as: UTF8.self) }
      process.waitUntilExit()
      guard process.terminationStatus == 0 else {
        let text = (message ?? "").split(separator: "\n").prefix(2).joined(separator: "; ")
        throw ImportError.cannotRead(
          path: archive, reason: "unzip -p exited with \(process.terminationStatus): \(text)")
      }
    }
    return (reader, finish)
  }
}
