// The libFuzzer target over the CSV scanner and ingest's row parsers (issue 7, §3).
//
// Built by `scripts/fuzz.sh` with `-sanitize=fuzzer,address -DSHELFCAST_FUZZ`, `main` hands the
// process to libFuzzer, which calls `LLVMFuzzerTestOneInput` with each input it makes; an input
// that breaks a check of `IngestFuzzHarness` aborts, and libFuzzer saves it as a crash. Built
// plainly (`swift build`), it replays the inputs given as files or folders instead, printing what
// each breaks; the exit status is 1 when any breaks something.

import Tabular
import _IngestFuzzing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let violations = IngestFuzzHarness.violations(UnsafeBufferPointer(start: data, count: size))
  guard violations.isEmpty else {
    for violation in violations {
      var line = Array("ShelfCastFuzz: \(violation)\n".utf8)
      _ = write(2, &line, line.count)
    }
    abort()
  }
  return 0
}

#if SHELFCAST_FUZZ
  @_silgen_name("LLVMFuzzerRunDriver")
  func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
  ) -> Int32

  var argc = CommandLine.argc
  var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
  exit(runFuzzerDriver(&argc, &argv, fuzzOneInput))
#else
  exit(Replay.run(Array(CommandLine.arguments.dropFirst())))
#endif
